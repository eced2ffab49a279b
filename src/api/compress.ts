// API answers compressed for clients that accept it (brotli, else gzip). The desk's first view reads
// about half a megabyte of JSON at 10,000 events (a page of the list, the timeline's days, the network,
// the map's points), a tenth of that compressed: the difference between a few hundred milliseconds and
// a few seconds on a slow link. The built UI's files are compressed once, at build time (@fastify/static
// preCompressed), and are left alone here.
import type { FastifyInstance } from 'fastify';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** Smaller answers gain less than the encoding headers and the work cost. */
const MIN_BYTES = 1024;
/**
 * Answers up to this size are compressed at once (a few milliseconds), so each goes out before the
 * next request's handler runs: on the threads' pool, the desk's short first answers (the list's page)
 * waited behind its slow ones (the network's). Larger ones (exports) go to the pool.
 */
const SYNC_BYTES = 256 * 1024;
/** Brotli's quality 5: several times gzip's speed at its best level, and smaller (JSON at 100 kB: about 2 ms). */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

/** The encoding to answer with: brotli or gzip, as the client's Accept-Encoding allows (q=0 refuses). */
export function chooseEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  const allowed = new Set<string>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    if (q && Number(q[1]) === 0) continue;
    allowed.add(name.trim());
  }
  return allowed.has('br') ? 'br' : allowed.has('gzip') || allowed.has('*') ? 'gzip' : null;
}

export function installCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.url.startsWith('/api/') || reply.hasHeader('content-encoding')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    // the answer differs by Accept-Encoding from here on, for caches between
    reply.header('vary', 'accept-encoding');
    const encoding = body.length >= MIN_BYTES ? chooseEncoding(req.headers['accept-encoding']) : null;
    if (!encoding) return payload;
    const sync = body.length <= SYNC_BYTES;
    const packed = encoding === 'br' ? (sync ? brotliCompressSync(body, BROTLI) : await br(body, BROTLI))
      : sync ? gzipSync(body, { level: 6 }) : await gz(body, { level: 6 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return packed;
  });
}
