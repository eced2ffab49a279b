import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { FIXTURE, tempDir } from './helpers/tmp.js';

const BIN = resolve('bin/eventwire.js');

function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: opts.input, env: { ...process.env, ...opts.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('ingest then show the fixture through a temporary database', () => {
  const db = join(tempDir(), 'cli.db');
  const ing = run(['ingest', '--db', db, FIXTURE]);
  assert.equal(ing.code, 0, ing.err);
  assert.match(ing.out, /1 stored/);
  const list = run(['articles', '--db', db, '--format', 'json']);
  const rows = JSON.parse(list.out);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].title, 'Russia, Iran, Turkey, Qatar Eye Talks on Syria Rebel Offensive – Reports');
  assert.equal(rows[0].published, '2024-12-03');
  assert.equal(rows[0].source, 'themoscowtimes.com');
  const show = run(['show', '--db', db, String(rows[0].id)]);
  assert.equal(show.code, 0, show.err);
  assert.match(show.out, /\[caption, not a claim\] Opposition fighters/);
  assert.match(show.out, /\[related, not a claim\] Related article/);
  const json = JSON.parse(run(['show', '--db', db, String(rows[0].id), '--format', 'json']).out);
  const paragraphs = json.blocks.filter((b: any) => b.kind === 'paragraph').map((b: any) => json.text.slice(b.start, b.end));
  assert.ok(paragraphs.some((p: string) => p.includes('until last week when')), 'the paragraph broken mid-sentence is re-joined');
  // by URL too
  const byUrl = run(['show', '--db', db, rows[0].url]);
  assert.equal(byUrl.code, 0);
  // a second ingest stores nothing new
  const again = run(['ingest', '--db', db, FIXTURE]);
  assert.match(again.out, /0 stored .* 1 duplicate/);
});

test('EVENTWIRE_DB selects the database when --db is absent', () => {
  const db = join(tempDir(), 'env.db');
  const ing = run(['ingest', FIXTURE], { env: { EVENTWIRE_DB: db } });
  assert.equal(ing.code, 0, ing.err);
  assert.ok(existsSync(db));
});

test('one bad file is reported by name and the batch goes on', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'good.txt'), 'Russia and Iran held talks in Tehran on Monday.');
  writeFileSync(join(dir, 'empty.md'), '');
  writeFileSync(join(dir, 'bin.html'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
  const db = join(dir, 'x.db');
  const r = run(['ingest', '--db', db, '--published', '2024-05-06', dir]);
  assert.equal(r.code, 0, 'exit 0 when something was read');
  assert.match(r.err, /empty\.md/);
  assert.match(r.err, /bin\.html/);
  assert.match(r.out, /1 stored/);
  assert.match(r.out, /2 error/);
});

test('exit code is non-zero only when nothing could be read', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'empty.md'), '');
  const r = run(['ingest', '--db', join(dir, 'x.db'), join(dir, 'empty.md'), join(dir, 'missing.md')]);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /missing\.md/);
});

test('JSON Lines from standard input are read, and a broken line is reported with its number', () => {
  const dir = tempDir();
  const lines = [
    JSON.stringify({ url: 'https://example.org/1', title: 'One', published: '2024-01-02', text: 'Israel and Egypt held talks in Cairo.' }),
    '{"url": "https://example.org/2", "title": ',
    JSON.stringify({ url: 'https://example.org/3', title: 'Three', published: '2024-01-03', text: 'The EU condemned the attack.' }),
  ].join('\n');
  const r = run(['ingest', '--db', join(dir, 'x.db'), '-'], { input: lines });
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /line 2/);
  assert.match(r.out, /2 stored/);
});

test('extract prints the documented JSON without a database', () => {
  const r = run(['extract', FIXTURE]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.schema, 1);
  assert.equal(j.article.published, '2024-12-03');
  for (const key of ['entities', 'places', 'times', 'figures', 'events']) assert.ok(Array.isArray(j[key]), key);
  for (const e of j.entities) for (const m of e.mentions) assert.equal(j.text.slice(m.start, m.end), m.text);
  for (const ev of j.events) for (const x of ev.evidence) assert.equal(j.text.slice(x.start, x.end), x.text);
});

test('events, entities and every export layout come out of the store', () => {
  const dir = tempDir();
  const db = join(dir, 'x.db');
  run(['ingest', '--db', db, FIXTURE]);
  const ev = run(['events', '--db', db, '--format', 'json']);
  const events = JSON.parse(ev.out);
  assert.ok(events.length > 0);
  const table = run(['events', '--db', db, '--type', 'CONSULT']);
  assert.match(table.out, /CONSULT/);
  const ents = JSON.parse(run(['entities', '--db', db, '--format', 'json', '--country', 'RUS']).out);
  assert.ok(ents.some((e: any) => e.name === 'Vladimir Putin'));
  for (const format of ['plover', 'gdelt', 'acled', 'geojson', 'csv', 'jsonl']) {
    const out = join(dir, `out.${format}`);
    const r = run(['export', '--db', db, '--format', format, '-o', out]);
    assert.equal(r.code, 0, `${format}: ${r.err}`);
    assert.ok(readFileSync(out, 'utf8').length > 10, format);
  }
});

test('merged events from the command line: list, one event with its reports, split, merge later, rebuild', () => {
  const dir = tempDir();
  const db = join(dir, 'm.db');
  const strike = join('test', 'fixtures', 'merge', 'strike');
  assert.equal(run(['ingest', '--db', db, strike]).code, 0);
  const merged = JSON.parse(run(['events', '--db', db, '--format', 'json', '--min-sources', '2']).out);
  assert.ok(merged.length >= 1 && merged.every((m: any) => m.counts.stories >= 2));
  const reports = JSON.parse(run(['events', '--db', db, '--reports', '--format', 'json']).out);
  assert.ok(reports.length > JSON.parse(run(['events', '--db', db, '--format', 'json']).out).length);
  const table = run(['events', '--db', db, '--type', 'ASSAULT']);
  assert.match(table.out, /stories\s+outlets\s+reports/);
  assert.match(table.out, /killed 12–15 \(sources disagree\)/);
  assert.equal(run(['events', '--db', db, '--merged', '--reports']).code, 1);

  const exported = run(['export', '--db', db, '--merged', '--format', 'gdelt', '--min-sources', '2']).out.trim().split('\n');
  assert.equal(exported.length, merged.length + 1);
  const gdelt = Object.fromEntries(exported[0].split('\t').map((c, i) => [c, exported[1].split('\t')[i]]));
  assert.equal(Number(gdelt.NumSources), merged[0].counts.stories);

  const shown = run(['event', '--db', db, merged[0].id]);
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /sources: \d+ independent stories, \d+ outlet/);
  assert.match(shown.out, /killed: 12 to 15 — sources disagree/);
  const detail = JSON.parse(run(['event', '--db', db, merged[0].id, '--format', 'json']).out);
  assert.equal(detail.reports.length, merged[0].counts.reports);
  assert.equal(run(['event', '--db', db, 'm-none']).code, 1);

  const last = detail.reports[detail.reports.length - 1].id;
  const split = run(['split', '--db', db, merged[0].id, last]);
  assert.equal(split.code, 0, split.err);
  assert.match(split.out, /split 1 report/);
  const bad = run(['split', '--db', db, merged[0].id, '999-e1']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /999-e1 is not in merged event/);
  const afterSplit = run(['events', '--db', db, '--format', 'json']).out;
  assert.match(run(['merge', '--db', db, '--rebuild']).out, /merged \d+ report/);
  assert.deepEqual(JSON.parse(run(['events', '--db', db, '--format', 'json']).out), JSON.parse(afterSplit));

  // stored with --no-merge, merged later: the same events
  const later = join(dir, 'later.db');
  assert.equal(run(['ingest', '--db', later, '--no-merge', strike]).code, 0);
  assert.deepEqual(JSON.parse(run(['events', '--db', later, '--format', 'json']).out), []);
  assert.match(run(['merge', '--db', later]).out, /merged \d+ report/);
  const fresh = join(dir, 'fresh.db');
  run(['ingest', '--db', fresh, strike]);
  assert.deepEqual(JSON.parse(run(['events', '--db', later, '--format', 'json']).out), JSON.parse(run(['events', '--db', fresh, '--format', 'json']).out));
});

test('--help is available on every command', () => {
  for (const cmd of ['ingest', 'articles', 'show', 'entities', 'events', 'event', 'split', 'merge', 'export', 'extract', 'demo', 'migrate']) {
    const r = run([cmd, '--help']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.out, /Usage: eventwire/);
  }
});

test('a killed ingest loses nothing it had committed, and a re-run completes the batch', async () => {
  const dir = tempDir();
  const src = join(dir, 'in');
  mkdirSync(src);
  for (let i = 0; i < 400; i++) {
    writeFileSync(join(src, `a${String(i).padStart(3, '0')}.txt`), `Article ${i}. Protesters gathered in Nairobi on day ${i} to demand lower prices.`);
  }
  const db = join(dir, 'kill.db');
  const child = spawn(process.execPath, [BIN, 'ingest', '--quiet', '--db', db, '--published', '2024-03-01', src], { stdio: 'ignore' });
  // Kill once some articles are committed.
  // a wait, not a timing check: analysis threads start first, and the machine may be busy
  const deadline = Date.now() + 90000;
  let seen = 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(db)) continue;
    try {
      const d = new Database(db, { readonly: true, fileMustExist: true });
      seen = (d.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'articles'").get() as any).n
        ? (d.prepare('SELECT COUNT(*) AS n FROM articles').get() as any).n : 0;
      d.close();
    } catch { /* not created yet */ }
    if (seen >= 20) break;
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  const d = new Database(db);
  assert.equal((d.prepare('PRAGMA integrity_check').get() as any).integrity_check, 'ok');
  const before = (d.prepare('SELECT COUNT(*) AS n FROM articles').get() as any).n;
  const incomplete = (d.prepare("SELECT COUNT(*) AS n FROM articles a LEFT JOIN analyses x ON x.article_id = a.id WHERE x.article_id IS NULL").get() as any).n;
  d.close();
  assert.ok(before >= 20, `committed before the kill: ${before}`);
  assert.equal(incomplete, 0, 'no article is stored without its analysis');
  const r = run(['ingest', '--quiet', '--db', db, '--published', '2024-03-01', src]);
  assert.match(r.out, new RegExp(`${400 - before} stored .* ${before} duplicate`));
});

// ------------------------------------------------------------------ usage errors, missing databases, start-up

test('event filters are checked as the API checks them: a bad value exits 2 naming what is accepted', () => {
  const db = join(tempDir(), 'f.db');
  assert.equal(run(['ingest', '--db', db, '--published', '2024-05-06', '-'], { input: 'Russia and Iran held talks in Tehran on Monday.' }).code, 0);
  let r = run(['events', '--db', db, '--type', 'ATTACK']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--type ATTACK: not a PLOVER type; one of AGREE, CONSULT, .*ASSAULT/);
  r = run(['export', '--db', db, '--country', 'Sudan']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--country Sudan: expected an ISO 3166 alpha-3 code \(Sudan is SDN\)/);
  assert.equal(r.out, '');
  r = run(['events', '--db', db, '--since', '2024-13-45']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--since 2024-13-45: expected a date YYYY-MM-DD/);
  r = run(['events', '--db', db, '--modality', 'maybe']);
  assert.equal(r.code, 2);
  assert.match(r.err, /asserted, planned, possible, denied/);
  // lower case is the same type, as in the API
  r = run(['events', '--db', db, '--type', 'consult', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  assert.ok(JSON.parse(r.out).length >= 1);
});

test('read commands on a database file that does not exist say so and create nothing', () => {
  const dir = tempDir();
  const db = join(dir, 'nothing-here.db');
  for (const args of [['articles'], ['events'], ['event', 'm1-e1'], ['show', '1'], ['entities'], ['export', '--format', 'csv'], ['feeds'], ['serve', '--port', '0']]) {
    const r = run([...args, '--db', db]);
    assert.equal(r.code, 1, `${args[0]}: ${r.err}`);
    assert.match(r.err, /no database at .*nothing-here\.db \(eventwire ingest, demo or migrate creates one/, args[0]);
    assert.ok(!existsSync(db), `${args[0]} created the file`);
  }
  assert.equal(run(['migrate', '--db', db]).code, 0);
  assert.ok(existsSync(db), 'migrate creates it');
});

// Records the URL of every ES module loaded, from the module loader's own thread, into a file.
const ESM_RECORDER = `data:text/javascript,${encodeURIComponent([
  "import { appendFileSync } from 'node:fs';",
  'let file;',
  'export function initialize(data) { file = data.file; }',
  'export async function load(url, context, next) { appendFileSync(file, url + "\\n"); return next(url, context); }',
].join('\n'))}`;

/** The modules a command loaded: CommonJS (wink-nlp, better-sqlite3, linkedom …) by path, ES modules (zod, fastify, eventwire's own …) by URL. */
function loadedBy(args: string[]): string[] {
  const esm = join(tempDir(), 'esm-loaded.txt');
  writeFileSync(esm, '');
  const probe = [
    "import { createRequire, register } from 'node:module';",
    `register(${JSON.stringify(ESM_RECORDER)}, { data: { file: ${JSON.stringify(esm)} } });`,
    "const require = createRequire(import.meta.url);",
    "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));",
    `const { main } = await import(${JSON.stringify(resolve('dist/src/cli/main.js'))});`,
    `await main(['node', 'eventwire', ...${JSON.stringify(args)}]);`,
  ].join('\n');
  // A file, not --input-type=module -e: threads inherit the options, and a thread's file cannot
  // start under --input-type (extract then failed before loading anything).
  const script = join(tempDir(), 'probe.mjs');
  writeFileSync(script, probe);
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  assert.ok(line, r.stderr);
  const urls = readFileSync(esm, 'utf8').split('\n').filter((u) => u.startsWith('file:'));
  assert.ok(urls.some((u) => u.endsWith('/dist/src/cli/main.js')), 'the recorder saw the ES modules load');
  return [...JSON.parse(line!.slice(7)) as string[], ...urls.map((u) => fileURLToPath(u))];
}

test('start-up is lazy: --help loads no reader, model or database driver, and extract of plain text no HTML reader nor, on its main thread, the tokenizer', () => {
  const heavy = (mods: string[]) => mods.filter((m) => /node_modules\/(wink-nlp|wink-eng-lite-web-model|better-sqlite3|pg|linkedom|@mozilla\/readability|cli-progress)\//.test(m));
  assert.deepEqual(heavy(loadedBy(['--help'])), []);
  const file = join(tempDir(), 'one.txt');
  writeFileSync(file, 'Russia and Iran held talks in Tehran on Monday.');
  const extract = loadedBy(['extract', file, '--published', '2024-05-06']);
  // one article is segmented on another thread: this one does not load the tokenizer's model
  assert.ok(!extract.some((m) => /node_modules\/wink-/.test(m)), 'extract of one article loads no tokenizer on its main thread');
  assert.deepEqual(extract.filter((m) => /node_modules\/(linkedom|@mozilla\/readability|better-sqlite3)\//.test(m)), []);
});

test('extract reads the parser\'s tables an earlier process kept instead of building them on a thread', () => {
  const file = join(tempDir(), 'one.txt');
  writeFileSync(file, 'Russian forces shelled Kharkiv on Sunday, killing three civilians, officials said.');
  loadedBy(['extract', file, '--published', '2024-05-06']); // keeps them, if no process has yet
  const extract = loadedBy(['extract', file, '--published', '2024-05-06']);
  assert.ok(extract.some((m) => m.endsWith('/dist/src/syntax/model-tables.js')), 'the kept tables are read');
  assert.deepEqual(extract.filter((m) => m.endsWith('/dist/src/syntax/model-thread.js')), []);
});

test('extract loads no schema validator, database store, web server or queue: only what analysing a text needs', () => {
  const file = join(tempDir(), 'one.txt');
  writeFileSync(file, 'Russian forces shelled Kharkiv on Sunday, killing three civilians, officials said.');
  const extract = loadedBy(['extract', file, '--published', '2024-05-06']);
  assert.ok(extract.some((m) => m.endsWith('/dist/src/pipeline/events.js')), 'extract does load the pipeline');
  const unneeded = extract.filter((m) =>
    /node_modules\/(zod|fastify|@fastify\/[^/]+|pg|pg-boss|better-sqlite3|undici|marked)\//.test(m) ||
    /\/dist\/src\/(store|api|queue\/queue|feeds|merge\/engine|model\/schema)[/.]/.test(m));
  assert.deepEqual(unneeded, []);
});
