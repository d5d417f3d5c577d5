// The merged events matching the filters, a page of 200 at a time (more on
// request), sortable by any column, with a quick filter over the loaded rows.
// A click on a row opens the event view.
import { get } from './api.js';
import { QUAD, el, fmt, message, placeText } from './common.js';
import * as state from './state.js';

const COLUMNS = [
  ['id', 'id', (e) => e.id],
  ['date', 'date', (e) => e.date],
  ['source', 'source', (e) => e.source?.code || ''],
  ['target', 'target', (e) => e.target?.code || ''],
  ['cameo', 'CAMEO', (e) => e.cameo],
  ['quad', 'quad', (e) => e.quad_class],
  ['goldstein', 'Goldstein', (e) => e.goldstein],
  ['place', 'place', (e) => placeText(e.location)],
  ['articles', 'articles', (e) => e.num_articles],
  ['sources', 'outlets', (e) => e.num_sources],
  ['mentions', 'mentions', (e) => e.num_mentions],
];

export async function render(container, filters) {
  const rows = [];
  let cursor = null, total = 0, sortKey = 'id', sortDir = 1, quick = '';
  const summary = el('p', { class: 'summary', id: 'table-summary' });
  const quickInput = el('input', { type: 'search', placeholder: 'filter loaded rows', id: 'table-filter' });
  const more = el('button', { type: 'button', id: 'table-more' }, 'Load more');
  const tbody = el('tbody');
  const head = el('tr', {}, ...COLUMNS.map(([key, label]) => el('th', { 'data-key': key, tabindex: 0 }, label)));
  const table = el('table', { id: 'events-table' }, el('thead', {}, head), tbody);
  container.append(summary, el('div', { class: 'toolbar' }, quickInput, more), table);

  const draw = () => {
    const getter = COLUMNS.find((c) => c[0] === sortKey)[2];
    const q = quick.toLowerCase();
    const shown = rows.filter((e) => !q || COLUMNS.some((c) => String(c[2](e)).toLowerCase().includes(q)))
      .sort((a, b) => {
        const x = getter(a), y = getter(b);
        return (x < y ? -1 : x > y ? 1 : 0) * sortDir || a.id - b.id;
      });
    tbody.replaceChildren(...shown.map((e) => el('tr', { 'data-id': e.id, class: `q${e.quad_class}`,
      onclick: () => state.update({ event: String(e.id) }) },
    ...COLUMNS.map(([key, , g]) => el('td', { class: key, title: key === 'quad' ? QUAD[e.quad_class]?.name : null },
      key === 'goldstein' ? fmt(g(e), 1) : g(e))))));
    for (const th of head.children) {
      th.classList.toggle('sorted', th.dataset.key === sortKey);
      th.dataset.dir = th.dataset.key === sortKey ? (sortDir > 0 ? 'asc' : 'desc') : '';
    }
    summary.dataset.total = total;
    summary.dataset.loaded = rows.length;
    summary.textContent = `${fmt(total)} merged events match; ${fmt(rows.length)} loaded` +
      (q ? `, ${fmt(shown.length)} shown` : '') + '. Click a column to sort, a row to see its evidence.';
    more.hidden = !cursor;
  };
  const load = async () => {
    const page = await get(`/api/events?${state.query(filters, { limit: 200, cursor, count: 1 })}`);
    rows.push(...page.events);
    cursor = page.next_cursor;
    total = page.total;
    draw();
  };
  head.addEventListener('click', (ev) => {
    const th = ev.target.closest('th');
    if (!th) return;
    if (sortKey === th.dataset.key) sortDir = -sortDir;
    else { sortKey = th.dataset.key; sortDir = 1; }
    draw();
  });
  quickInput.addEventListener('input', () => { quick = quickInput.value; draw(); });
  more.addEventListener('click', () => load().catch((e) => container.append(message(e.message, 'error'))));
  await load();
  if (!rows.length) container.append(message('No events match the filters.'));
}
