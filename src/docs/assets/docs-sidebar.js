/**
 * The left-hand tree: resource types, then folders (sources by source name, macros by
 * package). Folders render their contents when first opened, so a 10,000-model project
 * builds a few dozen elements on open instead of 10,000.
 */
(function (root) {
  const docs = root.tsdbtDocs;
  const { el, nodeHref, typePlurals } = docs;

  /** Leaves rendered per batch inside one folder; "show more" renders the next batch. */
  const BATCH = 400;
  /** First path segments that only repeat the resource type. */
  const ROOT_FOLDERS = new Set(['models', 'seeds', 'snapshots', 'analyses', 'tests', 'macros']);

  /**
   * @typedef {{ name: string, folders: Map<string, Folder>, leaves: number[], element?: HTMLDetailsElement, rendered: number }} Folder
   * @typedef {{ id: string, name: string, type: string, path: string, package: string, sourceName?: string }} TreeNode
   */

  /** @param {string} name @returns {Folder} */
  function folder(name) {
    return { name, folders: new Map(), leaves: [], rendered: 0 };
  }

  /** @param {TreeNode} node */
  function folderPath(node) {
    if (node.type === 'source') return [node.sourceName ?? 'sources'];
    const segments = node.path.split('/').slice(0, -1);
    if (segments.length > 0 && ROOT_FOLDERS.has(segments[0])) segments.shift();
    return node.type === 'macro' ? [node.package, ...segments] : segments;
  }

  /**
   * Creates the tree inside `container`.
   * @param {HTMLElement} container
   * @param {readonly TreeNode[]} nodes
   * @returns {{ reveal(index: number): void }}
   */
  function createSidebar(container, nodes) {
    /** @type {Map<string, Folder>} */
    const groups = new Map();
    /** index -> chain of folders holding it */
    /** @type {Map<number, Folder[]>} */
    const chains = new Map();
    nodes.forEach((node, index) => {
      let group = groups.get(node.type);
      if (!group) groups.set(node.type, (group = folder(typePlurals[node.type] ?? node.type)));
      const chain = [group];
      let current = group;
      for (const segment of folderPath(node)) {
        let next = current.folders.get(segment);
        if (!next) current.folders.set(segment, (next = folder(segment)));
        chain.push(next);
        current = next;
      }
      current.leaves.push(index);
      chains.set(index, chain);
    });

    /** @param {Folder} item */
    const count = (item) => {
      let total = item.leaves.length;
      for (const child of item.folders.values()) total += count(child);
      return total;
    };

    /** @param {Folder} item @param {HTMLElement} body */
    const renderLeaves = (item, body, upTo = BATCH) => {
      body.querySelector(':scope > .tree-more')?.remove();
      const end = Math.min(item.leaves.length, Math.max(upTo, item.rendered));
      for (let i = item.rendered; i < end; i++) {
        const node = nodes[item.leaves[i]];
        body.append(el('a', { class: `tree-leaf type-${node.type}`, href: nodeHref(node.id), 'data-id': node.id, title: node.id }, el('span', { class: `dot type-${node.type}` }), node.name));
      }
      item.rendered = end;
      if (end < item.leaves.length) {
        body.append(el('button', { class: 'tree-more', type: 'button', onclick: () => renderLeaves(item, body, end + BATCH) }, `Show ${Math.min(BATCH, item.leaves.length - end)} more of ${item.leaves.length - end}`));
      }
    };

    /** @param {Folder} item @param {string} className */
    const renderFolder = (item, className) => {
      const body = el('div', { class: 'tree-body' });
      const details = /** @type {HTMLDetailsElement} */ (el('details', { class: className }, el('summary', {}, el('span', { class: 'tree-name' }, item.name), el('span', { class: 'count' }, count(item))), body));
      let filled = false;
      details.addEventListener('toggle', () => {
        if (!details.open || filled) return;
        filled = true;
        for (const child of [...item.folders.values()].sort((a, b) => a.name.localeCompare(b.name))) body.append(renderFolder(child, 'tree-folder'));
        renderLeaves(item, body);
      });
      item.element = details;
      return details;
    };

    container.replaceChildren(...[...groups.values()].map((group) => renderFolder(group, 'tree-group')));

    return {
      reveal(index) {
        container.querySelector('.tree-leaf.active')?.classList.remove('active');
        const chain = chains.get(index);
        if (!chain) return;
        for (const item of chain) {
          // Opening fires 'toggle' asynchronously; fill now so the leaf exists below.
          if (item.element && !item.element.open) {
            item.element.open = true;
            item.element.dispatchEvent(new Event('toggle'));
          }
        }
        const holder = chain[chain.length - 1];
        const position = holder.leaves.indexOf(index);
        const body = /** @type {HTMLElement | null} */ (holder.element?.querySelector(':scope > .tree-body') ?? null);
        if (body && position >= holder.rendered) renderLeaves(holder, body, position + 1);
        const leaf = container.querySelector(`.tree-leaf[data-id="${CSS.escape(nodes[index].id)}"]`);
        if (leaf) {
          leaf.classList.add('active');
          leaf.scrollIntoView({ block: 'center' });
        }
      },
    };
  }

  docs.createSidebar = createSidebar;
})(globalThis);
