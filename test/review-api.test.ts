// Review through the API (POST /api/corrections, the review queue, filters and exports) and the
// command line (export --reviewed-only), on the served fixture database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startServer } from './helpers/server.js';

const BIN = resolve('bin/eventwire.js');

describe('review through the API and the command line', () => {
  let s: Awaited<ReturnType<typeof startServer>>;
  let token = '';
  before(async () => {
    s = await startServer();
    token = (await s.store.createToken('desk-analyst')).token;
  });
  after(() => s.close());

  const post = (body: unknown, auth = true) => fetch(`${s.base}/api/corrections`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
  });
  const get = async (path: string) => (await fetch(s.base + path)).json() as Promise<any>;

  test('a correction needs a token, names a bad value, refuses an unknown event, and records who made it', async () => {
    assert.equal((await post({ event: '1-e1', field: 'status', value: 'confirmed' }, false)).status, 401);
    const bad = await post({ event: '1-e1', field: 'type', value: 'PICNIC' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).parameter, 'value');
    assert.equal((await post({ event: '999-e1', field: 'status', value: 'confirmed' })).status, 404);
    const ok = await post({ event: '1-e1', field: 'status', value: 'confirmed', note: 'checked against the source' });
    assert.equal(ok.status, 200);
    const c = await ok.json();
    assert.equal(c.who, 'desk-analyst');
    assert.deepEqual((await get('/api/corrections?event=1-e1')).items.map((x: any) => [x.field, x.value, x.who]), [['status', 'confirmed', 'desk-analyst']]);
    assert.equal((await get('/api/events/1-e1')).event.review.status, 'confirmed');
  });

  test('a corrected source shows in the list, the merged event and every export; review filters select', async () => {
    const [m] = (await get('/api/merged-events?limit=1&sort=date')).items;
    const actor = { id: 'test-actor', name: 'Correction Test Brigade', iso3: null };
    assert.equal((await post({ event: m.id, field: 'source', value: [actor] })).status, 200);
    const listed = (await get('/api/merged-events?limit=1000')).items.find((x: any) => x.id === m.id);
    assert.deepEqual(listed.source, [actor]);
    assert.deepEqual(listed.review.corrected, ['source']);
    for (const format of ['csv', 'acled', 'jsonl']) {
      const text = await (await fetch(`${s.base}/api/export?view=merged&format=${format}`)).text();
      assert.match(text, /Correction Test Brigade/, format);
    }
    assert.equal((await get('/api/merged-events?review=rejected')).total, 0);
    assert.equal((await post({ event: m.id, field: 'status', value: 'rejected' })).status, 200);
    // the cached total of a filter set follows corrections too
    const rejected = await get('/api/merged-events?review=rejected');
    assert.deepEqual(rejected.items.map((x: any) => x.id), [m.id]);
    assert.equal(rejected.total, 1);
    assert.ok(!(await get('/api/merged-events?review=notrejected&limit=1000')).items.some((x: any) => x.id === m.id));
  });

  test('the review queue lists unreviewed events, lowest confidence first', async () => {
    const q = await get('/api/review-queue?limit=1000');
    assert.ok(q.items.length > 2);
    assert.equal(q.total, q.items.length);
    const conf = q.items.map((x: any) => x.confidence);
    assert.deepEqual(conf, [...conf].sort((a: number, b: number) => a - b));
    assert.ok(q.items.every((x: any) => !x.review));
    const page = await get('/api/review-queue?limit=2&offset=1');
    assert.deepEqual(page.items.map((x: any) => x.id), q.items.slice(1, 3).map((x: any) => x.id));
    assert.equal(page.next, 3);
  });

  test('eventwire export --reviewed-only exports only confirmed events', async () => {
    const [a, b] = (await get('/api/review-queue?limit=2')).items;
    await post({ event: a.id, field: 'status', value: 'confirmed' });
    await post({ event: b.id, field: 'status', value: 'confirmed' });
    await post({ event: b.id, field: 'status', value: 'rejected' });
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', s.store.path], { encoding: 'utf8' });
    const r = run(['export', '--merged', '--reviewed-only', '--format', 'jsonl']);
    assert.equal(r.status, 0, r.stderr);
    const ids = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).id);
    assert.ok(ids.includes(a.id));
    assert.ok(!ids.includes(b.id));
    const all = (await get('/api/merged-events?review=confirmed&limit=1000')).items.map((x: any) => x.id);
    assert.deepEqual(ids.sort(), all.sort());
  });
});
