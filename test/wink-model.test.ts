// wink-nlp's English model with the cheaper core reader (src/pipeline/wink-model.ts): the core
// model it gives is the package's own, field for field, and reading a text with it gives the same
// tokens, tags, lemmas and sentences as the package's model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readCoreModel, winkModel } from '../src/pipeline/wink-model.js';

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
