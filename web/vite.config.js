// Vite build of the web UI into web/dist (served at / by `eventwire serve`). JSX via esbuild, for Preact.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  // `npm run dev:web` next to `eventwire serve` on port 8080
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
