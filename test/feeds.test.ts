import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { FeedWatcher, feedList } from '../src/feeds/watch.js';
import { parseRobots, robotsAllows } from '../src/feeds/robots.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Message } from '../src/model/types.js';
import { tempDir } from './helpers/tmp.js';

interface Hit { path: string; at: number; ifNoneMatch?: string }

const page = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><article>
<h1>${title}</h1><p>Published 1 May 2024.</p>
<p>${body}</p>
<p>Officials in Moscow said talks with Iran would continue next week, according to state media reports.</p>
<p>The statement followed a meeting of foreign ministers in Geneva on Tuesday, where delegations discussed sanctions.</p>
</article></body></html>`;

function rss(base: string, items: string[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title><link>${base}/</link>
${items.map((p, i) => `<item><title>Story ${i + 1}</title><link>${base}${p}</link><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate>
<description>Feed text of story ${i + 1}: Russia met Iran in Geneva to discuss a ceasefire proposal.</description></item>`).join('\n')}
</channel></rss>`;
}

describe('eventwire watch (live feeds)', () => {
  let server: Server;
  let base = '';
  const hits: Hit[] = [];
  const dir = tempDir('eventwire-feeds-');

  before(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      hits.push({ path, at: Date.now(), ifNoneMatch: req.headers['if-none-match'] as string | undefined });
      const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': type, ...headers });
        res.end(body);
      };
      if (path === '/robots.txt') return send(200, 'text/plain', 'User-agent: *\nDisallow: /private/\n');
      if (path === '/feed.xml') {
        const etag = '"feed-v1"';
        if (req.headers['if-none-match'] === etag) return send(304, 'application/rss+xml', '', { etag });
        return send(200, 'application/rss+xml', rss(base, ['/a/one.html', '/a/two.html', '/private/three.html']), { etag });
      }
      if (path === '/broken.xml') return send(200, 'application/rss+xml', '<?xml version="1.0"?><rss><channel><item><title>x</item></channel>');
      if (path === '/mixed.xml') return send(200, 'application/rss+xml', rss(base, ['/b/fails.html', '/b/four.html']));
      if (path === '/a/one.html') return send(200, 'text/html', page('Ministers meet in Geneva', 'Russia and Iran held talks in Geneva on Tuesday.'));
      if (path === '/a/two.html') return send(200, 'text/html', page('Sanctions discussed', 'The European Union discussed new sanctions against Belarus.'));
      if (path === '/b/four.html') return send(200, 'text/html', page('Aid convoy', 'An aid convoy reached Rafah on Saturday, officials said.'));
      if (path === '/b/fails.html') return send(500, 'text/html', 'oops');
      if (path === '/private/three.html') return send(200, 'text/html', page('Secret', 'Should never be fetched.'));
      send(404, 'text/plain', 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  test('robots.txt rules: own group over *, longest match, wildcards', () => {
    const r = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: eventwire\nDisallow: /private/\nAllow: /private/ok$\n');
    assert.equal(robotsAllows(r, 'http://x/a'), true);
    assert.equal(robotsAllows(r, 'http://x/private/a'), false);
    assert.equal(robotsAllows(r, 'http://x/private/ok'), true);
    assert.equal(robotsAllows(parseRobots('User-agent: *\nDisallow: /*.pdf$'), 'http://x/a/b.pdf'), false);
    assert.equal(robotsAllows(parseRobots('User-agent: *\nDisallow:'), 'http://x/a'), true);
  });

  test('feeds file: one URL a line, # comments', () => {
    const f = join(dir, 'feeds.txt');
    writeFileSync(f, '# my feeds\nhttps://a.example/feed.xml\n\nhttps://b.example/rss  # b\n');
    assert.deepEqual(feedList([f, 'https://c.example/atom']), ['https://a.example/feed.xml', 'https://b.example/rss', 'https://c.example/atom']);
  });

  test('one round stores new items, honours robots.txt, ETag and politeness; bad feeds and pages are reported', async () => {
    const store = new SqliteStore(join(dir, 'watch.db'));
    const politenessMs = 200;
    try {
      const messages: Message[] = [];
      const feedUrl = `${base}/feed.xml`;
      const watcher = new FeedWatcher(store, { allowPrivate: true, politenessMs, onMessage: (m) => messages.push(m) });
      const r1 = await watcher.round([feedUrl]);
      assert.equal(r1.stored, 2, JSON.stringify(r1));
      assert.equal(r1.disallowed, 1);
      assert.ok(messages.some((m) => m.code === 'robots-disallowed' && m.message.includes('/private/three.html')));
      assert.ok(!hits.some((h) => h.path.startsWith('/private/')), 'the disallowed page is never fetched');
      assert.equal(hits.filter((h) => h.path === '/robots.txt').length, 1);
      assert.equal((await store.counts()).articles, 2);
      assert.ok(await store.getArticle(`${base}/a/one.html`));
      const state = await store.getFeed(feedUrl);
      assert.equal(state?.etag, '"feed-v1"');
      assert.equal(state?.errorCount, 0);
      assert.equal(state?.articlesStored, 2);
      assert.ok(state?.lastOk && state.nextCheck && Date.parse(state.nextCheck) > Date.parse(state.lastOk));

      // politeness: consecutive requests to the one host are at least politenessMs apart
      const times = hits.map((h) => h.at);
      for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= politenessMs - 5, `requests ${i - 1} and ${i} ${times[i] - times[i - 1]} ms apart`);

      // second run (a new watcher, as a new process would be): 304, nothing else fetched
      const before2 = hits.length;
      const r2 = await new FeedWatcher(store, { allowPrivate: true, politenessMs }).round([feedUrl]);
      const second = hits.slice(before2);
      assert.equal(r2.notModified, 1);
      assert.deepEqual(second.map((h) => h.path).filter((p) => p !== '/robots.txt'), ['/feed.xml']);
      assert.equal(second.find((h) => h.path === '/feed.xml')?.ifNoneMatch, '"feed-v1"');
      assert.equal((await store.counts()).articles, 2);

      // a broken feed and a 500 page are reported; the others proceed
      const before3 = hits.length;
      messages.length = 0;
      const r3 = await new FeedWatcher(store, { allowPrivate: true, politenessMs: 20, onMessage: (m) => messages.push(m) })
        .round([`${base}/broken.xml`, `${base}/mixed.xml`, feedUrl]);
      assert.equal(r3.failedFeeds, 1);
      assert.equal(r3.feeds[0].status, 'failed');
      assert.ok(messages.some((m) => m.level === 'error' && m.message.includes('broken.xml')), JSON.stringify(messages));
      assert.ok(messages.some((m) => m.code === 'page-failed' && m.message.includes('/b/fails.html')));
      assert.equal(r3.feeds[1].status, 'ok');
      assert.equal(r3.feeds[1].fallbacks, 1);
      assert.equal(r3.feeds[1].stored, 2);
      assert.equal(r3.feeds[2].status, 'not-modified');
      assert.ok(hits.slice(before3).some((h) => h.path === '/b/four.html'));
      const broken = await store.getFeed(`${base}/broken.xml`);
      assert.equal(broken?.errorCount, 1);
      assert.match(broken?.lastError ?? '', /malformed XML/);
      // backoff: the failed feed waits twice the interval
      assert.equal(Date.parse(broken!.nextCheck!) - Date.parse(broken!.lastChecked!), 2 * 300 * 1000);
      const fallback = await store.getArticle(`${base}/b/fails.html`);
      assert.match(fallback?.text ?? '', /Feed text of story 1/);
      assert.equal((await store.listFeeds()).length, 3);

      // items already stored are not fetched again, even without the ETag
      const before4 = hits.length;
      const r4 = await new FeedWatcher(store, { allowPrivate: true, politenessMs: 20 }).round([`${base}/mixed.xml`]);
      assert.equal(r4.known, 2);
      assert.deepEqual(hits.slice(before4).map((h) => h.path).filter((p) => p !== '/robots.txt'), ['/mixed.xml']);
    } finally {
      await store.close();
    }
  });

  test('an aborted round ends after the feed in hand, which is finished and saved', async () => {
    const store = new SqliteStore(join(dir, 'abort.db'));
    try {
      const ac = new AbortController();
      const feeds = [`${base}/mixed.xml`, `${base}/feed.xml`];
      const checked: string[] = [];
      const watcher = new FeedWatcher(store, {
        allowPrivate: true, politenessMs: 0,
        onFeed: (f) => {
          checked.push(f.url);
          ac.abort();
        },
      });
      const r = await watcher.round(feeds, ac.signal);
      assert.deepEqual(checked, [feeds[0]]);
      assert.equal(r.feeds.length, 1);
      assert.equal(r.feeds[0].stored, 2);
      assert.ok((await store.getFeed(feeds[0]))?.lastOk);
      assert.equal(await store.getFeed(feeds[1]), null);
    } finally {
      await store.close();
    }
  });

  test('without --allow-private-fetch a loopback feed is refused and recorded', async () => {
    const store = new SqliteStore(join(dir, 'refused.db'));
    try {
      const r = await new FeedWatcher(store, { politenessMs: 0 }).round([`${base}/feed.xml`]);
      assert.equal(r.failedFeeds, 1);
      assert.match((await store.getFeed(`${base}/feed.xml`))?.lastError ?? '', /refused/);
    } finally {
      await store.close();
    }
  });
});
