/**
 * Cents → a JSON/CSV number with exactly two decimals (`1999` → `19.99`, `-5` → `-0.05`).
 * Money is kept in integer cents throughout, so totals add up exactly; this is the only place
 * it becomes a decimal.
 */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const fraction = absolute % 100;
  return `${sign}${(absolute - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
}
