// Event pages (keyset pagination answered by the store with LIMIT) and the aggregates behind the
// timeline, the map and the network, grouped by the database with the filters pushed down.
import { QUAD } from '../export/index.js';
import type { MergedEvent } from '../model/types.js';
import type { ActorNetwork, AggregateRow, DayCount, EventQuery, MapGroup, Store, StoredEvent } from '../store/store.js';
import { HttpError, type BBox, type EventFilters } from './params.js';

/** PLOVER quad class of a type: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict. */
export const quadOf = (type: string): number | null => QUAD[type] ?? null;

export function inBBox(e: StoredEvent, b: BBox): boolean {
  if (!e.place) return false;
  const { lat, lon } = e.place;
  if (lat < b.minLat || lat > b.maxLat) return false;
  // minLon > maxLon: a box across the antimeridian
  return b.minLon <= b.maxLon ? lon >= b.minLon && lon <= b.maxLon : lon >= b.minLon || lon <= b.maxLon;
}

/** The store query for a set of API filters (bounding box and free text included). */
function storeFilters(f: EventFilters & { minSources?: number }): EventQuery {
  return {
    type: f.type, actor: f.actor, country: f.country, place: f.place, modality: f.modality, since: f.since, until: f.until,
    bbox: f.bbox, text: f.q, minSources: f.minSources, review: f.review,
    unplaced: f.unplaced,
  };
}

/**
 * Every event matching the filters, sorted by date (descending unless `ascending`; undated last, ties
 * by id), for the aggregates and exports that need them all.
 */
export async function findEvents(store: Store, f: EventFilters, ascending = false): Promise<StoredEvent[]> {
  return store.listEvents({ ...storeFilters(f), order: ascending ? 'asc' : 'desc', limit: -1 });
}

/** Every merged event matching the filters, in date order. */
export async function findMerged(store: Store, f: EventFilters): Promise<MergedEvent[]> {
  return store.listMerged({ ...storeFilters(f), order: 'asc', limit: -1 });
}

/** Unreviewed events matching the filters, lowest confidence first: the review queue. */
export async function reviewQueue(store: Store, f: EventFilters, merged: boolean, limit: number, offset: number) {
  const q: EventQuery = { ...storeFilters(f), review: 'unreviewed', byConfidence: true, limit, offset };
  const [items, total] = await Promise.all([
    merged ? store.listMerged(q) : store.listEvents(q),
    countEvents(store, { ...storeFilters(f), review: 'unreviewed' }, merged),
  ]);
  return { items, total, next: offset + items.length < total ? offset + items.length : null };
}

/**
 * Recent aggregates, keyed by what they are, the store's data version and the filters: each costs
 * tens of milliseconds at 10,000 merged events, and every desk that opens on a filter set asks for the same.
 */
const AGGREGATES_KEPT = 12;
/**
 * The data version, and the half-minute: PostgreSQL raises its version when a writer's statement
 * runs, not when it commits, so an answer read in between may miss that writer's rows; no cached
 * answer outlives the half-minute it was read in.
 */
const CACHE_SECONDS = 30;
async function versionKey(store: Store): Promise<string> {
  return `${await store.dataVersion()}@${Math.floor(Date.now() / (CACHE_SECONDS * 1000))}`;
}
const aggregates = new WeakMap<Store, Map<string, Promise<unknown>>>();

async function remember<T>(store: Store, what: string, q: EventQuery, merged: boolean, read: () => Promise<T>): Promise<T> {
  let cache = aggregates.get(store);
  if (!cache) aggregates.set(store, (cache = new Map()));
  const key = `${what}\u0000${await versionKey(store)}\u0000${merged}\u0000${JSON.stringify(q)}`;
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = read();
    if (cache.size >= AGGREGATES_KEPT) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
    hit.catch(() => cache!.delete(key));
  }
  return hit;
}

/** Every per-article report, or every merged event, matching the filters, in date order: for the aggregates. */
export function findForAggregates(store: Store, f: EventFilters, merged: boolean): Promise<Aggregated[]> {
  const q: EventQuery = { ...storeFilters(f), order: 'asc', limit: -1 };
  return remember(store, 'events', q, merged, () => store.listForAggregates(q, merged));
}

/**
 * Directed source→target edges between actors, weighted by the number of events (Store.network).
 * `top`: only the actors in most events (ties by id) and the edges among them; `actors` counts them
 * all. `edgeEvents: false` leaves out each edge's event ids, `byType: false` its counts by type.
 */
export function actorNetwork(store: Store, f: EventFilters, merged: boolean, minWeight = 1, opts: { top?: number; edgeEvents?: boolean; byType?: boolean } = {}): Promise<ActorNetwork> {
  const q = storeFilters(f);
  const o = { minWeight, top: opts.top, edgeEvents: opts.edgeEvents !== false, byType: opts.byType !== false };
  return remember(store, `network ${JSON.stringify(o)}`, q, merged, () => store.network(q, merged, o));
}

/** The timeline's counts by day and type (Store.countByDay). */
export function dayCounts(store: Store, f: EventFilters, merged: boolean): Promise<DayCount[]> {
  const q = storeFilters(f);
  return remember(store, 'days', q, merged, () => store.countByDay(q, merged));
}

/** The map's points grouped by place, type and precision (Store.mapGroups). */
export function placeGroups(store: Store, f: EventFilters, merged: boolean): Promise<{ groups: MapGroup[]; unplaced: number; total: number }> {
  const q = storeFilters(f);
  return remember(store, 'places', q, merged, () => store.mapGroups(q, merged));
}

/** What the aggregates read of an event, per-article or merged. */
type Aggregated = AggregateRow;

/** A date-order page's last (date, id); a relevance page's next offset `o`. */
interface CursorKey { d: string | null; id: string; s: string; o?: number }

export function encodeCursor(e: Pick<StoredEvent, 'date' | 'id'>, sort: string, offset?: number): string {
  const key: CursorKey = { d: e.date?.from ?? null, id: e.id, s: sort, ...(offset !== undefined ? { o: offset } : {}) };
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): CursorKey {
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    const offsetOk = sort === 'relevance' ? Number.isInteger(k.o) && k.o! >= 0 : k.o === undefined;
    if (typeof k.id === 'string' && (k.d === null || typeof k.d === 'string') && k.s === sort && offsetOk) return k;
  } catch { /* fall through */ }
  throw new HttpError(400, "invalid parameter 'cursor': not a cursor this API returned for this sort", 'cursor');
}

/**
 * Totals of recent filter sets, keyed by the store's data version: counting every match costs tens
 * of milliseconds at 100,000 events, and walking the pages of one listing asks for the same total
 * each time. Exact: any change to articles, events, merged events or corrections changes the version.
 */
const TOTALS_KEPT = 500;
const totals = new WeakMap<Store, Map<string, number>>();

async function countEvents(store: Store, q: EventQuery, merged = false): Promise<number> {
  let cache = totals.get(store);
  if (!cache) totals.set(store, (cache = new Map()));
  const key = `${await versionKey(store)}\u0000${merged}\u0000${JSON.stringify(q)}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const n = merged ? await store.countMerged(q) : await store.countEvents(q);
  if (cache.size >= TOTALS_KEPT) cache.delete(cache.keys().next().value!);
  cache.set(key, n);
  return n;
}

/**
 * One page of events after the cursor (keyset: stable when events are added meanwhile), read from the
 * store with LIMIT (one row more than the page, to know whether there is a next one), and the total
 * number of matching events: per-article reports, or merged events when `merged`.
 */
async function page<T extends Pick<StoredEvent, 'date' | 'id'>>(
  store: Store, f: EventFilters & { minSources?: number }, sort: string, limit: number, cursor: string | undefined, merged: boolean,
  list: (q: EventQuery) => Promise<T[]>,
): Promise<{ items: T[]; next: string | null; total: number }> {
  const k = cursor ? decodeCursor(cursor, sort) : undefined;
  const q = storeFilters(f);
  const relevance = sort === 'relevance';
  if (relevance && !f.q) throw new HttpError(400, "invalid parameter 'sort': relevance needs words to search for in 'q'", 'sort');
  const offset = k?.o ?? 0;
  const [rows, total] = await Promise.all([
    list(relevance
      ? { ...q, order: 'relevance', offset, limit: limit + 1 }
      : { ...q, order: sort === 'date' ? 'asc' : 'desc', after: k ? { date: k.d, id: k.id } : undefined, limit: limit + 1 }),
    countEvents(store, q, merged),
  ]);
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  const last = items[items.length - 1];
  return { items, next: more && last ? encodeCursor(last, sort, relevance ? offset + limit : undefined) : null, total };
}

export function pageEvents(store: Store, f: EventFilters, sort: string, limit: number, cursor?: string) {
  return page(store, f, sort, limit, cursor, false, (q) => store.listEvents(q));
}

export function pageMerged(store: Store, f: EventFilters & { minSources?: number }, sort: string, limit: number, cursor?: string) {
  return page<MergedEvent>(store, f, sort, limit, cursor, true, (q) => store.listMerged(q));
}

/** How precisely an event's place is known, for the map's symbols. */
export function precisionOf(featureType: string | undefined): 'town' | 'region' | 'country' {
  if (featureType === 'country') return 'country';
  if (featureType === 'admin1' || featureType === 'admin2' || featureType === 'region') return 'region';
  return 'town';
}

/**
 * The map's points: a lean GeoJSON FeatureCollection of the placed events (id, type, precision, place
 * name, day) and how many matching events have no place.
 */
export function mapPoints(evs: Pick<StoredEvent, 'id' | 'type' | 'date' | 'place'>[]) {
  const features = [];
  let unplaced = 0;
  for (const e of evs) {
    if (!e.place) { unplaced++; continue; }
    features.push({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [e.place.lon, e.place.lat] },
      properties: { id: e.id, type: e.type, precision: precisionOf(e.place.featureType), place: e.place.name, date: e.date?.from?.slice(0, 10) ?? null },
    });
  }
  return { type: 'FeatureCollection' as const, features, unplaced, total: evs.length };
}

/**
 * The map's points grouped (Store.mapGroups): one feature per place (its coordinates), type and
 * precision, with its number of events `n`, and the id, day and place name of the latest of them
 * (undated ones last). Events of one town share its coordinates, so a map of thousands of events is a
 * few hundred features to send and to cluster.
 */
export function mapGroupFeatures(r: { groups: MapGroup[]; unplaced: number; total: number }) {
  const features = r.groups.map((g) => ({
    type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [g.lon, g.lat] as [number, number] },
    properties: { id: g.id, type: g.type, precision: g.precision, place: g.place, date: g.day, n: g.n },
  }));
  return { type: 'FeatureCollection' as const, features, unplaced: r.unplaced, total: r.total };
}

/** The Monday of the ISO week of a day. */
export function weekStart(dayIso: string): string {
  const d = new Date(dayIso.slice(0, 10) + 'T00:00:00Z');
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

export interface TimelineBucket { date: string; total: number; counts: Record<string, number> }

/** Counts per day or week (by the start of each event's date) and type, from the store's day counts; undated events counted apart. */
export function timeline(counts: DayCount[], interval: 'day' | 'week') {
  const byDate = new Map<string, TimelineBucket>();
  const types = new Set<string>();
  let undated = 0, total = 0;
  for (const c of counts) {
    total += c.n;
    if (!c.day) { undated += c.n; continue; }
    const key = interval === 'week' ? weekStart(c.day) : c.day;
    let b = byDate.get(key);
    if (!b) byDate.set(key, (b = { date: key, total: 0, counts: {} }));
    b.counts[c.type] = (b.counts[c.type] ?? 0) + c.n;
    b.total += c.n;
    types.add(c.type);
  }
  const buckets = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { interval, types: [...types].sort(), buckets, undated, total };
}

/** An event as the API returns it: the stored record plus its PLOVER quad class. */
export const eventJson = <T extends { type: string }>(e: T) => ({ ...e, quad: quadOf(e.type) });
