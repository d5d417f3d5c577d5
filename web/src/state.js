// The dashboard's state lives in the URL (?view=...&actor=...&event=...),
// so any view can be bookmarked and shared. Filters are shared by all views
// and sent to the API as they are (the names of `parley query`'s filters).

export const FILTERS = ['from', 'to', 'actor', 'source_actor', 'target_actor', 'cameo', 'quad', 'country',
  'place', 'text'];
export const VIEWS = ['map', 'timeline', 'network', 'table', 'code'];

export function current() {
  const p = new URLSearchParams(location.search);
  const filters = {};
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v) filters[k] = v;
  }
  const view = VIEWS.includes(p.get('view')) ? p.get('view') : 'map';
  const event = /^\d+$/.test(p.get('event') || '') ? p.get('event') : null;
  return { view, filters, event };
}

// Changes part of the state and records it in the history.
export function update(change, { replace = false } = {}) {
  const s = current();
  const next = { view: change.view ?? s.view, filters: change.filters ?? s.filters,
    event: 'event' in change ? change.event : s.event };
  const p = new URLSearchParams();
  p.set('view', next.view);
  for (const k of FILTERS) if (next.filters[k]) p.set(k, next.filters[k]);
  if (next.event) p.set('event', next.event);
  const url = `${location.pathname}?${p}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event('statechange'));
}

// The filters as a query string for the API, plus extra parameters.
export function query(filters, extra = {}) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (filters[k]) p.set(k, filters[k]);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null) p.set(k, v);
  return p.toString();
}
