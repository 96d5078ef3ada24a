// @ts-check
/**
 * The node selection syntax of the tsdbt CLI (`--select`), evaluated in the browser over the
 * docs index so the lineage filter box accepts exactly what `tsdbt run -s` accepts:
 *
 *   name, name_with_*_wildcards, path/to/folder, fqn.parts
 *   +x (x and all ancestors)     x+ (x and all descendants)
 *   2+x (ancestors up to 2 away) x+1 (descendants up to 1 away)
 *   @x (x, its descendants, and the ancestors of those descendants)
 *   tag:t  path:p  resource_type:model  source:s  source:s.table
 *   config.materialized:table  package:p  fqn:a.b  name:n
 *   "a b" = union, "a,b" = intersection
 *
 * Plain browser script (no modules, so it works from file://): it publishes its functions on
 * `globalThis.tsdbtDocs`. Node can import it for tests; types in browser-api.d.ts.
 */
(function (root) {
  /**
   * @typedef {object} SelectableNode
   * @property {string} id
   * @property {string} name
   * @property {string} type
   * @property {string} path
   * @property {string} package
   * @property {readonly string[]} tags
   * @property {string} [materialized]
   * @property {string} [sourceName]
   * @property {string} fqn
   * @property {readonly number[]} parents
   * @property {readonly number[]} children
   */

  /**
   * @typedef {object} SelectorAtom
   * @property {boolean} at `@x`
   * @property {number | undefined} upDepth ancestors depth (Infinity = all), undefined = none
   * @property {number | undefined} downDepth descendants depth, undefined = none
   * @property {string} method
   * @property {string} value
   */

  const METHODS = ['name', 'tag', 'path', 'resource_type', 'source', 'config.materialized', 'package', 'fqn'];

  /**
   * Parses one atom such as `2+tag:nightly+1`.
   * @param {string} text
   * @returns {SelectorAtom}
   */
  function parseAtom(text) {
    let rest = text;
    const at = rest.startsWith('@');
    if (at) rest = rest.slice(1);
    /** @type {number | undefined} */
    let upDepth;
    /** @type {number | undefined} */
    let downDepth;
    const up = /^(\d*)\+/.exec(rest);
    if (up) {
      upDepth = up[1] === '' ? Infinity : Number(up[1]);
      rest = rest.slice(up[0].length);
    }
    const down = /\+(\d*)$/.exec(rest);
    if (down) {
      downDepth = down[1] === '' ? Infinity : Number(down[1]);
      rest = rest.slice(0, rest.length - down[0].length);
    }
    if (rest === '') throw new Error(`Selector "${text}" names no node.`);
    if (at && (upDepth !== undefined || downDepth !== undefined)) {
      throw new Error(`Selector "${text}" mixes @ with +; use either @x or n+x+n.`);
    }
    const colon = rest.indexOf(':');
    let method = 'default';
    let value = rest;
    if (colon > 0) {
      method = rest.slice(0, colon);
      value = rest.slice(colon + 1);
      if (!METHODS.includes(method)) {
        throw new Error(`Unknown selector method "${method}:". Supported: ${METHODS.map((name) => `${name}:`).join(', ')}.`);
      }
    }
    return { at, upDepth, downDepth, method, value };
  }

  /**
   * A `*`/`?` glob as an anchored regular expression.
   * @param {string} pattern
   */
  function globToRegExp(pattern) {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp(`^${escaped}$`);
  }

  /**
   * dbt's fqn rule: the selector's dotted parts match a prefix of the fqn, with or without
   * the package name in front (`staging` selects every model under models/staging).
   * @param {string[]} fqn
   * @param {RegExp[]} parts
   */
  function fqnPrefixMatches(fqn, parts) {
    const matchesFrom = (/** @type {number} */ offset) =>
      parts.length <= fqn.length - offset && parts.every((part, index) => part.test(fqn[offset + index]));
    return matchesFrom(0) || matchesFrom(1);
  }

  /**
   * @param {string} value
   * @returns {(node: SelectableNode) => boolean}
   */
  function pathMatcher(value) {
    const wanted = value.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
    const glob = globToRegExp(wanted);
    return (node) => node.path === wanted || node.path.startsWith(`${wanted}/`) || glob.test(node.path);
  }

  /**
   * The predicate for one method:value pair.
   * @param {string} method
   * @param {string} value
   * @returns {(node: SelectableNode) => boolean}
   */
  function matcherFor(method, value) {
    const glob = globToRegExp(value);
    switch (method) {
      case 'name':
        return (node) => glob.test(node.name);
      case 'tag':
        return (node) => node.tags.some((tag) => glob.test(tag));
      case 'path':
        return pathMatcher(value);
      case 'resource_type':
        return (node) => node.type === value;
      case 'config.materialized':
        return (node) => node.materialized !== undefined && glob.test(node.materialized);
      case 'package':
        return (node) => glob.test(node.package);
      case 'source': {
        const [sourceGlob, tableGlob] = value.split('.').map(globToRegExp);
        return (node) =>
          node.type === 'source' &&
          node.sourceName !== undefined &&
          sourceGlob.test(node.sourceName) &&
          (tableGlob === undefined || tableGlob.test(node.name));
      }
      case 'fqn': {
        const parts = value.split('.').map(globToRegExp);
        return (node) => fqnPrefixMatches(node.fqn.split('.'), parts);
      }
      default: {
        // A bare word: a path when it looks like one, otherwise a name or fqn (dbt's default).
        if (value.includes('/') || value.endsWith('.sql')) return pathMatcher(value);
        const parts = value.split('.').map(globToRegExp);
        return (node) => glob.test(node.name) || node.id === value || fqnPrefixMatches(node.fqn.split('.'), parts);
      }
    }
  }

  /**
   * Breadth-first walk along `parents` or `children` up to `depth` steps.
   * @param {readonly SelectableNode[]} nodes
   * @param {Iterable<number>} start
   * @param {'parents' | 'children'} direction
   * @param {number} depth
   * @param {Set<number>} into
   */
  function walk(nodes, start, direction, depth, into) {
    /** @type {number[]} */
    let frontier = [...start];
    const seen = new Set(frontier);
    for (let step = 0; step < depth && frontier.length > 0; step++) {
      /** @type {number[]} */
      const next = [];
      for (const index of frontier) {
        for (const neighbour of nodes[index][direction]) {
          if (seen.has(neighbour)) continue;
          seen.add(neighbour);
          into.add(neighbour);
          next.push(neighbour);
        }
      }
      frontier = next;
    }
  }

  /**
   * @param {readonly SelectableNode[]} nodes
   * @param {SelectorAtom} atom
   * @returns {Set<number>}
   */
  function evaluateAtom(nodes, atom) {
    const matches = matcherFor(atom.method, atom.value);
    /** @type {number[]} */
    const seeds = [];
    nodes.forEach((node, index) => {
      if (matches(node)) seeds.push(index);
    });
    const result = new Set(seeds);
    if (atom.at) {
      const descendants = new Set(seeds);
      walk(nodes, seeds, 'children', Infinity, descendants);
      for (const index of descendants) result.add(index);
      walk(nodes, descendants, 'parents', Infinity, result);
      return result;
    }
    if (atom.upDepth !== undefined) walk(nodes, seeds, 'parents', atom.upDepth, result);
    if (atom.downDepth !== undefined) walk(nodes, seeds, 'children', atom.downDepth, result);
    return result;
  }

  /**
   * Evaluates a selection expression; an empty expression selects every node.
   * Throws an Error with a readable message when the expression cannot be parsed.
   * @param {readonly SelectableNode[]} nodes
   * @param {string} expression
   * @returns {Set<number>} indexes into `nodes`
   */
  function selectNodes(nodes, expression) {
    const terms = expression.trim().split(/\s+/).filter((term) => term !== '');
    if (terms.length === 0) return new Set(nodes.keys());
    /** @type {Set<number>} */
    const union = new Set();
    for (const term of terms) {
      const sets = term
        .split(',')
        .filter((part) => part !== '')
        .map((part) => evaluateAtom(nodes, parseAtom(part)));
      const [first, ...others] = sets;
      for (const index of first ?? []) {
        if (others.every((set) => set.has(index))) union.add(index);
      }
    }
    return union;
  }

  const api = { selectNodes, parseAtom, selectorMethods: METHODS };
  root.tsdbtDocs = Object.assign(root.tsdbtDocs || {}, api);
})(/** @type {{ tsdbtDocs?: object }} */ (/** @type {unknown} */ (globalThis)));
