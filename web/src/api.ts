// Types of the API answers the UI reads, and the fetch helper.
export interface ActorRef { id: string; name: string; iso3: string | null }
export interface Evidence { start: number; end: number; text: string }
export interface EventRow {
  id: string; type: string; mode: string | null; modality: string; historical: boolean; quad: number | null;
  source: ActorRef[]; target: ActorRef[];
  date: { from: string; to: string; precision: string } | null;
  place: { name: string; lat: number; lon: number; iso3: string | null } | null;
  attribution: { name: string; entityId: string | null; via: { name: string; entityId: string | null }[] }[];
  evidence: Evidence[]; trigger: { text: string }; articleId: number; articleTitle: string | null; articleUrl: string | null;
  articleSource: string | null; published: string | null; confidence: number; review?: Review;
}
/** An analyst's review in force on an event (corrections applied; the analysis's values in `original`). */
export interface Review {
  status: 'confirmed' | 'rejected' | null; corrected: string[]; by: string | null; at: string; corrections: number;
  original: Partial<Pick<EventRow, 'type' | 'source' | 'target' | 'date' | 'place'>>;
}
/** The map's points (GET /api/map); grouped (group=1): one per place, type and precision, `n` events each. */
export interface MapPoints {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: { id: string; type: string; precision: string; place: string; date: string | null; n?: number } }[];
  unplaced: number; total: number;
}
/** What the list, the map and the timeline need of an event, per-article or merged. */
export type ListedEvent = Pick<EventRow, 'id' | 'type' | 'mode' | 'modality' | 'source' | 'target' | 'date' | 'place' | 'review' | 'confidence'> & { counts?: SourceCounts };
export interface SourceCounts { reports: number; articles: number; stories: number; outlets: number }
export interface FigureClaim {
  value: number; min: number | null; max: number | null; approximate: boolean; asOf: string | null; attribution: string | null;
  reports: number; outlets: string[]; firstReport: string; published: string | null;
}
/** One real-world event from several articles (GET /api/merged-events/{id}). */
export interface MergedDetail extends ListedEvent {
  counts: SourceCounts;
  historical: boolean;
  modalityHistory: { modality: string; first: string | null; last: string | null; reports: number }[];
  attribution: { name: string; entityId: string | null; reports: number }[];
  figures: { kind: string; place?: string | null; min: number; max: number; conflict: boolean; claims: FigureClaim[] }[];
  firstReported: string | null; lastReported: string | null;
  reports: (EventRow & { storyId: number | null; why?: { text: string } | null })[];
}
export interface Timeline { interval: string; types: string[]; buckets: { date: string; total: number; counts: Record<string, number> }[]; undated: number; total: number }
export interface Network {
  nodes: { id: string; name: string; iso3: string | null; events: number }[];
  edges: { source: string; target: string; weight: number; cooperative: number; conflictual: number; byType?: Record<string, number> }[];
}
export interface Article {
  id: number; title: string | null; url: string | null; source: string | null; published: string | null; text: string;
  blocks?: { kind: string; start: number; end: number; claim: boolean }[];
  analysis: {
    mentions: { start: number; end: number; entityId: string; text: string }[];
    places?: { start: number; end: number; name: string; iso3: string | null }[];
    times?: { start: number; end: number; from: string; to: string }[];
    figures?: { start: number; end: number; kind: string; value: number }[];
  } | null;
}

export interface EntityDetail {
  entity: { id: string; name: string; kind: string | null; iso3: string | null; mentions: number; articles: number; role?: string | null };
  events: EventRow[];
  timeline: { date: string; counts: Record<string, number> }[];
  coActors: { id: string; name: string; iso3: string | null; events: number }[];
}

const TOKEN_KEY = 'eventwire-token';

/**
 * The read token when the server protects reads: `?token=` in the page URL (remembered in
 * localStorage and taken out of the address bar) or localStorage 'eventwire-token'.
 */
export function apiToken(): string | null {
  const p = new URLSearchParams(location.search);
  const fromUrl = p.get('token');
  if (fromUrl) {
    try { localStorage.setItem(TOKEN_KEY, fromUrl); } catch { /* storage off: use the URL's */ }
    p.delete('token');
    history.replaceState(history.state, '', `${location.pathname}${p.size ? '?' + p : ''}${location.hash}`);
    return fromUrl;
  }
  try { return localStorage.getItem(TOKEN_KEY); } catch { return null; }
}

let token: string | null | undefined;

/** Remembers a token typed in the UI (for writes, or reads of a protected server). */
export function setToken(t: string): void {
  token = t;
  try { localStorage.setItem(TOKEN_KEY, t); } catch { /* storage off: kept for this page */ }
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  if (token === undefined) token = apiToken();
  const headers: Record<string, string> = { accept: 'application/json', ...(init.headers as Record<string, string> ?? {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(path, { ...init, headers });
  if (!r.ok) throw new ApiError(r.status, `${path.split('?')[0]}: ${r.status} ${(await r.json().catch(() => ({}))).error ?? ''}`);
  return r;
}

/** Answers asked for ahead (prefetchJson), each taken by the first getJson of its path. */
const ahead = new Map<string, Promise<unknown>>();

/** Asks for `path` now, for the next getJson of the same path to take instead of asking again. */
export function prefetchJson(path: string): void {
  if (ahead.has(path)) return;
  const answer = call(path).then((r) => r.json());
  // a failure is reported to the getJson that takes it
  answer.catch(() => {});
  ahead.set(path, answer);
}

export async function getJson<T>(path: string): Promise<T> {
  const early = ahead.get(path);
  if (early) { ahead.delete(path); return early as Promise<T>; }
  return (await call(path)).json() as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return (await call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json() as Promise<T>;
}

/** A file from the API (with the token, when there is one). */
export async function getBlob(path: string): Promise<Blob> {
  return (await call(path)).blob();
}

export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
];
export const MODALITIES = ['asserted', 'planned', 'possible', 'denied'];

// Cooperative types in greens and blues, conflictual ones in oranges, reds and purples.
const COLORS: Record<string, string> = {
  AGREE: '#1b9e77', CONSULT: '#66c2a5', SUPPORT: '#24679a', CONCEDE: '#7fcdbb', COOPERATE: '#41ab5d', AID: '#006d2c',
  RETREAT: '#a1d99b', REQUEST: '#9ecae1', ACCUSE: '#fdae6b', REJECT: '#e6550d', THREATEN: '#b83d00', PROTEST: '#fd8d3c',
  SANCTION: '#756bb1', MOBILIZE: '#9e9ac8', COERCE: '#a50f15', ASSAULT: '#de2d26',
};
export const TYPE_COLORS: Readonly<Record<string, string>> = COLORS;
export const typeColor = (t: string) => COLORS[t] ?? '#888';

/** Dark or white text, whichever reads better on a colour (WCAG relative luminance). */
function inkOn(hex: string): string {
  const lin = (c: number) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16)));
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#111' : '#fff';
}
/** The style of a type's badge: its colour, with text that keeps a readable contrast. */
export const typeBadge = (t: string) => ({ background: typeColor(t), color: inkOn(typeColor(t)) });
export const COOP = '#1a9850';
export const CONFLICT = '#d73027';
