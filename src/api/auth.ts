// Bearer-token checks shared by writes (always) and reads (when reads are protected), and the rule
// that decides whether reads are protected from the addresses the server actually listens on.
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { ApiOptions } from './context.js';
import { HttpError } from './params.js';

/** `Authorization: Bearer <token>`: spaces and tabs only around the token, so no header folding passes. */
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws HttpError(401) unless the request carries `Authorization: Bearer <token>` with a known, live token. */
export async function requireToken(req: FastifyRequest, opts: ApiOptions, what: 'writes' | 'reads'): Promise<void> {
  const m = BEARER.exec(req.headers.authorization ?? '');
  if (!m) throw new HttpError(401, `${what} need an Authorization: Bearer <token> header (eventwire token create)`);
  const ok = (opts.tokens ?? []).some((t) => sameToken(t, m[1])) || (await opts.store.verifyToken(m[1]));
  if (!ok) throw new HttpError(401, 'unknown, revoked or expired token');
}

/** Who a write came from, for the record: the name its token was created with (checked by requireToken before). */
export async function tokenOwner(req: FastifyRequest, opts: ApiOptions): Promise<string | null> {
  const m = BEARER.exec(req.headers.authorization ?? '');
  if (!m) return null;
  if ((opts.tokens ?? []).some((t) => sameToken(t, m[1]))) return 'server token';
  return opts.store.tokenName(m[1]);
}

/** Read routes that stay open when reads are protected (matched route patterns, not request text). */
export const OPEN_READS = new Set(['/api/health', '/api/openapi.json']);

/** Whether a registered route (its method and URL pattern) is a read that protection guards. */
export function isProtectedRoute(method: string | string[], url: string): boolean {
  const methods = Array.isArray(method) ? method : [method];
  return methods.some((m) => m === 'GET' || m === 'HEAD') && url.startsWith('/api/') && !OPEN_READS.has(url);
}

/**
 * Whether an IP address (as a socket reports it) is a loopback address: 127.0.0.0/8, ::1, or an
 * IPv4-mapped loopback. Names are not addresses: resolve them first (the listening socket has).
 */
export function isLoopbackAddress(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (isIP(a) === 4) return a.startsWith('127.');
  if (isIP(a) !== 6) return false;
  if (a === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(a)) return true;
  const mapped = /^::ffff:(.+)$/.exec(a);
  if (!mapped) return false;
  if (isIP(mapped[1]) === 4) return mapped[1].startsWith('127.');
  return /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped[1]);
}

/** A listening socket as fastify reports it: an address, or the path of a Unix socket. */
export type Listening = string | { address: string };

/**
 * Whether every address a server listens on is a loopback address (a Unix socket is local too).
 * Nothing listening counts as not loopback, so the safe answer is given when in doubt.
 */
export function listensOnLoopbackOnly(addresses: Listening[]): boolean {
  return addresses.length > 0 && addresses.every((a) => typeof a === 'string' || isLoopbackAddress(a.address));
}
