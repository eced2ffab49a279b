// The syntax model read on a thread of its own (what `eventwire extract` does while it loads the
// knowledge base): the tables it hands back are shared, not copied, and parse exactly as the model
// read here; a missing file is reported, not waited for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModel, syntaxModel } from '../src/syntax/model-io.js';
import { loadSyntaxModelInBackground } from '../src/syntax/model-thread.js';
import { tag } from '../src/syntax/tagger.js';
import { parse } from '../src/syntax/parser.js';

const FILE = join('models', 'en-ewt-parser.bin');

test('the model read on another thread is installed here and parses as the model read on this one', async () => {
  const forms = ['Rebels', 'backed', 'by', 'Rwanda', 'seized', 'the', 'town', 'on', 'Sunday', '.'];
  const direct = decodeModel(readFileSync(FILE), FILE);
  const tags = tag(direct.tagger, forms);
  const expected = parse(direct.parser, forms, tags.xpos, tags.upos);
  const rt = await loadSyntaxModelInBackground(FILE);
  assert.ok(rt.moves.table.buffer instanceof SharedArrayBuffer && rt.labeler.entries?.buffer instanceof SharedArrayBuffer);
  const installed = syntaxModel(FILE);
  // this thread scores with the other thread's tables, not with a copy or a second read
  assert.equal(installed.parser.moves.runtime().table.buffer, rt.moves.table.buffer);
  const got = tag(installed.tagger, forms);
  assert.deepEqual(got, tags);
  assert.deepEqual(parse(installed.parser, forms, got.xpos, got.upos), expected);
});

test('a missing model file rejects with the reader\'s message', async () => {
  await assert.rejects(loadSyntaxModelInBackground('models/no-such-model.bin'), /no-such-model\.bin: file not found/);
});
