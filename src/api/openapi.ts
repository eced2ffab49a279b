// The OpenAPI 3 description of the API, written by hand. test/api.test.ts checks that it lists
// every route the server has.
import { EXPORT_FORMATS } from '../export/index.js';
import { MODALITIES, PLOVER_TYPES } from './params.js';

type Param = Record<string, unknown>;
const q = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }): Param =>
  ({ name, in: 'query', required: false, description, schema });
const path = (name: string, description: string): Param => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const errors = { 400: json('a bad parameter: `{error, parameter}`'), 404: json('not found') };

const date = { type: 'string', format: 'date' };
const eventFilters: Param[] = [
  q('type', 'PLOVER event type', { type: 'string', enum: [...PLOVER_TYPES] }),
  q('actor', 'entity id or a name fragment (source or target)'),
  q('country', 'ISO 3166 alpha-3 code of a source or target', { type: 'string', pattern: '^[A-Za-z]{3}$' }),
  q('place', 'place-name fragment'),
  q('modality', 'modality', { type: 'string', enum: [...MODALITIES] }),
  q('since', 'events ending on or after this day', date),
  q('until', 'events starting on or before this day', date),
  q('bbox', 'minLon,minLat,maxLon,maxLat (events with a place inside)', { type: 'string', example: '30,30,45,40' }),
  q('q', 'words (letters and digits) that must all occur in the evidence, the actors\' names or the place name (full-text index)'),
  q('unplaced', 'only events without a place (`1`)', { type: 'string', enum: ['1', 'true'] }),
  q('review', "an analyst's review: `confirmed`, `rejected`, `unreviewed`, or `notrejected` (all but the rejected)",
    { type: 'string', enum: ['confirmed', 'rejected', 'unreviewed', 'notrejected'] }),
];

/** Date order and keyset pages, as /api/events and /api/merged-events take them. */
const paging = [
  q('sort', '`-date` (newest first, default), `date`, or `relevance` (with `q`: best matches first)', { type: 'string', enum: ['-date', 'date', 'relevance'] }),
  q('limit', 'page size (1-1000, default 100)', { type: 'integer', minimum: 1, maximum: 1000 }),
  q('cursor', 'the `next` value of the previous page'),
];
const VIEW_PARAM = q('view', 'count per-article reports (`reports`, default) or merged events (`merged`)', { type: 'string', enum: ['reports', 'merged'] });

export const openapi = {
  openapi: '3.0.3',
  info: {
    title: 'eventwire API',
    version: '1',
    description: 'Articles, coded events, entities and aggregates of an eventwire database. Reads are open by default; writes need `Authorization: Bearer <token>` (create one with `eventwire token create`). When the server protects reads (`eventwire serve --protect-reads`, or listening on a non-loopback address), every GET under /api/ except /api/health and /api/openapi.json needs the same header.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
  },
  paths: {
    '/api/health': { get: { summary: 'liveness and counts', parameters: [], responses: { 200: json('`{status, store, counts}`') } } },
    '/api/openapi.json': { get: { summary: 'this document', parameters: [], responses: { 200: json('OpenAPI 3 document') } } },
    '/api/articles': {
      get: {
        summary: 'stored articles, newest first',
        parameters: [
          q('search', 'full-text search'), q('since', 'published on or after', date), q('until', 'published on or before', date),
          q('source', 'site name, e.g. themoscowtimes.com'),
          q('limit', 'page size (1-1000, default 100)', { type: 'integer', minimum: 1, maximum: 1000 }),
          q('offset', 'rows to skip', { type: 'integer', minimum: 0 }),
        ],
        responses: { 200: json('`{items, limit, offset, next}`'), ...errors },
      },
      post: {
        summary: 'analyse and store articles (JSON: one article or an array of at most 100)',
        security: [{ bearer: [] }],
        parameters: [],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [{ $ref: '#/components/schemas/ArticleInput' }, { type: 'array', items: { $ref: '#/components/schemas/ArticleInput' } }],
              },
            },
          },
        },
        responses: {
          200: json('`{articles: [{index, id, status, events}]}`'), 400: json('bad body, or a `url` (given without text or html) that could not be fetched: not http(s), a non-public address, more than 3 redirects, over 5 MB or 10 s, not a web page'),
          401: json('no or unknown token'), 413: json('body larger than the limit (5 MB by default)'), 429: json('more than 60 writes a minute from one IP'),
        },
      },
    },
    '/api/articles/{id}': {
      get: {
        summary: 'one article: text, blocks and the analysis (entities, mentions, places, times, figures, events)',
        parameters: [path('id', 'article number')],
        responses: { 200: json('the stored article'), ...errors },
      },
    },
    '/api/events': {
      get: {
        summary: 'events, sorted by date, with cursor pagination',
        parameters: [
          ...eventFilters,
          ...paging,
        ],
        responses: { 200: json('`{items, total, next}`'), ...errors },
      },
    },
    '/api/events/{id}': {
      get: {
        summary: 'one event with its evidence and an excerpt of its article',
        parameters: [path('id', 'event id, ARTICLE-EVENT (e.g. 1-e1)')],
        responses: { 200: json('`{event, evidence, article, excerpt}`'), ...errors },
      },
    },
    '/api/merged-events': {
      get: {
        summary: 'merged events (one per real-world event across articles) with source counts, modality history and figure tables',
        parameters: [
          ...eventFilters,
          q('minSources', 'only events reported by at least this many independent stories', { type: 'integer', minimum: 1 }),
          ...paging,
        ],
        responses: { 200: json('`{items, total, next}`'), ...errors },
      },
    },
    '/api/merged-events/{id}': {
      get: {
        summary: 'one merged event with every report (article, evidence, attribution, modality, figures)',
        parameters: [path('id', 'merged event id (e.g. m1-e1)')],
        responses: { 200: json('the merged event and `reports`, each with `why` {actors, dates, place, text}: what it agrees on with the other reports'), ...errors },
      },
    },
    '/api/merged-events/{id}/split': {
      post: {
        summary: 'split reports out of a merged event; they are never merged with the rest again (needs a token)',
        security: [{ bearer: [] }],
        parameters: [path('id', 'merged event id')],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['reports'], properties: { reports: { type: 'array', items: { type: 'string' } } } } } } },
        responses: { 200: json('`{kept, split}`: the two merged event ids'), 400: json('a report not in the event, or none left behind'), 401: json('no or unknown token'), 404: json('no such merged event') },
      },
    },
    '/api/review-queue': {
      get: {
        summary: 'unreviewed events, lowest confidence first (merged events by default)',
        parameters: [...eventFilters, q('view', '`merged` (default) or `reports`', { type: 'string', enum: ['merged', 'reports'] }),
          q('limit', '1-1000, default 50', { type: 'integer', minimum: 1, maximum: 1000 }), q('offset', 'rows to skip', { type: 'integer', minimum: 0 })],
        responses: { 200: json('`{items, total, next}` (next: the offset of the next page, or null)'), ...errors },
      },
    },
    '/api/corrections': {
      get: {
        summary: "an analyst's corrections, newest first",
        parameters: [q('event', 'only those of this report or merged event')],
        responses: { 200: json('`{items: [{id, kind, event, field, value, who, note, createdAt}]}`'), ...errors },
      },
      post: {
        summary: 'confirm or reject a report or merged event, or correct its type, source, target, date or place (needs a token)',
        security: [{ bearer: [] }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['event', 'field', 'value'], properties: {
            event: { type: 'string', description: 'report (1-e1) or merged event (m1-e1) id' },
            field: { type: 'string', enum: ['status', 'type', 'source', 'target', 'date', 'place'] },
            value: { description: 'status: confirmed|rejected; type: a PLOVER type; source/target: [{id, name, iso3}]; date: {from, to}; place: {name, lat, lon, iso3} or null' },
            note: { type: 'string' },
          } } } },
        },
        responses: { 200: json('the stored correction'), 400: json('a bad field or value: `{error, parameter}`'), 401: json('no or unknown token'), 404: json('no such event') },
      },
    },
    '/api/entities': {
      get: {
        summary: 'entities with mention counts',
        parameters: [
          q('kind', 'entity kind (country, person, organisation ...)'), q('country', 'ISO3', { type: 'string', pattern: '^[A-Za-z]{3}$' }),
          q('search', 'name fragment'), q('limit', '1-1000, default 100', { type: 'integer', minimum: 1, maximum: 1000 }),
        ],
        responses: { 200: json('`{items}`'), ...errors },
      },
    },
    '/api/entities/{id}': {
      get: {
        summary: 'one entity: its events over time and its co-actors',
        parameters: [path('id', 'entity id, e.g. RUS')],
        responses: { 200: json('`{entity, events, timeline, coActors}`'), ...errors },
      },
    },
    '/api/stats/timeline': {
      get: {
        summary: 'event counts per day or week, by type',
        parameters: [...eventFilters, q('interval', '`day` (default) or `week` (weeks start on Monday)', { type: 'string', enum: ['day', 'week'] }), VIEW_PARAM],
        responses: { 200: json('`{interval, types, buckets: [{date, total, counts}], undated, total}`'), ...errors },
      },
    },
    '/api/network': {
      get: {
        summary: 'actor-actor edges (source to target) weighted by event counts, by type and PLOVER quad',
        parameters: [...eventFilters, q('minWeight', 'smallest edge weight kept (default 1)', { type: 'integer', minimum: 1 }), VIEW_PARAM,
          q('top', 'only the N actors in most events and the edges among them', { type: 'integer', minimum: 1, maximum: 1000 }),
          q('edgeEvents', '`0`: edges without `events` (the ids of up to 50 of their events; default `1`)', { type: 'string', enum: ['0', '1'] }),
          q('byType', '`0`: edges without `byType` (their counts by type; default `1`)', { type: 'string', enum: ['0', '1'] })],
        responses: { 200: json('`{nodes: [{id, name, iso3, events}], edges: [{source, target, weight, byType, cooperative, conflictual, events}], actors}` (`actors`: how many in all)'), ...errors },
      },
    },
    '/api/map': {
      get: {
        summary: "the map's points: placed events as GeoJSON (id, type, precision town/region/country, place, date) and the count without a place",
        parameters: [...eventFilters, VIEW_PARAM,
          q('group', '`1`: one feature per place, type and precision, with its number of events `n` (`id` and `date`: its latest event)', { type: 'string', enum: ['1', 'true'] })],
        responses: { 200: json('a GeoJSON FeatureCollection with `unplaced` and `total`'), ...errors },
      },
    },
    '/api/export': {
      get: {
        summary: 'the filtered events in an export layout',
        parameters: [...eventFilters, q('format', 'layout (default csv)', { type: 'string', enum: [...EXPORT_FORMATS] }),
          q('view', 'one row per report (`reports`, default) or per merged event (`merged`, with its source counts)', { type: 'string', enum: ['reports', 'merged'] })],
        responses: { 200: { description: 'the export file' }, ...errors },
      },
    },
  },
};
(openapi.components as Record<string, unknown>).schemas = {
  ArticleInput: {
    type: 'object',
    additionalProperties: false,
    properties: {
      url: { type: 'string' }, title: { type: 'string' }, published: { type: 'string', description: 'ISO date or timestamp' },
      source: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' },
    },
    description: '`text` or `html` is required',
  },
};
