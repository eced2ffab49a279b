// The map's worker (MapLibre's tiling and clustering), started as the page starts instead of when
// MapLibre's code has been parsed. A worker starts only once the page's thread is free to take the
// browser's answer to `new Worker`, and once MapLibre runs that thread is busy for a second or more
// (WebGL set up, the first frames, the other panels): the map's events and tiles then waited for the
// worker. Started here, it is up and its code compiled by the time the map asks for its first tiles.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

export { workerUrl };

let early: Worker | null = null;

export function startMapWorker(): void {
  try {
    early ??= new Worker(workerUrl, { type: 'module' });
  } catch {
    // no module workers: MapLibre starts its own (or falls back to a classic one)
  }
}

/**
 * Runs `start`, which makes MapLibre create its worker (prewarm), handing it the worker started
 * early for the same script instead of a second one. MapLibre creates a same-origin worker
 * synchronously, so the stand-in constructor is in place only for that call. A worker MapLibre did
 * not take (a newer MapLibre that asks differently) is ended: it would only cost memory.
 */
export function adoptMapWorker(start: () => void): void {
  const w = early;
  early = null;
  if (!w) { start(); return; }
  const Native = globalThis.Worker;
  let adopted = false;
  const Early = function (this: unknown, url: string | URL, options?: WorkerOptions) {
    if (!adopted && String(url) === workerUrl) { adopted = true; return w; }
    return new Native(url, options);
  };
  globalThis.Worker = Early as unknown as typeof Worker;
  try {
    start();
  } finally {
    globalThis.Worker = Native;
    if (!adopted) w.terminate();
  }
}
