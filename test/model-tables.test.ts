// The syntax model's scoring tables kept between processes (src/syntax/model-tables.ts): read back,
// they are the tables built from the model file, byte for byte, and parse alike; a snapshot made
// from another model file, or cut short, is not read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModel, encodeModel, installSyntaxModel, syntaxModel, syntaxRuntime, type SyntaxRuntime } from '../src/syntax/model-io.js';
import { readSyntaxTables, writeSyntaxTables } from '../src/syntax/model-tables.js';
import { readConllu } from '../src/syntax/conllu.js';
import { trainModel } from '../src/syntax/train.js';
import { tag } from '../src/syntax/tagger.js';
import { parse } from '../src/syntax/parser.js';
import { tempDir } from './helpers/tmp.js';

const bytes = (t: ArrayBufferView) => Buffer.from(t.buffer, t.byteOffset, t.byteLength);

function assertSameTables(got: SyntaxRuntime, want: SyntaxRuntime): void {
  for (const k of ['meta', 'xposNames', 'uposNames', 'labels', 'leftLabels', 'rightLabels'] as const) assert.deepEqual(got[k], want[k], k);
  for (const k of ['xpos', 'upos', 'moves', 'labeler'] as const) {
    const { table, entries, ...rest } = got[k];
    const { table: t, entries: e, ...wanted } = want[k];
    assert.deepEqual(rest, wanted, k);
    assert.equal(table.constructor, t.constructor, `${k}: table type`);
    assert.ok(table.buffer instanceof SharedArrayBuffer, `${k}: shared`);
    assert.ok(bytes(table).equals(bytes(t)), `${k}: table bytes`);
    assert.equal(entries === null, e === null, `${k}: entries`);
    if (entries && e) assert.ok(bytes(entries).equals(bytes(e)), `${k}: entries bytes`);
  }
  assert.equal(got.clusters === null, want.clusters === null, 'clusters');
  if (got.clusters && want.clusters) {
    assert.ok(bytes(got.clusters.slots).equals(bytes(want.clusters.slots)) && bytes(got.clusters.vals).equals(bytes(want.clusters.vals)), 'cluster tables');
  }
}

test('the shipped model\'s tables read back are the tables built from its file, and parse alike', () => {
  // A relative path: this process builds the tables from the file instead of reading them kept.
  const FILE = join('models', 'en-ewt-parser.bin');
  const built = syntaxRuntime(FILE);
  const kept = join(tempDir(), 'tables.bin');
  writeSyntaxTables(FILE, built, kept);
  const back = readSyntaxTables(FILE, kept);
  assert.ok(back, 'the tables just written are read');
  assertSameTables(back, built);
  const forms = ['Rebels', 'backed', 'by', 'Rwanda', 'seized', 'the', 'town', 'on', 'Sunday', '.'];
  const direct = decodeModel(readFileSync(FILE), FILE);
  const tags = tag(direct.tagger, forms);
  installSyntaxModel(back);
  const m = syntaxModel(FILE);
  assert.equal(m.parser.moves.runtime().table, back.moves.table, 'the read tables are the ones installed');
  assert.deepEqual(tag(m.tagger, forms), tags);
  assert.deepEqual(parse(m.parser, forms, tags.xpos, tags.upos), parse(direct.parser, forms, tags.xpos, tags.upos));
});

test('tables kept from another model file, or cut short, or not tables at all, are not read', () => {
  const SAMPLE = 'test/fixtures/syntax/ewt-sample.conllu';
  const sample = readConllu(readFileSync(SAMPLE, 'utf8'), SAMPLE).slice(0, 10);
  const dir = tempDir();
  const model = join(dir, 'small.bin');
  writeFileSync(model, encodeModel(trainModel(sample, { taggerEpochs: 1, parserEpochs: 1, folds: 1, prune: 0, minCount: 1, minQ: 1, seed: 3 })));
  const kept = join(dir, 'tables.bin');
  writeSyntaxTables(model, syntaxRuntime(model), kept);
  assert.ok(readSyntaxTables(model, kept), 'read while the model file is unchanged');
  assert.equal(readSyntaxTables(join(dir, 'other.bin'), kept), null, 'a model file that does not exist');
  const copy = join(dir, 'copy.bin');
  copyFileSync(kept, copy);
  utimesSync(model, new Date(), new Date(Date.now() + 5000));
  assert.equal(readSyntaxTables(model, kept), null, 'a model file rewritten since');
  writeSyntaxTables(model, syntaxRuntime(model), kept);
  assert.ok(readSyntaxTables(model, kept));
  truncateSync(kept, readFileSync(kept).length - 8);
  assert.equal(readSyntaxTables(model, kept), null, 'cut short');
  writeFileSync(kept, 'EWTABLES not really');
  assert.equal(readSyntaxTables(model, kept), null, 'not tables');
  assert.equal(readSyntaxTables(model, join(dir, 'none.bin')), null, 'absent');
});
