// The event query shared by both stores: filters, keyset pagination and counting as SQL, with the
// few differences between the dialects (placeholders, booleans, case-insensitive LIKE, jsonb).
import type { EventQuery } from './store.js';
import { StoreError } from './store.js';

export type Dialect = 'sqlite' | 'postgres';
type Row = Record<string, any>;
export type Exec = (sql: string, args: unknown[]) => Promise<Row[]>;

/** A placeholder factory: `?` for SQLite, `$n` for PostgreSQL; values collected in text order. */
export function params(kind: Dialect): { args: unknown[]; arg: (v: unknown) => string } {
  const args: unknown[] = [];
  const arg = kind === 'sqlite' ? (v: unknown) => { args.push(v); return '?'; } : (v: unknown) => `$${args.push(v)}`;
  return { args, arg };
}

/** A LIKE pattern matching `s` literally anywhere (ESCAPE '\'). */
export function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * The two event tables queried alike: per-article events (reports, joined to their current article)
 * and merged events (one row per real-world event, with the same columns and an actors table of the
 * same shape).
 */
export type EventTable = 'events' | 'merged';

interface Table {
  from: string;
  /** the SQLite FTS5 table over the rows' words (007_event_search), keyed by their rowid */
  fts: string;
  /**
   * The ids of the rows whose actors match a condition on event_actors x: for reports, their own
   * actors; for merged events, their reports' (a merged event's actors are all its reports' actors).
   */
  actors: (cond: string) => string;
  columns: string;
  indexAsc: string;
  indexDesc: string;
}

export const TABLES: Record<EventTable, Table> = {
  events: {
    from: 'events e JOIN articles a ON a.id = e.article_id',
    fts: 'events_fts',
    actors: (cond) => `SELECT x.event_id FROM event_actors x WHERE ${cond}`,
    columns: 'SELECT e.record, e.article_id, e.canonical_id, a.url, a.title, a.source, a.published',
    indexAsc: 'events_date_id',
    indexDesc: 'events_date_desc_id',
  },
  merged: {
    from: 'merged_events e',
    fts: 'merged_fts',
    actors: (cond) => `SELECT r.canonical_id FROM event_actors x JOIN events r ON r.id = x.event_id WHERE ${cond}`,
    columns: 'SELECT e.record, e.reports, e.articles, e.stories, e.outlets',
    indexAsc: 'merged_date_id',
    indexDesc: 'merged_date_desc_id',
  },
};

/**
 * The review filter. A report without a status of its own has its merged event's: confirming or
 * rejecting a merged event decides for all its reports, unless one of them was reviewed itself.
 */
function reviewFilter(f: NonNullable<EventQuery['review']>, merged: boolean): string {
  // COALESCE: NOT over a NULL comparison would drop the unreviewed rows too
  const own = (status: string) => `COALESCE(e.review, '') = '${status}'`;
  const is = (status: string) => merged ? own(status)
    : `(${own(status)} OR (e.review IS NULL AND EXISTS (SELECT 1 FROM merged_events m WHERE m.id = e.canonical_id AND m.review = '${status}')))`;
  if (f === 'confirmed' || f === 'rejected') return is(f);
  if (f === 'notrejected') return `NOT ${is('rejected')}`;
  return merged ? 'e.review IS NULL'
    : 'e.review IS NULL AND NOT EXISTS (SELECT 1 FROM merged_events m WHERE m.id = e.canonical_id AND m.review IS NOT NULL)';
}

/** The words of a search text, as both stores' indexes cut them: runs of letters and digits. */
export function searchWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** An FTS5 query that needs every word, each quoted so that no input is FTS5 syntax. */
const ftsMatch = (words: string[]) => words.map((w) => `"${w}"`).join(' ');

/** The WHERE terms for the filters of an event query (not the cursor). */
export function filters(q: EventQuery, kind: Dialect, arg: (v: unknown) => string, table: EventTable): string[] {
  const pg = kind === 'postgres';
  const like = pg ? 'ILIKE' : 'LIKE';
  const actors = TABLES[table].actors;
  const merged = table === 'merged';
  // Merged events hold only current reports; reports are filtered by their article.
  const where: string[] = [merged ? 'TRUE' : pg ? 'a.current' : 'a.current = 1'];
  if (q.type) where.push(`e.type = ${arg(q.type.toUpperCase())}`);
  if (q.modality) where.push(`e.modality = ${arg(q.modality)}`);
  if (q.articleId !== undefined) {
    where.push(merged
      ? `e.id IN (SELECT r.canonical_id FROM events r WHERE r.article_id = ${arg(q.articleId)})`
      : `e.article_id = ${arg(q.articleId)}`);
  }
  if (q.minSources !== undefined && merged) where.push(`e.stories >= ${arg(q.minSources)}`);
  if (q.review) where.push(reviewFilter(q.review, merged));
  if (q.unplaced) where.push('e.lat IS NULL');
  if (q.since) where.push(`(e.date_to IS NULL OR e.date_to >= ${arg(q.since)})`);
  if (q.until) where.push(`(e.date_from IS NULL OR e.date_from <= ${arg(q.until)})`);
  // '%' and '_' in the place are wildcards and '\' is literal, as it always was (ESCAPE '' in PostgreSQL).
  if (q.place) where.push(`e.place_name ${like} ${arg(`%${q.place}%`)}${pg ? " ESCAPE ''" : ''}`);
  // Actor filters as IN (subquery): the set of matching events is built once from the
  // (iso3, event_id) / (entity_id, event_id) indexes, instead of a probe per event.
  if (q.country) {
    where.push(`e.id IN (${actors(`x.iso3 = ${arg(q.country.toUpperCase())}`)})`);
  }
  if (q.actor) {
    where.push(`e.id IN (${actors(`(x.entity_id = ${arg(q.actor)}
      OR x.entity_id IN (SELECT n.id FROM entities n WHERE n.name ${like} ${arg(`%${q.actor}%`)}${pg ? " ESCAPE ''" : ''}))`)})`);
  }
  if (q.bbox) {
    const b = q.bbox;
    where.push(`e.lat >= ${arg(b.minLat)} AND e.lat <= ${arg(b.maxLat)}`);
    // minLon > maxLon: a box across the antimeridian
    where.push(b.minLon <= b.maxLon
      ? `e.lon >= ${arg(b.minLon)} AND e.lon <= ${arg(b.maxLon)}`
      : `(e.lon >= ${arg(b.minLon)} OR e.lon <= ${arg(b.maxLon)})`);
  }
  if (q.text !== undefined) {
    // The full-text index over evidence, actors and place (007_event_search): every word must occur.
    const words = searchWords(q.text);
    if (!words.length) where.push('1 = 0');
    else if (pg) where.push(`e.search @@ plainto_tsquery('simple', ${arg(words.join(' '))})`);
    else where.push(`e.rowid IN (SELECT rowid FROM ${TABLES[table].fts} WHERE ${TABLES[table].fts} MATCH ${arg(ftsMatch(words))})`);
  }
  return where;
}

/**
 * FROM for a page in date order. SQLite's planner, without statistics, likes to answer a bounding box
 * or a type from its own index and then sort every match, which costs tens of milliseconds at 100,000
 * events where walking the date index and stopping at LIMIT costs a few; so its pages walk the date
 * index (INDEXED BY), except within one article. PostgreSQL's planner has statistics and chooses.
 */
function from(q: EventQuery, kind: Dialect, table: EventTable, dir: 'ASC' | 'DESC'): string {
  const t = TABLES[table];
  if (kind !== 'sqlite' || q.articleId !== undefined) return `FROM ${t.from}`;
  return `FROM ${t.from.replace(/^(\w+ e)/, `$1 INDEXED BY ${dir === 'DESC' ? t.indexDesc : t.indexAsc}`)}`;
}

/** LIMIT/OFFSET with SQLite's meaning in both dialects: a negative limit is no limit. */
function limitSql(kind: Dialect, arg: (v: unknown) => string, limit: number, offset = 0): string {
  const lim = limit < 0 ? (kind === 'sqlite' ? -1 : null) : limit;
  return `LIMIT ${arg(lim)} OFFSET ${arg(Math.max(0, offset))}`;
}

/**
 * The rows of an event query, in order: by date_from (descending unless `order: 'asc'`), ties by id
 * ascending, undated events last. A page (a limit, or a cursor) is read in at most two index-ordered
 * queries, the dated events then the undated ones, each with its own LIMIT, so neither database sorts
 * more than it returns: indexes (date_from DESC, id) and (date_from, id) from 003_event_paging.
 */
export async function selectEvents(q: EventQuery, kind: Dialect, exec: Exec, table: EventTable = 'events', lean = false): Promise<Row[]> {
  const COLUMNS = lean ? LEAN[kind] : TABLES[table].columns;
  if (q.order === 'relevance') return exec(...ranked(q, kind, table, COLUMNS));
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const limit = q.limit ?? 10000;
  const offset = q.offset ?? 0;
  if (q.after && offset > 0) throw new StoreError('an event query takes a cursor (after) or an offset, not both');
  if (q.byConfidence && q.after) throw new StoreError('an event query by confidence pages by offset, not by cursor');
  if (q.byConfidence || (!q.after && (limit < 0 || offset > 0))) {
    // Everything, a page by offset, or the review queue: one query.
    const { args, arg } = params(kind);
    const where = filters(q, kind, arg, table);
    const order = q.byConfidence ? 'e.confidence ASC, e.id' : `(e.date_from IS NULL), e.date_from ${dir}, e.id`;
    const sql = `${COLUMNS} FROM ${TABLES[table].from} WHERE ${where.join(' AND ')}
      ORDER BY ${order} ${limitSql(kind, arg, limit, offset)}`;
    return exec(sql, args);
  }
  const rows: Row[] = [];
  const after = q.after;
  if (!after || after.date !== null) {
    const { args, arg } = params(kind);
    const where = filters(q, kind, arg, table);
    where.push('e.date_from IS NOT NULL');
    // the same `until` as above without its IS NULL alternative: a bound on the index range
    if (q.until) where.push(`e.date_from <= ${arg(q.until)}`);
    if (after) {
      // (date_from, id) after the cursor, written so that the date bound is a plain index range.
      const op = dir === 'DESC' ? '<' : '>';
      where.push(`e.date_from ${op}= ${arg(after.date)} AND (e.date_from ${op} ${arg(after.date)} OR e.id > ${arg(after.id)})`);
    }
    const sql = `${COLUMNS} ${from(q, kind, table, dir)} WHERE ${where.join(' AND ')}
      ORDER BY e.date_from ${dir}, e.id ${limitSql(kind, arg, limit)}`;
    rows.push(...(await exec(sql, args)));
  }
  if (limit < 0 || rows.length < limit) {
    const { args, arg } = params(kind);
    const where = filters(q, kind, arg, table);
    where.push('e.date_from IS NULL');
    if (after && after.date === null) where.push(`e.id > ${arg(after.id)}`);
    const sql = `${COLUMNS} ${from(q, kind, table, 'ASC')} WHERE ${where.join(' AND ')} ORDER BY e.id ${limitSql(kind, arg, limit < 0 ? -1 : limit - rows.length)}`;
    rows.push(...(await exec(sql, args)));
  }
  return rows;
}

/**
 * What the aggregates (the map's ungrouped points) read of each event, built by the database from the
 * stored record: a fraction of the record to parse.
 */
const LEAN: Record<Dialect, string> = {
  sqlite: `SELECT json_object('id', e.id, 'type', e.type, 'date', e.record -> '$.date', 'place', e.record -> '$.place',
    'source', e.record -> '$.source', 'target', e.record -> '$.target') AS lean`,
  postgres: `SELECT jsonb_build_object('id', e.id, 'type', e.type, 'date', e.record -> 'date', 'place', e.record -> 'place',
    'source', e.record -> 'source', 'target', e.record -> 'target') AS lean`,
};

/**
 * Events matching a text search, best first (SQLite's bm25, PostgreSQL's ts_rank; ties by id), by
 * limit and offset, read as `columns` (full rows or lean ones).
 */
function ranked(q: EventQuery, kind: Dialect, table: EventTable, columns: string): [string, unknown[]] {
  const words = searchWords(q.text ?? '');
  const t = TABLES[table];
  const { args, arg } = params(kind);
  const where = filters(q, kind, arg, table);
  // no words: nothing matches (see filters), and there is nothing to rank by
  const rank = !words.length ? 'e.id' : kind === 'postgres'
    ? `ts_rank(e.search, plainto_tsquery('simple', ${arg(words.join(' '))})) DESC`
    : `(SELECT bm25(${t.fts}) FROM ${t.fts} WHERE ${t.fts} MATCH ${arg(ftsMatch(words))} AND rowid = e.rowid)`;
  const sql = `${columns} FROM ${t.from} WHERE ${where.join(' AND ')} ORDER BY ${rank}, e.id ${limitSql(kind, arg, q.limit ?? 10000, q.offset ?? 0)}`;
  return [sql, args];
}

/** The number of events matching the filters of `q`. */
export async function countEvents(q: EventQuery, kind: Dialect, exec: Exec, table: EventTable = 'events'): Promise<number> {
  const { args, arg } = params(kind);
  const where = filters(q, kind, arg, table);
  const rows = await exec(`SELECT COUNT(*) AS n FROM ${TABLES[table].from} WHERE ${where.join(' AND ')}`, args);
  return Number(rows[0]?.n ?? 0);
}

/** Matching events counted by day (date_from's first ten characters; null: undated) and type. */
export interface DayCount { day: string | null; type: string; n: number }

/** A day of date_from, the same text in both dialects. */
const daySql = (kind: Dialect) => (kind === 'postgres' ? 'substring(e.date_from from 1 for 10)' : 'substr(e.date_from, 1, 10)');

/** The timeline's counts, grouped by the database: a row per day and type, not one per event. */
export async function countByDay(q: EventQuery, kind: Dialect, exec: Exec, table: EventTable = 'events'): Promise<DayCount[]> {
  const { args, arg } = params(kind);
  const where = filters(q, kind, arg, table);
  const day = daySql(kind);
  const rows = await exec(`SELECT ${day} AS day, e.type AS type, COUNT(*) AS n FROM ${TABLES[table].from}
    WHERE ${where.join(' AND ')} GROUP BY ${day}, e.type`, args);
  return rows.map((r) => ({ day: r.day ?? null, type: r.type as string, n: Number(r.n) }));
}

/**
 * One point of the map's: the events at one place (coordinates), of one type and precision, `n` of
 * them, named by the latest (its id, day and place name; ties by id, undated ones last).
 */
export interface MapGroup { lon: number; lat: number; type: string; precision: 'town' | 'region' | 'country'; id: string; place: string; day: string | null; n: number }

/** How precisely a place is known, from its gazetteer feature type (as precisionOf in the API). */
const precisionSql = (kind: Dialect) => {
  const ft = kind === 'postgres' ? "(e.record -> 'place' ->> 'featureType')" : "json_extract(e.record, '$.place.featureType')";
  return `CASE WHEN ${ft} = 'country' THEN 'country' WHEN ${ft} IN ('admin1', 'admin2', 'region') THEN 'region' ELSE 'town' END`;
};

/**
 * The map's points grouped by the database, and how many matching events there are and how many have
 * no place: a few hundred rows for thousands of events, none of their records read.
 */
export async function mapGroups(q: EventQuery, kind: Dialect, exec: Exec, table: EventTable = 'events'): Promise<{ groups: MapGroup[]; unplaced: number; total: number }> {
  const t = TABLES[table];
  const counted = params(kind);
  const [c] = await exec(`SELECT COUNT(*) AS n, COUNT(e.lat) AS placed FROM ${t.from} WHERE ${filters(q, kind, counted.arg, table).join(' AND ')}`, counted.args);
  const { args, arg } = params(kind);
  const where = [...filters(q, kind, arg, table), 'e.lat IS NOT NULL'];
  // each event's precision read from its record once, in the inner query, not again for each window
  const group = 'PARTITION BY lon, lat, type, precision';
  const rows = await exec(`SELECT lon, lat, type, precision, id, place, day, n FROM (
      SELECT p.*, COUNT(*) OVER (${group}) AS n, ROW_NUMBER() OVER (${group} ORDER BY (day IS NULL), day DESC, id) AS k FROM (
        SELECT e.lon AS lon, e.lat AS lat, e.type AS type, ${precisionSql(kind)} AS precision, e.id AS id, e.place_name AS place, ${daySql(kind)} AS day
        FROM ${t.from} WHERE ${where.join(' AND ')}) p) g
    WHERE k = 1`, args);
  const groups = rows.map((r) => ({
    lon: Number(r.lon), lat: Number(r.lat), type: r.type as string, precision: r.precision as MapGroup['precision'],
    id: r.id as string, place: (r.place ?? '') as string, day: r.day ?? null, n: Number(r.n),
  }));
  const total = Number(c?.n ?? 0);
  return { groups, unplaced: total - Number(c?.placed ?? 0), total };
}
