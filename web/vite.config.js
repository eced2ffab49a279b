// Vite build of the web UI into web/dist (served at / by `eventwire serve`). JSX via esbuild, for Preact.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';
import { basemap } from './src/basemap';
import { basemapTiles, TILE_LAYER, TILES_MAXZOOM } from './src/basemap-tiles';

/**
 * The map's chunk (MapLibre, the largest file) is imported by the desk's own code as it starts; a link
 * in the page lets the browser fetch and compile it alongside that code, instead of after it.
 * The map's worker is asked for once MapLibre runs, by which time the desk's first API requests have
 * reached the server, which may be busy answering them: a link in the page fetches it into the
 * browser's cache (it is kept for good, see src/api/server.ts) before those requests are made
 * (main.tsx claims it). The basemap's tiles are not: which ones the map needs depends on where the
 * events lie, and each is small.
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
          if (/^assets\/maplibre-gl-worker-[\w-]+\.mjs$/.test(f)) {
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
        if (!/\.(js|mjs|css|html|json|svg|pbf)$/.test(f)) continue;
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
 * `virtual:basemap`: the basemap's vector tiles (web/src/basemap-tiles.ts), cut from world-atlas's
 * Natural Earth outlines when the UI is built, and where the map finds them: files of a folder named
 * by a hash of them all, so that the server may let browsers keep them for good like the other built
 * files (src/api/server.ts).
 */
function basemapTileFiles() {
  const ID = '\0virtual:basemap';
  const require = createRequire(import.meta.url);
  const outlines = (scale) => basemap(JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8')));
  let tiles = null;
  const cut = () => (tiles ??= basemapTiles(outlines('110m'), outlines('50m')));
  let serving = false;
  const module = (dir) => [
    `export const basemapTiles = '${dir}/{z}/{x}/{y}.pbf';`,
    `export const basemapMaxZoom = ${TILES_MAXZOOM};`,
    `export const basemapLayer = '${TILE_LAYER}';`,
  ].join('\n');
  return {
    name: 'basemap-tiles',
    configResolved(config) { serving = config.command === 'serve'; },
    resolveId: (id) => (id === 'virtual:basemap' ? ID : null),
    load(id) {
      if (id !== ID) return null;
      if (serving) return module('/@basemap');
      const hash = createHash('sha256');
      for (const t of cut()) hash.update(`${t.z}/${t.x}/${t.y}:${t.data.length}:`).update(t.data);
      const dir = `assets/basemap-${hash.digest('hex').slice(0, 10)}`;
      for (const t of cut()) this.emitFile({ type: 'asset', fileName: `${dir}/${t.z}/${t.x}/${t.y}.pbf`, source: t.data });
      return module(`/${dir}`);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/@basemap\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(req.url ?? '');
        const t = m && cut().find((x) => x.z === Number(m[1]) && x.x === Number(m[2]) && x.y === Number(m[3]));
        if (!t) return next();
        res.setHeader('content-type', 'application/x-protobuf');
        res.end(Buffer.from(t.data));
      });
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [basemapTileFiles(), preloadMapFiles(), precompress(join(root, 'dist'))],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  // `npm run dev:web` next to `eventwire serve` on port 8080
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
