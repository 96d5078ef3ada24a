// @ts-check
/**
 * Draws a lineage subgraph as SVG: elkjs computes a layered left-to-right layout, this file
 * turns it into boxes coloured by resource type, edges with arrowheads, pan (drag) and zoom
 * (wheel), and links that open a node's page.
 *
 * elkjs (~1.6 MB) is loaded on first use, not on page open, so a large site is searchable
 * before the layout library has even been parsed. Its bundled build runs without a Web
 * Worker, which file:// pages cannot start.
 */
(function (root) {
  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** Resource type -> colour; shared with the CSS badges. */
  const TYPE_COLOURS = {
    model: '#2563eb',
    source: '#059669',
    seed: '#7c3aed',
    snapshot: '#d97706',
    analysis: '#db2777',
    test: '#64748b',
    exposure: '#dc2626',
    macro: '#475569',
  };

  /**
   * Thoroughness 1 and polyline routing: a 300-node layout takes ~0.4 s instead of ~1.3 s
   * with the defaults, and lineage graphs read fine without orthogonal routing.
   */
  const LAYOUT_OPTIONS = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'POLYLINE',
    'elk.layered.thoroughness': '1',
    'elk.spacing.nodeNode': '14',
    'elk.layered.spacing.nodeNodeBetweenLayers': '56',
    'elk.layered.spacing.edgeNodeBetweenLayers': '20',
    'elk.padding': '[top=20,left=20,bottom=20,right=20]',
  };

  const NODE_HEIGHT = 30;
  /** Longer names are cut with an ellipsis in the box; the tooltip has the full id. */
  const MAX_LABEL = 42;

  /** @param {string} name */
  function displayLabel(name) {
    return name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
  }

  /** @type {Promise<unknown> | undefined} */
  let elkLoading;
  /** @type {{ layout(graph: object): Promise<ElkGraph> } | undefined} */
  let elk;

  /**
   * @typedef {{ x: number, y: number }} Point
   * @typedef {{ id: string, x?: number, y?: number, width: number, height: number }} ElkNode
   * @typedef {{ id: string, sources: string[], targets: string[], sections?: { startPoint: Point, endPoint: Point, bendPoints?: Point[] }[] }} ElkEdge
   * @typedef {{ id: string, width?: number, height?: number, children: ElkNode[], edges: ElkEdge[] }} ElkGraph
   * @typedef {{ id: string, name: string, type: string, parents: readonly number[] }} GraphNode
   */

  /** Loads assets/elk.bundled.js once. */
  function loadElk() {
    const existing = /** @type {{ ELK?: new () => typeof elk }} */ (root).ELK;
    if (existing) return Promise.resolve(existing);
    elkLoading ??= new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = 'assets/elk.bundled.js';
      script.onload = () => resolve(/** @type {{ ELK?: unknown }} */ (root).ELK);
      script.onerror = () => reject(new Error('Could not load the graph layout library (assets/elk.bundled.js).'));
      document.head.append(script);
    });
    return elkLoading;
  }

  /**
   * Text width estimate for a 12px UI font; measuring every label with the DOM would cost
   * a forced layout per node.
   * @param {string} text
   */
  function labelWidth(text) {
    // + room for the type stripe and the bold label of the focused node.
    return Math.max(90, Math.min(340, Math.round(text.length * 7.6) + 40));
  }

  /**
   * @param {readonly GraphNode[]} nodes
   * @param {readonly number[]} drawn
   * @returns {Promise<ElkGraph>}
   */
  async function layout(nodes, drawn) {
    const ELK = /** @type {new () => NonNullable<typeof elk>} */ (await loadElk());
    elk ??= new ELK();
    const included = new Set(drawn);
    /** @type {ElkEdge[]} */
    const edges = [];
    for (const index of drawn) {
      for (const parent of nodes[index].parents) {
        if (included.has(parent)) edges.push({ id: `e${parent}-${index}`, sources: [`n${parent}`], targets: [`n${index}`] });
      }
    }
    return elk.layout({
      id: 'root',
      layoutOptions: LAYOUT_OPTIONS,
      children: drawn.map((index) => ({ id: `n${index}`, width: labelWidth(displayLabel(nodes[index].name)), height: NODE_HEIGHT })),
      edges,
    });
  }

  /**
   * @param {string} tag
   * @param {Record<string, string | number>} attributes
   */
  function svgElement(tag, attributes) {
    const element = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    return element;
  }

  /**
   * A path through the section's points, corners rounded with quadratic curves.
   * @param {{ startPoint: Point, endPoint: Point, bendPoints?: Point[] }} section
   */
  function edgePath(section) {
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    if (points.length === 2) {
      const [start, end] = points;
      const middle = (start.x + end.x) / 2;
      return `M${start.x},${start.y} C${middle},${start.y} ${middle},${end.y} ${end.x},${end.y}`;
    }
    let path = `M${points[0].x},${points[0].y}`;
    for (let i = 1; i < points.length - 1; i++) {
      const before = towards(points[i], points[i - 1], 12);
      const after = towards(points[i], points[i + 1], 12);
      path += ` L${before.x},${before.y} Q${points[i].x},${points[i].y} ${after.x},${after.y}`;
    }
    const last = points[points.length - 1];
    return `${path} L${last.x},${last.y}`;
  }

  /**
   * The point `distance` from `from` towards `to`, at most halfway.
   * @param {Point} from
   * @param {Point} to
   * @param {number} distance
   */
  function towards(from, to, distance) {
    const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    const step = Math.min(distance, length / 2) / length;
    return { x: from.x + (to.x - from.x) * step, y: from.y + (to.y - from.y) * step };
  }

  /** Below this zoom labels are unreadable; a large graph opens at this zoom around the focus. */
  const READABLE_SCALE = 0.6;

  /**
   * Pan with drag, zoom with the wheel (around the pointer). Opens showing the whole graph,
   * or, when that would be unreadably small, the focused node at a readable zoom.
   * Returns `fit()`, which always shows the whole graph.
   * @param {SVGSVGElement} svg
   * @param {SVGGElement} viewport
   * @param {{ width: number, height: number }} size
   * @param {{ x: number, y: number, width: number, height: number } | undefined} focusBox
   */
  function attachPanZoom(svg, viewport, size, focusBox) {
    let scale = 1;
    let x = 0;
    let y = 0;
    const apply = () => viewport.setAttribute('transform', `translate(${x},${y}) scale(${scale})`);
    const fit = () => {
      const box = svg.getBoundingClientRect();
      scale = Math.min(1.25, box.width / size.width, box.height / size.height) || 1;
      x = (box.width - size.width * scale) / 2;
      y = (box.height - size.height * scale) / 2;
      apply();
    };
    const showFocus = () => {
      const box = svg.getBoundingClientRect();
      if (!focusBox) return;
      scale = READABLE_SCALE;
      x = box.width / 2 - (focusBox.x + focusBox.width / 2) * scale;
      y = box.height / 2 - (focusBox.y + focusBox.height / 2) * scale;
      apply();
    };
    svg.onwheel = (event) => {
      event.preventDefault();
      const box = svg.getBoundingClientRect();
      const pointerX = event.clientX - box.left;
      const pointerY = event.clientY - box.top;
      const factor = Math.exp(-event.deltaY * 0.0015);
      const next = Math.max(0.05, Math.min(4, scale * factor));
      x = pointerX - ((pointerX - x) * next) / scale;
      y = pointerY - ((pointerY - y) * next) / scale;
      scale = next;
      apply();
    };
    /** @type {{ x: number, y: number, originX: number, originY: number } | undefined} */
    let drag;
    let moved = false;
    svg.onpointerdown = (event) => {
      drag = { x: event.clientX, y: event.clientY, originX: x, originY: y };
      moved = false;
    };
    svg.onpointermove = (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
      if (!moved) return;
      svg.classList.add('dragging');
      x = drag.originX + dx;
      y = drag.originY + dy;
      apply();
    };
    svg.onpointerup = svg.onpointerleave = () => {
      drag = undefined;
      svg.classList.remove('dragging');
    };
    // A drag that starts on a node must not open it when the pointer is released.
    svg.addEventListener('click', (event) => {
      if (moved) event.preventDefault();
      moved = false;
    }, true);
    fit();
    if (scale < READABLE_SCALE) showFocus();
    return { fit };
  }

  /**
   * Lays out and draws `drawn` (indexes into `nodes`) into `svg`.
   * @param {SVGSVGElement} svg
   * @param {readonly GraphNode[]} nodes
   * @param {readonly number[]} drawn
   * @param {{ focus?: number, hrefFor: (node: GraphNode) => string, isCurrent?: () => boolean }} options
   *   `isCurrent` lets a caller drop a layout that finished after the user moved on.
   * @returns {Promise<{ fit: () => void } | undefined>}
   */
  async function renderLineage(svg, nodes, drawn, options) {
    const graph = await layout(nodes, drawn);
    if (options.isCurrent && !options.isCurrent()) return undefined;
    svg.replaceChildren();
    const defs = svgElement('defs', {});
    const marker = svgElement('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svgElement('path', { d: 'M0,0 L10,5 L0,10 z', class: 'edge-arrow' }));
    defs.append(marker);
    const viewport = /** @type {SVGGElement} */ (svgElement('g', { class: 'viewport' }));
    svg.append(defs, viewport);

    const edgeLayer = svgElement('g', { class: 'edges' });
    for (const edge of graph.edges) {
      const section = edge.sections?.[0];
      if (!section) continue;
      const path = svgElement('path', { d: edgePath(section), class: 'edge', 'marker-end': 'url(#arrow)' });
      path.dataset.from = edge.sources[0];
      path.dataset.to = edge.targets[0];
      edgeLayer.append(path);
    }
    const nodeLayer = svgElement('g', { class: 'nodes' });
    for (const box of graph.children) {
      const index = Number(box.id.slice(1));
      const node = nodes[index];
      const colour = TYPE_COLOURS[/** @type {keyof typeof TYPE_COLOURS} */ (node.type)] ?? '#334155';
      const link = svgElement('a', { href: options.hrefFor(node), class: `graph-node type-${node.type}${index === options.focus ? ' focus' : ''}` });
      link.dataset.id = node.id;
      const title = svgElement('title', {});
      title.textContent = `${node.type}: ${node.id}`;
      link.append(
        title,
        svgElement('rect', { x: box.x ?? 0, y: box.y ?? 0, width: box.width, height: box.height, rx: 6, class: 'node-box', style: `--node-colour:${colour}` }),
        svgElement('rect', { x: box.x ?? 0, y: box.y ?? 0, width: 6, height: box.height, rx: 3, fill: colour, class: 'node-stripe' }),
      );
      const label = svgElement('text', { x: (box.x ?? 0) + 16, y: (box.y ?? 0) + box.height / 2, class: 'node-label', 'dominant-baseline': 'central' });
      label.textContent = displayLabel(node.name);
      link.append(label);
      nodeLayer.append(link);
    }
    viewport.append(edgeLayer, nodeLayer);
    const focusNode = graph.children.find((box) => box.id === `n${options.focus}`);
    const focusBox = focusNode ? { x: focusNode.x ?? 0, y: focusNode.y ?? 0, width: focusNode.width, height: focusNode.height } : undefined;
    return attachPanZoom(svg, viewport, { width: graph.width ?? 1, height: graph.height ?? 1 }, focusBox);
  }

  const api = { renderLineage, typeColours: TYPE_COLOURS, loadElk };
  const target = /** @type {{ tsdbtDocs?: object }} */ (root);
  target.tsdbtDocs = Object.assign(target.tsdbtDocs || {}, api);
})(/** @type {unknown} */ (globalThis));
