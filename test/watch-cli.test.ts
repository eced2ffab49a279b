// `eventwire watch` as a process: the long-running loop (polls, SIGTERM) and --queue into PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './helpers/tmp.js';
import { describePostgres, tempDatabase } from './helpers/pg.js';

const BIN = resolve('bin/eventwire.js');

interface Proc {
  child: ChildProcess;
  out: string;
  err: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// Spawned, not spawnSync: the feed server runs in this process and must keep answering.
function start(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = {
    child, out: '', err: '',
    exited: new Promise((res) => child.on('exit', (code, signal) => res({ code, signal }))),
  };
  child.stdout!.on('data', (d) => { p.out += d; });
  child.stderr!.on('data', (d) => { p.err += d; });
  return p;
}

async function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const p = start(args);
  const e = await p.exited;
  return { code: e.code, out: p.out, err: p.err };
}

async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined | false> | T | undefined | false): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const page = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><article>
<h1>${title}</h1><p>Published 1 May 2024.</p>
<p>${body}</p>
<p>The statement followed a meeting of foreign ministers in Geneva on Tuesday, where delegations discussed sanctions.</p>
</article></body></html>`;

const PAGES: Record<string, string> = {
  '/news/talks.html': page('Ministers meet in Geneva', 'Russia and Iran held talks in Geneva on Tuesday, state media said.'),
  '/news/convoy.html': page('Aid convoy reaches Rafah', 'An aid convoy reached Rafah on Saturday, officials said.'),
};

interface FeedServer {
  base: string;
  hits: { path: string; at: number; ifNoneMatch?: string }[];
  /** answer 200 with the whole feed even to a matching If-None-Match */
  ignoreEtag: boolean;
  close: () => Promise<void>;
}

async function feedServer(): Promise<FeedServer> {
  const s: FeedServer = { base: '', hits: [], ignoreEtag: false, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const inm = req.headers['if-none-match'] as string | undefined;
    s.hits.push({ path, at: Date.now(), ifNoneMatch: inm });
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('User-agent: *\nDisallow: /private/\n');
    }
    if (path === '/feed.xml') {
      const etag = '"v1"';
      if (inm === etag && !s.ignoreEtag) {
        res.writeHead(304, { etag });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${s.base}/</link>
${Object.keys(PAGES).map((p, i) => `<item><title>Item ${i + 1}</title><link>${s.base}${p}</link>
<pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate><description>Feed summary ${i + 1}.</description></item>`).join('\n')}
</channel></rss>`);
    }
    if (PAGES[path]) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(PAGES[path]);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.close = () => new Promise<void>((r) => server.close(() => r()));
  return s;
}

const feedHits = (s: FeedServer) => s.hits.filter((h) => h.path === '/feed.xml');
const pageHits = (s: FeedServer) => s.hits.filter((h) => PAGES[h.path]);

describe('eventwire watch, long-running', () => {
  let srv: FeedServer;
  const children: ChildProcess[] = [];
  before(async () => { srv = await feedServer(); });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await srv.close();
  });

  test('polls every --interval until SIGTERM, then exits 0 with the feed state saved', { timeout: 60_000 }, async () => {
    const db = join(tempDir('eventwire-watch-'), 'watch.db');
    const feed = `${srv.base}/feed.xml`;
    const w = start(['watch', '--db', db, '--interval', '1', '--politeness-ms', '0', '--allow-private-fetch', feed]);
    children.push(w.child);
    // The second poll sends the ETag of the first and gets 304.
    await until('a second poll', 30_000, () => feedHits(srv).length >= 2);
    await until('the second poll to be recorded', 10_000, () => (w.out.match(/feed\.xml: /g)?.length ?? 0) >= 2);
    assert.equal(w.child.exitCode, null, 'still watching');
    w.child.kill('SIGTERM');
    const e = await w.exited;
    assert.equal(e.code, 0, w.err);
    assert.equal(e.signal, null);
    assert.match(w.err, /SIGTERM/);
    assert.match(w.out, /stopped after \d+ round\(s\): 2 article\(s\) stored/);

    const polls = feedHits(srv);
    assert.equal(polls[0].ifNoneMatch, undefined);
    assert.equal(polls[1].ifNoneMatch, '"v1"');
    assert.match(w.out, /feed\.xml: ok[^\n]*2 stored/);
    assert.match(w.out, /feed\.xml: not-modified/);
    assert.equal(pageHits(srv).length, 2, 'each page fetched once');

    const store = new SqliteStore(db);
    try {
      const state = await store.getFeed(feed);
      assert.equal(state?.etag, '"v1"');
      assert.equal(state?.errorCount, 0);
      assert.equal(state?.articlesStored, 2);
      assert.ok(state?.lastChecked && state.lastOk && state.nextCheck);
      // The state saved is that of the last poll, not the first.
      const checked = Date.parse(state.lastChecked);
      assert.ok(checked > polls[polls.length - 2].at && checked <= polls[polls.length - 1].at, `last checked ${state.lastChecked}`);
      assert.equal(state.lastOk, state.lastChecked);
      assert.equal(Date.parse(state.nextCheck) - checked, 1000);
      assert.equal((await store.counts()).articles, 2);
    } finally {
      await store.close();
    }
  });
});

await describePostgres('eventwire watch --queue', () => {
  let srv: FeedServer;
  let url = '';
  let drop = async () => {};
  const children: ChildProcess[] = [];
  before(async () => {
    srv = await feedServer();
    ({ url, drop } = await tempDatabase());
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await srv.close();
    await drop();
  });

  const jobs = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(`SELECT state::text, data->>'url' AS url, data->>'title' AS title, data->>'text' AS text
        FROM pgboss.job WHERE name = 'eventwire-articles' ORDER BY data->>'url'`)).rows as { state: string; url: string; title: string; text: string }[];
    } finally {
      await c.end();
    }
  };

  test('queues the page behind each new item; a worker stores each exactly once', { timeout: 90_000 }, async () => {
    const feed = `${srv.base}/feed.xml`;
    const args = ['watch', '--once', '--queue', '--db', url, '--politeness-ms', '0', '--allow-private-fetch', feed];
    const first = await run(args);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /1 feed\(s\): 2 article\(s\) queued/);
    const queued = await jobs();
    assert.deepEqual(queued.map((j) => [j.state, j.url, j.title]), [
      ['created', `${srv.base}/news/convoy.html`, 'Aid convoy reaches Rafah'],
      ['created', `${srv.base}/news/talks.html`, 'Ministers meet in Geneva'],
    ]);
    // The job carries the page as read by the HTML reader, not the feed's summary.
    assert.match(queued[1].text, /Russia and Iran held talks/);

    // Unchanged feed: 304, nothing fetched or queued.
    const pagesBefore = pageHits(srv).length;
    const second = await run(args);
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /not-modified/);
    assert.equal(pageHits(srv).length, pagesBefore);

    // The feed answers in full again while the jobs still wait: the same content is not queued twice.
    srv.ignoreEtag = true;
    const third = await run(args);
    assert.equal(third.code, 0, third.err);
    assert.match(third.out, /0 article\(s\) queued/);
    assert.equal((await jobs()).length, 2);

    const w = start(['worker', '--db', url, '--poll', '0.2']);
    children.push(w.child);
    await until('both jobs to complete', 60_000, async () => (await jobs()).every((j) => j.state === 'completed'));
    w.child.kill('SIGTERM');
    assert.equal((await w.exited).code, 0, w.err);
    assert.match(w.out, /stopped: 2 job\(s\) done, 2 stored, 0 duplicate/);

    // Now stored: a full feed again is all "already stored", and nothing new is fetched or queued.
    const pagesBefore4 = pageHits(srv).length;
    const fourth = await run(args);
    assert.equal(fourth.code, 0, fourth.err);
    assert.match(fourth.out, /0 queued, 2 already stored/);
    assert.equal(pageHits(srv).length, pagesBefore4);
    assert.equal((await jobs()).length, 2);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const a = (await c.query(`SELECT count(*)::int AS n, count(DISTINCT url)::int AS urls, count(DISTINCT content_hash)::int AS hashes
        FROM articles`)).rows[0];
      assert.deepEqual(a, { n: 2, urls: 2, hashes: 2 });
      const feedRow = (await c.query('SELECT etag, error_count FROM feeds WHERE url = $1', [feed])).rows[0];
      assert.deepEqual(feedRow, { etag: '"v1"', error_count: 0 });
    } finally {
      await c.end();
    }
  });
});
