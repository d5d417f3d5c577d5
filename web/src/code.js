// "Code an article": paste text, see the events parley finds highlighted in
// it with their codes, and why (the explain trace). Nothing is stored.
import { post } from './api.js';
import { QUAD, el, fmt, highlighted, message } from './common.js';

export async function render(container) {
  const text = el('textarea', { id: 'code-text', rows: 10, placeholder: 'Paste a news article here…' });
  const date = el('input', { id: 'code-date', placeholder: 'publish date YYYY-MM-DD', size: 22 });
  const button = el('button', { type: 'submit', id: 'code-run' }, 'Code it');
  const out = el('div', { id: 'code-result' });
  const form = el('form', { id: 'code-form' }, text, el('div', { class: 'toolbar' }, date, button));
  container.append(el('p', { class: 'summary' }, 'Code one article with parley (nothing is stored). Dates in the text are resolved against the publish date.'), form, out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) return;
    out.replaceChildren(message('Coding…'));
    button.disabled = true;
    try {
      const q = new URLSearchParams({ explain: 1 });
      if (date.value.trim()) q.set('date', date.value.trim());
      const res = await post(`/api/code?${q}`, text.value);
      show(out, res.output, res.explain, text.value);
    } catch (err) {
      out.replaceChildren(message(err.message, 'error'));
    } finally {
      button.disabled = false;
    }
  });
}

// `text` is what was posted: the spans are byte offsets into it.
function show(out, doc, explain, text) {
  if (doc.error) {
    out.replaceChildren(message(`Not coded: ${doc.error}`, 'error'));
    return;
  }
  const events = doc.events;
  const marks = events.map((e, i) => ({ begin: e.span[0], end: e.span[1], label: `${i + 1}:${e.cameo}`,
    title: `${e.source?.code || '—'} → ${e.target?.code || '—'} CAMEO ${e.cameo}`, cls: `span q${e.quad_class}` }));
  out.replaceChildren(
    el('p', { class: 'summary', id: 'code-summary', 'data-events': events.length },
      `${fmt(events.length)} events in ${fmt(doc.sentences.length)} sentences.`),
    el('div', { class: 'article', id: 'code-article' }, highlighted(text, marks)),
    el('table', { id: 'code-events' },
      el('thead', {}, el('tr', {}, ...['#', 'source', 'target', 'CAMEO', 'quad', 'status', 'date', 'place', 'rule', 'evidence'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...events.map((e, i) => el('tr', { class: `q${e.quad_class}` },
        el('td', {}, i + 1), el('td', {}, e.source?.code || '—'), el('td', {}, e.target?.code || '—'),
        el('td', {}, e.cameo), el('td', { title: QUAD[e.quad_class]?.name }, e.quad_class),
        el('td', {}, e.negated ? `${e.status}, negated` : e.status), el('td', {}, e.date || '—'),
        el('td', {}, e.location?.name || '—'), el('td', {}, e.rule || ''), el('td', {}, e.evidence))))),
    el('details', { id: 'code-explain' }, el('summary', {}, 'Why: the explain trace'), el('pre', {}, explain || '')),
  );
}
