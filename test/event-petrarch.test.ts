// PETRARCH2's verb patterns read on the dependency parse, and the rule that eventwire's own lexicon
// wins on every verb it covers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/pipeline/index.js';
import { textArticle } from '../src/pipeline/doc.js';
import { knowledge } from '../src/knowledge/index.js';
import { findTriggers } from '../src/pipeline/event-triggers.js';
import { PETRARCH_CONFIDENCE, bestPattern, headReads, petrarchTrigger, petrarchTriggers, slotsOf } from '../src/pipeline/event-petrarch.js';
import type { Doc } from '../src/model/types.js';

const kb = knowledge();
const read = (text: string) => analyze(textArticle(text, '2024-05-08'), { kb });
const at = (doc: Doc, word: string) => {
  const k = doc.tokens.findIndex((t) => t.text === word);
  assert.ok(k >= 0, `no token ${word}`);
  return k;
};

test('the most specific pattern that holds on the parse wins over the bare verb', () => {
  const doc = read('Russia called off the talks with Ukraine on Friday.');
  const fit = bestPattern(doc, at(doc, 'called'));
  assert.ok(fit, 'a pattern fits');
  assert.equal(fit.pattern.particle, 'off');
  assert.ok(fit.pattern.object?.includes('talks'), fit.pattern.words.join(' '));
  assert.equal(fit.pattern.plover, 'SANCTION');
  // the object's head joined the trigger's words
  assert.ok(fit.tokens.includes(at(doc, 'talks')));
});

test('a pattern with no code cancels the verb: no trigger', () => {
  const doc = read('The rescuers called off the search on Friday.');
  const fit = bestPattern(doc, at(doc, 'called'));
  assert.ok(fit && fit.pattern.object?.includes('search'), fit?.pattern.words.join(' '));
  assert.equal(fit.pattern.cameo, null);
  assert.equal(petrarchTrigger(fit, kb), null);
});

test('a passive verb fills the subject slot from its agent and the object slot from its passive subject', () => {
  const doc = read('China was chided by Japan over its maritime claims on Tuesday.');
  const slots = slotsOf(doc, at(doc, 'chided'));
  assert.equal(slots.passive, true);
  assert.deepEqual(slots.subject.map((k) => doc.tokens[k].text), ['Japan']);
  assert.deepEqual(slots.object.map((k) => doc.tokens[k].text), ['China']);
});

test('a multi-word object reads the words just before its head', () => {
  const doc = read('The army called off the air raids on Sunday.');
  const raids = at(doc, 'raids');
  assert.ok(headReads(doc, raids, 'air raids'));
  assert.ok(!headReads(doc, raids, 'mock raids'));
});

test('own lexicon wins: a verb an own trigger covers gets no PETRARCH2 trigger, though PETRARCH2 has a pattern for it', () => {
  const doc = read('Russia called off the talks with Ukraine on Friday.');
  const s = doc.sentences[0];
  const own = findTriggers(doc, s, kb);
  assert.ok(own.length, 'the own lexicon knows "call off ... talks"');
  assert.deepEqual(petrarchTriggers(doc, s, kb, own), []);
  // without the own trigger PETRARCH2 would speak, with another type
  assert.deepEqual(petrarchTriggers(doc, s, kb, []).map((m) => m.c.trigger.type), ['SANCTION']);
  assert.deepEqual(doc.events.map((e) => e.type), ['REJECT']);
});

test('own lexicon wins where its constraints declined a verb it takes alone ("beat" in sport)', () => {
  const doc = read('Argentina beat France on penalties in the final.');
  const beat = bestPattern(doc, at(doc, 'beat'));
  assert.equal(beat?.pattern.plover, 'ASSAULT', 'PETRARCH2 reads "beat" as an attack');
  assert.deepEqual(petrarchTriggers(doc, doc.sentences[0], kb, []), []);
  assert.ok(!doc.events.some((e) => e.type === 'ASSAULT'));
});

test('a PETRARCH2 event carries a lower confidence than an own-lexicon one', () => {
  const doc = read('Japan chided China over its maritime claims on Tuesday.');
  const e = doc.events.find((x) => x.type === 'ACCUSE');
  assert.ok(e, doc.events.map((x) => x.type).join(' '));
  assert.equal(e.confidence, PETRARCH_CONFIDENCE);
  const own = read('Japan condemned China over its maritime claims on Tuesday.').events.find((x) => x.type === 'ACCUSE');
  assert.ok(own && own.confidence > e.confidence);
});
