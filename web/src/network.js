// Actor network: who acts on whom. Nodes are the actors with most events
// (area ~ events), directed edges the actor pairs (width ~ events; colour:
// green when most of the pair's events are cooperation, red when conflict).
// Drag nodes; hover for counts; click an actor to filter by it.
import * as d3 from 'd3';
import { get } from './api.js';
import { CONFLICT, COOPERATION, el, fmt, hideTip, message, showTip } from './common.js';
import * as state from './state.js';

export async function render(container, filters) {
  const data = await get(`/api/actors?${state.query(filters, { limit: 60 })}`);
  const known = new Set(data.actors.map((a) => a.code));
  const edges = data.edges.filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target);
  container.append(el('p', { class: 'summary', id: 'network-summary', 'data-actors': data.actors.length,
    'data-edges': edges.length },
  `${fmt(data.actors.length)} actors, ${fmt(edges.length)} directed pairs among them. Edge width: events; colour: cooperation or conflict. Drag to arrange, click an actor to filter by it.`));
  container.append(el('div', { class: 'legend' },
    el('span', {}, el('i', { class: 'swatch coop' }), 'mostly cooperation (quad 1-2)'),
    el('span', {}, el('i', { class: 'swatch conflict' }), 'mostly conflict (quad 3-4)')));
  if (!data.actors.length) {
    container.append(message('No actors match the filters.'));
    return;
  }
  const width = 960, height = 600;
  const nodes = data.actors.map((a) => ({ ...a, id: a.code }));
  const links = edges.map((e) => ({ ...e }));
  const r = d3.scaleSqrt().domain([0, d3.max(nodes, (n) => n.events)]).range([4, 26]);
  const w = d3.scaleLinear().domain([1, d3.max(links, (l) => l.events) || 1]).range([1, 10]);
  const colour = (l) => (l.conflict > l.cooperation ? CONFLICT : COOPERATION);

  const svg = d3.select(container).append('svg').attr('id', 'network').attr('viewBox', `0 0 ${width} ${height}`);
  const defs = svg.append('defs');
  for (const [name, c] of [['coop', COOPERATION], ['conflict', CONFLICT]])
    defs.append('marker').attr('id', `arrow-${name}`).attr('viewBox', '0 -5 10 10').attr('refX', 10)
      .attr('markerWidth', 5).attr('markerHeight', 5).attr('orient', 'auto')
      .append('path').attr('d', 'M0,-5L10,0L0,5').attr('fill', c);
  const link = svg.append('g').selectAll('line').data(links).join('line').attr('class', 'edge')
    .attr('stroke', colour).attr('stroke-width', (l) => w(l.events))
    .attr('marker-end', (l) => `url(#arrow-${l.conflict > l.cooperation ? 'conflict' : 'coop'})`)
    .on('mousemove', (ev, l) => showTip(ev, [`${l.source.id} → ${l.target.id}`,
      `${fmt(l.events)} events: ${fmt(l.cooperation)} cooperation, ${fmt(l.conflict)} conflict`,
      `mean Goldstein ${fmt(l.mean_goldstein, 1)}`]))
    .on('mouseleave', hideTip);
  const node = svg.append('g').selectAll('g').data(nodes).join('g').attr('class', 'actor');
  node.append('circle').attr('r', (n) => r(n.events))
    .attr('fill', (n) => (n.goldstein_sum < 0 ? CONFLICT : COOPERATION));
  node.append('text').attr('dy', (n) => -r(n.events) - 3).attr('text-anchor', 'middle').text((n) => n.code);
  node.on('mousemove', (ev, n) => showTip(ev, [n.code, `${fmt(n.events)} events: ${fmt(n.as_source)} as source, ${fmt(n.as_target)} as target`,
    `mean Goldstein ${fmt(n.goldstein_sum / n.events, 1)}`]))
    .on('mouseleave', hideTip)
    .on('click', (ev, n) => {
      if (ev.defaultPrevented) return;
      hideTip();
      state.update({ filters: { ...filters, actor: n.code } });
    });

  const sim = d3.forceSimulation(nodes)
    .force('link', d3.forceLink(links).id((n) => n.id).distance(110).strength(0.3))
    .force('charge', d3.forceManyBody().strength(-260))
    .force('collide', d3.forceCollide((n) => r(n.events) + 6))
    .force('x', d3.forceX(width / 2).strength(0.05))
    .force('y', d3.forceY(height / 2).strength(0.07));
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  sim.on('tick', () => {
    for (const n of nodes) {
      n.x = clamp(n.x, 30, width - 30);
      n.y = clamp(n.y, 30, height - 20);
    }
    link.each(function (l) {
      // End the arrow at the target circle's edge.
      const dx = l.target.x - l.source.x, dy = l.target.y - l.source.y;
      const len = Math.hypot(dx, dy) || 1;
      const rt = r(l.target.events) + 2, rs = r(l.source.events);
      d3.select(this).attr('x1', l.source.x + (dx * rs) / len).attr('y1', l.source.y + (dy * rs) / len)
        .attr('x2', l.target.x - (dx * rt) / len).attr('y2', l.target.y - (dy * rt) / len);
    });
    node.attr('transform', (n) => `translate(${n.x},${n.y})`);
  });
  node.call(d3.drag()
    .on('start', (ev, n) => { if (!ev.active) sim.alphaTarget(0.2).restart(); n.fx = n.x; n.fy = n.y; })
    .on('drag', (ev, n) => { n.fx = ev.x; n.fy = ev.y; })
    .on('end', (ev, n) => { if (!ev.active) sim.alphaTarget(0); n.fx = null; n.fy = null; }));
  // Settle quickly so the picture is stable (and testable) within a second.
  sim.tick(200);
  sim.alpha(0.05);
}
