// The actor linker on short texts: countries and alternate names, demonyms, metonymy, date-bounded
// roles, surnames, acronyms, "X-led", unknown people, and the negative cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/pipeline/index.js';
import { textArticle } from '../src/pipeline/doc.js';
import { knowledge } from '../src/knowledge/index.js';
import type { Doc } from '../src/model/types.js';
import { knownGaps, loadCases } from './helpers/cases.js';

const kb = knowledge();
const cases = loadCases('test/cases/entities.jsonl');
const gaps = knownGaps('entities');
const run = (text: string, published: string | null = '2024-06-01') => analyze(textArticle(text, published), { kb, until: 'actors' });

function found(doc: Doc) {
  return doc.mentions.map((m) => ({ mention: m.text, ...doc.entities.get(m.entityId)! }));
}

test('there are at least 30 entity cases', () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
});

for (const c of cases) {
  test(`entity case ${c.id}${c.note ? ` (${c.note.slice(0, 80)})` : ''}`, { todo: gaps[c.id] }, () => {
    const doc = run(c.text, c.published ?? null);
    const got = found(doc);
    const list = got.map((g) => `${g.mention}=${g.id}/${g.kind}/${g.iso3}/${g.role}`).join('; ');
    for (const want of c.expect ?? []) {
      const hit = got.find((g) => g.mention === want.mention || g.mention.includes(want.mention));
      assert.ok(hit, `expected a mention "${want.mention}"; got ${list}`);
      if (want.name) assert.equal(hit!.name, want.name, `name of "${want.mention}"; got ${list}`);
      if (want.kind) assert.equal(hit!.kind, want.kind, `kind of "${want.mention}"; got ${list}`);
      if (want.iso3 !== undefined) assert.equal(hit!.iso3, want.iso3, `country of "${want.mention}"; got ${list}`);
      if (want.role !== undefined) assert.equal(hit!.role, want.role, `role of "${want.mention}"; got ${list}`);
    }
    for (const bad of c.reject ?? []) {
      const hit = got.find((g) => g.mention === bad.mention && (!bad.iso3 || g.iso3 === bad.iso3) && (!bad.kind || g.kind === bad.kind));
      assert.ok(!hit, `must not find ${JSON.stringify(bad)}; got ${list}`);
    }
  });
}

test('a role is given only for the dates it was held: the same name in 2010 and in 2024', () => {
  const in2010 = found(run('President Vladimir Putin met officials in Moscow.', '2010-06-01')).find((g) => g.id === 'vladimir-putin');
  const in2024 = found(run('Vladimir Putin met officials in Moscow.', '2024-06-01')).find((g) => g.id === 'vladimir-putin');
  assert.equal(in2010?.role, 'head of government');
  assert.equal(in2024?.role, 'head of state');
});

test('metonymy: a capital that acts is its government, a capital after "in" is not an actor', () => {
  const g = found(run('Moscow said the talks were useful. Officials met in Moscow on Monday.'));
  assert.equal(g.filter((x) => x.mention === 'Moscow').length, 1);
  assert.equal(g.find((x) => x.mention === 'Moscow')?.id, 'RUSGOV');
});

test('a name in a photo caption is not an actor mention', () => {
  const a = textArticle('Assad greets supporters in Damascus. **Photo: SANA / Reuters**\n\nOfficials met on Monday.', '2024-06-01');
  a.blocks[0].kind = 'caption';
  a.blocks[0].claim = false;
  const doc = analyze(a, { kb, until: 'actors' });
  assert.equal(doc.mentions.filter((m) => m.text === 'Assad').length, 0);
});

test('an acronym defined in brackets links later uses to the same entity', () => {
  const doc = run('The Southern Transitional Council (STC) rejected the plan. Later the STC said it would talk.');
  const ids = new Set(doc.mentions.filter((m) => m.text.includes('STC') || m.text.includes('Southern')).map((m) => m.entityId));
  assert.equal(ids.size, 1);
});

test('an unknown person after a title is kept as an unlinked person with the title\'s role', () => {
  const g = found(run('Foreign Minister Jana Kowalczyk-Brandt arrived in Warsaw.'));
  const p = g.find((x) => x.kind === 'person');
  assert.ok(p && !p.linked);
  assert.equal(p!.role, 'foreign minister');
});

test('"Latin America" and "New Mexico" are not the United States and Mexico', () => {
  const g = found(run('Leaders from Latin America met in New Mexico.'));
  assert.ok(!g.some((x) => x.iso3 === 'USA' || x.iso3 === 'MEX'), g.map((x) => x.mention).join(','));
});
