// The dashboard: one page, views chosen by ?view=, filters shared by all
// views and kept in the URL (state.js). Each view module exports
// render(container, filters) and fetches what it shows from the API.
import './style.css';
import { get } from './api.js';
import { message } from './common.js';
import * as state from './state.js';
import * as map from './map.js';
import * as timeline from './timeline.js';
import * as network from './network.js';
import * as table from './table.js';
import * as code from './code.js';
import * as eventView from './event.js';

const views = { map, timeline, network, table, code };
const form = document.getElementById('filters');
const container = document.getElementById('view');
const aside = document.getElementById('event');
let rendered = null;  // key of what the main view shows

function fillForm(filters) {
  for (const k of state.FILTERS) if (form.elements[k]) form.elements[k].value = filters[k] || '';
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const filters = {};
  for (const k of state.FILTERS) {
    const v = form.elements[k]?.value.trim();
    if (v) filters[k] = v;
  }
  state.update({ filters });
});
document.getElementById('clear').addEventListener('click', () => state.update({ filters: {} }));

// Tabs keep the filters: only the view changes.
document.getElementById('tabs').addEventListener('click', (e) => {
  const a = e.target.closest('a[data-view]');
  if (!a) return;
  e.preventDefault();
  state.update({ view: a.dataset.view });
});

async function render() {
  const s = state.current();
  fillForm(s.filters);
  for (const a of document.querySelectorAll('#tabs a'))
    a.classList.toggle('active', a.dataset.view === s.view);
  const key = JSON.stringify([s.view, s.filters]);
  if (key !== rendered) {
    rendered = key;
    container.replaceChildren();
    container.dataset.view = s.view;
    try {
      await views[s.view].render(container, s.filters);
    } catch (err) {
      container.replaceChildren(message(`Could not load: ${err.message}`, 'error'));
    }
  }
  if (s.event) {
    aside.hidden = false;
    await eventView.render(aside, s.event);
  } else {
    aside.hidden = true;
    aside.replaceChildren();
  }
}

window.addEventListener('popstate', render);
window.addEventListener('statechange', render);

get('/healthz').then((h) => {
  document.getElementById('health').textContent =
    `${h.merged_events.toLocaleString('en')} merged events from ${h.articles.toLocaleString('en')} articles (${h.backend})`;
}).catch(() => {});

render();
