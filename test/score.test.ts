import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreFile, totals, type Extracted, type GoldFile } from '../src/eval/score.js';

const gold: GoldFile = {
  article: 'x.md',
  entities: [
    { name: 'Hayat Tahrir al-Sham', kind: 'armed group', iso3: 'SYR', mentions: ['HTS'] },
    { name: 'Doha', kind: 'place', iso3: 'QAT', lat: 25.29, lon: 51.53 },
  ],
  events: [
    { id: 'g1', type: 'CONSULT', modality: 'possible', source: ['RUS', 'IRN'], target: [], date: ['2024-12-07', '2024-12-08'], place: 'Doha', attribution: ['TASS'] },
    { id: 'g2', type: 'ASSAULT', modality: 'asserted', source: ['Hayat Tahrir al-Sham'], target: ['SYR'] },
    { id: 'g3', type: 'COERCE', source: ['SYR'], target: ['SYR'], optional: true },
  ],
  quantities: [{ kind: 'displaced', value: 50000, as_of: '2024-11-30' }],
};

const actor = (iso3: string, name = iso3, id = iso3) => ({ id, name, iso3 });

function perfect(): Extracted {
  return {
    entities: [{ id: 'hts', name: 'Hayat Tahrir al-Sham', kind: 'armed group', iso3: 'SYR', role: null, mentions: [{ text: 'HTS' }] }],
    places: [{ name: 'Doha', lat: 25.28, lon: 51.52, iso3: 'QAT' }],
    figures: [{ kind: 'displaced', value: 50000, approximate: true, asOf: '2024-11-30', attribution: null }],
    events: [
      { id: 'e1', type: 'CONSULT', mode: null, modality: 'possible', source: [actor('RUS'), actor('IRN')], target: [], date: { from: '2024-12-07', to: '2024-12-08' }, place: { name: 'Doha', lat: 25.28, lon: 51.52 }, attribution: [{ name: 'TASS', id: 'tass', via: [] }] },
      { id: 'e2', type: 'ASSAULT', mode: null, modality: 'asserted', source: [actor('SYR', 'Hayat Tahrir al-Sham', 'hts')], target: [actor('SYR')], date: null, place: null, attribution: [] },
    ],
  };
}

test('a perfect extraction scores 1.0 everywhere', () => {
  const s = scoreFile('x', gold, perfect());
  assert.equal(s.events.precision, 1);
  assert.equal(s.events.recall, 1);
  assert.equal(s.modality.right, s.modality.total);
  assert.equal(s.date.right, 1);
  assert.equal(s.place.right, 1);
  assert.equal(s.attribution.right, 1);
  assert.equal(s.entities.recall, 1);
  assert.equal(s.figures.accuracy, 1);
});

test('a missing event lowers recall, not precision', () => {
  const x = perfect();
  x.events.pop();
  const s = scoreFile('x', gold, x);
  assert.equal(s.events.recall, 0.5);
  assert.equal(s.events.precision, 1);
});

test('a wrong-type event lowers precision', () => {
  const x = perfect();
  x.events.push({ ...x.events[0], id: 'e3', type: 'THREATEN' });
  const s = scoreFile('x', gold, x);
  assert.equal(s.events.fp, 1);
  assert.ok(s.events.precision < 1);
  assert.equal(s.events.recall, 1);
});

test('an optional event changes neither precision nor recall', () => {
  const x = perfect();
  x.events.push({ id: 'e4', type: 'COERCE', mode: null, modality: 'asserted', source: [actor('SYR')], target: [actor('SYR')], date: null, place: null, attribution: [] });
  const s = scoreFile('x', gold, x);
  assert.equal(s.events.precision, 1);
  assert.equal(s.events.recall, 1);
  assert.equal(s.events.neutral, 1);
});

test('a gold event is matched to the record from the sentence it quotes before one told elsewhere that also fits', () => {
  // Both gold events fit the rebels' record by country code; the army's bombing was not found.
  const g: GoldFile = {
    article: 'x.md',
    entities: [{ name: 'Arakan Army', kind: 'armed group', iso3: 'MMR' }],
    events: [
      { id: 'g1', type: 'ASSAULT', source: ['MMR'], target: ['MMR'], evidence: 'A military jet bombed a village in Sagaing region' },
      { id: 'g2', type: 'ASSAULT', source: ['Arakan Army'], target: ['MMR'], evidence: 'Mrauk-U was seized by the Arakan Army last week' },
    ],
    quantities: [],
  };
  const x: Extracted = {
    entities: [], places: [], figures: [],
    events: [{ id: 'e1', type: 'ASSAULT', mode: null, modality: 'asserted', source: [actor('MMR', 'Arakan Army', 'arakan-army')], target: [actor('MMR')], date: null, place: null, attribution: [], evidence: [{ text: 'The ancient town of Mrauk-U was seized by the Arakan Army last week, the group said.' }] }],
  };
  const s = scoreFile('x', g, x);
  assert.deepEqual(s.matches.map((m) => [m.gold, m.extracted]), [['g2', 'e1']]);
});

test('dates must overlap to match, and lie inside the reference interval to count as right', () => {
  const x = perfect();
  x.events[0].date = { from: '2024-12-09', to: '2024-12-15' };
  assert.equal(scoreFile('x', gold, x).events.tp, 1, 'the undated-in-reference event still matches');
  assert.equal(scoreFile('x', gold, x).matches.find((m) => m.gold === 'g1'), undefined, 'no overlap: g1 not matched');
  x.events[0].date = { from: '2024-12-05', to: '2024-12-08' };
  const s = scoreFile('x', gold, x);
  assert.equal(s.matches.find((m) => m.gold === 'g1')!.dateOk, false, 'overlapping but wider is a match with a wrong date');
});

test('a place within 25 km is right, one farther is wrong', () => {
  const x = perfect();
  x.events[0].place = { name: 'Al Wakrah', lat: 25.17, lon: 51.6 };
  assert.equal(scoreFile('x', gold, x).matches[0].placeOk, true);
  x.events[0].place = { name: 'Dukhan', lat: 25.42, lon: 50.78 };
  assert.equal(scoreFile('x', gold, x).matches[0].placeOk, false);
});

test('actors match by ISO3 code or by the reference entity names', () => {
  const x = perfect();
  x.events[1].source = [{ id: 'local:hts', name: 'HTS', iso3: null }];
  assert.equal(scoreFile('x', gold, x).events.tp, 2, 'an alias listed in the reference entity matches');
  x.events[1].source = [{ id: 'local:x', name: 'Free Syrian Army', iso3: 'SYR' }];
  assert.equal(scoreFile('x', gold, x).events.tp, 1, 'a same-country but different group does not match a named actor');
});

test('wrong modality is counted on a matched event', () => {
  const x = perfect();
  x.events[0].modality = 'asserted';
  const s = scoreFile('x', gold, x);
  assert.equal(s.modality.right, 1);
  assert.equal(s.modality.total, 2);
  const t = totals([s]);
  assert.equal(t.modality, 0.5);
});

// ------------------------------------------------------------------ the wikigold reader and scorer

test('wikigold: IOB1 spans are read per sentence, and an article read whole lets a later surname link back', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { wikigoldPredictions, scoreNer } = await import('../src/eval/bench-sets.js');
  const { knowledge } = await import('../src/knowledge/index.js');
  const conll = (s: string) => s.trim().split(/\s+/).map((w) => w.replace('/', ' ')).join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'eventwire-ner-')), 'tiny.conll');
  writeFileSync(file, [
    '-DOCSTART- O', '',
    conll('Tovan/I-PER Okonkwo/I-PER chaired/O the/O meeting/O in/O Lagos/I-LOC ./O'), '',
    conll('Later/O ,/O Okonkwo/I-PER resigned/O ./O'), '',
  ].join('\n'));
  const whole = wikigoldPredictions(file, knowledge(), 'document');
  assert.equal(whole.length, 2);
  assert.deepEqual([...whole[0].gold], [['0:13', 'PER'], ['37:42', 'LOC']]);
  assert.deepEqual([...whole[1].gold], [['8:15', 'PER']]);
  assert.equal(whole[1].predicted.get('8:15'), 'PER');
  const s = scoreNer(whole);
  assert.equal(s.gold, 3);
  assert.ok(s.correct >= 2 && s.correct <= s.predicted);
});

test("a state's sector actor is known to the scorer by the state's names (\"U.S. military\" is USAMIL)", async () => {
  const { knowledge } = await import('../src/knowledge/index.js');
  const { aliasesFrom } = await import('../src/eval/run.js');
  const { actorMatches } = await import('../src/eval/score.js');
  const aliases = aliasesFrom(knowledge());
  const none: GoldFile = { article: 'x.md', entities: [], events: [] };
  assert.ok(actorMatches('U.S. military', { id: 'USAMIL', name: 'United States (military)', iso3: 'USA' }, none, aliases));
  assert.ok(!actorMatches('U.S. military', { id: 'USAGOV', name: 'United States (government)', iso3: 'USA' }, none, aliases));
});
