// Vite build of the web UI into web/dist (served at / by `eventwire serve`). JSX via esbuild, for Preact.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';

/**
 * The map's chunk (MapLibre and the basemap, the largest file) is imported only when the map panel
 * mounts; a link in the page lets the browser fetch and compile it alongside the desk's own code,
 * before the first API requests reach the server, instead of after them.
 */
function preloadMapChunk() {
  return {
    name: 'preload-map-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.values(ctx.bundle ?? {}).map((f) => f.fileName);
        const tags = [];
        for (const f of files) {
          if (/^assets\/mapgl-[\w-]+\.js$/.test(f)) tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' });
          if (/^assets\/mapgl-[\w-]+\.css$/.test(f)) tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'style', href: `/${f}` }, injectTo: 'head' });
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

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [preloadMapChunk(), precompress(join(root, 'dist'))],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  // `npm run dev:web` next to `eventwire serve` on port 8080
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
