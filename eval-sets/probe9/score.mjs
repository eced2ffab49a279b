#!/usr/bin/env node
// Scores a probe9 set with eventwire, exactly as evalPlover in src/eval/bench-sets.ts does.
// Usage: EW_ROOT=/work/main node score.mjs setA.json [--list]
// Records with "neg": true are scored the other way round: how many DO yield an event of the
// named type (false positives).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const list = args.includes('--list');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: EW_ROOT=/work/main node score.mjs set.json [--list]');
  process.exit(2);
}
const root = resolve(process.env.EW_ROOT ?? '/work/main');
const mod = (p) => import(pathToFileURL(resolve(root, 'dist', 'src', p)).href);
const { analyze } = await mod('pipeline/index.js');
const { textArticle } = await mod('pipeline/doc.js');
const { ploverType } = await mod('export/index.js');
// run.ts: `const kb = knowledge();` (src/knowledge/index.ts; EVENTWIRE_KNOWLEDGE adds a folder)
const { knowledge } = await mod('knowledge/index.js');
const kb = knowledge();

const OLD_TO_NEW = { DEMAND: 'REQUEST', DISAPPROVE: 'ACCUSE', INVESTIGATE: 'ACCUSE', FIGHT: 'ASSAULT' };
// Same rules as evalPlover: an actor's country, or INTL for an IGO/NGO, which matches "IGO" or "NGO".
const code = (a) => a.iso3 ?? (a.kind === 'igo' || a.kind === 'ngo' || /^(IGO|NGO)/.test(a.cameo ?? '') ? 'INTL' : null);
const has = (codes, c) => !!c && (c === 'INTL' ? codes.has('IGO') || codes.has('NGO') : codes.has(c));

const records = JSON.parse(readFileSync(file, 'utf8'));
const pos = { records: 0, typeFound: 0, typeAndSource: 0, typeSourceTarget: 0, events: 0, byType: {}, byConstruction: {} };
const neg = { records: 0, fp: 0, fpSource: 0, fpAsserted: 0, events: 0, byType: {}, byCategory: {} };
const lines = [];
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '0.0') + '%';
const actorStr = (xs) => (Array.isArray(xs) ? xs : []).map((a) => a.code).filter(Boolean).join('+') || '-';
const gotStr = (e) => `${ploverType(e)}${e.modality !== 'asserted' ? `(${e.modality})` : ''}${e.historical ? '(hist)' : ''} ${e.source.map((a) => code(a) ?? '?').join('+') || '-'}>${e.target.map((a) => code(a) ?? '?').join('+') || '-'}`;

for (const r of records) {
  const type = OLD_TO_NEW[r.event] ?? r.event;
  const srcCodes = new Set((Array.isArray(r.source) ? r.source : []).map((a) => a.code).filter(Boolean));
  const tarCodes = new Set((Array.isArray(r.target) ? r.target : []).map((a) => a.code).filter(Boolean));
  const doc = analyze(textArticle(r.text, r.date ?? '2000-01-01'), { kb });
  const same = doc.events.filter((e) => ploverType(e) === type);
  const withSource = same.filter((e) => e.source.some((a) => has(srcCodes, code(a))));
  const withTarget = withSource.some((e) => !tarCodes.size || e.target.some((a) => has(tarCodes, code(a))));
  let verdict;
  if (r.neg === true) {
    neg.records++;
    neg.events += doc.events.length;
    const bt = (neg.byType[type] ??= { n: 0, fp: 0 });
    bt.n++;
    const bc = (neg.byCategory[r.negCategory ?? '-'] ??= { n: 0, fp: 0 });
    bc.n++;
    if (same.length) {
      neg.fp++;
      bt.fp++;
      bc.fp++;
      if (withSource.length) neg.fpSource++;
      if (same.some((e) => e.modality === 'asserted' && !e.historical)) neg.fpAsserted++;
    }
    verdict = same.length ? 'FALSE-POSITIVE' : 'ok';
  } else {
    pos.records++;
    pos.events += doc.events.length;
    const bt = (pos.byType[type] ??= { n: 0, found: 0 });
    bt.n++;
    const bc = (pos.byConstruction[r.construction ?? '-'] ??= { n: 0, found: 0, source: 0, target: 0 });
    bc.n++;
    if (same.length) {
      pos.typeFound++;
      bt.found++;
      bc.found++;
      if (withSource.length) {
        pos.typeAndSource++;
        bc.source++;
        if (withTarget) {
          pos.typeSourceTarget++;
          bc.target++;
        }
      }
    }
    verdict = !same.length ? 'MISS' : !withSource.length ? 'type' : withTarget ? 'type+src+tgt' : 'type+src';
  }
  if (list) {
    lines.push(`${r.id}\t${r.construction ?? r.negCategory ?? '-'}\t${r.neg ? 'NOT ' : ''}${type} ${actorStr(r.source)}>${actorStr(r.target)}\t${verdict}\t[${doc.events.map(gotStr).join('; ')}]`);
  }
}

if (list) for (const l of lines) console.log(l);
if (pos.records) {
  const p = pos;
  console.log(`${file}: ${p.records} records`);
  console.log(`  type found            ${p.typeFound}/${p.records} ${pct(p.typeFound, p.records)}`);
  console.log(`  type + source         ${p.typeAndSource}/${p.records} ${pct(p.typeAndSource, p.records)}`);
  console.log(`  type + source + target ${p.typeSourceTarget}/${p.records} ${pct(p.typeSourceTarget, p.records)}`);
  console.log(`  events per record     ${(p.events / p.records).toFixed(2)}`);
  for (const [t, v] of Object.entries(p.byType).sort()) console.log(`    ${t.padEnd(10)} ${v.found}/${v.n}`);
  if (Object.keys(p.byConstruction).length > 1) {
    console.log('  by construction (type / +source / +target):');
    for (const [c, v] of Object.entries(p.byConstruction).sort()) console.log(`    ${c.padEnd(22)} ${v.found}/${v.source}/${v.target} of ${v.n}`);
  }
}
if (neg.records) {
  const n = neg;
  console.log(`${file}: ${n.records} negative records (event of the named type must NOT be produced)`);
  console.log(`  false positives (any event of the named type) ${n.fp}/${n.records} ${pct(n.fp, n.records)}`);
  console.log(`    of which with the record's source country   ${n.fpSource}`);
  console.log(`    of which asserted and not historical         ${n.fpAsserted}`);
  console.log(`  events per record     ${(n.events / n.records).toFixed(2)}`);
  for (const [t, v] of Object.entries(n.byType).sort()) console.log(`    ${t.padEnd(10)} ${v.fp}/${v.n} false positives`);
  if (Object.keys(n.byCategory).length > 1) {
    console.log('  by category:');
    for (const [c, v] of Object.entries(n.byCategory).sort()) console.log(`    ${c.padEnd(14)} ${v.fp}/${v.n} false positives`);
  }
}
