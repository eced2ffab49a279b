// Query-parameter validation for the API: one zod schema per route; a bad or unknown parameter is a
// 400 whose body names it.
import { z } from 'zod';

import { MODALITIES, PLOVER_TYPES } from '../model/vocab.js';

export { MODALITIES, PLOVER_TYPES };

/** An error the API answers with its status and a JSON body `{error, parameter?}`. */
export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly parameter?: string) {
    super(message);
  }
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = z.string().min(1).max(500);

const bbox = z.string().transform((s, ctx) => {
  const n = s.split(',').map((x) => Number(x));
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x) || x === null) || s.split(',').some((x) => !x.trim())) {
    ctx.addIssue({ code: 'custom', message: 'expected minLon,minLat,maxLon,maxLat' });
    return z.NEVER;
  }
  const [minLon, minLat, maxLon, maxLat] = n;
  if ([minLon, maxLon].some((x) => x < -180 || x > 180) || [minLat, maxLat].some((x) => x < -90 || x > 90) || minLat > maxLat) {
    ctx.addIssue({ code: 'custom', message: 'longitudes must be in [-180, 180], latitudes in [-90, 90] with minLat <= maxLat' });
    return z.NEVER;
  }
  return { minLon, minLat, maxLon, maxLat };
});
export type BBox = { minLon: number; minLat: number; maxLon: number; maxLat: number };

/** Filters shared by /api/events, /api/stats/timeline, /api/network and /api/export. */
export const eventFilterShape = {
  type: z.string().transform((s) => s.toUpperCase()).pipe(z.enum(PLOVER_TYPES)).optional(),
  actor: text.optional(),
  country: z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 3166 alpha-3 code').transform((s) => s.toUpperCase()).optional(),
  place: text.optional(),
  modality: z.enum(MODALITIES).optional(),
  since: day.optional(),
  until: day.optional(),
  bbox: bbox.optional(),
  q: text.optional(),
  /** an analyst's review: confirmed, rejected, unreviewed, or everything but the rejected */
  review: z.enum(['confirmed', 'rejected', 'unreviewed', 'notrejected']).optional(),
  /** only events without a place */
  unplaced: z.enum(['1', 'true']).transform(() => true).optional(),
};

/** Pages in date order, or by relevance to `q` (checked by the routes: it needs `q`). */
const SORT = z.enum(['date', '-date', 'relevance']).default('-date');

/** Aggregates count per-article reports (default) or merged events. */
const VIEW = z.enum(['reports', 'merged']).default('reports');

export const schemas = {
  none: z.strictObject({}),
  articles: z.strictObject({
    search: text.optional(), since: day.optional(), until: day.optional(), source: text.optional(),
    limit: int(1, 1000).default(100), offset: int(0, 1_000_000).default(0),
  }),
  events: z.strictObject({
    ...eventFilterShape,
    sort: SORT,
    limit: int(1, 1000).default(100),
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'not a cursor this API returned').optional(),
  }),
  merged: z.strictObject({
    ...eventFilterShape,
    minSources: int(1, 1_000_000).optional(),
    sort: SORT,
    limit: int(1, 1000).default(100),
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'not a cursor this API returned').optional(),
  }),
  entities: z.strictObject({
    kind: text.optional(),
    country: z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 3166 alpha-3 code').optional(),
    search: text.optional(),
    limit: int(1, 1000).default(100),
  }),
  timeline: z.strictObject({ ...eventFilterShape, interval: z.enum(['day', 'week']).default('day'), view: VIEW }),
  network: z.strictObject({
    ...eventFilterShape, minWeight: int(1, 1_000_000).default(1), view: VIEW,
    /** only the N actors in most events, and the ties among them */
    top: int(1, 1000).optional(),
    /** '0': edges without the ids of their events */
    edgeEvents: z.enum(['0', '1']).default('1'),
    /** '0': edges without their counts by type */
    byType: z.enum(['0', '1']).default('1'),
  }),
  reviewQueue: z.strictObject({
    ...eventFilterShape,
    view: z.enum(['reports', 'merged']).default('merged'),
    limit: int(1, 1000).default(50),
    offset: int(0, 1_000_000).default(0),
  }),
  corrections: z.strictObject({ event: text.optional() }),
  map: z.strictObject({
    ...eventFilterShape, view: VIEW,
    /** one feature per place, type and precision, with its number of events */
    group: z.enum(['1', 'true']).transform(() => true).optional(),
  }),
  export: z.strictObject({
    ...eventFilterShape,
    format: z.enum(['csv', 'json', 'geojson', 'plover', 'gdelt', 'acled', 'jsonl']).default('csv'),
    view: VIEW,
  }),
};

export type EventFilters = z.infer<z.ZodObject<typeof eventFilterShape>>;

/** C0 and C1 control characters and DEL: no filter, name or id has them, and U+0000 breaks SQL text. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Throws HttpError(400) naming the first query or path parameter that holds a control character. */
export function rejectControlCharacters(values: unknown): void {
  for (const [k, v] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === 'string' && CONTROL.test(x)) throw new HttpError(400, `invalid parameter '${k}': control characters are not allowed`, k);
    }
  }
}

/** Validates a query object; throws HttpError(400) naming the first bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const q = (query ?? {}) as Record<string, unknown>;
  rejectControlCharacters(q);
  for (const [k, v] of Object.entries(q)) {
    if (Array.isArray(v)) throw new HttpError(400, `invalid parameter '${k}': given more than once`, k);
  }
  const r = schema.safeParse(q);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const keys = (issue as { keys?: string[] }).keys;
  if (issue.code === 'unrecognized_keys' && keys?.length) {
    throw new HttpError(400, `unknown parameter '${keys[0]}'`, keys[0]);
  }
  const name = String(issue.path[0] ?? '');
  throw new HttpError(400, `invalid parameter '${name}': ${issue.message}`, name);
}
