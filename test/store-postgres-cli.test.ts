import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { migrationFiles } from '../src/store/sqlite.js';
import { FIXTURE, tempDir } from './helpers/tmp.js';
import { describePostgres, tempDatabase } from './helpers/pg.js';

const BIN = resolve('bin/eventwire.js');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

await describePostgres('eventwire CLI on PostgreSQL', () => {
  let url = '';
  let drop = async () => {};
  before(async () => {
    ({ url, drop } = await tempDatabase());
  });
  after(() => drop());

  test('ingest the fixture through --db postgres://... and list its events, as with SQLite', () => {
    const ing = run(['ingest', '--db', url, FIXTURE]);
    assert.equal(ing.code, 0, ing.err);
    assert.match(ing.out, /1 stored/);
    const again = run(['ingest', '--db', url, FIXTURE]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /0 stored .* 1 duplicate/);

    const ev = run(['events', '--db', url, '--format', 'json']);
    assert.equal(ev.code, 0, ev.err);
    const events = JSON.parse(ev.out);
    assert.ok(events.length > 0);
    assert.match(run(['events', '--db', url, '--type', 'CONSULT']).out, /CONSULT/);

    // The same commands on a SQLite file give the same answers.
    const file = join(tempDir(), 'x.db');
    assert.equal(run(['ingest', '--db', file, FIXTURE]).code, 0);
    assert.deepEqual(events, JSON.parse(run(['events', '--db', file, '--format', 'json']).out));
    for (const args of [['export', '--format', 'acled'], ['entities', '--format', 'csv'], ['events', '--country', 'RUS', '--format', 'csv'],
      ['articles', '--search', 'Syria', '--format', 'csv']]) {
      const pg = run([...args, '--db', url]);
      assert.equal(pg.code, 0, pg.err);
      assert.equal(pg.out, run([...args, '--db', file]).out, args.join(' '));
    }
    const [pgArticle, sqliteArticle] = [url, file].map((db) => {
      const a = JSON.parse(run(['show', '--db', db, '1', '--format', 'json']).out);
      delete a.ingestedAt;
      return a;
    });
    assert.deepEqual(pgArticle, sqliteArticle);
  });

  test('EVENTWIRE_DB names the PostgreSQL database, and migrate reports its version', () => {
    const list = run(['articles', '--format', 'json'], { EVENTWIRE_DB: url });
    assert.equal(list.code, 0, list.err);
    assert.equal(JSON.parse(list.out).length, 1);
    const m = run(['migrate', '--db', url]);
    assert.equal(m.code, 0, m.err);
    assert.ok(m.out.includes(`at migration ${migrationFiles('postgres').at(-1)!.version}`), m.out);
  });

  test('an unreachable server is a one-line error, not a crash', () => {
    const r = run(['articles', '--db', 'postgres://nobody:secret@127.0.0.1:1/none']);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /cannot open database postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
    assert.doesNotMatch(r.err, /secret/);
  });
});
