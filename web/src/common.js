// Shared bits: quad class colours and names, byte-offset highlighting,
// small DOM helpers, the hover tooltip.

export const QUAD = {
  1: { name: 'verbal cooperation', colour: '#74add1' },
  2: { name: 'material cooperation', colour: '#1a9850' },
  3: { name: 'verbal conflict', colour: '#fdae61' },
  4: { name: 'material conflict', colour: '#d73027' },
};
export const COOPERATION = '#1a9850';
export const CONFLICT = '#d73027';

// Creates an element: el('a', {href: '...'}, 'text', child, ...).
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function message(text, cls = 'muted') {
  return el('p', { class: cls }, text);
}

// Text with byte ranges [begin, end) of its UTF-8 encoding marked. Offsets in
// parley are UTF-8 byte offsets; JavaScript strings count UTF-16 units, so
// the text is cut as bytes and decoded piece by piece. Overlapping ranges:
// the earlier one wins. marks: [{begin, end, label, title, cls}].
export function highlighted(text, marks) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const out = el('span', { class: 'highlighted' });
  let at = 0;
  const sorted = [...marks].sort((a, b) => a.begin - b.begin || b.end - a.end);
  for (const m of sorted) {
    if (m.begin < at || m.end > bytes.length || m.begin >= m.end) continue;
    if (m.begin > at) out.append(dec.decode(bytes.slice(at, m.begin)));
    const mark = el('mark', { class: m.cls || 'span', title: m.title, 'data-label': m.label },
      dec.decode(bytes.slice(m.begin, m.end)));
    if (m.label) mark.append(el('sup', {}, m.label));
    out.append(mark);
    at = m.end;
  }
  if (at < bytes.length) out.append(dec.decode(bytes.slice(at)));
  return out;
}

const tip = () => document.getElementById('tooltip');
export function showTip(ev, lines) {
  const t = tip();
  t.replaceChildren(...lines.map((l, i) => el(i ? 'div' : 'strong', {}, l)));
  t.hidden = false;
  const x = Math.min(ev.clientX + 14, window.innerWidth - t.offsetWidth - 8);
  t.style.left = `${x}px`;
  t.style.top = `${ev.clientY + 14}px`;
}
export function hideTip() { tip().hidden = true; }

export function fmt(n, digits = 0) {
  return Number(n).toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function actorText(a) {
  if (!a || !a.code) return '—';
  return a.name ? `${a.code} (${a.name})` : a.code;
}

export function placeText(loc) {
  if (!loc) return '—';
  return loc.country && loc.name !== loc.country ? `${loc.name}, ${loc.country}` : loc.name;
}
