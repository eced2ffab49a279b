import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import type { Trigger } from '../src/model/schema.js';
import { parseVerbDictionary } from '../src/knowledge/petrarch/verbs.js';
import { convert, type KbView } from '../src/knowledge/petrarch/convert.js';
import { main, readInputs } from '../src/knowledge/petrarch/import.js';
import { lexiconConflicts } from '../src/knowledge/petrarch/conflicts.js';
import {
  PetrarchActors, PetrarchAgents, PetrarchVerbs, actorFallback, agentOf, readPetrarchFile, verbPatterns,
} from '../src/knowledge/petrarch/index.js';
import {
  PETRARCH_FILE_SCHEMAS, PetrarchActorFileSchema, PetrarchAgentFileSchema, PetrarchVerbFileSchema, schemaMisfit,
} from '../src/knowledge/petrarch/schema.js';
import { PetrarchActorIndex } from '../src/knowledge/petrarch/actor-index.js';
import { tempDir } from './helpers/tmp.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'petrarch');
const inputs = () => readInputs(FIXTURES, join(FIXTURES, 'CAMEO2PLOVER-2021.txt'));

// A stand-in for eventwire's knowledge base: ACCUSE lists no "disapprove" mode here, so it is dropped.
const kb: KbView = {
  ploverModes: new Map([['CONSULT', new Set(['visit'])], ['ASSAULT', new Set(['firearms', 'heavy-weapons'])], ['COERCE', new Set(['arrest'])], ['ACCUSE', new Set<string>()]]),
  sectorKinds: new Map([['COP', 'police'], ['REB', 'armed group'], ['GOV', 'government'], ['NGO', 'ngo'], ['BUS', 'company']]),
  knownNames: new Set(['vladimir putin']),
  plainWord: (w) => ['grand', 'alliance', 'of', 'the', 'north', 'armed', 'forces', 'black', 'brigade', 'old', 'secretary'].includes(w),
};

const converted = () => convert(inputs(), kb);
const loadVerbs = () => new PetrarchVerbs(PetrarchVerbFileSchema.parse(JSON.parse(converted().files['verbs.json'])));

test('the verb reader keeps synonym sets with their plurals, verb blocks with forms, and structured patterns', () => {
  const messages: { file: string; line: number; message: string }[] = [];
  const dict = parseVerbDictionary(inputs().verbs.text, 'CAMEO.2.0.txt', messages);
  assert.deepEqual(dict.synsets.arms, ['rifle', 'rifles', 'mortar', 'mortars', 'armored vehicle', 'armored vehicles', 'artillery']);
  assert.deepEqual(dict.synsets.venue, ['capital', 'summit'], 'a label ending in _ forms no plurals');
  assert.equal(dict.transformations, 1);
  const assail = dict.blocks.find((b) => b.name === 'ASSAIL')!;
  assert.equal(assail.cameo, '190');
  assert.deepEqual(assail.verbs.map((v) => v.lemma), ['assail', 'bombard', 'strike', 'open']);
  assert.deepEqual(assail.verbs[2].forms, ['strikes', 'struck', 'striking', 'stricken']);
  assert.deepEqual(assail.verbs[1].forms, ['bombards', 'bombarded', 'bombarding']);
  assert.deepEqual({ particle: assail.verbs[3].particle, cameo: assail.verbs[3].cameo, forms: assail.verbs[3].forms }, { particle: 'up', cameo: '193', forms: ['opened', 'opens', 'opening'] });
  const pat = (line: number) => assail.patterns.find((p) => p.line === line)!;
  assert.equal(pat(22).object, '&arms');
  assert.equal(pat(23).object, 'verbal barrage');
  assert.equal(pat(24).cameo, null, '[---] patterns code no event');
  assert.deepEqual({ subject: pat(25).subject, preps: pat(25).preps }, { subject: '&arms', preps: [{ case: 'on', object: 'positions' }] });
  assert.deepEqual(pat(26).roles, { source: 'prep:against' });
  assert.deepEqual({ particle: pat(27).particle, preps: pat(27).preps, roles: pat(27).roles, words: pat(27).words }, { particle: 'off', preps: [{ case: 'from' }], roles: { target: 'prep:from' }, words: ['*', 'off', 'from'] });
  assert.equal(pat(28), undefined, 'a pattern with an undefined synonym set is skipped');
  const visit = dict.blocks.find((b) => b.name === 'VISIT')!;
  assert.deepEqual({ cameo: visit.cameo, passive: visit.passive }, { cameo: '042', passive: '043' });
  assert.deepEqual(visit.patterns[1], { line: 34, cameo: null, passive: '173', words: ['*', 'before', 'court'], preps: [{ case: 'before', object: 'court' }] });
  assert.ok(messages.some((m) => m.line === 28 && /undefined synonym set &undefined/.test(m.message)));
  assert.ok(messages.some((m) => m.line === 39 && /unreadable pattern code \[0xx\]/.test(m.message)));
});

test('converted verb patterns carry PLOVER type and mode from the table, expanded per lemma', () => {
  const verbs = loadVerbs();
  const strike = verbs.patterns('strike');
  assert.deepEqual(strike[0], { id: 'ASSAIL:20', lemma: 'strike', cameo: '190', words: ['strike'], block: 'ASSAIL', line: 20, plover: 'ASSAULT', context: 'military' });
  const arms = strike.find((p) => p.line === 22)!;
  assert.deepEqual(arms.object, ['rifle', 'rifles', 'mortar', 'mortars', 'armored vehicle', 'armored vehicles', 'artillery']);
  assert.deepEqual({ plover: arms.plover, mode: arms.mode, context: arms.context }, { plover: 'ASSAULT', mode: 'heavy-weapons', context: 'military' });
  const barrage = strike.find((p) => p.line === 23)!;
  assert.equal(barrage.plover, 'ACCUSE');
  assert.equal(barrage.mode, undefined, 'a mode eventwire does not list for the type is dropped');
  const open = verbs.patterns('open');
  assert.deepEqual({ particle: open[0].particle, cameo: open[0].cameo, plover: open[0].plover, mode: open[0].mode, words: open[0].words }, { particle: 'up', cameo: '193', plover: 'ASSAULT', mode: 'firearms', words: ['open', 'up'] });
  assert.deepEqual(open.find((p) => p.line === 27)!.particle, 'up off', 'the verb\'s particle and the pattern\'s are both kept');
  const visit = verbs.patterns('visit');
  assert.deepEqual({ cameo: visit[0].cameo, plover: visit[0].plover, mode: visit[0].mode, passive: visit[0].passive, passivePlover: visit[0].passivePlover }, { cameo: '042', plover: 'CONSULT', mode: 'visit', passive: '043', passivePlover: 'CONSULT' });
  assert.deepEqual(visit.find((p) => p.line === 33)!.preps, [{ case: 'to', object: ['capital', 'summit'] }]);
  const court = visit.find((p) => p.line === 34)!;
  assert.deepEqual({ cameo: court.cameo, passive: court.passive, passivePlover: court.passivePlover, passiveMode: court.passiveMode }, { cameo: null, passive: '173', passivePlover: 'COERCE', passiveMode: 'arrest' });
  assert.equal(verbs.patterns('tour')[0].cameo, '042', 'a verb\'s own code overrides its block\'s');
  assert.deepEqual(verbs.patterns('ponder'), [], 'a block coded [---] gives the bare verb no event');
  assert.deepEqual(verbs.patterns('unknown'), []);
});

test('agents: plurals, substitutions, prefix codes and eventwire kinds', () => {
  const c = converted();
  const agents = new PetrarchAgents(PetrarchAgentFileSchema.parse(JSON.parse(c.files['agents.json'])));
  assert.deepEqual(agents.of('police'), { phrase: 'police', code: 'COP', sector: 'COP', kind: 'police', line: 5 });
  assert.equal(agents.of('polices'), null, '{} means no plural');
  assert.equal(agents.of('riot-police')?.code, 'COP');
  assert.equal(agents.of('rebels')?.phrase, 'rebel');
  assert.equal(agents.of('rebels')?.kind, 'armed group');
  assert.equal(agents.of('militiamen')?.sector, 'REB');
  assert.equal(agents.of('militiamans'), null, 'substituted forms make no plurals');
  assert.equal(agents.of('aldermen')?.kind, 'government');
  assert.deepEqual({ plural: agents.of('charity')?.plural, prefix: agents.of('charities')?.prefix, kind: agents.of('charity')?.kind }, { plural: 'charities', prefix: true, kind: 'ngo' });
  assert.equal(agents.of('students')?.kind, 'group', 'a sector eventwire does not list is a group');
  assert.equal(agents.of('recycler')?.code, 'ENV', 'a code closed by } is still read');
  assert.ok(c.messages.some((m) => m.file === 'Phoenix.agents.txt' && m.line === 14 && /without a \[code\]/.test(m.message)));
});

test('actors: only people and groups eventwire lacks, with dated roles that never become current past the data', () => {
  const c = converted();
  const file = PetrarchActorFileSchema.parse(JSON.parse(c.files['actors.json']));
  assert.deepEqual(c.counts.actors, { read: 11, countryOrPlace: 1, noCode: 1, companies: 1, known: 1, kept: 7, people: 4, groups: 3, unknownKind: 0, plainNames: 1, roles: 5, openRoles: 1 });
  assert.equal(file.knownUntil, '2008-05-07', 'the last day any role in the dictionaries names');
  assert.deepEqual(file.records.map((r) => r.name), ['Rudolf Elphberg', 'Rupert Hentzau', 'Ruritanian Armed Forces', 'Flavia Elphberg', 'Grand Alliance of the North', 'Old Secretary', 'Black Michael Brigade']);
  const actors = new PetrarchActors(file);
  const king = (day: string | null) => actors.lookup('King Rudolf', day)[0];
  assert.equal(king('1990-05-01').code, 'RURGOV');
  assert.deepEqual(king('2001-01-01').roles, [{ code: 'RURELI', from: '1999-06-30', to: null }]);
  assert.equal(king('2025-01-01').code, null, 'an open-ended role is not assumed past the dictionaries\' last day');
  assert.deepEqual(king(null).roles, [], 'without a day no dated role is assumed');
  assert.equal(actors.lookup('Rupert Hentzau', '2025-01-01')[0].code, 'RURELI', 'the undated code stands when no role holds');
  assert.equal(actors.lookup('rupert hentzau', '1996-01-01')[0].code, 'RURMIL');
  assert.equal(actors.lookup('the Ruritanian Armed Forces')[0].actor.kind, 'group');
  assert.equal(actors.lookup('Grand Alliance of the North (GAN)')[0].actor.code, 'IGONOR', 'the written form with its acronym is an alias');
  assert.equal(actors.lookup('Grand Alliance of the North')[0].actor.plain, true, 'a name of ordinary words is marked');
  assert.equal(actors.lookup('Black Michael Brigade')[0].actor.plain, undefined);
  assert.equal(actors.lookup('Old Secretary')[0].actor.plain, undefined, 'people are not marked');
  assert.deepEqual(actors.lookup('Flavia Elphberg', '1999-06-01')[0].actor.roles, [['RURGOV', '1999-01-01', '1999-12-31']], 'a restriction with impossible dates is skipped');
  assert.ok(c.messages.some((m) => m.file === 'Phoenix.Countries.actors.txt' && m.line === 20));
  assert.deepEqual(actors.lookup('Vladimir Putin'), [], 'people eventwire knows are left out');
  assert.deepEqual(actors.lookup('Acme Widgets Inc'), [], 'listed companies are left out');
  assert.deepEqual(actors.lookup('Strelsau'), [], 'country names and their cities are left out');
});

test('converting the same dictionaries twice gives the same bytes, with source, licence and generator named', () => {
  const a = converted();
  const b = converted();
  assert.deepEqual(a.files, b.files);
  for (const text of Object.values(a.files)) {
    const head = JSON.parse(text);
    assert.equal(head.licence, 'MIT');
    assert.equal(head.copyright, 'Copyright (c) 2020 Test Fixture Authors');
    assert.match(head.source, /PETRARCH2/);
    assert.match(head.generator, /import:petrarch/);
    assert.ok(head.inputs.every((i: { sha256: string }) => /^[0-9a-f]{64}$/.test(i.sha256)));
  }
});

test('npm run import:petrarch writes the files and the conflicts report, identically on a second run', () => {
  const out = tempDir();
  const args = ['--dir', FIXTURES, '--mapping', join(FIXTURES, 'CAMEO2PLOVER-2021.txt'), '--out', out, '--report', join(out, 'conflicts.md')];
  const log = console.log;
  console.log = () => {};
  try {
    main(args);
    const first = ['verbs.json', 'agents.json', 'actors.json', 'conflicts.md'].map((f) => readFileSync(join(out, f)));
    main(args);
    const second = ['verbs.json', 'agents.json', 'actors.json', 'conflicts.md'].map((f) => readFileSync(join(out, f)));
    assert.deepEqual(second, first);
    assert.match(first[3].toString(), /# PETRARCH2 import/);
  } finally {
    console.log = log;
  }
  assert.throws(() => main(['--dir', join(out, 'missing'), '--out', out]), /PETRARCH2 input not found: .*missing/);
});

test('lexicon conflicts: same verb and argument, different PLOVER type; eventwire\'s own type is reported as the winner', () => {
  const trig = (id: string, pattern: string, type: string): Trigger =>
    ({ id, pattern, pos: 'verb', type, target: [], targetRequired: false, confidence: 0.8 }) as Trigger;
  const r = lexiconConflicts([
    trig('own-strike', 'strike', 'COERCE'),
    trig('own-visit', 'visit', 'CONSULT'),
    trig('own-barrage', 'assail ... barrage', 'ASSAULT'),
    trig('own-deal', 'strike ... deal', 'AGREE'),
  ], loadVerbs());
  assert.deepEqual(r.conflicts.map((c) => [c.trigger.id, c.petrarch.id, c.petrarch.plover, c.narrower]), [
    ['own-strike', 'ASSAIL:20', 'ASSAULT', false],
    ['own-barrage', 'ASSAIL:18:23', 'ACCUSE', true],
  ]);
  assert.equal(r.agreements, 1, 'visit ↔ VISIT agree');
  assert.equal(r.triggersCompared, 3, 'the [---] deal pattern codes nothing to compare');
});

test('the committed PETRARCH2 data loads and answers lookups', () => {
  const attack = verbPatterns('attack');
  assert.ok(attack.some((p) => p.words.join(' ') === 'attack' && p.plover === 'ASSAULT'), 'the bare verb attack is an ASSAULT');
  assert.ok(verbPatterns('bomb').some((p) => p.plover === 'ASSAULT'));
  assert.ok(verbPatterns('arrest').some((p) => p.plover === 'COERCE' && p.mode === 'arrest'));
  assert.deepEqual({ code: agentOf('police')?.code, kind: agentOf('police')?.kind }, { code: 'COP', kind: 'police' });
  assert.equal(agentOf('rebels')?.sector, 'REB');
  assert.equal(agentOf('protesters')?.kind, 'opposition');
  const schavan = actorFallback('Annette Schavan', '2007-01-01');
  assert.equal(schavan[0]?.code, 'DEUGOVEDU');
  assert.equal(actorFallback('Annette Schavan', '2025-01-01')[0]?.code, null, 'her open 2005 role is not assumed in 2025');
});

const PETRARCH_DATA = join(packageRoot(), 'src', 'knowledge', 'data', 'petrarch');

test('the committed PETRARCH2 files fit their schemas in full', () => {
  for (const [name, schema] of Object.entries(PETRARCH_FILE_SCHEMAS)) {
    assert.equal(schemaMisfit(JSON.parse(readFileSync(join(PETRARCH_DATA, name), 'utf8')), schema), null, name);
  }
});

test('the schema check names the first field that does not fit', () => {
  const file = JSON.parse(readFileSync(join(PETRARCH_DATA, 'agents.json'), 'utf8'));
  file.records[0].sector = 'police';
  assert.match(schemaMisfit(file, PetrarchAgentFileSchema) ?? '', /^records\.0\.sector: /);
});

test('a generated file without the shape the lookups rely on is refused at load with its file and field', () => {
  const dir = tempDir();
  const agents = JSON.parse(readFileSync(join(PETRARCH_DATA, 'agents.json'), 'utf8'));
  delete agents.records[3].phrase;
  writeFileSync(join(dir, 'agents.json'), JSON.stringify(agents));
  assert.throws(() => readPetrarchFile(join(dir, 'agents.json'), 'petrarch-agents'), /agents\.json: records\.3\.phrase: expected string, found undefined/);
  const verbs = JSON.parse(readFileSync(join(PETRARCH_DATA, 'verbs.json'), 'utf8'));
  verbs.records[1].patterns[0].words = 'attack';
  writeFileSync(join(dir, 'verbs.json'), JSON.stringify(verbs));
  assert.throws(() => readPetrarchFile(join(dir, 'verbs.json'), 'petrarch-verbs'), /verbs\.json: records\.1\.patterns\.0\.words: expected array, found string/);
  agents.records[3] = 'police';
  writeFileSync(join(dir, 'agents.json'), JSON.stringify(agents));
  assert.throws(() => readPetrarchFile(join(dir, 'agents.json'), 'petrarch-agents'), /agents\.json: records\.3: expected object, found string/);
  assert.throws(() => readPetrarchFile(join(dir, 'agents.json'), 'petrarch-verbs'), /agents\.json: kind: expected "petrarch-verbs", found "petrarch-agents"/);
  writeFileSync(join(dir, 'broken.json'), '{"kind": ');
  assert.throws(() => readPetrarchFile(join(dir, 'broken.json'), 'petrarch-agents'), /broken\.json: /);
});

test('the pipeline\'s line index of the actor file finds what the full reader finds, roles and codes included', () => {
  const file = join(packageRoot(), 'src', 'knowledge', 'data', 'petrarch', 'actors.json');
  const full = new PetrarchActors(readPetrarchFile(file, 'petrarch-actors'));
  const index = new PetrarchActorIndex(file);
  assert.equal(index.knownUntil, full.file.knownUntil);
  const names = full.file.records.filter((_, i) => i % 40 === 0).flatMap((r) => [r.name, ...(r.aliases ?? [])]);
  assert.ok(names.length > 500);
  const day = '2005-06-01';
  for (const n of [...names, 'Nobody Atall']) {
    const show = (xs: ReturnType<PetrarchActors['lookup']>) => xs.map((x) => `${x.actor.name}:${x.code}:${x.roles.length}`).sort();
    assert.deepEqual(show(index.lookup(n, day)), show(full.lookup(n, day)), n);
  }
  // (a broken line names the file and where)
  const dir = tempDir();
  const bad = join(dir, 'actors.json');
  writeFileSync(bad, '{\n "knownUntil": "2015-02-17",\n "records": [\n  {"name":"A B","kind":"person"},\n  {"name":"C D",\n ]\n}\n');
  assert.throws(() => new PetrarchActorIndex(bad), /actors\.json: record at byte \d+/);
});
