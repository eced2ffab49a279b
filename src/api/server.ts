// The analyst's desk: a JSON API over a Store, and the built web UI at /.
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { installCompression } from './compress.js';
import type { ApiOptions } from './context.js';
import { installGuards } from './guard.js';
import { openapi } from './openapi.js';
import { HttpError } from './params.js';
import { readRoutes } from './routes/read.js';
import { statsRoutes } from './routes/stats.js';
import { writeRoutes } from './routes/write.js';

export type { ApiOptions } from './context.js';

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;
/** Where the UI's build puts its files, each named by its content's hash (web/vite.config.js). */
const ASSETS = '/assets/';

/** The folder of the built UI, when it has been built. */
export function defaultWebRoot(): string {
  return join(packageRoot(), 'web', 'dist');
}

export function buildServer(opts: ApiOptions): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) {
      reply.status(err.statusCode).send({ error: err.message, ...(err.parameter ? { parameter: err.parameter } : {}) });
      return;
    }
    const e = err as { statusCode?: number; message: string; code?: string };
    const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
    if (status >= 500) app.log.error(err);
    const message = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'request body too large' : status >= 500 ? 'internal error' : e.message;
    reply.status(status).send({ error: message });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  installGuards(app, opts);
  installCompression(app);

  app.get('/api/openapi.json', async () => openapi);
  readRoutes(app, opts);
  statsRoutes(app, opts);
  writeRoutes(app, opts);

  const webRoot = opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    // preCompressed: the build's .br and .gz beside each file (web/vite.config.js)
    app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'], preCompressed: true });
    // The built files under /assets/ are named by a hash of their content, so a browser may keep them
    // and use them again without asking (a reload of the desk then waits for none of the map's code,
    // its worker or the basemap); index.html, which names them, is still asked for every time.
    app.addHook('onSend', async (req, reply) => {
      if (req.url.startsWith(ASSETS) && reply.statusCode === 200) reply.header('cache-control', 'public, max-age=31536000, immutable');
    });
  } else {
    app.get('/', async (_req, reply) => {
      reply.type('text/plain; charset=utf-8');
      return 'eventwire API: the web UI is not built (npm run build:web). The API is at /api/ (see /api/openapi.json).\n';
    });
  }
  return app;
}
