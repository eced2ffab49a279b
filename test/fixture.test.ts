// The first fixture against its reference reading: the capabilities the project is defined by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from '../src/read/index.js';
import { analyze } from '../src/pipeline/index.js';
import { knowledge } from '../src/knowledge/index.js';
import { extractJson } from '../src/extract.js';
import { scoreFile, haversineKm, type Extracted, type GoldFile } from '../src/eval/score.js';
import { aliasesFrom } from '../src/eval/run.js';
import type { Doc } from '../src/model/types.js';
import { FIXTURE, GOLD } from './helpers/tmp.js';

const gold = JSON.parse(readFileSync(GOLD, 'utf8')) as GoldFile;
let cached: Doc | null = null;
async function doc(): Promise<Doc> {
  if (cached) return cached;
  const r = await readFile(FIXTURE);
  cached = analyze(r.articles[0], { kb: knowledge() });
  return cached;
}
const textOf = (d: Doc, s: { start: number; end: number }) => d.text.slice(s.start, s.end);

test('every reference entity is found and linked with the right kind, country and role', async () => {
  const d = await doc();
  const x = extractJson(d) as unknown as Extracted;
  const s = scoreFile('fixture', gold, x, aliasesFrom(knowledge()));
  assert.deepEqual(s.entities.missed, [], 'missed or mislinked entities');
  assert.equal(s.entities.found, s.entities.gold);
});

test('Doha and Aleppo are geocoded within 10 km', async () => {
  const d = await doc();
  for (const [name, lat, lon] of [['Doha', 25.29, 51.53], ['Aleppo', 36.2, 37.16]] as const) {
    const p = d.places.find((x) => x.text === name);
    assert.ok(p, `${name} found`);
    assert.ok(haversineKm(lat, lon, p!.lat, p!.lon) <= 10, `${name} at ${p!.lat},${p!.lon}`);
  }
  assert.ok(!d.places.some((p) => textOf(d, p).startsWith('Astana')), 'the Astana peace process is not a place');
});

test('the times resolve against the publication day', async () => {
  const d = await doc();
  const find = (text: string) => d.times.filter((t) => t.text.includes(text));
  const one = (text: string) => {
    const ts = find(text);
    assert.ok(ts.length, `${text} found`);
    return ts[0];
  };
  assert.deepEqual([one('Dec. 7-8').from, one('Dec. 7-8').to], ['2024-12-07', '2024-12-08']);
  for (const t of find('Monday')) assert.deepEqual([t.from, t.to], ['2024-12-02', '2024-12-02']);
  assert.deepEqual([one('next week').from, one('next week').to], ['2024-12-09', '2024-12-15']);
  assert.deepEqual([one('last week').from, one('last week').to], ['2024-11-25', '2024-12-01']);
  const y = d.times.find((t) => t.text.includes('2015') && !t.open);
  assert.ok(y && y.from === '2015-01-01' && y.to === '2015-12-31' && y.precision === 'year');
});

test('the three reference figures come with their as-of date and attribution', async () => {
  const d = await doc();
  const displaced = d.figures.find((f) => f.kind === 'displaced');
  assert.ok(displaced);
  assert.equal(displaced!.value, 50000);
  assert.equal(displaced!.approximate, true);
  assert.equal(displaced!.asOf, '2024-11-30');
  assert.match(displaced!.attribution ?? '', /Coordination of Humanitarian Affairs/);
  const killed = d.figures.find((f) => f.kind === 'killed');
  assert.equal(killed?.value, 500000);
  const pop = d.figures.find((f) => f.kind === 'population');
  assert.equal(pop?.value, 2000000);
});

test('events: precision and recall of at least 0.85 on required reference events', async () => {
  const d = await doc();
  const s = scoreFile('fixture', gold, extractJson(d) as unknown as Extracted, aliasesFrom(knowledge()));
  assert.ok(s.events.precision >= 0.85, `precision ${s.events.precision.toFixed(2)}; spurious: ${JSON.stringify(s.spurious)}`);
  assert.ok(s.events.recall >= 0.85, `recall ${s.events.recall.toFixed(2)}; missed: ${s.missed.join('; ')}`);
  const wrongModality = s.matches.filter((m) => m.modalityOk === false);
  assert.deepEqual(wrongModality, [], 'modality right on every matched event');
});

test('the Doha meeting is possible, on 7-8 December, in Doha, per TASS citing Iranian and Arab media', async () => {
  const d = await doc();
  const ev = d.events.find((e) => e.type === 'CONSULT' && e.source.length >= 3);
  assert.ok(ev, 'the four-way meeting is found');
  assert.equal(ev!.modality, 'possible');
  assert.deepEqual([ev!.date?.from, ev!.date?.to], ['2024-12-07', '2024-12-08']);
  assert.equal(ev!.place?.name, 'Doha');
  const tass = ev!.attribution.find((a) => a.name === 'TASS');
  assert.ok(tass, `attribution ${JSON.stringify(ev!.attribution)}`);
  assert.equal(tass!.via.length, 2);
});

test('the pledge of support and the call are dated Monday 2 December', async () => {
  const d = await doc();
  const pledge = d.events.find((e) => e.type === 'SUPPORT');
  assert.deepEqual([pledge?.date?.from, pledge?.date?.to], ['2024-12-02', '2024-12-02']);
  assert.ok(pledge!.attribution.some((a) => a.name === 'Kremlin'));
  const call = d.events.find((e) => e.type === 'CONSULT' && e.mode === 'phone');
  assert.deepEqual([call?.date?.from, call?.date?.to], ['2024-12-02', '2024-12-02']);
});

test('no event comes from the caption or the related-article headline', async () => {
  const d = await doc();
  const nonClaim = d.article.blocks.filter((b) => !b.claim);
  assert.ok(nonClaim.length >= 2);
  for (const e of d.events) {
    for (const ev of e.evidence) {
      assert.ok(!nonClaim.some((b) => ev.start >= b.start && ev.end <= b.end), `event ${e.type} from non-claim text: ${ev.text}`);
    }
  }
});
