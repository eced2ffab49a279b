import pg from 'pg';
import type { Article, Correction, MergedEvent } from '../model/types.js';
import type { NewCorrection } from '../model/schema.js';
import { addCorrection, listCorrections, reanchorReports } from '../review/corrections.js';
import { feedRow, ftsQuery, migrationFiles, tokenRow } from './sqlite.js';
import type {
  ActorNetwork, AggregateRow, Analysis, ArticleQuery, CreatedToken, EntityQuery, EntityRow, EventQuery, MergedEventDetail, NetworkOptions, PutResult, Store, StoreCounts,
  StoredArticle, StoredArticleFull, StoredEvent, FeedState, StoreOptions, TokenInfo,
} from './store.js';
import { StoreError, newToken, tokenHash } from './store.js';
import { countByDay, countEvents, mapGroups, selectEvents, type DayCount, type MapGroup } from './eventsql.js';
import { actorNetwork } from './network.js';
import {
  addCopy, assignStory, detachArticle, mergeArticle, mergePending, rebuild, runAsync, split, type Op, type Sql,
} from '../merge/engine.js';
import { mergedDetail, mergedRow, reportRow } from './merged.js';

/*
 * PostgreSQL implementation of `Store`, with exactly the semantics of SqliteStore (the shared suite in
 * test/store.test.ts runs against both).
 *
 * Concurrency. SQLite serialises writers on the file; here several processes (or several stores in
 * one process) may write at once, so putArticle serialises what needs serialising itself:
 *  - Each article is one transaction (READ COMMITTED) that first takes two transaction-scoped
 *    advisory locks, one keyed by the content hash and one by the canonical URL, always in that
 *    order (so two writers cannot deadlock on them). Only then does it look for a current row with
 *    the same hash (duplicate) or URL (revision). Every statement after the lock sees what the
 *    previous holder committed, so of two concurrent puts of the same content one stores it and the
 *    other reports a duplicate, and two changed versions of one URL become revisions 2 and 3.
 *    Advisory locks were chosen over `SELECT ... FOR UPDATE` because there is no row to lock when the
 *    article is new, and over a unique index alone because a constraint error is not the answer the
 *    caller expects ('duplicate' with the stored id).
 *  - The unique partial indexes articles_current_hash and articles_current_url (at most one current
 *    row per content and per URL) enforce the same rule in the schema. Should a unique violation,
 *    deadlock or serialisation failure still happen, the transaction is rolled back and retried; the
 *    retry then sees the committed row.
 *  - Entities are upserted in id order so that concurrent transactions take their row locks in the
 *    same order.
 *
 * Migrations. `open` applies pending files from src/store/migrations/postgres/ while holding a
 * session advisory lock, so two processes opening a new database at once apply each migration once
 * (the second waits, then finds nothing pending); each migration and its schema_migrations row
 * commit in one transaction.
 *
 * PostgreSQL cannot store U+0000 in text or jsonb; such characters (only possible beyond the readers'
 * binary check) are stored as U+FFFD, which keeps every offset. The content hash is kept as computed.
 */

/** Advisory lock namespace (first key of the two-int form): "EW" plus a purpose byte. */
const LOCK_MIGRATIONS = 0x45570001;
const LOCK_CONTENT = 0x45570002;
const LOCK_URL = 0x45570003;
/**
 * Stories and merged events are shared by every writer: a new article's story and merges are decided
 * under this one transaction-scoped lock, so two workers storing two copies of one story (or two
 * reports of one event) at once cannot both start a new one. Taken after the article's own locks.
 */
const LOCK_MERGE = 0x45570004;

const RETRYABLE = new Set(['23505', '40P01', '40001']); // unique_violation, deadlock_detected, serialization_failure
const MAX_ATTEMPTS = 5;

/** bigint (ids, counts) as a JS number, as better-sqlite3 returns them; everything else as pg does. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

type Row = Record<string, any>;

const LIST_COLUMNS = `a.id, a.url, a.title, a.published, a.date_unknown, a.source, a.byline, a.format, a.revision,
  a.supersedes, a.current, a.ingested_at, a.content_hash, a.story_id`;

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

function articleRow(r: Row): StoredArticle {
  return {
    id: r.id, url: r.url, title: r.title, published: r.published, dateUnknown: !!r.date_unknown,
    source: r.source, byline: r.byline, format: r.format, revision: r.revision, supersedes: r.supersedes,
    current: !!r.current, ingestedAt: iso(r.ingested_at), contentHash: r.content_hash, storyId: r.story_id ?? null,
  };
}

/** Text without U+0000 (which PostgreSQL rejects), same length. */
function txt<T extends string | null | undefined>(s: T): T {
  return (typeof s === 'string' && s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s) as T;
}

/** JSON for a jsonb parameter, U+0000 in strings replaced. */
function json(v: unknown): string {
  const s = JSON.stringify(v);
  if (!s.includes('\\u0000')) return s;
  return JSON.stringify(v, (_k, x) => (typeof x === 'string' ? txt(x) : x));
}

/** The URL with any password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/** A query parameter: strings without U+0000, which PostgreSQL rejects. */
function pgArg(v: unknown): unknown {
  return typeof v === 'string' ? txt(v) : v;
}

/** LIMIT/OFFSET with SQLite's meaning: a negative limit is no limit, a negative offset is 0. */
function limitOffset(limit: number, offset: number): [number | null, number] {
  return [limit < 0 ? null : limit, Math.max(0, offset)];
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private closed = false;

  private constructor(private readonly pool: pg.Pool, readonly url: string, readonly merging: boolean) {}

  /** Connects and applies pending migrations. */
  static async open(url: string, options: StoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, types, connectionTimeoutMillis: 15000 });
    // An idle connection that drops (server restart) must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const store = new PostgresStore(pool, url, options.merge ?? true);
    try {
      await store.migrate();
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw new StoreError(`cannot open database ${redactUrl(this.url)}: ${(err as Error).message}`);
    }
    let failed: Error | undefined;
    try {
      // Session lock: held across the per-migration transactions, released below or when the session ends.
      await client.query('SELECT pg_advisory_lock($1, 0)', [LOCK_MIGRATIONS]);
      try {
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`);
        const done = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version as string));
        for (const m of migrationFiles('postgres')) {
          if (done.has(m.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(m.sql);
            await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())', [m.version]);
            await client.query('COMMIT');
          } catch (err) {
            await client.query('ROLLBACK').catch(() => {});
            throw new StoreError(`migration ${m.version} failed on ${redactUrl(this.url)}: ${(err as Error).message}`);
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, 0)', [LOCK_MIGRATIONS]);
      }
    } catch (err) {
      failed = err as Error;
      throw err instanceof StoreError ? err : new StoreError(`cannot migrate database ${redactUrl(this.url)}: ${failed.message}`);
    } finally {
      // After an error the connection is discarded, which also drops a lock the unlock could not release.
      client.release(failed);
    }
  }

  async migrations(): Promise<string[]> {
    const r = await this.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    return r.rows.map((x) => x.version as string);
  }

  /** Runs a merge operation's statements (src/merge/engine.ts) on one client inside its transaction. */
  private run<T>(c: pg.PoolClient, op: Op<T>): Promise<T> {
    return runAsync(op, async (x: Sql) => {
      let n = 0;
      const sql = x.sql.replace(/\?/g, () => `$${++n}`);
      return (await c.query(sql, x.args.map(pgArg))).rows;
    });
  }

  /** One transaction (retried on deadlock, serialisation failure or a unique violation). */
  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => { broken = e; });
        const code = (err as { code?: string }).code;
        if (!broken && code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) continue;
        throw err;
      } finally {
        client.release(broken);
      }
    }
  }

  async putArticle(article: Article, analysis: Analysis | null, opts: { merge?: boolean } = {}): Promise<PutResult> {
    // One transaction per article: a crash mid-batch loses at most the article being written.
    const merge = this.merging && opts.merge !== false;
    return this.transaction((c) => this.put(c, article, analysis, merge));
  }

  private async put(c: pg.PoolClient, article: Article, analysis: Analysis | null, merge: boolean): Promise<PutResult> {
    // Content first, then URL: every writer takes them in this order.
    await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CONTENT, article.contentHash]);
    if (article.url) await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_URL, txt(article.url)]);
    const same = await c.query(
      'SELECT id FROM articles WHERE content_hash = $1 AND current ORDER BY id DESC LIMIT 1', [article.contentHash]);
    if (same.rows.length) {
      const id = same.rows[0].id as number;
      if (!article.url) return { id, status: 'duplicate' };
      await c.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_MERGE]);
      const copy = await this.run(c, addCopy(id, { url: txt(article.url), source: txt(article.source), published: txt(article.published) }));
      return copy ? { id, status: 'duplicate', copy } : { id, status: 'duplicate' };
    }
    let prev: Row | undefined;
    if (article.url) {
      prev = (await c.query(
        'SELECT id, revision FROM articles WHERE url = $1 AND current ORDER BY id DESC LIMIT 1', [txt(article.url)])).rows[0];
    }
    if (prev) await c.query('UPDATE articles SET current = false WHERE id = $1', [prev.id]);
    const ins = await c.query(
      `INSERT INTO articles (url, title, published, date_unknown, source, byline, language, format, text,
        blocks, origin, messages, content_hash, revision, supersedes, current, ingested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15, true, $16)
       RETURNING id`,
      [
        txt(article.url), txt(article.title), txt(article.published), !article.published, txt(article.source),
        txt(article.byline), txt(article.language), article.format, txt(article.text),
        json(article.blocks), json(article.origin), json(article.messages), article.contentHash,
        prev ? prev.revision + 1 : 1, prev ? prev.id : null, new Date().toISOString(),
      ]);
    const id = ins.rows[0].id as number;
    if (prev || merge) await c.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_MERGE]);
    if (prev) await this.run(c, detachArticle(prev.id));
    let merged: string[] | null = null;
    if (merge) {
      const story = await this.run(c, assignStory(id, article));
      if (analysis) merged = await this.run(c, mergeArticle(id, article, analysis.events, story));
    }
    if (analysis) {
      await this.writeAnalysis(c, id, analysis, merged);
      await this.run(c, reanchorReports(id, txt(article.url) ?? article.contentHash));
    }
    return prev ? { id, status: 'revision', supersedes: prev.id } : { id, status: 'new' };
  }

  /** The analysis rows, one statement per table (arrays unnested server-side). */
  /** `merged`: the merged event of each event, when merging decided them. */
  private async writeAnalysis(c: pg.PoolClient, articleId: number, a: Analysis, merged: string[] | null): Promise<void> {
    await c.query('INSERT INTO analyses (article_id, pipeline_version, data) VALUES ($1, $2, $3::jsonb)',
      [articleId, txt(a.pipelineVersion), json(a)]);

    // SQLite upserts entity by entity: the last occurrence of an id wins, except `role`, which is
    // set only on insert (the first occurrence). Merged here the same way, then written in id order.
    const byId = new Map<string, Analysis['entities'][number]>();
    for (const e of a.entities) {
      const first = byId.get(e.id);
      byId.set(e.id, first ? { ...e, role: first.role } : e);
    }
    const ents = [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    if (ents.length) {
      await c.query(
        `INSERT INTO entities (id, name, kind, iso3, role, cameo, linked)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, iso3 = excluded.iso3,
           cameo = excluded.cameo, linked = excluded.linked`,
        [ents.map((e) => txt(e.id)), ents.map((e) => txt(e.name)), ents.map((e) => txt(e.kind)), ents.map((e) => txt(e.iso3 ?? null)),
          ents.map((e) => txt(e.role ?? null)), ents.map((e) => txt(e.cameo ?? null)), ents.map((e) => !!e.linked)]);
    }

    if (a.mentions.length) {
      await c.query(
        `INSERT INTO mentions (article_id, entity_id, start, "end", text)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::text[])`,
        [articleId, a.mentions.map((m) => txt(m.entityId)), a.mentions.map((m) => m.start), a.mentions.map((m) => m.end),
          a.mentions.map((m) => txt(m.text))]);
    }

    if (a.events.length) {
      const ids = a.events.map((ev) => `${articleId}-${ev.id}`);
      const evs = a.events;
      await c.query(
        `INSERT INTO events (id, article_id, type, mode, modality, historical, date_from, date_to, place_name, lat, lon,
           place_iso3, confidence, record, canonical_id)
         SELECT t.id, $1, t.type, t.mode, t.modality, t.historical, t.date_from, t.date_to, t.place_name, t.lat, t.lon,
           t.place_iso3, t.confidence, t.record::jsonb, t.canonical_id
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::text[], $9::text[],
           $10::float8[], $11::float8[], $12::text[], $13::float8[], $14::text[], $15::text[])
           AS t(id, type, mode, modality, historical, date_from, date_to, place_name, lat, lon, place_iso3, confidence, record, canonical_id)`,
        [
          articleId, ids, evs.map((ev) => txt(ev.type)), evs.map((ev) => txt(ev.mode ?? null)), evs.map((ev) => txt(ev.modality)),
          evs.map((ev) => !!ev.historical), evs.map((ev) => txt(ev.date?.from ?? null)), evs.map((ev) => txt(ev.date?.to ?? null)),
          evs.map((ev) => txt(ev.place?.name ?? null)), evs.map((ev) => ev.place?.lat ?? null), evs.map((ev) => ev.place?.lon ?? null),
          evs.map((ev) => txt(ev.place?.iso3 ?? null)), evs.map((ev) => ev.confidence), evs.map((ev, i) => json({ ...ev, id: ids[i] })),
          evs.map((_ev, i) => merged?.[i] ?? null),
        ]);
      const actorEvent: string[] = [];
      const actorSide: string[] = [];
      const actorEntity: (string | null)[] = [];
      const actorIso3: (string | null)[] = [];
      evs.forEach((ev, i) => {
        for (const [side, list] of [['source', ev.source], ['target', ev.target]] as const) {
          for (const x of list) {
            actorEvent.push(ids[i]);
            actorSide.push(side);
            actorEntity.push(txt(x.id));
            actorIso3.push(txt(x.iso3 ?? null));
          }
        }
      });
      if (actorEvent.length) {
        await c.query(
          `INSERT INTO event_actors (event_id, side, entity_id, iso3)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
          [actorEvent, actorSide, actorEntity, actorIso3]);
      }
    }
  }

  async hasContent(contentHash: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM articles WHERE content_hash = $1 AND current LIMIT 1', [contentHash])).rows.length > 0;
  }

  async getArticle(ref: number | string): Promise<StoredArticleFull | null> {
    const cols = `${LIST_COLUMNS}, a.text, a.blocks, a.origin, a.messages`;
    let r: Row | undefined;
    if (typeof ref === 'number' || /^\d+$/.test(ref)) {
      const id = Number(ref);
      if (!Number.isSafeInteger(id)) return null;
      r = (await this.pool.query(`SELECT ${cols} FROM articles a WHERE a.id = $1`, [id])).rows[0];
    } else {
      r = (await this.pool.query(
        `SELECT ${cols} FROM articles a WHERE a.url = $1 ORDER BY a.current DESC, a.id DESC LIMIT 1`, [txt(ref)])).rows[0];
    }
    if (!r) return null;
    const an = (await this.pool.query('SELECT data FROM analyses WHERE article_id = $1', [r.id])).rows[0];
    return {
      ...articleRow(r),
      text: r.text,
      blocks: r.blocks,
      origin: r.origin,
      messages: r.messages,
      analysis: an ? (an.data as Analysis) : null,
      copies: (await this.pool.query(
        'SELECT url, source, published FROM article_copies WHERE article_id = $1 ORDER BY seen_at, url COLLATE "C"', [r.id])).rows as StoredArticleFull['copies'],
    };
  }

  async listArticles(q: ArticleQuery = {}): Promise<StoredArticle[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    if (!q.all) where.push('a.current');
    if (q.since) where.push(`a.published >= ${arg(q.since)}`);
    if (q.until) where.push(`substr(a.published, 1, 10) <= ${arg(q.until)}`);
    if (q.source) where.push(`a.source = ${arg(q.source)}`);
    if (q.search) {
      // The same words FTS5 is given in SQLite (runs of letters and digits), all required.
      const words = ftsQuery(q.search).replaceAll('"', '');
      if (!words) return [];
      where.push(`a.search @@ plainto_tsquery('simple', ${arg(words)})`);
    }
    const [limit, offset] = limitOffset(q.limit ?? 1000, q.offset ?? 0);
    const sql = `SELECT ${LIST_COLUMNS} FROM articles a ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT ${arg(limit)} OFFSET ${arg(offset)}`;
    return (await this.pool.query(sql, args)).rows.map(articleRow);
  }

  async listEvents(q: EventQuery = {}): Promise<StoredEvent[]> {
    const rows = await selectEvents(q, 'postgres', async (sql, args) => (await this.pool.query(sql, args.map(pgArg))).rows);
    return rows.map(reportRow);
  }

  async listMerged(q: EventQuery = {}): Promise<MergedEvent[]> {
    const rows = await selectEvents(q, 'postgres', async (sql, args) => (await this.pool.query(sql, args.map(pgArg))).rows, 'merged');
    return rows.map(mergedRow);
  }

  async listForAggregates(q: EventQuery, merged: boolean): Promise<AggregateRow[]> {
    const rows = await selectEvents(q, 'postgres', async (sql, args) => (await this.pool.query(sql, args.map(pgArg))).rows, merged ? 'merged' : 'events', true);
    return rows.map((r) => r.lean);
  }

  async network(q: EventQuery, merged: boolean, opts: NetworkOptions = {}): Promise<ActorNetwork> {
    return actorNetwork(q, 'postgres', async (sql, args) => (await this.pool.query(sql, args.map(pgArg))).rows, merged ? 'merged' : 'events', opts);
  }

  async countByDay(q: EventQuery, merged: boolean): Promise<DayCount[]> {
    return countByDay(q, 'postgres', async (sql, args) => (await this.pool.query(sql, args.map(pgArg))).rows, merged ? 'merged' : 'events');
  }

  async mapGroups(q: EventQuery, merged: boolean): Promise<{ groups: MapGroup[]; unplaced: number; total: number }> {
    return mapGroups(q, 'postgres', async (sql, args) => (await this.pool.query(sql, args.map(pgArg))).rows, merged ? 'merged' : 'events');
  }

  async countMerged(q: EventQuery = {}): Promise<number> {
    return countEvents(q, 'postgres', async (sql, args) => (await this.pool.query(sql, args.map(pgArg))).rows, 'merged');
  }

  async getMerged(id: string): Promise<MergedEventDetail | null> {
    const m = (await this.pool.query('SELECT record, reports, articles, stories, outlets FROM merged_events WHERE id = $1', [txt(id)])).rows[0];
    if (!m) return null;
    const reports = (await this.pool.query(`SELECT e.record, e.article_id, e.canonical_id, a.url, a.title, a.source, a.published, a.story_id
      FROM events e JOIN articles a ON a.id = e.article_id WHERE e.canonical_id = $1`, [txt(id)])).rows;
    return mergedDetail(m, reports);
  }

  /** A merge operation of its own, in one transaction under the merge lock. */
  private merged<T>(op: () => Op<T>): Promise<T> {
    return this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_MERGE]);
      return this.run(c, op());
    });
  }

  async splitMerged(id: string, reportIds: string[]): Promise<{ kept: string; split: string }> {
    return this.merged(() => split(id, reportIds));
  }

  async mergePending(): Promise<number> {
    return this.merged(() => mergePending());
  }

  async rebuildMerged(): Promise<number> {
    return this.merged(() => rebuild());
  }

  async dataVersion(): Promise<string> {
    // (a sequence raised by triggers on every statement that changes articles, events, merged events,
    // corrections or splits; is_called tells the fresh sequence from one raised once)
    const r = (await this.pool.query('SELECT last_value, is_called FROM data_version')).rows[0];
    return r.is_called ? String(r.last_value) : '0';
  }

  async countEvents(q: EventQuery = {}): Promise<number> {
    return countEvents(q, 'postgres', async (sql, args) => (await this.pool.query(sql, args.map(pgArg))).rows);
  }

  async listEntities(q: EntityQuery = {}): Promise<EntityRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    if (q.kind) where.push(`n.kind = ${arg(q.kind)}`);
    if (q.country) where.push(`n.iso3 = ${arg(q.country.toUpperCase())}`);
    if (q.search) where.push(`n.name ILIKE ${arg(`%${q.search}%`)} ESCAPE ''`);
    const [limit] = limitOffset(q.limit ?? 1000, 0);
    const sql = `SELECT n.id, n.name, n.kind, n.iso3, n.role, n.cameo, n.linked,
        COUNT(m.entity_id) AS mention_count, COUNT(DISTINCT m.article_id) AS article_count
      FROM entities n JOIN mentions m ON m.entity_id = n.id JOIN articles a ON a.id = m.article_id AND a.current
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      GROUP BY n.id ORDER BY mention_count DESC, n.name LIMIT ${arg(limit)}`;
    return (await this.pool.query(sql, args)).rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind, iso3: r.iso3, role: r.role, cameo: r.cameo, linked: !!r.linked,
      mentions: r.mention_count, articles: r.article_count,
    }));
  }

  async counts(): Promise<StoreCounts> {
    const r = (await this.pool.query(`SELECT
      (SELECT COUNT(*) FROM articles WHERE current) AS articles,
      (SELECT COUNT(*) FROM articles WHERE NOT current) AS revisions,
      (SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE a.current) AS events,
      (SELECT COUNT(*) FROM entities) AS entities`)).rows[0];
    return { articles: r.articles, revisions: r.revisions, events: r.events, entities: r.entities };
  }

  async createToken(name: string | null = null, opts: { expiresAt?: string | null } = {}): Promise<CreatedToken> {
    const token = newToken();
    const expiresAt = opts.expiresAt ? new Date(opts.expiresAt).toISOString() : null;
    const r = await this.pool.query('INSERT INTO tokens (name, hash, expires_at) VALUES ($1, $2, $3) RETURNING id',
      [txt(name), tokenHash(token), expiresAt]);
    return { id: r.rows[0].id as number, name, token, expiresAt };
  }

  async verifyToken(token: string): Promise<boolean> {
    if (!token) return false;
    const r = await this.pool.query('SELECT 1 FROM tokens WHERE hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())',
      [tokenHash(token)]);
    return r.rows.length > 0;
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (await this.pool.query('SELECT id, name, created_at, expires_at, revoked_at FROM tokens ORDER BY id')).rows.map(tokenRow);
  }

  async revokeToken(id: number): Promise<boolean> {
    return ((await this.pool.query('UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id])).rowCount ?? 0) > 0;
  }

  async tokenName(token: string): Promise<string | null> {
    if (!token) return null;
    return (await this.pool.query('SELECT name FROM tokens WHERE hash = $1', [tokenHash(token)])).rows[0]?.name ?? null;
  }

  async addCorrection(c: NewCorrection, who: string | null): Promise<Correction> {
    return this.merged(() => addCorrection(c, who));
  }

  async listCorrections(event?: string): Promise<Correction[]> {
    return this.transaction((c) => this.run(c, listCorrections(event)));
  }

  async getFeed(url: string): Promise<FeedState | null> {
    const r = await this.pool.query('SELECT * FROM feeds WHERE url = $1', [txt(url)]);
    return r.rows[0] ? feedRow(r.rows[0]) : null;
  }

  async saveFeed(f: FeedState): Promise<void> {
    await this.pool.query(`INSERT INTO feeds (url, etag, last_modified, last_checked, last_ok, last_error, error_count, items_seen, articles_stored, next_check)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, last_checked = excluded.last_checked,
        last_ok = excluded.last_ok, last_error = excluded.last_error, error_count = excluded.error_count, items_seen = excluded.items_seen,
        articles_stored = excluded.articles_stored, next_check = excluded.next_check`,
    [txt(f.url), txt(f.etag), txt(f.lastModified), f.lastChecked, f.lastOk, txt(f.lastError), f.errorCount, f.itemsSeen, f.articlesStored, f.nextCheck]);
  }

  async listFeeds(): Promise<FeedState[]> {
    return (await this.pool.query('SELECT * FROM feeds ORDER BY url COLLATE "C"')).rows.map(feedRow);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
