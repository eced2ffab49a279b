// Story grouping and event merging as store operations, written once for both databases. Each
// operation is a generator that yields SQL (with `?` placeholders) and receives the rows: SQLite runs
// it synchronously inside its write transaction, PostgreSQL awaits each statement inside its own
// (src/store/sqlite.ts, src/store/postgres.ts). Everything a generator does happens in the caller's
// transaction, so an article, its story and its merges commit together or not at all.
import type { Article, EventRecord } from '../model/types.js';
import { DATE_SLACK_DAYS, MAX_SPAN_DAYS, addDays, fit, mergeKeys, mergeable, type Matchable, type PartyRef } from './match.js';
import { addReport, type MergeState, type ReportInfo } from './summary.js';
import { SAME_STORY, bandKeys, decodeSignature, encodeSignature, signature, similarity, storyText } from './stories.js';
import { corrected, correctionsOf, moveMergedCorrections, retargetMerged, uncorrected } from '../review/corrections.js';

type Row = Record<string, any>;
export interface Sql {
  sql: string;
  args: unknown[];
}
export type Op<T = void> = Generator<Sql, T, Row[]>;

const q = (sql: string, ...args: unknown[]): Sql => ({ sql, args });
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** jsonb arrives parsed from PostgreSQL, as text from SQLite. */
export function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Runs an operation against a synchronous executor (better-sqlite3 inside a transaction). */
export function runSync<T>(op: Op<T>, exec: (s: Sql) => Row[]): T {
  let step = op.next();
  while (!step.done) step = op.next(exec(step.value));
  return step.value;
}

/** Runs an operation against an asynchronous executor (one pg client inside a transaction). */
export async function runAsync<T>(op: Op<T>, exec: (s: Sql) => Promise<Row[]>): Promise<T> {
  let step = op.next();
  while (!step.done) step = op.next(await exec(step.value));
  return step.value;
}

/** Candidate articles compared per new article: the copies of one story share most bands. */
const MAX_STORY_CANDIDATES = 20;

/**
 * Puts a newly stored article into a story: the story of the most similar current article whose
 * estimated similarity reaches SAME_STORY, or a story of its own.
 */
export function* assignStory(articleId: number, article: Pick<Article, 'text' | 'blocks'>): Op<number> {
  const sig = signature(storyText(article));
  if (!sig) {
    yield q('UPDATE articles SET story_id = ? WHERE id = ?', articleId, articleId);
    return articleId;
  }
  const keys = bandKeys(sig);
  // The articles sharing the most bands first: the likeliest copies, and a bounded number to compare.
  const rows = yield q(`SELECT a.id, a.story_id, a.minhash FROM articles a JOIN (
      SELECT b.article_id, COUNT(*) AS hits FROM story_bands b WHERE b.band IN (${marks(keys.length)}) AND b.article_id <> ?
      GROUP BY b.article_id ORDER BY hits DESC, b.article_id DESC LIMIT ?) c ON c.article_id = a.id
    WHERE a.current = ?`, ...keys, articleId, MAX_STORY_CANDIDATES, true);
  let story = articleId;
  let best = SAME_STORY - 1e-9;
  for (const r of rows) {
    const other = r.minhash ? decodeSignature(r.minhash) : null;
    if (!other) continue;
    const sim = similarity(sig, other);
    if (sim > best || (sim === best && r.story_id < story)) {
      best = sim;
      story = r.story_id ?? r.id;
    }
  }
  yield q('UPDATE articles SET story_id = ?, minhash = ? WHERE id = ?', story, encodeSignature(sig), articleId);
  yield q(`INSERT INTO story_bands (band, article_id) VALUES ${keys.map(() => '(?, ?)').join(', ')}`,
    ...keys.flatMap((k) => [k, articleId]));
  return story;
}

/** Records another URL at which an already stored text was seen, and recounts its merged events' outlets. */
export function* addCopy(articleId: number, copy: { url: string; source: string | null; published: string | null }): Op<boolean> {
  const seen = yield q('SELECT 1 AS x FROM article_copies WHERE article_id = ? AND url = ?', articleId, copy.url);
  const own = yield q('SELECT url FROM articles WHERE id = ?', articleId);
  if (seen.length || own[0]?.url === copy.url) return false;
  yield q('INSERT INTO article_copies (article_id, url, source, published, seen_at) VALUES (?, ?, ?, ?, ?)',
    articleId, copy.url, copy.source, copy.published, new Date().toISOString());
  for (const id of yield* mergedOf(articleId)) {
    const row = (yield q('SELECT record FROM merged_events WHERE id = ?', id))[0];
    const state = uncorrected(parseJson<MergeState>(row.record));
    if (!noteSources(state, { outlets: [copy.source ?? copy.url] })) continue;
    yield* save(state, indexKeys(state));
  }
  return true;
}

/** A report with what counting its sources needs: its article's story and outlet. */
interface Report extends ReportInfo {
  storyId: number;
  /** the article's site, or its URL or id when it has none (each then counts as an outlet of its own) */
  outletKey: string;
  /** the outlets of its article's copies; read from the store when not given */
  copies?: string[];
}

const outletKey = (source: string | null, url: string | null, articleId: number) => source ?? url ?? `article ${articleId}`;

function reportOf(r: Row): Report {
  return {
    id: r.id, articleId: r.article_id, record: parseJson<EventRecord>(r.record), published: r.published, outlet: r.source, url: r.url,
    storyId: r.story_id ?? r.article_id, outletKey: outletKey(r.source, r.url, r.article_id),
  };
}

/** Whether a user ever split a merged event (only then are candidates checked against the splits). */
function* anySplits(): Op<boolean> {
  return Number((yield q('SELECT COUNT(*) AS n FROM merge_splits'))[0]?.n ?? 0) > 0;
}

const REPORT_COLUMNS = `SELECT e.id, e.article_id, e.record, a.published, a.source, a.url, a.story_id
  FROM events e JOIN articles a ON a.id = e.article_id`;
/** Reports in the order they arrived: by article, then by their number within it (e2 before e10). */
const REPORT_ORDER = 'ORDER BY e.article_id, length(e.id), e.id';

/**
 * Merges the events of an article being stored, before its event rows are written (they are then
 * written with their merged event): returns the merged event of each, in order.
 */
export function* mergeArticle(
  articleId: number, article: Pick<Article, 'published' | 'source' | 'url'>, events: EventRecord[], storyId: number,
): Op<string[]> {
  const splits = yield* anySplits();
  const ids: string[] = [];
  for (const ev of events) {
    const id = `${articleId}-${ev.id}`;
    const r: Report = {
      id, articleId, record: { ...ev, id }, published: article.published, outlet: article.source, url: article.url,
      storyId, outletKey: outletKey(article.source, article.url, articleId), copies: [],
    };
    ids.push(yield* mergeReport(r, splits, false));
  }
  return ids;
}

/** Puts current articles stored with merging off into stories, in arrival order. */
function* assignPendingStories(): Op<void> {
  const rows = yield q('SELECT id, text, blocks FROM articles WHERE current = ? AND story_id IS NULL ORDER BY id', true);
  for (const r of rows) yield* assignStory(r.id, { text: r.text, blocks: parseJson(r.blocks) });
}

/**
 * Catches up with what was stored while merging was off: stories for articles without one, then
 * merged events for reports without one.
 */
export function* mergePending(): Op<number> {
  yield* assignPendingStories();
  const rows = yield q(`${REPORT_COLUMNS} WHERE e.canonical_id IS NULL AND a.current = ? ${REPORT_ORDER}`, true);
  const splits = yield* anySplits();
  const copies = yield* allCopies();
  for (const r of rows) yield* mergeReport({ ...reportOf(r), copies: copies.get(r.article_id) ?? [] }, splits);
  return rows.length;
}

/** Forgets every story and merged event and builds them again from current articles, in arrival order. */
export function* rebuild(): Op<number> {
  yield q('DELETE FROM story_bands');
  yield q('UPDATE articles SET story_id = NULL, minhash = NULL');
  yield q('DELETE FROM merge_keys');
  yield q('DELETE FROM merged_events');
  yield q('UPDATE events SET canonical_id = NULL WHERE canonical_id IS NOT NULL');
  const n = yield* mergePending();
  yield* retargetMerged();
  return n;
}

/** The outlets of every article's copies, by article. */
function* allCopies(): Op<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const r of yield q('SELECT DISTINCT article_id, COALESCE(source, url) AS o FROM article_copies')) {
    const list = out.get(r.article_id) ?? [];
    list.push(r.o);
    out.set(r.article_id, list);
  }
  return out;
}

/** The URLs' outlets of an article's copies (other sites that ran the same text). */
function* copyOutlets(articleId: number): Op<string[]> {
  const rows = yield q('SELECT DISTINCT COALESCE(source, url) AS o FROM article_copies WHERE article_id = ?', articleId);
  return rows.map((r) => r.o as string);
}

/**
 * Adds sources (articles, stories, outlets) to a merged event's sets and recounts them; returns
 * whether any was new.
 */
function noteSources(s: MergeState, add: { articles?: number[]; stories?: number[]; outlets?: string[] }): boolean {
  const src = s.tally.sources;
  let changed = false;
  for (const [list, values] of [[src.articles, add.articles], [src.stories, add.stories], [src.outlets, add.outlets]] as [unknown[], unknown[] | undefined][]) {
    for (const v of values ?? []) {
      if (list.includes(v)) continue;
      list.push(v);
      changed = true;
    }
  }
  s.counts = { reports: s.counts.reports, articles: src.articles.length, stories: src.stories.length, outlets: src.outlets.length };
  return changed;
}

/** The fields `fit` reads, stored apart from the summary so that candidates are cheap to read. */
function matchOf(s: MergeState): Matchable {
  const actor = (a: PartyRef): PartyRef => ({ id: a.id, iso3: a.iso3, kind: a.kind, cameo: a.cameo });
  const places = s.tally.places.map((v) => v.value);
  return { type: s.type, date: s.date, place: s.place, places, source: s.source.map(actor), target: s.target.map(actor) };
}

/** The merged event a new report belongs to (joining the best-fitting one, or starting its own). */
function* mergeReport(r: Report, checkSplits: boolean, stored = true): Op<string> {
  const ev = r.record;
  let target: string | null = null;
  if (mergeable(ev)) {
    const keys = mergeKeys(ev);
    const from = addDays(ev.date!.from, -DATE_SLACK_DAYS);
    const to = addDays(ev.date!.to, DATE_SLACK_DAYS);
    const rows = yield q(`SELECT m.id, m.reports, m.match FROM merged_events m WHERE m.id IN (
        SELECT k.merged_id FROM merge_keys k WHERE k.key IN (${marks(keys.length)}) AND k.date_from >= ? AND k.date_from <= ?)
        AND m.date_to >= ? AND m.date_from <= ?
      ORDER BY m.id`, ...keys, addDays(ev.date!.from, -(MAX_SPAN_DAYS + DATE_SLACK_DAYS - 1)), to, from, to);
    let forbidden = new Set<string>();
    if (checkSplits && rows.length) {
      const f = yield q(`SELECT DISTINCT e.canonical_id FROM merge_splits s JOIN events e ON e.id = s.other
        WHERE s.report = ? AND e.canonical_id IS NOT NULL`, r.id);
      forbidden = new Set(f.map((x) => x.canonical_id as string));
    }
    let best = -1;
    let bestReports = 0;
    for (const row of rows) {
      if (forbidden.has(row.id)) continue;
      const score = fit(ev, parseJson<Matchable>(row.match));
      if (score === null) continue;
      if (score > best || (score === best && row.reports > bestReports)) {
        best = score;
        bestReports = row.reports;
        target = row.id;
      }
    }
  }
  const id = target ?? `m${r.id}`;
  const before = target ? uncorrected(parseJson<MergeState>((yield q('SELECT record FROM merged_events WHERE id = ?', target))[0].record)) : null;
  const keysBefore = before ? indexKeys(before) : undefined;
  const state = addReport(before, r, id);
  if (stored) yield q('UPDATE events SET canonical_id = ? WHERE id = ?', id, r.id);
  const copies = r.copies ?? (yield* copyOutlets(r.articleId));
  noteSources(state, { articles: [r.articleId], stories: [r.storyId], outlets: [r.outletKey, ...copies] });
  yield* save(state, keysBefore);
  return id;
}

/** A merged event's index keys: its first day and the keys of its actors (none when it is too vague). */
type IndexKeys = { date: string; keys: string[] } | null;

function indexKeys(s: MergeState): IndexKeys {
  return s.date && mergeable(s) ? { date: s.date.from, keys: mergeKeys(s).sort() } : null;
}

/**
 * Writes a merged event's row, and its index keys when they changed from `before` (undefined: a new
 * merged event, with no keys yet). `s` is the summary as merged; an analyst's corrections are applied
 * to the stored row and record, while matching keeps reading the merged values.
 */
function* save(merged: MergeState, before: IndexKeys | undefined): Op<void> {
  const s = corrected(merged, yield* correctionsOf(merged.id));
  const c = s.counts;
  yield q(`INSERT INTO merged_events (id, type, mode, modality, historical, date_from, date_to, place_name, lat, lon, place_iso3,
      confidence, reports, articles, stories, outlets, match, record, review) VALUES (${marks(19)})
    ON CONFLICT (id) DO UPDATE SET type = excluded.type, mode = excluded.mode, modality = excluded.modality,
      historical = excluded.historical, date_from = excluded.date_from, date_to = excluded.date_to, place_name = excluded.place_name,
      lat = excluded.lat, lon = excluded.lon, place_iso3 = excluded.place_iso3, confidence = excluded.confidence,
      reports = excluded.reports, articles = excluded.articles, stories = excluded.stories, outlets = excluded.outlets,
      match = excluded.match, record = excluded.record, review = excluded.review`,
  s.id, s.type, s.mode, s.modality, s.historical, s.date?.from ?? null, s.date?.to ?? null, s.place?.name ?? null,
  s.place?.lat ?? null, s.place?.lon ?? null, s.place?.iso3 ?? null, s.confidence, c.reports, c.articles, c.stories, c.outlets,
  JSON.stringify(matchOf(merged)), JSON.stringify(s), s.review?.status ?? null);
  // The index keys change only when the actors bring a new key or the first day moves.
  const now = indexKeys(merged);
  if (before !== undefined && JSON.stringify(before) === JSON.stringify(now)) return;
  if (before) yield* dropKeys(s.id, before);
  if (now) {
    yield q(`INSERT INTO merge_keys (key, date_from, merged_id) VALUES ${now.keys.map(() => '(?, ?, ?)').join(', ')}`,
      ...now.keys.flatMap((k) => [k, now.date, s.id]));
  }
}

/** Removes a merged event's index keys, found as they were written (by key first). */
function* dropKeys(id: string, k: IndexKeys): Op<void> {
  if (!k) return;
  yield q(`DELETE FROM merge_keys WHERE merged_id = ? AND date_from = ? AND key IN (${marks(k.keys.length)})`, id, k.date, ...k.keys);
}

/** The merged events an article's reports belong to. */
function* mergedOf(articleId: number): Op<string[]> {
  const rows = yield q('SELECT DISTINCT canonical_id FROM events WHERE article_id = ? AND canonical_id IS NOT NULL', articleId);
  return rows.map((r) => r.canonical_id as string);
}

/**
 * Takes an article's reports out of their merged events (the article was superseded by a revision):
 * each merged event is summarised again from the reports it keeps, or removed when none is left.
 */
export function* detachArticle(articleId: number): Op<void> {
  // Its band rows, found by key (they are indexed by band first).
  const sig = (yield q('SELECT minhash FROM articles WHERE id = ?', articleId))[0]?.minhash;
  const bands = sig ? decodeSignature(sig) : null;
  if (bands) {
    const keys = bandKeys(bands);
    yield q(`DELETE FROM story_bands WHERE article_id = ? AND band IN (${marks(keys.length)})`, articleId, ...keys);
  }
  const ids = yield* mergedOf(articleId);
  yield q('UPDATE events SET canonical_id = NULL WHERE article_id = ?', articleId);
  for (const id of ids) yield* resummarise(id);
}

/** Removes a merged event's rows (its reports keep theirs). */
function* forget(id: string): Op<void> {
  const row = (yield q('SELECT record FROM merged_events WHERE id = ?', id))[0];
  if (row) yield* dropKeys(id, indexKeys(uncorrected(parseJson<MergeState>(row.record))));
  yield q('DELETE FROM merged_events WHERE id = ?', id);
}

/** Writes a merged event's row again as it is merged (after its corrections changed). */
export function* resave(id: string): Op<void> {
  const row = (yield q('SELECT record FROM merged_events WHERE id = ?', id))[0];
  if (!row) return;
  const state = uncorrected(parseJson<MergeState>(row.record));
  yield* save(state, indexKeys(state));
}

/** Summarises a merged event again from its current reports (after some left it, or one was corrected). */
export function* resummarise(id: string): Op<void> {
  const rows = yield q(`${REPORT_COLUMNS} WHERE e.canonical_id = ? ${REPORT_ORDER}`, id);
  yield* forget(id);
  if (!rows.length) return;
  let state: MergeState | null = null;
  for (const row of rows) {
    const r = reportOf(row);
    state = addReport(state, r, id);
    noteSources(state, { articles: [r.articleId], stories: [r.storyId], outlets: [r.outletKey, ...(yield* copyOutlets(r.articleId))] });
  }
  yield* save(state!, undefined);
}

export class SplitError extends Error {}

/**
 * Splits reports out of a merged event: they become a merged event of their own, and are never merged
 * with the reports left behind again (the decision is stored and survives a rebuild). Returns the ids
 * of the two merged events.
 */
export function* split(mergedId: string, reportIds: string[]): Op<{ kept: string; split: string }> {
  const rows = yield q(`${REPORT_COLUMNS} WHERE e.canonical_id = ? ${REPORT_ORDER}`, mergedId);
  if (!rows.length) throw new SplitError(`no merged event ${mergedId}`);
  const ids = new Set(reportIds);
  for (const r of ids) if (!rows.some((x) => x.id === r)) throw new SplitError(`report ${r} is not in merged event ${mergedId}`);
  const out = rows.filter((x) => ids.has(x.id));
  const kept = rows.filter((x) => !ids.has(x.id));
  if (!out.length) throw new SplitError('name at least one report to split off');
  if (!kept.length) throw new SplitError('a split must leave at least one report behind');
  const now = new Date().toISOString();
  for (const a of out) {
    for (const b of kept) {
      yield q('INSERT INTO merge_splits (report, other, created_at) VALUES (?, ?, ?), (?, ?, ?) ON CONFLICT DO NOTHING',
        a.id, b.id, now, b.id, a.id, now);
    }
  }
  yield* forget(mergedId);
  yield q(`UPDATE events SET canonical_id = NULL WHERE canonical_id = ?`, mergedId);
  // Both sides are merged again as new arrivals; the stored pairs keep them apart.
  let first: string | null = null;
  for (const r of out) {
    const id: string = yield* mergeReport(reportOf(r), true);
    first ??= id;
  }
  let keptId: string | null = null;
  for (const r of kept) {
    const id: string = yield* mergeReport(reportOf(r), true);
    keptId ??= id;
  }
  // The reports left behind are the event the analyst reviewed, whatever id they now have.
  if (keptId !== mergedId) yield* moveMergedCorrections(mergedId, keptId!);
  return { kept: keptId!, split: first! };
}
