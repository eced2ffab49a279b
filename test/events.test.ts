// Short texts, a few per PLOVER type, plus the hard cases: negation, denial, threats,
// hypotheticals, reported speech, passive voice, coordination, nominal triggers, figure-only text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/pipeline/index.js';
import { textArticle } from '../src/pipeline/doc.js';
import { knowledge } from '../src/knowledge/index.js';
import { actorMatches, type GoldFile } from '../src/eval/score.js';
import { aliasesFrom } from '../src/eval/run.js';
import type { EventRecord } from '../src/model/types.js';
import { knownGaps, loadCases } from './helpers/cases.js';

const kb = knowledge();
const aliases = aliasesFrom(kb);
const noGold: GoldFile = { article: '', entities: [], events: [] };
const cases = loadCases('test/cases/events.jsonl');
const gaps = knownGaps('events');

// The shared matching rule (type, source, target, date) plus modality; modes are reported, not
// required, since the lexicon's mode names are coarser than a human coder's.
function fits(want: any, e: EventRecord): boolean {
  if (want.type && want.type !== e.type) return false;
  if (want.modality && want.modality !== e.modality) return false;
  if (want.source?.length && !want.source.some((a: string) => e.source.some((x) => actorMatches(a, x, noGold, aliases)))) return false;
  if (want.target?.length && !want.target.some((a: string) => e.target.some((x) => actorMatches(a, x, noGold, aliases)))) return false;
  if (want.date && (!e.date || e.date.from > want.date[1] || e.date.to < want.date[0])) return false;
  return true;
}

const show = (evs: EventRecord[]) => evs.map((e) => `${e.type}/${e.mode ?? '-'} ${e.modality} ${e.source.map((s) => s.iso3 ?? s.name).join('+')}→${e.target.map((s) => s.iso3 ?? s.name).join('+')} ${e.date?.from ?? ''}..${e.date?.to ?? ''}`).join('; ') || '(none)';

test('there are at least 40 event cases covering all 16 PLOVER types', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  const types = new Set(cases.flatMap((c) => (c.expect ?? []).map((x) => x.type)));
  assert.equal(types.size, 16, [...types].join(' '));
});

for (const c of cases) {
  test(`event case ${c.id}${c.note ? ` (${c.note.slice(0, 80)})` : ''}`, { todo: gaps[c.id] }, () => {
    const doc = analyze(textArticle(c.text, c.published ?? null, c.title ?? null), { kb });
    for (const want of c.expect ?? []) {
      assert.ok(doc.events.some((e) => fits(want, e)), `expected ${JSON.stringify(want)}; got ${show(doc.events)}`);
    }
    for (const bad of c.reject ?? []) {
      assert.ok(!doc.events.some((e) => fits(bad, e)), `must not produce ${JSON.stringify(bad)}; got ${show(doc.events)}`);
    }
  });
}
