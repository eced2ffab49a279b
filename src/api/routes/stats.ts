// Aggregates (timeline, map, network) and exports of the filtered events.
import type { FastifyInstance } from 'fastify';
import { exportEvents, exportMerged } from '../../export/index.js';
import type { ApiOptions } from '../context.js';
import { parseQuery, schemas } from '../params.js';
import { actorNetwork, dayCounts, findEvents, findForAggregates, findMerged, mapGroupFeatures, mapPoints, placeGroups, timeline } from '../query.js';

const CONTENT_TYPE: Record<string, [string, string]> = {
  csv: ['text/csv; charset=utf-8', 'csv'],
  acled: ['text/csv; charset=utf-8', 'csv'],
  gdelt: ['text/tab-separated-values; charset=utf-8', 'tsv'],
  json: ['application/json; charset=utf-8', 'json'],
  plover: ['application/json; charset=utf-8', 'json'],
  geojson: ['application/geo+json; charset=utf-8', 'geojson'],
  jsonl: ['application/x-ndjson; charset=utf-8', 'jsonl'],
};

export function statsRoutes(app: FastifyInstance, opts: ApiOptions): void {
  const { store } = opts;

  app.get('/api/stats/timeline', async (req) => {
    const q = parseQuery(schemas.timeline, req.query);
    return timeline(await dayCounts(store, q, q.view === 'merged'), q.interval);
  });

  app.get('/api/network', async (req) => {
    const q = parseQuery(schemas.network, req.query);
    return actorNetwork(store, q, q.view === 'merged', q.minWeight, { top: q.top, edgeEvents: q.edgeEvents === '1', byType: q.byType === '1' });
  });

  app.get('/api/map', async (req) => {
    const q = parseQuery(schemas.map, req.query);
    if (q.group) return mapGroupFeatures(await placeGroups(store, q, q.view === 'merged'));
    return mapPoints(await findForAggregates(store, q, q.view === 'merged'));
  });

  app.get('/api/export', async (req, reply) => {
    const q = parseQuery(schemas.export, req.query);
    const [type, ext] = CONTENT_TYPE[q.format];
    reply.header('content-type', type);
    if (q.view === 'merged') {
      reply.header('content-disposition', `attachment; filename="merged-events-${q.format}.${ext}"`);
      return exportMerged(await findMerged(store, q), q.format);
    }
    reply.header('content-disposition', `attachment; filename="events-${q.format}.${ext}"`);
    return exportEvents(await findEvents(store, q, true), q.format);
  });
}
