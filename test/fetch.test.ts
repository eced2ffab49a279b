import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildServer } from '../src/api/server.js';
import { FetchError, fetchUrl, forbiddenAddress } from '../src/net/fetch.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './helpers/tmp.js';

const PAGE = `<!doctype html><html><head><title>Russian forces shell Kharkiv</title>
<meta property="article:published_time" content="2024-12-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/2024/12/05/kharkiv"></head>
<body><article><h1>Russian forces shell Kharkiv</h1>
<p>Russian forces shelled Kharkiv on Tuesday, killing three people, Ukrainian officials said.</p>
<p>Ukraine's foreign minister met his Polish counterpart in Warsaw on Wednesday to discuss air defence.</p>
</article></body></html>`;

let server: Server;
let base = '';

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const hop = /^\/r\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n > 1 ? `/r/${n - 1}` : '/article' });
      res.end();
    } else if (path === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else if (path === '/big') {
      // 6 MB in 64 KB chunks, no content-length: the fetcher must stop reading on its own.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const more = () => {
        while (sent < 6 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('error', () => {});
      more();
    } else if (path === '/big-declared') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(6 * 1024 * 1024) });
      res.on('error', () => {});
      res.end(Buffer.alloc(6 * 1024 * 1024, 'a'));
    } else if (path === '/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4');
    } else if (path === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      // never ends; the server's close destroys it
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function refused(p: Promise<unknown>, code: string, message?: RegExp): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FetchError, String(err));
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected a ${code} refusal`);
}

describe('the address check', () => {
  test('private, loopback, link-local, unique-local, multicast and unspecified addresses are refused', () => {
    const cases: [string, string | null][] = [
      ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['10.0.0.1', 'private'], ['10.255.255.255', 'private'],
      ['172.16.0.1', 'private'], ['172.31.255.1', 'private'], ['192.168.1.1', 'private'], ['100.64.0.1', 'private (shared address space)'],
      ['169.254.169.254', 'link-local'], ['0.0.0.0', 'unspecified'], ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'],
      ['255.255.255.255', 'reserved'], ['240.0.0.1', 'reserved'],
      ['::1', 'loopback'], ['::', 'unspecified'], ['0:0:0:0:0:0:0:1', 'loopback'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local'],
      ['fc00::1', 'unique-local'], ['fd12:3456:789a::1', 'unique-local'], ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:10.1.2.3', 'private'], ['::ffff:169.254.1.1', 'link-local'],
      ['0:0:0:0:0:ffff:c0a8:0101', 'private'], ['64:ff9b::10.0.0.1', 'private'], ['2002:a00:1::', 'private'], ['[::1]', 'loopback'],
      // public
      ['93.184.216.34', null], ['8.8.8.8', null], ['172.32.0.1', null], ['100.128.0.1', null], ['2606:4700:4700::1111', null],
      ['::ffff:8.8.8.8', null], ['2a00:1450:4001:82b::200e', null],
      // not addresses
      ['localhost', 'not an IP address'], ['1.2.3', 'not an IP address'],
    ];
    for (const [ip, why] of cases) assert.equal(forbiddenAddress(ip), why, ip);
  });

  test('a host name resolving to a non-public address is refused before connecting', async () => {
    const resolving = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    await refused(fetchUrl('http://intranet.example/', { resolve: resolving('10.1.2.3') }), 'forbidden-address', /intranet\.example \(10\.1\.2\.3\): a private address/);
    await refused(fetchUrl('http://metadata.example/latest', { resolve: resolving('169.254.169.254') }), 'forbidden-address', /link-local/);
    await refused(fetchUrl('https://six.example/', { resolve: resolving('::1') }), 'forbidden-address', /loopback/);
    await refused(fetchUrl('http://mapped.example/', { resolve: resolving('::ffff:192.168.0.10') }), 'forbidden-address', /private/);
    // one bad address among good ones is enough
    await refused(fetchUrl('http://mixed.example/', { resolve: resolving('93.184.216.34', '10.0.0.1') }), 'forbidden-address', /10\.0\.0\.1/);
    await refused(fetchUrl('http://nowhere.example/', { resolve: async () => { throw new Error('ENOTFOUND'); } }), 'dns');
  });

  test('loopback URLs are refused by default, by literal address and by name', async () => {
    await refused(fetchUrl(`${base}/article`), 'forbidden-address', /127\.0\.0\.1: a loopback address/);
    await refused(fetchUrl('http://[::1]:9/'), 'forbidden-address', /loopback/);
    await refused(fetchUrl('http://localhost:9/'), 'forbidden-address', /loopback/);
    await refused(fetchUrl('ftp://example.org/x'), 'bad-url');
    await refused(fetchUrl('not a url'), 'bad-url');
  });
});

describe('fetching with private addresses allowed (a local test server)', () => {
  const allow = { allowPrivate: true };

  test('a page is fetched', async () => {
    const r = await fetchUrl(`${base}/article`, allow);
    assert.equal(r.status, 200);
    assert.match(r.contentType!, /text\/html/);
    assert.equal(r.body.toString('utf8'), PAGE);
  });

  test('up to three redirects are followed, a fourth is refused', async () => {
    const r = await fetchUrl(`${base}/r/3`, allow);
    assert.equal(r.finalUrl, `${base}/article`);
    assert.equal(r.redirects.length, 3);
    await refused(fetchUrl(`${base}/r/4`, allow), 'too-many-redirects', /more than 3 redirects/);
  });

  test('a name that changes its answer between the check and the connection (DNS rebinding) is refused', async () => {
    // the check sees a public address; the connection's own lookup then gets 127.0.0.1 and refuses
    // it, so nothing is sent anywhere
    let calls = 0;
    const resolve = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    await refused(fetchUrl(`http://rebind.example:${new URL(base).port}/article`, { resolve }), 'forbidden-address', /rebind\.example \(127\.0\.0\.1\): a loopback/);
    assert.equal(calls, 2);
  });

  test('bodies over the size limit are refused, streamed or declared', async () => {
    await refused(fetchUrl(`${base}/big`, allow), 'too-large', /over the limit of 5242880 bytes/);
    await refused(fetchUrl(`${base}/big-declared`, allow), 'too-large');
    await refused(fetchUrl(`${base}/big`, { ...allow, maxBytes: 100_000 }), 'too-large');
  });

  test('slow servers time out; other media types and HTTP errors are refused', async () => {
    await refused(fetchUrl(`${base}/slow`, { ...allow, timeoutMs: 300 }), 'timeout');
    await refused(fetchUrl(`${base}/pdf`, allow), 'content-type', /application\/pdf/);
    await refused(fetchUrl(`${base}/missing`, allow), 'http-status', /404/);
  });
});

describe('POST /api/articles {url}', () => {
  const post = async (allowPrivateFetch: boolean, payload: object) => {
    const store = new SqliteStore(join(tempDir(), 'fetch.db'));
    const app = buildServer({ store, webRoot: null, tokens: ['secret'], allowPrivateFetch });
    try {
      const r = await app.inject({ method: 'POST', url: '/api/articles', headers: { authorization: 'Bearer secret' }, payload });
      return { status: r.statusCode, body: r.json(), counts: await store.counts() };
    } finally {
      await app.close();
      await store.close();
    }
  };

  test('without allowPrivateFetch a loopback URL is a 400 naming the reason, and nothing is stored', async () => {
    const r = await post(false, { url: `${base}/article` });
    assert.equal(r.status, 400);
    assert.equal(r.body.parameter, 'url');
    assert.match(r.body.error, /loopback address/);
    assert.equal(r.counts.articles, 0);
  });

  test('with allowPrivateFetch the page is fetched, read as HTML, analysed and stored', async () => {
    const r = await post(true, { url: `${base}/r/1` });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const a = r.body.articles[0];
    assert.equal(a.status, 'new');
    assert.equal(a.title, 'Russian forces shell Kharkiv');
    assert.match(a.published, /^2024-12-05/);
    assert.ok(a.events.some((e: any) => e.type === 'ASSAULT'), JSON.stringify(a.events.map((e: any) => e.type)));
    assert.equal(r.counts.articles, 1);
  });

  test('fetch failures with the option are 400s too', async () => {
    const r = await post(true, [{ text: 'Iran and Turkey held talks in Doha on Friday.' }, { url: `${base}/r/5` }]);
    assert.equal(r.status, 400);
    assert.match(r.body.error, /\(article 1\).*more than 3 redirects/);
    assert.equal(r.counts.articles, 0, 'a refused fetch stores nothing of the request');
  });
});
