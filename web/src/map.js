// World map: one circle per place (area ~ events, colour = the quad class
// with most events there), country shapes from world-atlas (bundled),
// zoom and pan, hover details; a click filters by that place.
import * as d3 from 'd3';
import { feature, mesh } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { get } from './api.js';
import { QUAD, el, fmt, hideTip, message, showTip } from './common.js';
import * as state from './state.js';

const countries = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);

export async function render(container, filters) {
  const data = await get(`/api/places?${state.query(filters, { limit: 2000 })}`);
  const places = data.places;
  const total = d3.sum(places, (p) => p.events);
  container.append(el('p', { class: 'summary', id: 'map-summary', 'data-places': places.length, 'data-events': total },
    `${fmt(places.length)} places, ${fmt(total)} located events. Circle area: events; colour: the quad class most events there have. Scroll to zoom, drag to pan, click a place to filter by it.`));
  container.append(legend());
  if (!places.length) {
    container.append(message('No located events match the filters.'));
  }
  const width = 960, height = 500;
  const svg = d3.select(container).append('svg').attr('id', 'map').attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img').attr('aria-label', 'world map of events');
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: 'Sphere' });
  const path = d3.geoPath(projection);
  const g = svg.append('g');
  g.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
  g.append('g').selectAll('path').data(countries.features).join('path').attr('class', 'country').attr('d', path)
    .append('title').text((d) => d.properties.name);
  g.append('path').attr('class', 'border').attr('d', path(borders));
  const r = d3.scaleSqrt().domain([0, d3.max(places, (p) => p.events) || 1]).range([0, 18]);
  const dominant = (p) => [1, 2, 3, 4].reduce((best, q) => (p.by_quad[q] > p.by_quad[best] ? q : best), 1);
  const dots = g.append('g').selectAll('circle').data(places).join('circle')
    .attr('class', 'place')
    .attr('cx', (p) => projection([p.lon, p.lat])[0])
    .attr('cy', (p) => projection([p.lon, p.lat])[1])
    .attr('r', (p) => Math.max(2.5, r(p.events)))
    .attr('fill', (p) => QUAD[dominant(p)].colour)
    .on('mousemove', (ev, p) => showTip(ev, [
      `${p.name}${p.country && p.name !== p.country ? `, ${p.country}` : ''} (${p.feature})`,
      `${fmt(p.events)} events, mean Goldstein ${fmt(p.goldstein_sum / p.events, 1)}`,
      ...[1, 2, 3, 4].filter((q) => p.by_quad[q]).map((q) => `${QUAD[q].name}: ${fmt(p.by_quad[q])}`)]))
    .on('mouseleave', hideTip)
    .on('click', (ev, p) => {
      hideTip();
      state.update({ view: 'table', filters: { ...filters, place: p.name, country: p.country } });
    });
  svg.call(d3.zoom().scaleExtent([1, 24]).on('zoom', (ev) => {
    g.attr('transform', ev.transform);
    dots.attr('r', (p) => Math.max(2.5, r(p.events)) / Math.sqrt(ev.transform.k));
  }));
}

export function legend() {
  return el('div', { class: 'legend' }, ...[1, 2, 3, 4].map((q) =>
    el('span', {}, el('i', { class: `swatch q${q}` }), `${q} ${QUAD[q].name}`)));
}
