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

test('shipped companies: kind company, sector BUS, a known headquarters country, CAMEO <ISO3>BUS, known parents, ids and names not shared with other files', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const { dataPath } = await import('../src/paths.js');
  const kb = Knowledge.load();
  assert.deepEqual(kb.messages, []);
  const file = JSON.parse(readFileSync(dataPath('companies.json'), 'utf8'));
  assert.equal(file.kind, 'organisations');
  assert.ok(file.records.length >= 300, `${file.records.length} companies`);
  const otherIds = new Set<string>();
  const otherNames = new Set<string>();
  for (const f of readdirSync(dataPath()).filter((n: string) => n.endsWith('.json') && n !== 'companies.json')) {
    const data = JSON.parse(readFileSync(dataPath(f), 'utf8'));
    for (const r of data.records ?? []) {
      if (typeof r.id === 'string') otherIds.add(r.id.toLowerCase());
      for (const s of [r.name, ...(r.aliases ?? []), ...(r.demonyms ?? []), r.capital, ...(r.capitalAliases ?? [])]) if (typeof s === 'string') otherNames.add(s);
    }
  }
  const ids = new Set<string>();
  for (const r of file.records) {
    assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.id);
    assert.ok(!ids.has(r.id) && !otherIds.has(r.id), `id ${r.id} is unique`);
    ids.add(r.id);
    assert.equal(r.kind, 'company', r.id);
    assert.equal(r.sector, 'BUS', r.id);
    assert.ok(kb.countries.has(r.iso3), `${r.id}: headquarters ${r.iso3}`);
    assert.equal(r.cameo, `${r.iso3}BUS`, r.id);
    if (r.parent) assert.ok(kb.organisations.has(r.parent) && r.parent !== r.id, `${r.id}: parent ${r.parent}`);
    for (const s of [r.name, ...r.aliases]) assert.ok(!otherNames.has(s), `${r.id}: "${s}" already names something else`);
  }
});

const entitiesOf = (kb: Knowledge, text: string) => {
  const doc = analyze(textArticle(text, '2024-06-01'), { kb, until: 'places' });
  return doc.mentions.map((m) => ({ surface: doc.text.slice(m.start, m.end), entity: doc.entities.get(m.entityId)! }));
};

test('a company name links to the company, with its headquarters country and a <ISO3>BUS code', () => {
  const kb = Knowledge.load();
  const found = entitiesOf(kb, 'Gazprom cut gas supplies to Moldova on Saturday. Maersk paused Red Sea transits, and Lockheed Martin said it would double missile output. Starlink terminals reached Kharkiv.');
  const by = (id: string) => found.find((f) => f.entity.id === id)?.entity;
  assert.deepEqual([by('gazprom')?.kind, by('gazprom')?.iso3, by('gazprom')?.cameo], ['company', 'RUS', 'RUSBUS']);
  assert.deepEqual([by('maersk')?.kind, by('maersk')?.iso3, by('maersk')?.cameo], ['company', 'DNK', 'DNKBUS']);
  assert.deepEqual([by('lockheed-martin')?.kind, by('lockheed-martin')?.cameo], ['company', 'USABUS']);
  assert.equal(by('starlink')?.parent, 'spacex', 'a subsidiary names its owner');
  assert.ok(by('MDA'), 'the country still links');
});

test('a common word or place that is also a company name does not link to the company', () => {
  const kb = Knowledge.load();
  for (const text of [
    'Shell fragments hit the school.',
    'Apple orchards burned near the border.',
    'Amazon fires spread again this week.',
    'Total casualties rose to forty.',
    'Meta said the vote was fair.',
    'Syrian Air Force jets bombed Idlib.',
    'The People\'s Bank of China cut rates.',
    'Intel reports suggest Russian troops massed near the border.',
  ]) {
    const companies = entitiesOf(kb, text).filter((f) => f.entity.kind === 'company');
    assert.deepEqual(companies.map((f) => f.surface), [], text);
  }
  // "the Emirates" is still the country, not the airline.
  const emirates = entitiesOf(kb, 'The Emirates condemned the attack, and Emirates airline suspended flights.');
  assert.equal(emirates.find((f) => f.surface === 'Emirates')?.entity.id, 'ARE');
  assert.equal(emirates.find((f) => f.surface === 'Emirates airline')?.entity.id, 'emirates-airline');
});

test('a company\'s former name links to the same company as its present one', () => {
  const kb = Knowledge.load();
  const pairs: Array<[string, string]> = [
    ['Raytheon won a Patriot contract on Monday.', 'rtx'],
    ['RTX said it would expand production.', 'rtx'],
    ['Statoil signed the deal in Oslo.', 'equinor'],
    ['Facebook removed the posts.', 'meta-platforms'],
    ['Royal Dutch Shell left Sakhalin.', 'shell'],
    ['Twitter suspended the accounts.', 'x-corp'],
    ['Qatar Petroleum signed a supply deal with China.', 'qatarenergy'],
  ];
  for (const [text, id] of pairs) {
    const first = entitiesOf(kb, text)[0];
    assert.equal(first?.entity.id, id, text);
    assert.equal(first?.entity.kind, 'company', text);
  }
});
