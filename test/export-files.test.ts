// Each export layout written to a file by `eventwire export -o`, then read back with a parser that
// is not eventwire's (csv-parse for CSV and TSV, JSON.parse for the JSON layouts): the columns and
// the row counts are what docs/export.md promises.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ACLED_COLUMNS, CSV_COLUMNS, GDELT_COLUMNS, NO_ACLED } from '../src/export/index.js';
import { FIXTURE, tempDir } from './helpers/tmp.js';

const BIN = resolve('bin/eventwire.js');
const dir = tempDir();
const db = join(dir, 'export.db');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

/** Writes one layout to a file and returns its text and the summary line. */
function exported(format: string, ...extra: string[]): { text: string; summary: string } {
  const file = join(dir, `out-${format}${extra.join('')}`);
  const r = run(['export', '--db', db, '--format', format, '-o', file, ...extra]);
  return { text: readFileSync(file, 'utf8'), summary: r.stderr.trim() };
}

let all: any[] = [];
before(() => {
  const extra = join(dir, 'strikes.txt');
  writeFileSync(extra, [
    'Russian missiles struck the city of Kharkiv on Sunday, killing six people, the governor said.',
    'The foreign ministers of Brazil and Argentina held talks by phone on Monday.',
    'The opposition accused the government of lying.',
  ].join('\n\n'));
  run(['ingest', '--db', db, FIXTURE]);
  run(['ingest', '--db', db, '--published', '2025-03-05', extra]);
  all = JSON.parse(exported('json').text);
  assert.ok(all.length >= 5, `${all.length} events`);
});

test('csv: csv-parse reads the documented header and one row per event', () => {
  const rows = parse(exported('csv').text, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]), [...CSV_COLUMNS]);
  assert.equal(rows.length, all.length);
  assert.deepEqual(rows.map((r) => r.id).sort(), all.map((e) => e.id).sort());
});

test('acled: csv-parse reads the ACLED columns, every row typed, fatalities from the event itself', () => {
  const rows = parse(exported('acled').text, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]), [...ACLED_COLUMNS]);
  assert.equal(rows.length, all.length);
  for (const r of rows) assert.ok(r.event_type && r.sub_event_type, `row ${r.event_id_cnty} has no ACLED type`);
  const strike = rows.find((r) => r.location === 'Kharkiv' && r.plover_type === 'ASSAULT')!;
  assert.deepEqual([strike.event_type, strike.sub_event_type, strike.fatalities, strike.geo_precision],
    ['Explosions/Remote violence', 'Shelling/artillery/missile attack', '6', '1']);
  assert.ok(rows.some((r) => r.plover_type === 'CONSULT' && r.event_type === NO_ACLED));
  const sum = rows.reduce((n, r) => n + Number(r.fatalities), 0);
  assert.equal(sum, 6, 'the one toll is counted once over all rows');
});

test('gdelt: a tab-separated parse gives the GDELT columns and one row per event', () => {
  const rows = parse(exported('gdelt').text, { delimiter: '\t', quote: false, columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]), [...GDELT_COLUMNS]);
  assert.equal(rows.length, all.length);
});

test('plover, json and jsonl: JSON.parse reads one record per event', () => {
  const plover = JSON.parse(exported('plover').text);
  assert.equal(plover.length, all.length);
  for (const k of ['id', 'date', 'event', 'actor', 'recipient', 'eventLoc', 'dead', 'url']) assert.ok(k in plover[0], k);
  const lines = exported('jsonl').text.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((e) => e.id), all.map((e) => e.id));
});

test('geojson: one feature per placed event, and the summary says how many were written and skipped', () => {
  const { text, summary } = exported('geojson');
  const gj = JSON.parse(text);
  const placed = all.filter((e) => e.place).length;
  assert.ok(placed > 0 && placed < all.length, `${placed} of ${all.length} placed`);
  assert.equal(gj.features.length, placed);
  for (const f of gj.features) assert.equal(f.geometry.type, 'Point');
  assert.match(summary, new RegExp(`^wrote ${placed} feature\\(s\\); skipped ${all.length - placed} event\\(s\\) without a place to `));
});

test('merged layouts read back the same way: csv rows and geojson features per merged event', () => {
  const merged = JSON.parse(exported('json', '--merged').text);
  const rows = parse(exported('csv', '--merged').text, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, merged.length);
  assert.ok(rows.every((r) => r.merged_id && Number(r.reports) >= 1));
  const { text, summary } = exported('geojson', '--merged');
  const placed = merged.filter((e: any) => e.place).length;
  assert.equal(JSON.parse(text).features.length, placed);
  assert.match(summary, new RegExp(`^wrote ${placed} feature\\(s\\); skipped ${merged.length - placed} merged event\\(s\\)`));
});
