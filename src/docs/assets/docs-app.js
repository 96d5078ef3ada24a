/**
 * The page controller: reads the index global written by `generateDocsSite`, wires the
 * search box, the sidebar, hash routing (`#/` and `#/node/<unique_id>`) and the lineage
 * panel, and loads page-data shards on demand with script tags (fetch is blocked on file://).
 */
(function (root) {
  const docs = root.tsdbtDocs;
  const { el, typeBadge, nodeHref } = docs;
  const index = root.__TSDBT_DOCS_INDEX__;
  const nodes = index.nodes;
  const indexById = new Map(nodes.map((node, position) => [node.id, position]));
  docs.indexById = indexById;

  /** At most this many nodes are laid out; elkjs takes ~0.4 s for 300 on a laptop. */
  const GRAPH_CAP = 300;

  const $ = (id) => document.getElementById(id);
  const searchInput = $('search');
  const resultsList = $('search-results');
  const page = $('page');
  const filterInput = $('lineage-filter');
  const upInput = $('lineage-up');
  const downInput = $('lineage-down');
  const testsInput = $('lineage-tests');
  const message = $('lineage-message');
  const svg = $('lineage-svg');

  // ---- page data shards ----------------------------------------------------------------
  const shardLoads = new Map();
  function loadShard(number) {
    const shards = () => root.__TSDBT_DOCS_SHARDS__ ?? {};
    if (shards()[number]) return Promise.resolve(shards()[number]);
    if (!shardLoads.has(number)) {
      shardLoads.set(
        number,
        new Promise((resolve, reject) => {
          const script = document.createElement('script');
          script.src = `data/details-${number}.js`;
          script.onload = () => resolve(shards()[number]);
          script.onerror = () => reject(new Error(`Could not load data/details-${number}.js`));
          document.head.append(script);
        }),
      );
    }
    return shardLoads.get(number);
  }

  // ---- search --------------------------------------------------------------------------
  let activeResult = -1;
  function showResults() {
    const query = searchInput.value;
    const { total, results } = docs.searchNodes(nodes, query, 50);
    activeResult = results.length > 0 ? 0 : -1;
    if (query.trim() === '') {
      resultsList.hidden = true;
      return;
    }
    resultsList.replaceChildren(
      ...results.map((position, rank) => {
        const node = nodes[position];
        return el(
          'li',
          { role: 'option', class: rank === 0 ? 'active' : '', 'data-id': node.id },
          el('a', { href: nodeHref(node.id), tabindex: '-1' }, typeBadge(node.type), el('span', { class: 'result-name' }, node.name), el('span', { class: 'result-path' }, node.path)),
        );
      }),
      el('li', { class: 'result-count', role: 'presentation' }, total === 0 ? `No matches for “${query}”` : total > results.length ? `${results.length} of ${total} matches — keep typing to narrow` : `${total} match${total === 1 ? '' : 'es'}`),
    );
    resultsList.hidden = false;
  }
  function moveActive(step) {
    const options = [...resultsList.querySelectorAll('li[role=option]')];
    if (options.length === 0) return;
    activeResult = (activeResult + step + options.length) % options.length;
    options.forEach((option, position) => option.classList.toggle('active', position === activeResult));
    options[activeResult].scrollIntoView({ block: 'nearest' });
  }
  function closeResults() {
    resultsList.hidden = true;
  }
  searchInput.addEventListener('input', showResults);
  searchInput.addEventListener('focus', () => searchInput.value && showResults());
  searchInput.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') moveActive(1);
    else if (event.key === 'ArrowUp') moveActive(-1);
    else if (event.key === 'Escape') {
      closeResults();
      searchInput.blur();
    } else if (event.key === 'Enter') {
      const option = resultsList.querySelectorAll('li[role=option]')[activeResult];
      if (option) {
        location.hash = nodeHref(option.dataset.id);
        closeResults();
      }
    } else return;
    event.preventDefault();
  });
  resultsList.addEventListener('click', () => closeResults());
  document.addEventListener('click', (event) => {
    if (!event.target.closest('.search')) closeResults();
  });
  document.addEventListener('keydown', (event) => {
    const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName);
    if (event.key === '/' && !typing) {
      event.preventDefault();
      searchInput.focus();
      searchInput.select();
    }
  });

  // ---- lineage panel -------------------------------------------------------------------
  let focus;
  let drawGeneration = 0;
  let view;

  /** The CLI selector that names one node (sources need their source name). */
  function selectorFor(node) {
    return node.type === 'source' && node.sourceName ? `source:${node.sourceName}.${node.name}` : node.name;
  }

  function focusExpression() {
    const node = nodes[focus];
    return `${upInput.value || 0}+${selectorFor(node)}+${downInput.value || 0}`;
  }

  /** Distance from the focus along edges either way, so the cap keeps the nearest nodes. */
  function nearestFirst(selected) {
    if (focus === undefined || !selected.has(focus)) return [...selected];
    const order = [focus];
    const seen = new Set(order);
    for (let cursor = 0; cursor < order.length; cursor++) {
      const node = nodes[order[cursor]];
      for (const next of [...node.parents, ...node.children]) {
        if (selected.has(next) && !seen.has(next)) {
          seen.add(next);
          order.push(next);
        }
      }
    }
    for (const position of selected) if (!seen.has(position)) order.push(position);
    return order;
  }

  function setMessage(text, kind = 'info') {
    message.textContent = text;
    message.className = `lineage-message ${kind}`;
  }

  async function drawLineage() {
    const generation = ++drawGeneration;
    const expression = filterInput.value;
    let selected;
    try {
      selected = docs.selectNodes(nodes, expression);
    } catch (error) {
      setMessage(error.message, 'error');
      return;
    }
    const showTests = testsInput.checked;
    for (const position of [...selected]) {
      const type = nodes[position].type;
      if (type === 'macro' || (type === 'test' && !showTests && position !== focus)) selected.delete(position);
    }
    const total = selected.size;
    const drawn = nearestFirst(selected).slice(0, GRAPH_CAP);
    if (total === 0) {
      svg.replaceChildren();
      setMessage(`Nothing matches “${expression}”.`, 'error');
      return;
    }
    setMessage(total > drawn.length ? `Showing ${drawn.length} of ${total} — refine the filter` : `${total} node${total === 1 ? '' : 's'}`, total > drawn.length ? 'warning' : 'info');
    svg.classList.add('loading');
    try {
      view = await docs.renderLineage(svg, nodes, drawn, {
        focus,
        hrefFor: (node) => nodeHref(node.id),
        isCurrent: () => generation === drawGeneration,
      });
    } catch (error) {
      setMessage(error.message, 'error');
    } finally {
      if (generation === drawGeneration) svg.classList.remove('loading');
    }
  }

  function focusOn(position) {
    focus = position;
    filterInput.value = focusExpression();
    void drawLineage();
  }

  filterInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') void drawLineage();
  });
  $('lineage-apply').addEventListener('click', () => void drawLineage());
  for (const input of [upInput, downInput]) {
    input.addEventListener('change', () => {
      if (focus !== undefined && nodes[focus].type !== 'macro') {
        filterInput.value = focusExpression();
        void drawLineage();
      }
    });
  }
  testsInput.addEventListener('change', () => void drawLineage());
  $('lineage-all').addEventListener('click', () => {
    filterInput.value = '';
    void drawLineage();
  });
  $('lineage-fit').addEventListener('click', () => view?.fit());
  $('lineage-toggle').addEventListener('click', () => {
    const collapsed = document.body.classList.toggle('lineage-collapsed');
    $('lineage-toggle').textContent = collapsed ? 'Show graph' : 'Hide graph';
    if (!collapsed) setTimeout(() => view?.fit(), 0);
  });

  // ---- routing -------------------------------------------------------------------------
  /** Built after the first paint (see the end of this file); undefined until then. */
  let sidebar;
  const drawableCount = nodes.filter((node) => node.type !== 'test' && node.type !== 'macro').length;

  function showOverview() {
    document.title = `${index.project.name || 'Project'} · tsdbt docs`;
    page.replaceChildren(docs.renderOverview(index));
    focus = undefined;
    if (drawableCount <= GRAPH_CAP) {
      filterInput.value = '';
      void drawLineage();
    } else {
      // Laying out thousands of nodes would freeze the page; draw on request only.
      svg.replaceChildren();
      setMessage(`${drawableCount.toLocaleString('en')} nodes in this project — type a selector (e.g. +my_model, tag:nightly) or open a node to draw its lineage.`, 'info');
    }
  }

  async function showNode(id) {
    const position = indexById.get(id);
    if (position === undefined) {
      page.replaceChildren(el('article', { class: 'not-found' }, el('h1', {}, 'Not found'), el('p', {}, 'No node with id ', el('code', {}, id), '.'), el('a', { href: '#/' }, 'Back to the overview')));
      return;
    }
    const node = nodes[position];
    document.title = `${node.name} · ${index.project.name || 'tsdbt docs'}`;
    sidebar?.reveal(position);
    if (node.type === 'macro') {
      focus = position;
      svg.replaceChildren();
      setMessage('Macros have no lineage.', 'info');
    } else focusOn(position);
    page.replaceChildren(el('p', { class: 'muted loading-text' }, 'Loading…'));
    try {
      const shard = await loadShard(node.shard);
      if (currentNodeId() !== id) return; // the user moved on while the shard loaded
      page.replaceChildren(docs.renderNodePage(nodes, position, shard[id]));
      page.scrollTop = 0;
    } catch (error) {
      page.replaceChildren(el('p', { class: 'error' }, error.message));
    }
  }

  function currentNodeId() {
    const match = /^#\/node\/(.+)$/.exec(location.hash);
    return match ? decodeURIComponent(match[1]) : undefined;
  }

  function route() {
    const id = currentNodeId();
    if (id !== undefined) void showNode(id);
    else showOverview();
  }

  $('project-name').textContent = index.project.name;
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
  // The tree is not needed to search or read a page, so it does not delay either.
  requestAnimationFrame(() =>
    setTimeout(() => {
      sidebar = docs.createSidebar($('sidebar'), nodes);
      const id = currentNodeId();
      if (id !== undefined && indexById.has(id)) sidebar.reveal(indexById.get(id));
      document.body.dataset.sidebar = 'ready';
    }, 0),
  );
})(globalThis);
