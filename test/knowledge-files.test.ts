import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkKnowledgeFile, readKnowledgeFolder, type CheckedFile } from '../src/knowledge/files.js';
import { dataPath } from '../src/paths.js';

const person = (id: string, name: string) => ({ id, name, aliases: [], roles: [] });
const withoutSource = ({ source: _source, ...rest }: CheckedFile) => rest;

describe('knowledge files: checked once, kept in a snapshot', () => {
  test('the shipped files taken from the snapshot are what checking them now gives', () => {
    readKnowledgeFolder(dataPath());
    const files = readKnowledgeFolder(dataPath());
    assert.ok(files.length >= 10, `${files.length} shipped files`);
    for (const f of files) {
      const now = checkKnowledgeFile(f.file);
      if (!now.bad.length && now.error === null) assert.equal(f.source, 'snapshot', `${f.file} from the snapshot`);
      assert.deepEqual(withoutSource(f), withoutSource(now), f.file);
    }
  });

  test('a file changed since the snapshot is checked again, and its bad record reported by field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventwire-kfiles-'));
    const snapshot = join(mkdtempSync(join(tmpdir(), 'eventwire-ksnap-')), 'snapshot.json');
    const people = join(dir, 'people.json');
    writeFileSync(people, JSON.stringify({ kind: 'people', records: [person('a-b', 'Ann Bee')] }));
    writeFileSync(join(dir, 'notes.json'), '{ not json');
    const first = readKnowledgeFolder(dir, snapshot);
    assert.deepEqual(first.map((f) => f.source), ['checked', 'checked']);
    assert.ok(existsSync(snapshot));
    const second = readKnowledgeFolder(dir, snapshot);
    assert.equal(second[1].source, 'snapshot');
    assert.equal(second[1].records?.[0].rec.name, 'Ann Bee');
    // bad JSON is never kept: its message comes from a real check
    assert.equal(second[0].source, 'checked');
    assert.match(second[0].error ?? '', /JSON/);

    writeFileSync(people, JSON.stringify({ kind: 'people', records: [person('a-b', 'Ann Bee'), { id: 'c-d', name: 'Cy Dee', roles: [{ role: 'x', from: 'May 2020' }] }] }));
    const third = readKnowledgeFolder(dir, snapshot);
    assert.equal(third[1].source, 'checked');
    assert.deepEqual(third[1].records?.map((r) => r.i), [0]);
    assert.equal(third[1].bad.length, 1);
    assert.equal(third[1].bad[0].i, 1);
    assert.match(third[1].bad[0].path, /^roles\.0\./);
  });

  test('a file is known by its size and time; rewritten with the same content, by its hash, and kept again with its new time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventwire-kfiles-'));
    const snapshot = join(mkdtempSync(join(tmpdir(), 'eventwire-ksnap-')), 'snapshot.json');
    const people = join(dir, 'people.json');
    const text = JSON.stringify({ kind: 'people', records: [person('a-b', 'Ann Bee')] });
    writeFileSync(people, text);
    readKnowledgeFolder(dir, snapshot);
    const kept = () => JSON.parse(readFileSync(snapshot, 'utf8')).files['people.json'];
    const stat = (s = statSync(people)) => `${s.size} ${s.mtimeMs}`;
    assert.equal(kept().stat, stat());
    utimesSync(people, new Date(), new Date(Date.now() + 60_000));
    assert.notEqual(kept().stat, stat());
    assert.equal(readKnowledgeFolder(dir, snapshot)[0].source, 'snapshot');
    assert.equal(kept().stat, stat(), 'kept again with its new time');
  });

  test('a snapshot made by other schemas is not used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventwire-kfiles-'));
    writeFileSync(join(dir, 'people.json'), JSON.stringify({ kind: 'people', records: [person('a-b', 'Ann Bee')] }));
    const snapshots = mkdtempSync(join(tmpdir(), 'eventwire-ksnap-'));
    const snapshot = join(snapshots, 'snapshot.json');
    readKnowledgeFolder(dir, snapshot);
    const other = join(snapshots, 'other-snapshot.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(snapshot, 'utf8')), stamp: 'other schemas' }));
    assert.equal(readKnowledgeFolder(dir, other)[0].source, 'checked');
    assert.equal(readKnowledgeFolder(dir, snapshot)[0].source, 'snapshot');
  });
});
