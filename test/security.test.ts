// The API's protections against hostile requests: read protection on the matched route, the order
// of authentication and rate limits, the Host check and security headers, loopback decided from
// the listening socket, and token revocation and expiry through the CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ApiOptions } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './helpers/tmp.js';

const BIN = resolve('bin/eventwire.js');
const dbFile = join(tempDir(), 'security.db');
let store: SqliteStore;
const servers: FastifyInstance[] = [];

before(() => {
  store = new SqliteStore(dbFile);
});
after(async () => {
  for (const s of servers) await s.close();
  await store.close();
});

async function serve(opts: Partial<ApiOptions> = {}, host = '127.0.0.1'): Promise<{ app: FastifyInstance; port: number }> {
  const app = buildServer({ store, webRoot: null, ...opts });
  servers.push(app);
  await app.listen({ port: 0, host });
  const a = app.addresses().find((x) => typeof x !== 'string') as { port: number };
  return { app, port: a.port };
}

/** A raw HTTP request to 127.0.0.1: the path is sent as given, and the Host header can be anything. */
function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, address = '127.0.0.1')
  : Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((res, rej) => {
    const req = request({ host: address, port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c) => { body += c; });
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

describe('read protection', () => {
  test('is decided on the matched route: no encoding, case or slash form of a read path answers without a token', async () => {
    const { port } = await serve({ protectReads: true });
    const paths = ['/api/events', '/%61pi/events', '/api/%65vents', '/%61%70%69/%65vents?limit=1', '/api/events/', '/api/entities',
      '/%61pi/entities/RUS', '/api/articles/1', '/%61pi/articles', '/%61pi/stats/timeline', '/%61pi/network', '/%61pi/export?format=csv',
      '/%61pi/merged-events'];
    for (const method of ['GET', 'HEAD']) {
      for (const p of paths) {
        const r = await raw(port, method, p);
        assert.ok(r.status === 401 || r.status === 404, `${method} ${p} answered ${r.status} without a token`);
      }
    }
    assert.equal((await raw(port, 'GET', '/%61pi/events')).status, 401);
    assert.equal((await raw(port, 'GET', '/%61pi/health')).status, 200, 'open reads stay open');
    const { token } = await store.createToken('reader');
    assert.equal((await raw(port, 'GET', '/%61pi/events', { authorization: `Bearer ${token}` })).status, 200);
  });
});

describe('writes: authentication before the rate limit', () => {
  test('unauthenticated requests never lock a valid token out; their failures are limited apart', async () => {
    const { port } = await serve({ writesPerMinute: 3, authFailuresPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await raw(port, 'POST', '/api/articles')).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    const { token } = await store.createToken('writer');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // the body is bad (400), which shows the request got past authentication and the limit
    const ok = await new Promise<number>((res, rej) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/articles', headers: { host: `127.0.0.1:${port}`, ...auth } },
        (r) => { r.resume(); r.on('end', () => res(r.statusCode ?? 0)); });
      req.on('error', rej);
      req.end('{"title": "x"}');
    });
    assert.equal(ok, 400);
  });
});

describe('Host header and security headers', () => {
  test('only the hosts the server listens on or is configured for are answered', async () => {
    const { port } = await serve({ allowedHosts: ['desk.example.org'] });
    assert.equal((await raw(port, 'GET', '/api/health', { host: 'rebind.attacker.example' })).status, 403);
    assert.equal((await raw(port, 'GET', '/api/events', { host: `attacker.example:${port}` })).status, 403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', 'desk.example.org', `DESK.example.org:${port}`]) {
      assert.equal((await raw(port, 'GET', '/api/health', { host })).status, 200, host);
    }
  });

  test('every answer carries a CSP without inline script, nosniff, no referrer and no framing', async () => {
    const { port } = await serve();
    for (const path of ['/', '/api/health', '/api/nothing-here']) {
      const r = await raw(port, 'GET', path);
      const csp = String(r.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/, path);
      // the desk's map starts its worker from a same-origin file, never from a blob: URL
      assert.match(csp, /worker-src 'self'(;|$)/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['referrer-policy'], 'no-referrer');
    }
  });
});

describe('loopback decided from the listening socket', () => {
  test('127.0.0.2 listens on loopback (reads open), 0.0.0.0 does not (reads protected)', async () => {
    const a = await serve({ protectReads: 'unless-loopback' }, '127.0.0.2');
    assert.equal((await raw(a.port, 'GET', '/api/events', { host: `127.0.0.2:${a.port}` }, '127.0.0.2')).status, 200);
    const b = await serve({ protectReads: 'unless-loopback' }, '0.0.0.0');
    assert.equal((await raw(b.port, 'GET', '/api/events')).status, 401);
  });

  test('eventwire serve resolves --host: 127.1 is loopback, and reads are open there', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', dbFile, '--host', '127.1', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = await new Promise<number>((res, rej) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          const m = /:(\d+)\/\s/.exec(out);
          if (m) res(Number(m[1]));
        });
        let errText = "";
        child.stderr.on("data", (c) => { errText += c; });
        child.on("exit", (code) => rej(new Error(`serve exited ${code}: ${out} ${errText}`)));
      });
      assert.equal((await raw(port, 'GET', '/api/events')).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('eventwire token', () => {
  test('create with an expiry, list, revoke: a revoked token is refused', async () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'token', ...args, '--db', dbFile], { encoding: 'utf8' });
    const made = cli('create', '--name', 'analyst', '--expires', '30d');
    assert.equal(made.status, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(made.stderr, /valid until \d{4}-/);
    assert.equal(await store.verifyToken(token), true);
    const rows = JSON.parse(cli('list', '--format', 'json').stdout) as { id: number; name: string; state: string; expires: string }[];
    const row = rows.find((r) => r.name === 'analyst')!;
    assert.equal(row.state, 'active');
    assert.ok(Date.parse(row.expires) > Date.now() + 29 * 86_400_000);
    assert.ok(!JSON.stringify(rows).includes(token), 'the token itself is never listed');
    const revoked = cli('revoke', String(row.id));
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.equal(await store.verifyToken(token), false);
    assert.equal(JSON.parse(cli('list', '--format', 'json').stdout).find((r: { id: number }) => r.id === row.id).state, 'revoked');
    assert.equal(cli('revoke', String(row.id)).status, 1, 'revoking twice is an error');
    assert.equal(cli('create', '--expires', 'soon').status, 2);
  });
});
