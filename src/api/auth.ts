// Bearer-token checks shared by writes (always) and reads (when `protectReads` is on).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiOptions } from './context.js';
import { HttpError } from './params.js';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws HttpError(401) unless the request carries `Authorization: Bearer <token>` with a known token. */
export async function requireToken(req: FastifyRequest, opts: ApiOptions, what: 'writes' | 'reads'): Promise<void> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) throw new HttpError(401, `${what} need an Authorization: Bearer <token> header (eventwire token create)`);
  const ok = (opts.tokens ?? []).some((t) => sameToken(t, m[1])) || (await opts.store.verifyToken(m[1]));
  if (!ok) throw new HttpError(401, 'unknown token');
}

/** Who a write came from, for the record: the name its token was created with (checked by requireToken before). */
export async function tokenOwner(req: FastifyRequest, opts: ApiOptions): Promise<string | null> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  if ((opts.tokens ?? []).some((t) => sameToken(t, m[1]))) return 'server token';
  return opts.store.tokenName(m[1]);
}

/** Read routes that stay open when reads are protected. */
export const OPEN_READS = new Set(['/api/health', '/api/openapi.json']);

/** Whether this request is a read that `protectReads` guards. */
export function isProtectedRead(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0];
  return path.startsWith('/api/') && !OPEN_READS.has(path);
}

/** Whether a listen address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}
