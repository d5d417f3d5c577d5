// Timeline: events per day (or week) stacked by quad class, and below it
// the mean Goldstein score of each quad class. Brushing the upper chart
// sets the date filter (from/to) for every view.
import * as d3 from 'd3';
import { get } from './api.js';
import { QUAD, el, fmt, hideTip, message, showTip } from './common.js';
import { legend } from './map.js';
import * as state from './state.js';

const parse = d3.utcParse('%Y-%m-%d');
const format = d3.utcFormat('%Y-%m-%d');

export async function render(container, filters) {
  let data = await get(`/api/timeline?${state.query(filters, { interval: 'day' })}`);
  // Long ranges read better by week.
  const days = new Set(data.buckets.map((b) => b.date));
  if (days.size > 150) data = await get(`/api/timeline?${state.query(filters, { interval: 'week' })}`);
  const buckets = data.buckets;
  const total = d3.sum(buckets, (b) => b.events);
  const step = data.interval === 'week' ? d3.utcWeek : d3.utcDay;
  const dates = [...new Set(buckets.map((b) => b.date))].sort();
  container.append(el('p', { class: 'summary', id: 'timeline-summary', 'data-events': total,
    'data-buckets': dates.length, 'data-interval': data.interval },
  `${fmt(total)} dated events over ${fmt(dates.length)} ${data.interval}s. Drag across the upper chart to set the date filter.`));
  container.append(legend());
  if (!buckets.length) {
    container.append(message('No dated events match the filters.'));
    return;
  }
  const rows = dates.map((d) => {
    const row = { date: parse(d), key: d };
    for (const q of [1, 2, 3, 4]) row[q] = 0;
    return row;
  });
  const byDate = new Map(rows.map((r) => [r.key, r]));
  for (const b of buckets) byDate.get(b.date)[b.quad_class] = b.events;

  const width = 960, h1 = 260, h2 = 160, margin = { top: 10, right: 20, bottom: 24, left: 48 };
  const x0 = d3.min(rows, (r) => r.date), x1 = step.offset(d3.max(rows, (r) => r.date), 1);
  const x = d3.scaleUtc().domain([x0, x1]).range([margin.left, width - margin.right]);
  const stack = d3.stack().keys([1, 2, 3, 4])(rows);
  const y = d3.scaleLinear().domain([0, d3.max(stack[3], (d) => d[1]) || 1]).nice().range([h1 - margin.bottom, margin.top]);
  const bw = Math.max(1, x(step.offset(x0, 1)) - x(x0) - 1);

  const svg = d3.select(container).append('svg').attr('id', 'timeline-counts').attr('viewBox', `0 0 ${width} ${h1}`);
  svg.append('g').selectAll('g').data(stack).join('g').attr('fill', (s) => QUAD[s.key].colour)
    .selectAll('rect').data((s) => s.map((d) => Object.assign(d, { q: s.key }))).join('rect')
    .attr('class', 'bar').attr('x', (d) => x(d.data.date)).attr('width', bw)
    .attr('y', (d) => y(d[1])).attr('height', (d) => y(d[0]) - y(d[1]))
    .on('mousemove', (ev, d) => showTip(ev, [`${d.data.key}${data.interval === 'week' ? ' (week)' : ''}`,
      ...[1, 2, 3, 4].filter((q) => d.data[q]).map((q) => `${QUAD[q].name}: ${fmt(d.data[q])}`)]))
    .on('mouseleave', hideTip);
  svg.append('g').attr('transform', `translate(0,${h1 - margin.bottom})`).call(d3.axisBottom(x).ticks(8));
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(5))
    .append('text').attr('class', 'axis-label').attr('x', 4).attr('y', margin.top + 4).text('events');

  const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, h1 - margin.bottom]])
    .on('end', (ev) => {
      if (!ev.selection || !ev.sourceEvent) return;
      const [a, b] = ev.selection.map(x.invert);
      const from = format(step.floor(a));
      const to = format(d3.utcDay.offset(step.ceil(b), -1));
      state.update({ filters: { ...filters, from, to } });
    });
  svg.append('g').attr('class', 'brush').call(brush);

  // Mean Goldstein per quad class.
  const means = d3.group(buckets, (b) => b.quad_class);
  const y2 = d3.scaleLinear().domain([-10, 10]).range([h2 - margin.bottom, margin.top]);
  const svg2 = d3.select(container).append('svg').attr('id', 'timeline-goldstein').attr('viewBox', `0 0 ${width} ${h2}`);
  svg2.append('line').attr('class', 'zero').attr('x1', margin.left).attr('x2', width - margin.right)
    .attr('y1', y2(0)).attr('y2', y2(0));
  const line = d3.line().x((b) => x(parse(b.date)) + bw / 2).y((b) => y2(b.mean_goldstein));
  for (const [q, bs] of means) {
    svg2.append('path').attr('class', 'goldstein').attr('stroke', QUAD[q].colour).attr('d', line(bs));
    svg2.append('g').selectAll('circle').data(bs).join('circle').attr('r', 2.5).attr('fill', QUAD[q].colour)
      .attr('cx', (b) => x(parse(b.date)) + bw / 2).attr('cy', (b) => y2(b.mean_goldstein))
      .on('mousemove', (ev, b) => showTip(ev, [b.date, `${QUAD[q].name}: mean Goldstein ${fmt(b.mean_goldstein, 1)} over ${fmt(b.events)} events`]))
      .on('mouseleave', hideTip);
  }
  svg2.append('g').attr('transform', `translate(0,${h2 - margin.bottom})`).call(d3.axisBottom(x).ticks(8));
  svg2.append('g').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y2).ticks(5))
    .append('text').attr('class', 'axis-label').attr('x', 4).attr('y', margin.top + 4).text('mean Goldstein');
}
