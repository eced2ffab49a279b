// URL canonicalisation and the source name derived from a URL.
import { trimEndOf } from './util.js';

/** Query parameters that only track the click, never select the content. */
const TRACKING = /^(utm_[a-z0-9_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ocid|cmpid|__twitter_impression)$/i;

/**
 * The canonical form of a URL: lower-case scheme and host, no default port, no fragment, no tracking
 * parameters (utm_*, fbclid, gclid, ...), no trailing slash on a non-root path. Strings that are not
 * absolute http(s) URLs are returned trimmed and otherwise unchanged.
 */
export function canonicalUrl(url: string): string {
  const raw = url.trim().replace(/^<|>$/g, '');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return raw;
  u.hash = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
  if (u.pathname.length > 1) u.pathname = trimEndOf(u.pathname, '/') || '/';
  let out = u.toString();
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/** The site a URL belongs to: its host without `www.` (`themoscowtimes.com`); null for non-URLs. */
export function sourceFromUrl(url: string): string | null {
  try {
    const u = new URL(url.trim().replace(/^<|>$/g, ''));
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const host = u.hostname.toLowerCase().replace(/^www\d*\./, '').replace(/\.$/, '');
    return host || null;
  } catch {
    return null;
  }
}

/** True when the string is an absolute http(s) URL. */
export function isHttpUrl(s: string): boolean {
  return /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s.trim());
}
