// wink-nlp's English model with the cheaper core reader (src/pipeline/wink-model.ts): the core
// model it gives is the package's own, field for field, and reading a text with it gives the same
// tokens, tags, lemmas and sentences as the package's model; the pipeline's instance, which runs
// only sentence boundaries and tags, reads texts as the default pipe does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readCoreModel, winkModel } from '../src/pipeline/wink-model.js';
import { getNlp } from '../src/pipeline/segment.js';

const require = createRequire(import.meta.url);

test('the core model read without the JSON round trip is the package\'s, and the package\'s source is left as it was', () => {
  const json = 'wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json';
  const before = JSON.stringify(require(json));
  const ours = readCoreModel();
  const theirs = require('wink-eng-lite-web-model/dist/load-core-model.js')();
  assert.deepStrictEqual(ours, theirs);
  assert.deepEqual(Object.keys(ours), Object.keys(theirs), 'in the same key order');
  assert.ok(ours.lexicon instanceof Uint32Array && ours.lexicon.length > 100_000);
  // two readings share nothing an instance adds to
  const again = readCoreModel();
  assert.notEqual(again.features.lexeme.list, ours.features.lexeme.list);
  assert.notEqual(again.features.prefix.hash, ours.features.prefix.hash);
  assert.equal(JSON.stringify(require(json)), before, 'the required JSON is not changed');
});

test('the model is the package\'s main module part for part, but for the core reader', () => {
  const theirs = require('wink-eng-lite-web-model');
  const ours = winkModel() as Record<string, any>;
  assert.deepEqual(Object.keys(ours), Object.keys(theirs));
  for (const k of Object.keys(theirs)) {
    if (k === 'core') assert.notEqual(ours.core, theirs.core);
    else if (k === 'addons') {
      assert.deepEqual(Object.keys(ours.addons), Object.keys(theirs.addons));
      for (const a of Object.keys(theirs.addons)) assert.equal(ours.addons[a], theirs.addons[a], a);
    } else assert.equal(ours[k], theirs[k], k);
  }
});

test('a text read with it gives what the package\'s model gives', () => {
  const winkNLP = require('wink-nlp');
  const text = 'Recep Tayyip Erdoğan met Aleksandar Vučić in Ankara on Monday. The U.N. said 3,000 people didn\'t flee; qzxjqvkwz!\n\nTalks resumed.';
  const read = (nlp: any) => {
    const d = nlp.readDoc(text);
    const its = nlp.its;
    return [its.value, its.precedingSpaces, its.pos, its.lemma, its.type, its.uniqueId].map((f) => d.tokens().out(f)).concat([d.sentences().out(its.span)]);
  };
  const ours = read(winkNLP(winkModel()));
  assert.deepEqual(ours, read(winkNLP(require('wink-eng-lite-web-model'))));
  assert.ok(ours[0].length > 30);
});

test('the pipeline\'s wink instance (boundaries and tags only) reads texts as the full default pipe does', () => {
  const winkNLP = require('wink-nlp');
  const full = winkNLP(winkModel());
  const ours = getNlp();
  // (the pipeline's instance has read one unknown word when it was made; new words' ids follow it)
  full.readDoc('qzxjqvkwz');
  const texts = [
    'Recep Tayyip Erdoğan met Aleksandar Vučić in Ankara on Monday. The U.N. said 3,000 people didn\'t flee; qzxjqvkwz!\n\nTalks resumed.',
    'Israel did not accept the terrible, deeply unfair offer, never! Hamas was not happy :( and wrote to info@example.org at 10:30 am on 12/03/2024.',
    'The ministry said on Twitter (@MFA_Ukraine) that #Kyiv had been hit by 22 drones 😡 overnight; see https://example.org/report for the 2nd update.',
    'Mr. Smith, 64, was neither arrested nor charged. "We won\'t stop," he said. Prices rose by 4.5% in Q3 2023.',
  ];
  const read = (nlp: any, text: string) => {
    const d = nlp.readDoc(text);
    const its = nlp.its;
    return [its.value, its.precedingSpaces, its.pos, its.lemma, its.type, its.uniqueId].map((f) => d.tokens().out(f)).concat([d.sentences().out(its.span)]);
  };
  for (const text of texts) assert.deepEqual(read(ours, text), read(full, text), text);
});
