// Event queries the store does not answer itself (bounding box, free text, keyset pagination) and
// the aggregates behind the timeline and the network, computed from Store.listEvents.
import { QUAD } from '../export/index.js';
import type { Store, StoredEvent } from '../store/store.js';
import { HttpError, type BBox, type EventFilters } from './params.js';

/** PLOVER quad class of a type: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict. */
export const quadOf = (type: string): number | null => QUAD[type] ?? null;
export const isCooperative = (type: string) => { const q = quadOf(type); return q === 1 || q === 2; };

export function inBBox(e: StoredEvent, b: BBox): boolean {
  if (!e.place) return false;
  const { lat, lon } = e.place;
  if (lat < b.minLat || lat > b.maxLat) return false;
  // minLon > maxLon: a box across the antimeridian
  return b.minLon <= b.maxLon ? lon >= b.minLon && lon <= b.maxLon : lon >= b.minLon || lon <= b.maxLon;
}

function matchesText(e: StoredEvent, q: string): boolean {
  const hay = [
    e.type, e.trigger.text, e.place?.name, e.articleTitle, ...e.evidence.map((x) => x.text),
    ...e.source.map((x) => x.name), ...e.target.map((x) => x.name), ...e.attribution.map((x) => x.name),
  ].filter(Boolean).join('\n').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

/** Sort key: date (from), then id. Undated events come last in either direction. */
function compare(a: StoredEvent, b: StoredEvent, dir: 1 | -1): number {
  const da = a.date?.from ?? null;
  const db = b.date?.from ?? null;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da < db ? -dir : dir;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every event matching the filters, sorted by date (descending unless `ascending`). */
export async function findEvents(store: Store, f: EventFilters, ascending = false): Promise<StoredEvent[]> {
  let evs = await store.listEvents({
    type: f.type, actor: f.actor, country: f.country, place: f.place, modality: f.modality, since: f.since, until: f.until, limit: -1,
  });
  if (f.bbox) evs = evs.filter((e) => inBBox(e, f.bbox!));
  if (f.q) evs = evs.filter((e) => matchesText(e, f.q!));
  const dir = ascending ? 1 : -1;
  return evs.sort((a, b) => compare(a, b, dir));
}

interface CursorKey { d: string | null; id: string; s: string }

export function encodeCursor(e: StoredEvent, sort: string): string {
  const key: CursorKey = { d: e.date?.from ?? null, id: e.id, s: sort };
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): CursorKey {
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    if (typeof k.id === 'string' && (k.d === null || typeof k.d === 'string') && k.s === sort) return k;
  } catch { /* fall through */ }
  throw new HttpError(400, "invalid parameter 'cursor': not a cursor this API returned for this sort", 'cursor');
}

/** One page after the cursor (keyset: stable when events are added meanwhile). */
export function page(evs: StoredEvent[], sort: string, limit: number, cursor?: string): { items: StoredEvent[]; next: string | null } {
  let start = 0;
  if (cursor) {
    const k = decodeCursor(cursor, sort);
    const probe = { id: k.id, date: k.d === null ? null : { from: k.d } } as unknown as StoredEvent;
    const dir = sort === 'date' ? 1 : -1;
    start = evs.findIndex((e) => compare(e, probe, dir) > 0);
    if (start < 0) start = evs.length;
  }
  const items = evs.slice(start, start + limit);
  const more = start + limit < evs.length;
  return { items, next: more && items.length ? encodeCursor(items[items.length - 1], sort) : null };
}

/** The Monday of the ISO week of a day. */
export function weekStart(dayIso: string): string {
  const d = new Date(dayIso.slice(0, 10) + 'T00:00:00Z');
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

export interface TimelineBucket { date: string; total: number; counts: Record<string, number> }

/** Counts per day or week (by the start of each event's date) and type; undated events counted apart. */
export function timeline(evs: StoredEvent[], interval: 'day' | 'week') {
  const byDate = new Map<string, TimelineBucket>();
  const types = new Set<string>();
  let undated = 0;
  for (const e of evs) {
    if (!e.date?.from) { undated++; continue; }
    const key = interval === 'week' ? weekStart(e.date.from) : e.date.from.slice(0, 10);
    let b = byDate.get(key);
    if (!b) byDate.set(key, (b = { date: key, total: 0, counts: {} }));
    b.counts[e.type] = (b.counts[e.type] ?? 0) + 1;
    b.total++;
    types.add(e.type);
  }
  const buckets = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { interval, types: [...types].sort(), buckets, undated, total: evs.length };
}

export interface NetworkNode { id: string; name: string; iso3: string | null; events: number }
export interface NetworkEdge {
  source: string; target: string; weight: number; byType: Record<string, number>;
  cooperative: number; conflictual: number; events: string[];
}

/** Directed source→target edges between actors, weighted by the number of events. */
export function network(evs: StoredEvent[], minWeight = 1) {
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge>();
  for (const e of evs) {
    const seen = new Set<string>();
    for (const a of [...e.source, ...e.target]) {
      let n = nodes.get(a.id);
      if (!n) nodes.set(a.id, (n = { id: a.id, name: a.name, iso3: a.iso3 ?? null, events: 0 }));
      if (!seen.has(a.id)) { n.events++; seen.add(a.id); }
    }
    for (const s of e.source) {
      for (const t of e.target) {
        if (s.id === t.id) continue;
        const key = `${s.id}\u0000${t.id}`;
        let edge = edges.get(key);
        if (!edge) edges.set(key, (edge = { source: s.id, target: t.id, weight: 0, byType: {}, cooperative: 0, conflictual: 0, events: [] }));
        edge.weight++;
        edge.byType[e.type] = (edge.byType[e.type] ?? 0) + 1;
        if (isCooperative(e.type)) edge.cooperative++;
        else edge.conflictual++;
        if (edge.events.length < 50) edge.events.push(e.id);
      }
    }
  }
  const kept = [...edges.values()].filter((x) => x.weight >= minWeight).sort((a, b) => b.weight - a.weight || (a.source + a.target < b.source + b.target ? -1 : 1));
  return { nodes: [...nodes.values()].sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1)), edges: kept };
}

/** An event as the API returns it: the stored record plus its PLOVER quad class. */
export const eventJson = (e: StoredEvent) => ({ ...e, quad: quadOf(e.type) });
