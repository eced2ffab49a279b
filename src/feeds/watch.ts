/*
 * Live feeds (`eventwire watch`): polls RSS/Atom feeds and stores (or queues) the article behind
 * every new item.
 *
 * Per feed, the state kept in the store (table feeds): the ETag and Last-Modified it last answered
 * with (sent back as If-None-Match / If-Modified-Since, so an unchanged feed answers 304 and nothing
 * else is fetched), health (last checked, last ok, consecutive errors, last error, counts) and when
 * it is due next. A failed check doubles the feed's interval for each consecutive error, up to a cap;
 * a success resets it.
 *
 * Politeness: requests to one host are at least `politenessMs` apart (measured from the end of one
 * to the start of the next); every host's /robots.txt is fetched once per run and its Disallow rules
 * (group "eventwire", else "*") are honoured for feeds and pages; a missing or unreadable robots.txt
 * allows everything. Every fetch goes through the SSRF-safe fetcher (src/net/fetch.ts).
 *
 * Items: an item whose canonical URL is already stored is skipped without fetching. Otherwise its
 * page (the item's link) is read by the HTML reader; if the page cannot be fetched or read, the
 * item's own description/content is used instead, with a warning. Then the article is analysed and
 * stored, or handed to `enqueue` (the job queue) when given.
 */
import { readFileSync } from 'node:fs';
import type { Article, Message } from '../model/types.js';
import { fetchUrl, FetchError, type FetchOptions } from '../net/fetch.js';
import { canonicalUrl, readBuffer } from '../read/index.js';
import { analyze, toAnalysis } from '../pipeline/index.js';
import type { Knowledge } from '../knowledge/index.js';
import type { FeedState, Store } from '../store/store.js';
import { parseRobots, robotsAllows, type RobotsRules } from './robots.js';

export const DEFAULT_INTERVAL_SECONDS = 300;
export const DEFAULT_MAX_INTERVAL_SECONDS = 6 * 3600;
export const DEFAULT_POLITENESS_MS = 1000;

export interface WatchOptions {
  /** seconds between checks of one feed (default 300) */
  intervalSeconds?: number;
  /** the longest interval error backoff reaches (default 6 h) */
  maxIntervalSeconds?: number;
  /** least time between two requests to one host (default 1000 ms) */
  politenessMs?: number;
  /** allow private and loopback addresses (tests, trusted networks) */
  allowPrivate?: boolean;
  /** time limit per fetch */
  timeoutMs?: number;
  kb?: Knowledge;
  /** queue the article instead of analysing and storing it here; resolves false if already queued */
  enqueue?: (article: Article) => Promise<boolean>;
  onMessage?: (m: Message) => void;
  /** called after each feed is checked */
  onFeed?: (feed: FeedState, result: FeedCheck) => void;
}

export interface FeedCheck {
  url: string;
  status: 'ok' | 'not-modified' | 'failed' | 'disallowed';
  items: number;
  /** items skipped because their URL is already stored */
  known: number;
  /** items skipped because robots.txt disallows their page */
  disallowed: number;
  /** articles stored (new or revision) or queued */
  stored: number;
  duplicates: number;
  /** items stored from the feed's own text because their page failed */
  fallbacks: number;
  errors: number;
  error?: string;
}

export interface RoundReport {
  feeds: FeedCheck[];
  items: number;
  stored: number;
  known: number;
  disallowed: number;
  fallbacks: number;
  failedFeeds: number;
  notModified: number;
  errors: number;
  warnings: number;
}

/** The feeds named by the arguments: URLs as they are, anything else a file of URLs (one a line, # comments). */
export function feedList(args: string[]): string[] {
  const urls: string[] = [];
  for (const a of args) {
    if (/^https?:\/\//i.test(a)) urls.push(a);
    else {
      for (const line of readFileSync(a, 'utf8').split(/\r?\n/)) {
        const u = line.replace(/(^|\s)#.*$/, '').trim();
        if (u) urls.push(u);
      }
    }
  }
  return [...new Set(urls)];
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  if (ms <= 0 || signal?.aborted) return resolve();
  const t = setTimeout(done, ms);
  function done() { clearTimeout(t); signal?.removeEventListener('abort', done); resolve(); }
  signal?.addEventListener('abort', done, { once: true });
});

const FEED_ACCEPT = [/^(application|text)\/([\w.+-]+\+)?xml\b/i, /^application\/(rss|atom)\b/i, /^text\/plain\b/i, /^text\/html\b/i];

/** One watcher run: the per-host politeness clock and robots.txt cache live as long as it does. */
export class FeedWatcher {
  private lastRequest = new Map<string, number>();
  private robots = new Map<string, Promise<RobotsRules | null>>();
  private readonly interval: number;
  private readonly maxInterval: number;
  private readonly politeness: number;

  constructor(private readonly store: Store, private readonly opts: WatchOptions = {}) {
    this.interval = opts.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
    this.maxInterval = Math.max(this.interval, opts.maxIntervalSeconds ?? DEFAULT_MAX_INTERVAL_SECONDS);
    this.politeness = opts.politenessMs ?? DEFAULT_POLITENESS_MS;
  }

  private fetchOpts(extra: Partial<FetchOptions> = {}): FetchOptions {
    return { allowPrivate: this.opts.allowPrivate, ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}), ...extra };
  }

  /** Fetches after waiting out the host's politeness delay. */
  private async politeFetch(url: string, extra: Partial<FetchOptions> = {}) {
    const host = new URL(url).host;
    // Hosts are served one request at a time: reserve the slot before waiting.
    const last = this.lastRequest.get(host);
    if (last !== undefined) await sleep(last + this.politeness - Date.now());
    this.lastRequest.set(host, Number.POSITIVE_INFINITY);
    try {
      return await fetchUrl(url, this.fetchOpts(extra));
    } finally {
      this.lastRequest.set(host, Date.now());
    }
  }

  /** Whether robots.txt lets eventwire fetch the URL (fetched once per host per run). */
  async allowed(url: string): Promise<boolean> {
    const u = new URL(url);
    const key = `${u.protocol}//${u.host}`;
    let rules = this.robots.get(key);
    if (!rules) {
      rules = (async () => {
        try {
          const r = await this.politeFetch(`${key}/robots.txt`, { accept: [] });
          return parseRobots(r.body.toString('utf8'));
        } catch (err) {
          const e = err as FetchError;
          // missing (4xx) or unreadable: everything is allowed
          if (!(e instanceof FetchError && e.code === 'http-status' && / 4\d\d$/.test(e.message))) {
            this.report('warning', 'robots-unreadable', `${key}/robots.txt: ${e.message}; treated as allowing everything`, key);
          }
          return null;
        }
      })();
      this.robots.set(key, rules);
    }
    const r = await rules;
    return !r || robotsAllows(r, url);
  }

  private counts = { errors: 0, warnings: 0 };

  private report(level: Message['level'], code: string, message: string, file?: string): void {
    if (level === 'error') this.counts.errors++;
    else if (level === 'warning') this.counts.warnings++;
    this.opts.onMessage?.({ level, code, message, ...(file ? { file } : {}) });
  }

  /**
   * Checks every given feed once (whatever its schedule). An aborted signal ends the round between
   * feeds: a feed is always finished, since its validators are saved only once all its items are in.
   */
  async round(urls: string[], signal?: AbortSignal): Promise<RoundReport> {
    this.counts = { errors: 0, warnings: 0 };
    const feeds: FeedCheck[] = [];
    for (const url of urls) {
      if (signal?.aborted) break;
      feeds.push(await this.checkFeed(url));
    }
    const sum = (k: keyof FeedCheck) => feeds.reduce((n, f) => n + (f[k] as number), 0);
    return {
      feeds, items: sum('items'), stored: sum('stored'), known: sum('known'), disallowed: sum('disallowed'), fallbacks: sum('fallbacks'),
      failedFeeds: feeds.filter((f) => f.status === 'failed').length, notModified: feeds.filter((f) => f.status === 'not-modified').length,
      errors: this.counts.errors, warnings: this.counts.warnings,
    };
  }

  /** Runs until the signal aborts: each feed is checked when due (its next_check), then the watcher sleeps. */
  async run(urls: string[], signal: AbortSignal, onRound?: (r: RoundReport) => void): Promise<void> {
    while (!signal.aborted) {
      const now = Date.now();
      const due: string[] = [];
      let next = now + this.interval * 1000;
      for (const url of urls) {
        const f = await this.store.getFeed(url);
        const at = f?.nextCheck ? Date.parse(f.nextCheck) : 0;
        if (at <= now) due.push(url);
        else next = Math.min(next, at);
      }
      if (due.length) {
        onRound?.(await this.round(due, signal));
        continue;
      }
      await sleep(Math.max(1000, next - Date.now()), signal);
    }
  }

  async checkFeed(url: string): Promise<FeedCheck> {
    const check: FeedCheck = { url, status: 'ok', items: 0, known: 0, disallowed: 0, stored: 0, duplicates: 0, fallbacks: 0, errors: 0 };
    const now = new Date();
    const state: FeedState = (await this.store.getFeed(url)) ?? {
      url, etag: null, lastModified: null, lastChecked: null, lastOk: null, lastError: null, errorCount: 0, itemsSeen: 0, articlesStored: 0, nextCheck: null,
    };
    state.lastChecked = now.toISOString();
    const fail = async (status: FeedCheck['status'], message: string): Promise<FeedCheck> => {
      this.report('error', status === 'disallowed' ? 'robots-disallowed' : 'feed-failed', message, url);
      check.status = status;
      check.error = message;
      check.errors++;
      state.errorCount++;
      state.lastError = message;
      const wait = Math.min(this.interval * 2 ** state.errorCount, this.maxInterval);
      state.nextCheck = new Date(now.getTime() + wait * 1000).toISOString();
      await this.store.saveFeed(state);
      this.opts.onFeed?.(state, check);
      return check;
    };

    try {
      if (!(await this.allowed(url))) return await fail('disallowed', `${url}: robots.txt disallows fetching this feed`);
    } catch (err) {
      return await fail('failed', `${url}: ${(err as Error).message}`);
    }
    const conditional: Record<string, string> = {};
    if (state.etag) conditional['if-none-match'] = state.etag;
    if (state.lastModified) conditional['if-modified-since'] = state.lastModified;
    let fetched;
    try {
      fetched = await this.politeFetch(url, { headers: conditional, accept: FEED_ACCEPT });
    } catch (err) {
      return await fail('failed', (err as Error).message);
    }
    if (fetched.status === 304) {
      check.status = 'not-modified';
    } else {
      const read = readBuffer(fetched.body, url);
      const broken = !read.articles.length && read.messages.some((m) => m.level === 'error');
      if ((read.format !== 'rss' && read.format !== 'atom') || broken) {
        const why = read.messages.find((m) => m.level === 'error')?.message ?? `not an RSS or Atom feed (read as ${read.format ?? 'nothing'})`;
        return await fail('failed', `${url}: ${why}`);
      }
      for (const item of read.articles) {
        check.items++;
        await this.item(item, check);
      }
      state.itemsSeen += check.items;
      state.articlesStored += check.stored;
      state.etag = fetched.headers?.etag ?? null;
      state.lastModified = fetched.headers?.['last-modified'] ?? null;
    }
    state.lastOk = now.toISOString();
    state.lastError = null;
    state.errorCount = 0;
    state.nextCheck = new Date(now.getTime() + this.interval * 1000).toISOString();
    await this.store.saveFeed(state);
    this.opts.onFeed?.(state, check);
    return check;
  }

  /** One feed item: skip if known or disallowed, else read its page (or fall back to the item), then store or queue. */
  private async item(item: Article, check: FeedCheck): Promise<void> {
    const link = item.url ? canonicalUrl(item.url) : null;
    let article: Article | null = null;
    if (link) {
      if (await this.store.getArticle(link)) {
        check.known++;
        return;
      }
      if (!(await this.allowed(link))) {
        check.disallowed++;
        this.report('warning', 'robots-disallowed', `${link}: robots.txt disallows fetching this page; item skipped`, check.url);
        return;
      }
      try {
        const page = await this.politeFetch(link);
        const read = readBuffer(page.body, page.finalUrl, { format: 'html', url: link, published: item.published ?? undefined });
        const a = read.articles[0];
        if (a && a.text.trim()) article = a;
        else throw new Error(read.messages.find((m) => m.level === 'error')?.message ?? 'no article text found on the page');
      } catch (err) {
        if (!item.text.trim()) {
          check.errors++;
          this.report('error', 'page-failed', `${link}: ${(err as Error).message}; the feed item has no text either, skipped`, check.url);
          return;
        }
        check.fallbacks++;
        this.report('warning', 'page-failed', `${link}: ${(err as Error).message}; stored the feed item's own text instead`, check.url);
        article = item;
      }
    } else {
      if (!item.text.trim()) {
        this.report('warning', 'no-link', `${check.url}: item ${item.origin.item ?? '?'} has neither a link nor text; skipped`, check.url);
        return;
      }
      article = item;
    }
    try {
      if (this.opts.enqueue) {
        if (await this.opts.enqueue(article)) check.stored++;
        else check.duplicates++;
        return;
      }
      const doc = analyze(article, { kb: this.opts.kb });
      const res = await this.store.putArticle(article, toAnalysis(doc));
      if (res.status === 'duplicate') check.duplicates++;
      else check.stored++;
    } catch (err) {
      check.errors++;
      this.report('error', 'store-failed', `${link ?? check.url}: ${(err as Error).message}`, check.url);
    }
  }
}
