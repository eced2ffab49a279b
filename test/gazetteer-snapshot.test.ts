import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Gazetteer } from '../src/knowledge/gazetteer.js';
import { tempDir } from './helpers/tmp.js';

// Lookup caches, filled as names are looked up, are no part of what loading builds.
const CACHES = new Set(['merged', 'countryCities', 'adminCodes', 'loadMs', 'heapBytes', 'source']);

function differingFields(a: Gazetteer, b: Gazetteer): string[] {
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...fields].filter((k) => !CACHES.has(k) && !isDeepStrictEqual((a as any)[k], (b as any)[k]));
}

test('a gazetteer restored from its snapshot equals the one loaded from the sources, field for field', () => {
  const file = join(tempDir(), 'gazetteer-snapshot.json');
  const loaded = Gazetteer.load([], file);
  assert.equal(loaded.source, 'loaded');
  assert.ok(existsSync(file), 'the first load keeps a snapshot');
  const restored = Gazetteer.load([], file);
  assert.equal(restored.source, 'snapshot');
  assert.deepEqual(differingFields(loaded, restored), []);
  for (const name of ['Kharkiv', 'Donetsk region', 'Gaza', 'Washington, D.C.', 'Syria', 'Hope']) {
    assert.deepEqual(restored.lookup(name), loaded.lookup(name), name);
  }
  assert.deepEqual(restored.lookupAcronym('DRC'), loaded.lookupAcronym('DRC'));
  assert.deepEqual(restored.country('the U.S.'), loaded.country('the U.S.'));
});

test('a snapshot made from other inputs is not used, and a knowledge folder loads without one', () => {
  const dir = tempDir();
  const file = join(dir, 'gazetteer-snapshot.json');
  Gazetteer.load([], file);
  const kept = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...kept, stamp: 'from other inputs' }));
  assert.equal(Gazetteer.load([], file).source, 'loaded');
  assert.equal(Gazetteer.load([], file).source, 'snapshot', 'the load rewrote it for the current inputs');

  const extra = join(dir, 'knowledge');
  const other = join(dir, 'other-snapshot.json');
  assert.equal(Gazetteer.load([extra], other).source, 'loaded');
  assert.ok(!existsSync(other), 'a load with a user folder keeps no snapshot');
});
