import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Knowledge } from '../src/knowledge/index.js';
import { analyze } from '../src/pipeline/index.js';
import { textArticle } from '../src/pipeline/doc.js';
import { tempDir } from './helpers/tmp.js';

test('a user knowledge folder adds people, organisations and triggers, and replaces records by id', () => {
  const dir = join(tempDir(), 'kb');
  mkdirSync(dir);
  writeFileSync(join(dir, 'people.json'), JSON.stringify({ kind: 'people', records: [
    { id: 'amara-zolani', name: 'Amara Zolani', surname: 'Zolani', iso3: 'ZAF', roles: [{ role: 'foreign minister', title: 'Foreign Minister', iso3: 'ZAF', from: '2024-01-01', to: null }] },
  ] }));
  writeFileSync(join(dir, 'orgs.json'), JSON.stringify({ kind: 'organisations', records: [
    { id: 'kivu-liberation-front', name: 'Kivu Liberation Front', aliases: ['KLF'], kind: 'armed group', iso3: 'COD', cameo: 'CODREB' },
  ] }));
  writeFileSync(join(dir, 'triggers.json'), JSON.stringify({ kind: 'triggers', records: [
    { id: 'user-pummel', pattern: 'pummel', pos: 'verb', type: 'ASSAULT', mode: null, cameo: '190', target: ['obj'], confidence: 0.9 },
  ] }));
  const kb = Knowledge.load({ extraDirs: [dir] });
  assert.deepEqual(kb.messages, []);
  const doc = analyze(textArticle('Foreign Minister Amara Zolani said the KLF pummelled a Congolese army convoy on Monday.', '2024-06-05'), { kb });
  const zolani = doc.entities.get('amara-zolani');
  assert.equal(zolani?.role, 'foreign minister');
  assert.equal(doc.entities.get('kivu-liberation-front')?.kind, 'armed group');
  const ev = doc.events.find((e) => e.type === 'ASSAULT');
  assert.ok(ev, 'the user trigger fires');
  assert.equal(ev!.source[0].id, 'kivu-liberation-front');
});

test('a bad knowledge record is reported with its file, index and field, and the rest is used', () => {
  const dir = join(tempDir(), 'kb');
  mkdirSync(dir);
  writeFileSync(join(dir, 'people.json'), JSON.stringify({ kind: 'people', records: [
    { id: 'ok-person', name: 'Okay Person', roles: [] },
    { id: 'bad-person', name: 'Bad Person', roles: [{ role: 'head of state', from: '12/03/2024' }] },
  ] }));
  writeFileSync(join(dir, 'broken.json'), '{ "kind": "people", "records": [');
  const kb = Knowledge.load({ extraDirs: [dir] });
  assert.ok(kb.people.has('ok-person'));
  assert.ok(!kb.people.has('bad-person'));
  const bad = kb.messages.find((m) => m.code === 'bad-record');
  assert.ok(bad && /people\.json: record 1: roles\.0\.from/.test(bad.message), JSON.stringify(kb.messages));
  assert.ok(kb.messages.some((m) => m.code === 'bad-json' && /broken\.json/.test(m.message)));
});
