// What every request passes before its route: the Host check (against DNS rebinding), read
// protection decided on the route the router matched, and the security headers of every answer.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hostname, networkInterfaces } from 'node:os';
import { isProtectedRoute, listensOnLoopbackOnly, requireToken, type Listening } from './auth.js';
import type { ApiOptions } from './context.js';
import { HttpError, rejectControlCharacters } from './params.js';

/**
 * The UI's scripts and styles are files of its own origin: no inline script, no framing. The map
 * runs its worker from a same-origin file (worker-src) and makes its images from data: and blob: URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "worker-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const bare = (h: string) => h.trim().toLowerCase().replace(/^\[|\]$/g, '');

/** The host name of a Host header value, without port or IPv6 brackets. */
export function hostOf(header: string): string {
  const h = header.trim().toLowerCase();
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (v6) return v6[1];
  return h.replace(/:\d+$/, '').replace(/\.$/, '');
}

const UNSPECIFIED = new Set(['0.0.0.0', '::', '::ffff:0.0.0.0']);

/** The host names answered: localhost, the listening addresses (every local one when listening on all), and those configured. */
export function allowedHostSet(listening: Listening[], configured: string[] = []): Set<string> {
  const hosts = new Set(['localhost', ...configured.map(bare)]);
  for (const l of listening) {
    if (typeof l === 'string') continue;
    const address = l.address;
    hosts.add(bare(address));
    if (UNSPECIFIED.has(bare(address))) {
      hosts.add(hostname().toLowerCase());
      for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) hosts.add(bare(i.address));
    }
  }
  return hosts;
}

export function installGuards(app: FastifyInstance, opts: ApiOptions): void {
  // Known once the server listens; until then (inject) only localhost and the configured names.
  let hosts: Set<string> | null = null;
  let loopbackOnly: boolean | null = null;
  const listening = () => app.addresses();
  const allowed = () => {
    if (hosts) return hosts;
    const l = listening();
    const set = allowedHostSet(l, opts.allowedHosts);
    if (l.length) hosts = set;
    return set;
  };
  const protect = () => {
    if (opts.protectReads !== 'unless-loopback') return !!opts.protectReads;
    if (loopbackOnly === null) {
      const l = listening();
      if (!l.length) return true;
      loopbackOnly = listensOnLoopbackOnly(l);
    }
    return !loopbackOnly;
  };

  // Every GET route under /api/ is marked when it is registered, so protection follows the route the
  // router matched, whatever percent-encoding or case the request's URL text used.
  app.addHook('onRoute', (route) => {
    if (isProtectedRoute(route.method, route.url)) route.config = { ...(route.config as object), protectedRead: true } as typeof route.config;
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    const host = hostOf(req.headers.host ?? '');
    if (!host || !allowed().has(host)) {
      throw new HttpError(403, `host '${host}' is not served here; add it with --allowed-hosts (allowedHosts) if it names this server`);
    }
    if ((req.routeOptions.config as { protectedRead?: boolean } | undefined)?.protectedRead && protect()) {
      await requireToken(req, opts, 'reads');
    }
  });

  // Path parameters are checked like query parameters (parseQuery) before any route reads them.
  app.addHook('preHandler', async (req) => {
    rejectControlCharacters(req.params);
  });
}
