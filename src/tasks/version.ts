/** tsdbt's version, printed in the header and written into artifacts. */
export const TSDBT_VERSION = '0.1.0';
