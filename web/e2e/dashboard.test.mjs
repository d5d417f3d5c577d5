// Browser end-to-end test of the dashboard: Debian's Chromium (headless),
// driven by playwright-core, against a running `parley serve`.
//   BASE=http://127.0.0.1:PORT ARTIFACTS=dir ARTICLE=file node e2e/dashboard.test.mjs
// Every count the page must show is read from the API during the test
// (coding improves, so nothing is hard-coded). A screenshot of each view is
// saved in ARTIFACTS. Exit status 0 when every check passed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE;
const ARTIFACTS = process.env.ARTIFACTS || 'e2e-artifacts';
const ARTICLE = process.env.ARTICLE;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
assert.ok(BASE, 'BASE (the server url) is required');
fs.mkdirSync(ARTIFACTS, { recursive: true });

const api = async (p, init) => {
  const res = await fetch(BASE + p, init);
  assert.equal(res.status, 200, `${p}: HTTP ${res.status}`);
  return res.json();
};
const sum = (xs, f) => xs.reduce((a, x) => a + f(x), 0);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
// Any script error or CSP violation fails the test; so does any request
// that leaves the server's origin (nothing is fetched from the internet).
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('request', (r) => {
  if (!r.url().startsWith(BASE) && !r.url().startsWith('data:')) problems.push(`outside request: ${r.url()}`);
});

let passed = 0;
async function check(name, fn) {
  const t0 = Date.now();
  await fn();
  passed++;
  console.log(`ok ${passed} - ${name} (${Date.now() - t0} ms)`);
}
const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

try {
  await check('map: one circle per place the API lists, with its event total', async () => {
    const t0 = Date.now();
    await page.goto(`${BASE}/?view=map`);
    await page.waitForSelector('#map-summary');
    await page.waitForSelector('svg#map path.country');
    console.log(`  first load to map drawn: ${Date.now() - t0} ms`);
    const data = await api('/api/places?limit=2000');
    assert.ok(data.places.length > 0, 'the store has located events');
    assert.equal(await page.locator('svg#map circle.place').count(), data.places.length);
    const shown = await page.locator('#map-summary').getAttribute('data-events');
    assert.equal(Number(shown), sum(data.places, (p) => p.events));
    // Hover shows details.
    await page.locator('svg#map circle.place').first().hover();
    await page.waitForSelector('#tooltip:not([hidden])');
    assert.match(await page.locator('#tooltip').innerText(), /events/);
    await shot('map');
  });

  await check('timeline: bars and Goldstein lines with the API counts; brushing sets the date filter', async () => {
    await page.goto(`${BASE}/?view=timeline`);
    await page.waitForSelector('#timeline-summary');
    const interval = await page.locator('#timeline-summary').getAttribute('data-interval');
    const data = await api(`/api/timeline?interval=${interval}`);
    const total = sum(data.buckets, (b) => b.events);
    assert.ok(total > 0);
    assert.equal(Number(await page.locator('#timeline-summary').getAttribute('data-events')), total);
    const nonEmpty = data.buckets.filter((b) => b.events > 0).length;
    assert.equal(await page.locator('#timeline-counts rect.bar').count() >= nonEmpty, true);
    assert.ok(await page.locator('#timeline-goldstein path.goldstein').count() >= 1);
    await shot('timeline');
    // Drag across the middle of the chart.
    const box = await page.locator('#timeline-counts').boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => new URLSearchParams(location.search).has('from'));
    const params = new URLSearchParams(new URL(page.url()).search);
    assert.match(params.get('from'), /^\d{4}-\d{2}-\d{2}$/);
    assert.match(params.get('to'), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(await page.locator('#filters input[name=from]').inputValue(), params.get('from'));
  });

  await check('network: one node per actor, one line per pair among them', async () => {
    await page.goto(`${BASE}/?view=network`);
    await page.waitForSelector('#network-summary');
    const data = await api('/api/actors?limit=60');
    const known = new Set(data.actors.map((a) => a.code));
    const edges = data.edges.filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target);
    assert.ok(data.actors.length > 0);
    assert.equal(await page.locator('svg#network g.actor').count(), data.actors.length);
    assert.equal(await page.locator('svg#network line.edge').count(), edges.length);
    await shot('network');
  });

  let firstId;
  await check('table: the merged events the API counts, sortable', async () => {
    await page.goto(`${BASE}/?view=table`);
    await page.waitForSelector('#table-summary[data-total]');
    const data = await api('/api/events?limit=200&count=1');
    assert.equal(Number(await page.locator('#table-summary').getAttribute('data-total')), data.total);
    assert.equal(await page.locator('#events-table tbody tr').count(), data.events.length);
    // Sort by Goldstein, descending: the first row has the largest score.
    await page.locator('#events-table th[data-key=goldstein]').click();
    await page.locator('#events-table th[data-key=goldstein]').click();
    const top = Math.max(...data.events.map((e) => e.goldstein));
    const firstCell = await page.locator('#events-table tbody tr').first().locator('td.goldstein').innerText();
    assert.equal(Number(firstCell), Number(top.toFixed(1)));
    firstId = data.events[0].id;
    await shot('table');
  });

  await check('filters live in the URL and every view uses them', async () => {
    const top = (await api('/api/actors?limit=1')).actors[0].code;
    await page.goto(`${BASE}/?view=table&actor=${top}`);
    await page.waitForSelector('#table-summary[data-total]');
    const data = await api(`/api/events?actor=${top}&limit=1&count=1`);
    assert.equal(Number(await page.locator('#table-summary').getAttribute('data-total')), data.total);
    assert.equal(await page.locator('#filters input[name=actor]').inputValue(), top);
    await page.locator('#tabs a[data-view=map]').click();
    await page.waitForSelector('#map-summary');
    assert.match(page.url(), new RegExp(`actor=${top}`));
    const places = await api(`/api/places?actor=${top}&limit=2000`);
    assert.equal(await page.locator('svg#map circle.place').count(), places.places.length);
  });

  await check('event view: clicking an event shows its evidence with the span highlighted', async () => {
    await page.goto(`${BASE}/?view=table`);
    await page.waitForSelector(`#events-table tbody tr[data-id="${firstId}"]`);
    await page.locator(`#events-table tbody tr[data-id="${firstId}"]`).click();
    await page.waitForSelector('#event #evidence li.member');
    const data = await api(`/api/events/${firstId}`);
    assert.equal(await page.locator('#event #evidence li.member').count(), data.members.length);
    const marks = await page.locator('#event #evidence mark.span').allInnerTexts();
    assert.equal(marks.length, data.members.length);
    // The highlighted words are the evidence span, exactly.
    const fold = (x) => x.split(/\s+/).filter(Boolean).join(' ');
    data.members.forEach((m, i) => assert.equal(fold(marks[i]), fold(m.event.evidence)));
    const rule = data.members[0].event.rule;
    if (rule) assert.match(await page.locator('#event').innerText(), new RegExp(rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(page.url(), new RegExp(`event=${firstId}`));
    await shot('event');
  });

  await check('code an article: pasting it shows its events highlighted, with the explain trace', async () => {
    const text = fs.readFileSync(ARTICLE, 'utf8');
    const direct = await api('/api/code?date=2025-05-17', { method: 'POST', body: text });
    await page.goto(`${BASE}/?view=code`);
    await page.locator('#code-text').fill(text);
    await page.locator('#code-date').fill('2025-05-17');
    await page.locator('#code-run').click();
    await page.waitForSelector('#code-summary');
    assert.ok(direct.events.length > 0, 'the article has events');
    assert.equal(Number(await page.locator('#code-summary').getAttribute('data-events')), direct.events.length);
    assert.equal(await page.locator('#code-events tbody tr').count(), direct.events.length);
    const marks = await page.locator('#code-article mark').count();
    assert.ok(marks >= 1 && marks <= direct.events.length);
    assert.ok((await page.locator('#code-explain pre').textContent()).length > 100, 'an explain trace');
    await page.locator('#code-explain summary').click();
    await shot('code');
  });

  assert.deepEqual(problems, [], 'no script errors, CSP violations or outside requests');
  console.log(`all ${passed} checks passed; screenshots in ${ARTIFACTS}`);
} catch (err) {
  await shot('failure').catch(() => {});
  console.error(`not ok - ${err.message}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
