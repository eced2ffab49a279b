// Vite build of the web UI into web/dist (served at / by `eventwire serve`). JSX via esbuild, for Preact.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';
import { basemap } from './src/basemap';

/**
 * The map's chunk (MapLibre, the largest file) is imported by the desk's own code as it starts; a link
 * in the page lets the browser fetch and compile it alongside that code, instead of after it.
 * The map's worker and the coarse basemap are asked for by the map's worker once MapLibre runs, by
 * which time the desk's first API requests have reached the server, whose largest (the network: every
 * matching event's actors) keeps it busy for a few hundred milliseconds at 10,000 events: links in the
 * page fetch both into the browser's cache (they are kept for good, see src/api/server.ts) before
 * those requests are made (main.tsx claims them).
 */
function preloadMapFiles() {
  return {
    name: 'preload-map-files',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.values(ctx.bundle ?? {}).map((f) => f.fileName);
        const tags = [];
        for (const f of files) {
          if (/^assets\/mapgl-[\w-]+\.js$/.test(f)) tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' });
          if (/^assets\/(maplibre-gl-worker-[\w-]+\.mjs|countries-110m-[\w-]+\.json)$/.test(f)) {
            tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: true, href: `/${f}` }, injectTo: 'head' });
          }
        }
        return tags;
      },
    },
  };
}

/**
 * Each built file of some size compressed beside itself (.br, .gz), for the server to send as it is
 * (@fastify/static preCompressed): a quarter of the bytes, sent in fewer chunks by a server that may
 * be busy answering the desk's first queries.
 */
function precompress(outDir) {
  return {
    name: 'precompress',
    apply: 'build',
    closeBundle() {
      for (const f of readdirSync(outDir, { recursive: true })) {
        if (!/\.(js|mjs|css|html|json|svg)$/.test(f)) continue;
        const path = join(outDir, f);
        const data = readFileSync(path);
        if (data.length < 1024) continue;
        writeFileSync(path + '.br', brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(path + '.gz', gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * `virtual:basemap`: the URLs of the basemap's outlines (coarse 110m and fine 50m Natural Earth), made
 * from world-atlas's TopoJSON when the UI is built and written as files of their own, which the map's
 * worker fetches and tiles.
 */
function basemapFiles() {
  const ID = '\0virtual:basemap';
  const SCALES = ['110m', '50m'];
  const require = createRequire(import.meta.url);
  const json = (scale) => JSON.stringify(basemap(JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'))));
  let serving = false;
  return {
    name: 'basemap-files',
    configResolved(config) { serving = config.command === 'serve'; },
    resolveId: (id) => (id === 'virtual:basemap' ? ID : null),
    load(id) {
      if (id !== ID) return null;
      return SCALES.map((scale) => `export const countries${scale} = ${serving ? `'/@basemap/${scale}.json'`
        : `import.meta.ROLLUP_FILE_URL_${this.emitFile({ type: 'asset', name: `countries-${scale}.json`, source: json(scale) })}`};`).join('\n');
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/@basemap\/(\w+)\.json$/.exec(req.url ?? '');
        if (!m || !SCALES.includes(m[1])) return next();
        res.setHeader('content-type', 'application/json');
        res.end(json(m[1]));
      });
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [basemapFiles(), preloadMapFiles(), precompress(join(root, 'dist'))],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  // `npm run dev:web` next to `eventwire serve` on port 8080
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
