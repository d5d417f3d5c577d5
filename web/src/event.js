// One merged event: what, who, when, where, and every article event behind
// it with its evidence sentence (the span highlighted), the rule that coded
// it, its status and negation, and a link to the article.
import { get } from './api.js';
import { QUAD, actorText, el, fmt, highlighted, message, placeText } from './common.js';
import * as state from './state.js';

function outcome(e) {
  if (e.negated) return `${e.status || 'occurred'}, negated (did not happen)`;
  return e.status || 'occurred';
}

function dl(pairs) {
  return el('dl', {}, ...pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function articleLink(a) {
  if (!a) return 'unknown article';
  const label = a.title || a.doc_id;
  const safe = a.url && /^https?:\/\//i.test(a.url);
  return el('span', {}, safe ? el('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer' }, label) : label,
    a.source ? ` — ${a.source}` : '', a.publish_date ? ` (${a.publish_date})` : '', ` [${a.doc_id}]`);
}

export async function render(aside, id) {
  if (aside.dataset.id === id && aside.childElementCount) return;
  aside.dataset.id = id;
  aside.replaceChildren(message('Loading…'));
  let data;
  try {
    data = await get(`/api/events/${id}`);
  } catch (err) {
    aside.replaceChildren(message(err.message, 'error'), closeButton());
    return;
  }
  const e = data.event;
  aside.replaceChildren(
    closeButton(),
    el('h2', { id: 'event-title' }, `${actorText(e.source)} → ${actorText(e.target)}`),
    el('p', { class: `quad q${e.quad_class}` }, `CAMEO ${e.cameo}${e.plover ? ` (${e.plover})` : ''} · quad class ${e.quad_class}, ${QUAD[e.quad_class]?.name} · Goldstein ${fmt(e.goldstein, 1)}`),
    dl([
      ['merged event', `#${e.id}`],
      ['date', e.date_last && e.date_last !== e.date ? `${e.date} to ${e.date_last}` : e.date],
      ['date precision', e.date_precision],
      ['status', e.status ? outcome(e) : null],
      ['place', placeText(e.location)],
      ['place basis', e.location_basis],
      ['reported by', `${fmt(e.num_articles)} articles, ${fmt(e.num_sources)} outlets, ${fmt(e.num_mentions)} mentions`],
    ]),
    el('h3', {}, `Evidence (${data.members.length})`),
    el('ol', { id: 'evidence' }, ...data.members.map((m) => {
      const ev = m.event;
      const sentence = m.context
        ? highlighted(m.context.sentence, [{ begin: m.context.span[0], end: m.context.span[1], cls: 'span' }])
        : highlighted(ev.evidence, [{ begin: 0, end: new TextEncoder().encode(ev.evidence).length, cls: 'span' }]);
      return el('li', { class: 'member', 'data-row': ev.row_id },
        el('blockquote', { class: 'evidence' }, sentence),
        dl([
          ['article', articleLink(m.article)],
          ['rule', ev.rule],
          ['status', outcome(ev)],
          ['date', ev.date ? `${ev.date}${ev.date_basis ? ` (from ${ev.date_basis})` : ''}` : 'undated'],
          ['place', placeText(ev.location)],
          ['actors', `${ev.source?.text || '—'} (${ev.source?.code || '—'}) → ${ev.target?.text || '—'} (${ev.target?.code || '—'})`],
          ['span', `bytes ${ev.span[0]}–${ev.span[1]} of sentence ${ev.sentence}`],
        ]));
    })),
  );
}

function closeButton() {
  return el('button', { type: 'button', class: 'close', 'aria-label': 'close', onclick: () => state.update({ event: null }) }, '×');
}
