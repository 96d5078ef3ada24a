/**
 * Renders the main pane: the project overview and one page per node (description, columns
 * with types and tests, data tests with latest results, parents and children, code, config,
 * last run). Built with `el`, so artifact strings are always text; descriptions arrive as
 * HTML sanitised at generate time.
 */
(function (root) {
  const docs = root.tsdbtDocs;
  const { el, typeBadge, statusPill, nodeHref, typePlurals } = docs;

  /**
   * Shapes written by src/docs/build-docs-data.ts (see DocsIndexNode and DocsNodeDetail in
   * src/docs/docs-data.ts).
   * @typedef {{ status: string, executionTime?: number, message?: string, failures?: number, completedAt?: string }} RunInfo
   * @typedef {{ id: string, label: string, column?: string, run?: RunInfo }} TestInfo
   * @typedef {{ id: string, name: string, type: string, path: string, package: string, tags: string[], materialized?: string, sourceName?: string, parents: number[], children: number[], status?: string }} IndexNode
   * @typedef {{ name: string, type: string, descriptionHtml: string, tests: number[] }} Column
   * @typedef {{ descriptionHtml: string, relationName?: string, columns: Column[], config: Record<string, unknown>, rawCode?: string, compiledCode?: string, run?: RunInfo, tests: TestInfo[], testOf?: { nodeId?: string, column?: string, kwargs?: Record<string, unknown> }, sourceDescriptionHtml?: string, loader?: string, arguments?: { name: string, type?: string, descriptionHtml: string }[], stats?: { label: string, value: string }[] }} NodeDetail
   */

  /** @param {number | undefined} seconds */
  function formatSeconds(seconds) {
    if (seconds === undefined) return '';
    return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`;
  }

  /** @param {string} title @param {...(Node | string | null | undefined | false)} content */
  function section(title, ...content) {
    return el('section', { class: 'card' }, el('h2', {}, title), ...content);
  }

  /** @param {IndexNode} node */
  function nodeLink(node) {
    return el('a', { class: 'node-link', href: nodeHref(node.id) }, typeBadge(node.type), el('span', {}, node.name));
  }

  /** @param {IndexNode[]} nodes @param {number[]} indexes @param {string} emptyText */
  function linkList(nodes, indexes, emptyText) {
    if (indexes.length === 0) return el('p', { class: 'muted' }, emptyText);
    return el('ul', { class: 'link-list' }, indexes.map((index) => el('li', {}, nodeLink(nodes[index]))));
  }

  /** @param {IndexNode} node @param {NodeDetail} detail */
  function header(node, detail) {
    const facts = [
      detail.relationName && ['Relation', el('code', {}, detail.relationName)],
      node.path && ['File', el('code', {}, node.path)],
      node.materialized && ['Materialized', node.materialized],
      node.package && ['Package', node.package],
      node.tags.length > 0 && ['Tags', node.tags.map((tag) => el('span', { class: 'tag' }, tag))],
      detail.loader && ['Loader', detail.loader],
      ...(detail.stats ?? []).map((stat) => [stat.label, stat.value]),
    ].filter(Boolean);
    return el(
      'header',
      { class: 'page-header' },
      el('div', { class: 'title-row' }, typeBadge(node.type), el('h1', {}, node.name), detail.run ? statusPill(detail.run.status) : null),
      el('div', { class: 'node-id' }, node.id),
      el('dl', { class: 'facts' }, facts.map(([label, value]) => el('div', {}, el('dt', {}, label), el('dd', {}, value)))),
    );
  }

  /** @param {TestInfo} test */
  function testChip(test) {
    const status = test.run?.status ?? 'none';
    const failures = test.run?.failures ? ` (${test.run.failures})` : '';
    return el('a', { class: `test-chip status-${status}`, href: nodeHref(test.id), title: test.run?.message ?? 'not run' }, `${test.label}${failures}`);
  }

  /** @param {NodeDetail} detail */
  function columnsSection(detail) {
    if (detail.columns.length === 0) return section('Columns', el('p', { class: 'muted' }, 'No columns documented or found in the catalog.'));
    return section(
      `Columns (${detail.columns.length})`,
      el(
        'table',
        { class: 'columns' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Column'), el('th', {}, 'Type'), el('th', {}, 'Description'), el('th', {}, 'Tests'))),
        el(
          'tbody',
          {},
          detail.columns.map((column) =>
            el(
              'tr',
              {},
              el('td', { class: 'column-name' }, column.name),
              el('td', { class: 'column-type' }, column.type || '—'),
              el('td', { class: 'markdown', trustedHtml: column.descriptionHtml }),
              el('td', {}, column.tests.map((testIndex) => testChip(detail.tests[testIndex]))),
            ),
          ),
        ),
      ),
    );
  }

  /** @param {NodeDetail} detail */
  function testsSection(detail) {
    if (detail.tests.length === 0) return null;
    const counts = {};
    for (const test of detail.tests) counts[test.run?.status ?? 'not run'] = (counts[test.run?.status ?? 'not run'] ?? 0) + 1;
    return section(
      `Data tests (${detail.tests.length})`,
      el('p', { class: 'summary-line' }, Object.entries(counts).map(([status, count]) => el('span', { class: `status status-${status.replace(' ', '-')}` }, `${count} ${status}`))),
      el(
        'table',
        { class: 'tests' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Test'), el('th', {}, 'Column'), el('th', {}, 'Status'), el('th', {}, 'Failures'), el('th', {}, 'Time'))),
        el(
          'tbody',
          {},
          detail.tests.map((test) =>
            el(
              'tr',
              { class: 'test-row', 'data-status': test.run?.status ?? 'none' },
              el('td', {}, el('a', { href: nodeHref(test.id) }, test.label)),
              el('td', { class: 'column-name' }, test.column ?? ''),
              el('td', {}, statusPill(test.run?.status)),
              el('td', {}, test.run?.failures ?? ''),
              el('td', {}, formatSeconds(test.run?.executionTime)),
            ),
          ),
        ),
      ),
    );
  }

  /** @param {NodeDetail} detail */
  function codeSection(detail) {
    const variants = [
      ['Source', detail.rawCode],
      ['Compiled', detail.compiledCode],
    ].filter(([, code]) => code);
    if (variants.length === 0) return null;
    const pre = el('pre', { class: 'code' }, el('code', {}, variants[0][1]));
    const tabs = variants.map(([label, code], position) =>
      el('button', {
        class: position === 0 ? 'tab active' : 'tab',
        type: 'button',
        onclick: (event) => {
          pre.firstChild.textContent = code;
          for (const tab of event.currentTarget.parentElement.children) tab.classList.toggle('active', tab === event.currentTarget);
        },
      }, label),
    );
    const copy = el('button', { class: 'tab copy', type: 'button', onclick: () => navigator.clipboard?.writeText(pre.textContent ?? '') }, 'Copy');
    return section('Code', el('div', { class: 'tabs' }, tabs, copy), pre);
  }

  /** @param {NodeDetail} detail */
  function configSection(detail) {
    const entries = Object.entries(detail.config).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0) && !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0));
    if (entries.length === 0) return null;
    return section(
      'Config',
      el('dl', { class: 'config' }, entries.map(([key, value]) => el('div', {}, el('dt', {}, key), el('dd', {}, el('code', {}, typeof value === 'string' ? value : JSON.stringify(value)))))),
    );
  }

  /** @param {NodeDetail} detail */
  function runSection(detail) {
    const run = detail.run;
    if (!run) return section('Last run', el('p', { class: 'muted' }, 'No run results for this node.'));
    return section(
      'Last run',
      el(
        'dl',
        { class: 'facts' },
        el('div', {}, el('dt', {}, 'Status'), el('dd', {}, statusPill(run.status))),
        el('div', {}, el('dt', {}, 'Duration'), el('dd', {}, formatSeconds(run.executionTime))),
        run.failures !== undefined && el('div', {}, el('dt', {}, 'Failures'), el('dd', {}, run.failures)),
        run.completedAt && el('div', {}, el('dt', {}, 'Completed'), el('dd', {}, run.completedAt)),
      ),
      run.message && el('pre', { class: `run-message status-${run.status}` }, run.message),
    );
  }

  /**
   * A node's page.
   * @param {IndexNode[]} nodes
   * @param {number} index
   * @param {NodeDetail} detail
   */
  function renderNodePage(nodes, index, detail) {
    const node = nodes[index];
    const byId = docs.indexById;
    const testOf = detail.testOf?.nodeId !== undefined ? byId.get(detail.testOf.nodeId) : undefined;
    const upstream = node.parents.filter((parent) => nodes[parent].type !== 'test');
    const downstream = node.children.filter((child) => nodes[child].type !== 'test');
    return el(
      'article',
      { class: 'node-page', 'data-id': node.id },
      header(node, detail),
      (detail.descriptionHtml || node.type !== 'test') &&
        section('Description', detail.descriptionHtml ? el('div', { class: 'markdown description', trustedHtml: detail.descriptionHtml }) : el('p', { class: 'muted' }, 'No description.')),
      detail.sourceDescriptionHtml && section(`Source ${node.sourceName ?? ''}`, el('div', { class: 'markdown', trustedHtml: detail.sourceDescriptionHtml })),
      testOf !== undefined &&
        section(
          'Tested node',
          el('p', {}, nodeLink(nodes[testOf]), detail.testOf.column ? el('span', {}, ' column ', el('code', {}, detail.testOf.column)) : null),
          detail.testOf.kwargs && el('pre', { class: 'code' }, el('code', {}, JSON.stringify(detail.testOf.kwargs, null, 2))),
        ),
      detail.arguments?.length > 0 &&
        section('Arguments', el('dl', { class: 'config' }, detail.arguments.map((argument) => el('div', {}, el('dt', {}, argument.name), el('dd', {}, argument.type ? el('code', {}, argument.type) : null, el('div', { class: 'markdown', trustedHtml: argument.descriptionHtml })))))),
      node.type !== 'macro' && node.type !== 'test' && columnsSection(detail),
      testsSection(detail),
      node.type !== 'macro' &&
        el(
          'div',
          { class: 'two-columns' },
          section(`Depends on (${upstream.length})`, el('div', { class: 'parents' }, linkList(nodes, upstream, 'No parents.'))),
          section(`Referenced by (${downstream.length})`, el('div', { class: 'children' }, linkList(nodes, downstream, 'No children.'))),
        ),
      node.type !== 'macro' && runSection(detail),
      codeSection(detail),
      configSection(detail),
    );
  }

  /**
   * The home page: counts per type, run summary, problems, the `__overview__` block.
   * @param {{ project: { name: string, generatedAt: string, adapterType: string, overviewHtml: string }, nodes: IndexNode[] }} index
   */
  function renderOverview(index) {
    const nodes = index.nodes;
    const counts = new Map();
    const statuses = new Map();
    const problems = [];
    nodes.forEach((node, position) => {
      counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
      if (node.status) statuses.set(node.status, (statuses.get(node.status) ?? 0) + 1);
      if (['error', 'fail', 'warn', 'runtime error'].includes(node.status)) problems.push(position);
    });
    const project = index.project;
    return el(
      'article',
      { class: 'overview' },
      el(
        'header',
        { class: 'page-header' },
        el('h1', {}, project.name || 'Project'),
        el('div', { class: 'node-id' }, [project.adapterType && `Adapter ${project.adapterType}`, project.generatedAt && `Generated ${project.generatedAt}`].filter(Boolean).join(' · ')),
      ),
      el('div', { class: 'stats' }, [...counts].map(([type, count]) => el('div', { class: `stat type-${type}` }, el('div', { class: 'stat-value' }, count.toLocaleString('en')), el('div', { class: 'stat-label' }, typePlurals[type] ?? type)))),
      statuses.size > 0 && section('Last run', el('p', { class: 'summary-line' }, [...statuses].map(([status, count]) => el('span', { class: `status status-${status}` }, `${count} ${status}`)))),
      problems.length > 0 && section(`Needs attention (${problems.length})`, el('ul', { class: 'link-list' }, problems.slice(0, 100).map((position) => el('li', {}, nodeLink(nodes[position]), statusPill(nodes[position].status))))),
      project.overviewHtml ? section('About', el('div', { class: 'markdown', trustedHtml: project.overviewHtml })) : null,
    );
  }

  Object.assign(docs, { renderNodePage, renderOverview });
})(globalThis);
