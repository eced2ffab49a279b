// Fetching a web page by URL on behalf of a user (POST /api/articles {url}, later feed watching),
// without letting that user reach the server's own network:
//  - only http: and https: URLs;
//  - the host is resolved (dns.lookup, all addresses) before connecting, for the URL and again for
//    every redirect (at most 3, followed by hand); if any address is private, loopback, link-local,
//    unique-local, multicast, unspecified or otherwise reserved (IPv4, IPv6, and IPv4 inside IPv6),
//    the fetch is refused; the connection itself resolves through the same check, so a name that
//    changes its answer between the check and the connect (DNS rebinding) is refused too;
//  - the body is streamed and the fetch aborted past a size cap (5 MB), and the whole fetch, redirects
//    and body included, past a time limit (10 s).
// `allowPrivate` lifts the address rule (tests, trusted deployments); the other limits stay.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch } from 'undici';

export const DEFAULT_FETCH_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 3;

export type FetchErrorCode =
  | 'bad-url' | 'forbidden-address' | 'dns' | 'too-many-redirects' | 'too-large' | 'timeout' | 'http-status'
  | 'content-type' | 'network';

/** Why a fetch was refused or failed; `message` says it in words, naming the URL or address. */
export class FetchError extends Error {
  constructor(readonly code: FetchErrorCode, message: string) {
    super(message);
  }
}

export interface FetchOptions {
  /** allow private, loopback and other non-public addresses (default false) */
  allowPrivate?: boolean;
  /** largest body in bytes (default 5 MB) */
  maxBytes?: number;
  /** time limit for the whole fetch, redirects and body included (default 10 s) */
  timeoutMs?: number;
  /** redirects followed at most (default 3) */
  maxRedirects?: number;
  /** resolves a host name to all its addresses (default dns.lookup with all: true); for tests */
  resolve?: (host: string) => Promise<LookupAddress[]>;
  /** media types accepted (default: HTML, XHTML, XML and plain text); an empty list accepts any */
  accept?: RegExp[];
  /** extra request headers (e.g. If-None-Match / If-Modified-Since for a conditional request) */
  headers?: Record<string, string>;
}

export interface Fetched {
  /** the URL asked for */
  url: string;
  /** the URL the body came from, after redirects */
  finalUrl: string;
  status: number;
  contentType: string | null;
  body: Buffer;
  redirects: string[];
  /** the response's headers (names in lower case) */
  headers?: Record<string, string>;
}

const DEFAULT_ACCEPT = [/^text\/html\b/i, /^application\/xhtml\+xml\b/i, /^(application|text)\/([\w.+-]+\+)?xml\b/i, /^text\/plain\b/i];

/** The 4 bytes of an IPv4 address in dotted form, or null. */
function v4Bytes(ip: string): number[] | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  const b = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return b.every((x) => x >= 0 && x <= 255) ? b : null;
}

/** The 16 bytes of an IPv6 address (with '::' and a dotted IPv4 tail allowed), or null. */
function v6Bytes(ip: string): number[] | null {
  let s = ip.replace(/%.*$/, ''); // zone id
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const b = v4Bytes(dotted[1]);
    if (!b) return null;
    s = s.slice(0, -dotted[1].length) + (((b[0] << 8) | b[1]).toString(16)) + ':' + (((b[2] << 8) | b[3]).toString(16));
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (x: string) => (x === '' ? [] : x.split(':').map((h) => (/^[0-9a-f]{1,4}$/i.test(h) ? parseInt(h, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if ([...head, ...rest].some((x) => Number.isNaN(x))) return null;
  const given = head.length + rest.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return null;
  const words = [...head, ...Array(8 - given).fill(0), ...rest];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function v4Reason(b: number[]): string | null {
  const [a, c] = b;
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return 'private';
  if (a === 100 && c >= 64 && c <= 127) return 'private (shared address space)';
  if (a === 169 && c === 254) return 'link-local';
  if (a === 192 && c === 0 && b[2] === 0) return 'reserved';
  if (a === 198 && (c === 18 || c === 19)) return 'reserved';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return null;
}

/**
 * Why an IP address may not be fetched from ('loopback', 'private', 'link-local', 'unique-local',
 * 'multicast', 'unspecified', 'reserved'), or null for a public address. IPv4-mapped, IPv4-compatible,
 * NAT64 and 6to4 IPv6 addresses are judged by the IPv4 address inside them. Anything that is not an
 * IP address is refused as 'not an IP address'.
 */
export function forbiddenAddress(address: string): string | null {
  const ip = address.replace(/^\[|\]$/g, '');
  const kind = isIP(ip.replace(/%.*$/, ''));
  if (kind === 4) return v4Reason(v4Bytes(ip)!);
  if (kind !== 6) return 'not an IP address';
  const b = v6Bytes(ip);
  if (!b) return 'not an IP address';
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 16)) return 'unspecified';
  if (zero(0, 15) && b[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64)
  if (zero(0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) return v4Reason(b.slice(12));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return v4Reason(b.slice(12));
  if (b[0] === 0x20 && b[1] === 0x02) return v4Reason(b.slice(2, 6)); // 6to4
  if (b[0] === 0xff) return 'multicast';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'link-local';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return 'private (site-local)';
  if ((b[0] & 0xfe) === 0xfc) return 'unique-local';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'reserved';
  if (zero(0, 8) || b[0] === 0x01 && zero(1, 8)) return 'reserved';
  return null;
}

const systemResolve = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, addrs) => (err ? reject(err) : resolve(addrs)));
  });

function refusal(host: string, address: string, reason: string): FetchError {
  const name = host === address ? address : `${host} (${address})`;
  return new FetchError('forbidden-address',
    `refused to fetch from ${name}: a ${reason} address (only public addresses may be fetched)`);
}

/** Checks a URL's host before connecting: every address it resolves to must be public. */
async function checkHost(url: URL, opts: FetchOptions): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const why = forbiddenAddress(host);
    if (why && !opts.allowPrivate) throw refusal(host, host, why);
    return;
  }
  if (opts.allowPrivate) return;
  let addrs: LookupAddress[];
  try {
    addrs = await (opts.resolve ?? systemResolve)(host);
  } catch (err) {
    throw new FetchError('dns', `cannot resolve ${host}: ${(err as Error).message}`);
  }
  if (!addrs.length) throw new FetchError('dns', `cannot resolve ${host}: no addresses`);
  for (const a of addrs) {
    const why = forbiddenAddress(a.address);
    if (why) throw refusal(host, a.address, why);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The lookup the connection uses: the same check again, on the addresses actually connected to. */
function guardedLookup(opts: FetchOptions) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    (opts.resolve ?? systemResolve)(hostname).then((addrs) => {
      if (!addrs.length) throw new FetchError('dns', `cannot resolve ${hostname}: no addresses`);
      if (!opts.allowPrivate) {
        for (const a of addrs) {
          const why = forbiddenAddress(a.address);
          if (why) throw refusal(hostname, a.address, why);
        }
      }
      if (options?.all) callback(null, addrs);
      else callback(null, addrs[0].address, addrs[0].family);
    }).catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };
}

function parseUrl(raw: string, base?: string): URL {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    throw new FetchError('bad-url', `not a URL: ${raw}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError('bad-url', `only http and https URLs can be fetched, not ${u.protocol}`);
  if (u.username || u.password) throw new FetchError('bad-url', 'URLs with credentials are not fetched');
  return u;
}

/** The FetchError inside whatever undici threw (its errors wrap the cause). */
function unwrap(err: unknown, timedOut: boolean, timeoutMs: number): FetchError {
  for (let e = err as { cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e instanceof FetchError) return e;
  }
  if (timedOut) return new FetchError('timeout', `the fetch took longer than ${timeoutMs / 1000} s`);
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return new FetchError('network', `fetch failed: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
}

/** Fetches a URL under the rules above. Throws FetchError. */
export async function fetchUrl(raw: string, opts: FetchOptions = {}): Promise<Fetched> {
  const maxBytes = opts.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const accept = opts.accept ?? DEFAULT_ACCEPT;
  let url = parseUrl(raw);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  const agent = new Agent({ connect: { lookup: guardedLookup(opts) as never, timeout: timeoutMs } });
  const redirects: string[] = [];
  try {
    for (;;) {
      await checkHost(url, opts);
      if (timedOut) throw new FetchError('timeout', `the fetch took longer than ${timeoutMs / 1000} s`);
      const res = await fetch(url, {
        redirect: 'manual', signal: controller.signal, dispatcher: agent,
        headers: { 'user-agent': 'eventwire (+https://github.com/eventwire)', accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', ...opts.headers },
      });
      // A conditional request answered "not modified": no body, not an error.
      if (res.status === 304 && opts.headers && Object.keys(opts.headers).some((h) => /^if-(none-match|modified-since)$/i.test(h))) {
        await res.body?.cancel().catch(() => {});
        return { url: raw, finalUrl: url.toString(), status: 304, contentType: null, body: Buffer.alloc(0), redirects, headers: Object.fromEntries(res.headers) };
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel().catch(() => {});
        if (redirects.length >= maxRedirects) {
          throw new FetchError('too-many-redirects', `more than ${maxRedirects} redirects (the last to ${res.headers.get('location')})`);
        }
        url = parseUrl(res.headers.get('location')!, url.toString());
        redirects.push(url.toString());
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel().catch(() => {});
        throw new FetchError('http-status', `${url} answered HTTP ${res.status}`);
      }
      const contentType = res.headers.get('content-type');
      if (contentType && accept.length && !accept.some((re) => re.test(contentType.trim()))) {
        await res.body?.cancel().catch(() => {});
        throw new FetchError('content-type', `${url} is ${contentType.split(';')[0]}, not a web page`);
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw new FetchError('too-large', `${url} is ${declared} bytes, over the limit of ${maxBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      if (res.body) {
        for await (const chunk of res.body) {
          size += chunk.byteLength;
          if (size > maxBytes) {
            controller.abort();
            throw new FetchError('too-large', `${url} is over the limit of ${maxBytes} bytes`);
          }
          chunks.push(Buffer.from(chunk));
        }
      }
      return { url: raw, finalUrl: url.toString(), status: res.status, contentType, body: Buffer.concat(chunks), redirects, headers: Object.fromEntries(res.headers) };
    }
  } catch (err) {
    throw unwrap(err, timedOut, timeoutMs);
  } finally {
    clearTimeout(timer);
    agent.destroy().catch(() => {});
  }
}
