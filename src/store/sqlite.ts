import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, Correction, MergedEvent } from '../model/types.js';
import type { NewCorrection } from '../model/schema.js';
import { addCorrection, listCorrections, reanchorReports } from '../review/corrections.js';
import { packageRoot } from '../paths.js';
import type {
  ActorNetwork, AggregateRow, Analysis, ArticleQuery, CreatedToken, EntityQuery, EntityRow, EventQuery, MergedEventDetail, NetworkOptions, PutResult, Store, StoreCounts,
  StoredArticle, StoredArticleFull, StoredEvent, FeedState, StoreOptions, TokenInfo,
} from './store.js';
import { StoreError, newToken, tokenHash } from './store.js';
import { countByDay, countEvents, mapGroups, selectEvents, type DayCount, type MapGroup } from './eventsql.js';
import { actorNetwork } from './network.js';
import {
  addCopy, assignStory, detachArticle, mergeArticle, mergePending, rebuild, runSync, split, type Op, type Sql,
} from '../merge/engine.js';
import { mergedDetail, mergedRow, reportRow } from './merged.js';

export function migrationFiles(dialect: 'sqlite' | 'postgres'): { version: string; sql: string }[] {
  const dir = join(packageRoot(), 'src', 'store', 'migrations', dialect);
  return readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

type Row = Record<string, any>;

function articleRow(r: Row): StoredArticle {
  return {
    id: r.id, url: r.url, title: r.title, published: r.published, dateUnknown: !!r.date_unknown,
    source: r.source, byline: r.byline, format: r.format, revision: r.revision, supersedes: r.supersedes,
    current: !!r.current, ingestedAt: r.ingested_at, contentHash: r.content_hash, storyId: r.story_id ?? null,
  };
}

/** A timestamp column of either backend (Date or text) as ISO text. */
const time = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

/** A feeds row (either backend; timestamps as Date or text) as a FeedState. */
export function feedRow(r: Row): FeedState {
  return {
    url: r.url, etag: r.etag ?? null, lastModified: r.last_modified ?? null, lastChecked: time(r.last_checked), lastOk: time(r.last_ok),
    lastError: r.last_error ?? null, errorCount: Number(r.error_count), itemsSeen: Number(r.items_seen),
    articlesStored: Number(r.articles_stored), nextCheck: time(r.next_check),
  };
}

/** A tokens row (either backend; timestamps as Date or text) as a TokenInfo. */
export function tokenRow(r: Row): TokenInfo {
  return { id: Number(r.id), name: r.name ?? null, createdAt: time(r.created_at)!, expiresAt: time(r.expires_at), revokedAt: time(r.revoked_at) };
}

/** FTS5 query from user words: each word quoted, so punctuation in the input cannot break the syntax. */
export function ftsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => `"${w}"`).join(' ');
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private db: Database.Database;
  private statements = new Map<string, Database.Statement>();

  /** Prepared once and reused: preparing is a large part of a small write's cost. */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  readonly merging: boolean;

  constructor(readonly path: string, options: StoreOptions = {}) {
    this.merging = options.merge ?? true;
    try {
      this.db = new Database(path);
    } catch (err) {
      throw new StoreError(`cannot open database ${path}: ${(err as Error).message}`);
    }
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // 64 MB of page cache (the default is 2 MB): ingest writes into many indexes at once. And a
    // checkpoint every 40 MB of log rather than 4 MB: each checkpoint syncs the file, and at the
    // default size a long ingest spent as long in them as in everything else it writes.
    this.db.pragma('cache_size = -65536');
    this.db.pragma('wal_autocheckpoint = 10000');
    this.migrate();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrationFiles('sqlite')) {
      // BEGIN IMMEDIATE takes the write lock before the check, so two processes opening a new
      // file at once apply each migration once.
      this.db.transaction(() => {
        const done = this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
        if (done) return;
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.version, new Date().toISOString());
      }).immediate();
    }
  }

  /** Runs a merge operation's statements (src/merge/engine.ts); must be called inside a transaction. */
  private run<T>(op: Op<T>): T {
    return runSync(op, (x: Sql) => {
      const st = this.stmt(x.sql);
      const args = x.args.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
      if (st.reader) return st.all(...args) as Row[];
      st.run(...args);
      return [];
    });
  }

  async migrations(): Promise<string[]> {
    return this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as string[];
  }

  async putArticle(article: Article, analysis: Analysis | null, opts: { merge?: boolean } = {}): Promise<PutResult> {
    const merge = this.merging && opts.merge !== false;
    // One transaction per article: a crash mid-batch loses at most the article being written.
    return this.db.transaction((): PutResult => {
      const sameHash = this.db
        .prepare('SELECT id FROM articles WHERE content_hash = ? AND current = 1 ORDER BY id DESC LIMIT 1')
        .get(article.contentHash) as Row | undefined;
      if (sameHash) {
        const copy = article.url ? this.run(addCopy(sameHash.id, { url: article.url, source: article.source, published: article.published })) : false;
        return copy ? { id: sameHash.id, status: 'duplicate', copy } : { id: sameHash.id, status: 'duplicate' };
      }
      let prev: Row | undefined;
      if (article.url) {
        prev = this.db
          .prepare('SELECT id, revision FROM articles WHERE url = ? AND current = 1 ORDER BY id DESC LIMIT 1')
          .get(article.url) as Row | undefined;
      }
      if (prev) this.stmt('UPDATE articles SET current = 0 WHERE id = ?').run(prev.id);
      const info = this.db
        .prepare(`INSERT INTO articles (url, title, published, date_unknown, source, byline, language, format, text,
          blocks, origin, messages, content_hash, revision, supersedes, current, ingested_at)
          VALUES (@url, @title, @published, @dateUnknown, @source, @byline, @language, @format, @text,
          @blocks, @origin, @messages, @contentHash, @revision, @supersedes, 1, @ingestedAt)`)
        .run({
          url: article.url, title: article.title, published: article.published,
          dateUnknown: article.published ? 0 : 1, source: article.source, byline: article.byline,
          language: article.language, format: article.format, text: article.text,
          blocks: JSON.stringify(article.blocks), origin: JSON.stringify(article.origin),
          messages: JSON.stringify(article.messages), contentHash: article.contentHash,
          revision: prev ? prev.revision + 1 : 1, supersedes: prev ? prev.id : null,
          ingestedAt: new Date().toISOString(),
        });
      const id = Number(info.lastInsertRowid);
      if (prev) this.run(detachArticle(prev.id));
      let merged: string[] | null = null;
      if (merge) {
        const story = this.run(assignStory(id, article));
        if (analysis) merged = this.run(mergeArticle(id, article, analysis.events, story));
      }
      if (analysis) {
        this.writeAnalysis(id, analysis, merged);
        this.run(reanchorReports(id, article.url ?? article.contentHash));
      }
      return prev ? { id, status: 'revision', supersedes: prev.id } : { id, status: 'new' };
    })();
  }

  /** The analysis rows; `merged`: the merged event of each event, when merging decided them. */
  private writeAnalysis(articleId: number, a: Analysis, merged: string[] | null): void {
    this.stmt('INSERT INTO analyses (article_id, pipeline_version, data) VALUES (?, ?, ?)')
      .run(articleId, a.pipelineVersion, JSON.stringify(a));
    const upEntity = this.stmt(`INSERT INTO entities (id, name, kind, iso3, role, cameo, linked)
      VALUES (@id, @name, @kind, @iso3, @role, @cameo, @linked)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, iso3 = excluded.iso3,
        cameo = excluded.cameo, linked = excluded.linked`);
    for (const e of a.entities) {
      upEntity.run({ id: e.id, name: e.name, kind: e.kind, iso3: e.iso3, role: e.role, cameo: e.cameo, linked: e.linked ? 1 : 0 });
    }
    const insMention = this.stmt('INSERT INTO mentions (article_id, entity_id, start, end, text) VALUES (?, ?, ?, ?, ?)');
    for (const m of a.mentions) insMention.run(articleId, m.entityId, m.start, m.end, m.text);
    const insEvent = this.stmt(`INSERT INTO events (id, article_id, type, mode, modality, historical, date_from,
      date_to, place_name, lat, lon, place_iso3, confidence, record, canonical_id)
      VALUES (@id, @articleId, @type, @mode, @modality, @historical, @dateFrom, @dateTo, @placeName, @lat, @lon,
      @placeIso3, @confidence, @record, @canonical)`);
    const insActor = this.stmt('INSERT INTO event_actors (event_id, side, entity_id, iso3) VALUES (?, ?, ?, ?)');
    for (const [i, ev] of a.events.entries()) {
      const id = `${articleId}-${ev.id}`;
      insEvent.run({
        canonical: merged?.[i] ?? null,
        id, articleId, type: ev.type, mode: ev.mode, modality: ev.modality, historical: ev.historical ? 1 : 0,
        dateFrom: ev.date?.from ?? null, dateTo: ev.date?.to ?? null, placeName: ev.place?.name ?? null,
        lat: ev.place?.lat ?? null, lon: ev.place?.lon ?? null, placeIso3: ev.place?.iso3 ?? null,
        confidence: ev.confidence, record: JSON.stringify({ ...ev, id }),
      });
      for (const s of ev.source) insActor.run(id, 'source', s.id, s.iso3);
      for (const t of ev.target) insActor.run(id, 'target', t.id, t.iso3);
    }
  }

  async hasContent(contentHash: string): Promise<boolean> {
    return !!this.stmt('SELECT 1 FROM articles WHERE content_hash = ? AND current = 1 LIMIT 1').get(contentHash);
  }

  async getArticle(ref: number | string): Promise<StoredArticleFull | null> {
    let r: Row | undefined;
    if (typeof ref === 'number' || /^\d+$/.test(ref)) {
      r = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(Number(ref)) as Row | undefined;
    } else {
      r = this.db.prepare('SELECT * FROM articles WHERE url = ? ORDER BY current DESC, id DESC LIMIT 1').get(ref) as Row | undefined;
    }
    if (!r) return null;
    const an = this.db.prepare('SELECT data FROM analyses WHERE article_id = ?').get(r.id) as Row | undefined;
    return {
      ...articleRow(r),
      text: r.text,
      blocks: JSON.parse(r.blocks),
      origin: JSON.parse(r.origin),
      messages: JSON.parse(r.messages),
      analysis: an ? JSON.parse(an.data) : null,
      copies: this.stmt('SELECT url, source, published FROM article_copies WHERE article_id = ? ORDER BY seen_at, url').all(r.id) as StoredArticleFull['copies'],
    };
  }

  async listArticles(q: ArticleQuery = {}): Promise<StoredArticle[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (!q.all) where.push('a.current = 1');
    if (q.since) { where.push('a.published >= ?'); args.push(q.since); }
    if (q.until) { where.push('substr(a.published, 1, 10) <= ?'); args.push(q.until); }
    if (q.source) { where.push('a.source = ?'); args.push(q.source); }
    let from = 'articles a';
    if (q.search) {
      const fq = ftsQuery(q.search);
      if (!fq) return [];
      from = 'articles_fts f JOIN articles a ON a.id = f.rowid';
      where.push('articles_fts MATCH ?');
      args.push(fq);
    }
    const sql = `SELECT a.* FROM ${from} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?`;
    args.push(q.limit ?? 1000, q.offset ?? 0);
    return (this.db.prepare(sql).all(...args) as Row[]).map(articleRow);
  }

  async listEvents(q: EventQuery = {}): Promise<StoredEvent[]> {
    const rows = await selectEvents(q, 'sqlite', async (sql, args) => this.stmt(sql).all(...args) as Row[]);
    return rows.map(reportRow);
  }

  async listMerged(q: EventQuery = {}): Promise<MergedEvent[]> {
    const rows = await selectEvents(q, 'sqlite', async (sql, args) => this.stmt(sql).all(...args) as Row[], 'merged');
    return rows.map(mergedRow);
  }

  async listForAggregates(q: EventQuery, merged: boolean): Promise<AggregateRow[]> {
    const rows = await selectEvents(q, 'sqlite', async (sql, args) => this.stmt(sql).all(...args) as Row[], merged ? 'merged' : 'events', true);
    return rows.map((r) => JSON.parse(r.lean));
  }

  async network(q: EventQuery, merged: boolean, opts: NetworkOptions = {}): Promise<ActorNetwork> {
    return actorNetwork(q, 'sqlite', async (sql, args) => this.stmt(sql).all(...args) as Row[], merged ? 'merged' : 'events', opts);
  }

  async countByDay(q: EventQuery, merged: boolean): Promise<DayCount[]> {
    return countByDay(q, 'sqlite', async (sql, args) => this.stmt(sql).all(...args) as Row[], merged ? 'merged' : 'events');
  }

  async mapGroups(q: EventQuery, merged: boolean): Promise<{ groups: MapGroup[]; unplaced: number; total: number }> {
    return mapGroups(q, 'sqlite', async (sql, args) => this.stmt(sql).all(...args) as Row[], merged ? 'merged' : 'events');
  }

  async countMerged(q: EventQuery = {}): Promise<number> {
    return countEvents(q, 'sqlite', async (sql, args) => this.stmt(sql).all(...args) as Row[], 'merged');
  }

  async getMerged(id: string): Promise<MergedEventDetail | null> {
    const m = this.stmt('SELECT record, reports, articles, stories, outlets FROM merged_events WHERE id = ?').get(id) as Row | undefined;
    if (!m) return null;
    const reports = this.stmt(`SELECT e.record, e.article_id, e.canonical_id, a.url, a.title, a.source, a.published, a.story_id
      FROM events e JOIN articles a ON a.id = e.article_id WHERE e.canonical_id = ?`).all(id) as Row[];
    return mergedDetail(m, reports);
  }

  async splitMerged(id: string, reportIds: string[]): Promise<{ kept: string; split: string }> {
    return this.db.transaction(() => this.run(split(id, reportIds))).immediate();
  }

  async mergePending(): Promise<number> {
    return this.db.transaction(() => this.run(mergePending())).immediate();
  }

  async rebuildMerged(): Promise<number> {
    return this.db.transaction(() => this.run(rebuild())).immediate();
  }

  async dataVersion(): Promise<string> {
    // (raised by triggers on every change to articles, events, merged events, corrections and splits)
    const r = this.stmt('SELECT n FROM data_version WHERE id = 1').get() as Row;
    return String(r.n);
  }

  async countEvents(q: EventQuery = {}): Promise<number> {
    return countEvents(q, 'sqlite', async (sql, args) => this.stmt(sql).all(...args) as Row[]);
  }

  async listEntities(q: EntityQuery = {}): Promise<EntityRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.kind) { where.push('n.kind = ?'); args.push(q.kind); }
    if (q.country) { where.push('n.iso3 = ?'); args.push(q.country.toUpperCase()); }
    if (q.search) { where.push('n.name LIKE ?'); args.push(`%${q.search}%`); }
    const sql = `SELECT n.*, COUNT(m.entity_id) AS mention_count, COUNT(DISTINCT m.article_id) AS article_count
      FROM entities n JOIN mentions m ON m.entity_id = n.id JOIN articles a ON a.id = m.article_id AND a.current = 1
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      GROUP BY n.id ORDER BY mention_count DESC, n.name LIMIT ?`;
    args.push(q.limit ?? 1000);
    return (this.db.prepare(sql).all(...args) as Row[]).map((r) => ({
      id: r.id, name: r.name, kind: r.kind, iso3: r.iso3, role: r.role, cameo: r.cameo, linked: !!r.linked,
      mentions: r.mention_count, articles: r.article_count,
    }));
  }

  async counts(): Promise<StoreCounts> {
    const one = (sql: string) => (this.db.prepare(sql).pluck().get() as number) ?? 0;
    return {
      articles: one('SELECT COUNT(*) FROM articles WHERE current = 1'),
      revisions: one('SELECT COUNT(*) FROM articles WHERE current = 0'),
      events: one('SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.current = 1'),
      entities: one('SELECT COUNT(*) FROM entities'),
    };
  }

  async createToken(name: string | null = null, opts: { expiresAt?: string | null } = {}): Promise<CreatedToken> {
    const token = newToken();
    const expiresAt = opts.expiresAt ? new Date(opts.expiresAt).toISOString() : null;
    const info = this.db.prepare('INSERT INTO tokens (name, hash, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(name, tokenHash(token), new Date().toISOString(), expiresAt);
    return { id: Number(info.lastInsertRowid), name, token, expiresAt };
  }

  async verifyToken(token: string): Promise<boolean> {
    if (!token) return false;
    return !!this.stmt('SELECT 1 FROM tokens WHERE hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)')
      .get(tokenHash(token), new Date().toISOString());
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (this.stmt('SELECT id, name, created_at, expires_at, revoked_at FROM tokens ORDER BY id').all() as Row[]).map(tokenRow);
  }

  async revokeToken(id: number): Promise<boolean> {
    return this.stmt('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(new Date().toISOString(), id).changes > 0;
  }

  async tokenName(token: string): Promise<string | null> {
    if (!token) return null;
    return ((this.db.prepare('SELECT name FROM tokens WHERE hash = ?').get(tokenHash(token)) as Row | undefined)?.name as string) ?? null;
  }

  async addCorrection(c: NewCorrection, who: string | null): Promise<Correction> {
    return this.db.transaction(() => this.run(addCorrection(c, who))).immediate();
  }

  async listCorrections(event?: string): Promise<Correction[]> {
    return this.db.transaction(() => this.run(listCorrections(event)))();
  }

  async getFeed(url: string): Promise<FeedState | null> {
    const r = this.stmt('SELECT * FROM feeds WHERE url = ?').get(url) as Row | undefined;
    return r ? feedRow(r) : null;
  }

  async saveFeed(f: FeedState): Promise<void> {
    this.stmt(`INSERT INTO feeds (url, etag, last_modified, last_checked, last_ok, last_error, error_count, items_seen, articles_stored, next_check)
      VALUES (@url, @etag, @lastModified, @lastChecked, @lastOk, @lastError, @errorCount, @itemsSeen, @articlesStored, @nextCheck)
      ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, last_checked = excluded.last_checked,
        last_ok = excluded.last_ok, last_error = excluded.last_error, error_count = excluded.error_count, items_seen = excluded.items_seen,
        articles_stored = excluded.articles_stored, next_check = excluded.next_check`).run({ ...f });
  }

  async listFeeds(): Promise<FeedState[]> {
    return (this.stmt('SELECT * FROM feeds ORDER BY url').all() as Row[]).map(feedRow);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
