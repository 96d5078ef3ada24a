// @ts-check
/**
 * A tiny DOM builder for the docs pages. Strings always become text nodes, so names, SQL
 * and column types from the artifacts can never inject markup; the one exception,
 * `trustedHtml`, is only given descriptions that were sanitised when the site was generated.
 */
(function (root) {
  /**
   * @typedef {string | number | Node | null | undefined | false} Child
   * @typedef {Record<string, string | number | boolean | undefined | EventListener>} Props
   */

  /**
   * @param {string} tag
   * @param {Props & { trustedHtml?: string }} [props]
   * @param {...(Child | Child[])} children
   * @returns {HTMLElement}
   */
  function el(tag, props = {}, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === false) continue;
      if (key === 'trustedHtml') element.innerHTML = String(value);
      else if (key === 'class') element.className = String(value);
      else if (typeof value === 'function') element.addEventListener(key.replace(/^on/, ''), value);
      else element.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  /** Human names of resource types, plural for headings. */
  const TYPE_PLURALS = {
    model: 'Models',
    source: 'Sources',
    seed: 'Seeds',
    snapshot: 'Snapshots',
    analysis: 'Analyses',
    test: 'Data tests',
    unit_test: 'Unit tests',
    exposure: 'Exposures',
    metric: 'Metrics',
    macro: 'Macros',
  };

  /**
   * A coloured resource-type badge.
   * @param {string} type
   */
  function typeBadge(type) {
    return el('span', { class: `badge type-${type}` }, type);
  }

  /**
   * A run or test status pill (`success`, `pass`, `error`, `fail`, `warn`, `skipped`).
   * @param {string | undefined} status
   */
  function statusPill(status) {
    if (!status) return el('span', { class: 'status status-none' }, 'not run');
    return el('span', { class: `status status-${status.toLowerCase()}` }, status);
  }

  /** @param {string} id */
  function nodeHref(id) {
    return `#/node/${encodeURIComponent(id)}`;
  }

  const api = { el, typeBadge, statusPill, nodeHref, typePlurals: TYPE_PLURALS };
  const target = /** @type {{ tsdbtDocs?: object }} */ (root);
  target.tsdbtDocs = Object.assign(target.tsdbtDocs || {}, api);
})(/** @type {unknown} */ (globalThis));
