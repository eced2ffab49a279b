// The desk's first view at 10,000 merged events, measured apart from the test suite so that it can be
// repeated: a SQLite database of synthetic events (kept between runs in the temp folder), the real
// server, and Debian's chromium (SwiftShader WebGL) opening the desk RUNS times in fresh pages. Reports
// the median of each Performance API mark (firstView: the list, timeline, network and map's events drawn;
// firstViewShown: shown on screen, web/src/first-view.ts), the server's time for each API call of the first view, and
// the load average. `node dist/bench/desk.js [runs] [web-root ...]`: with several built UIs (e.g. before
// and after a change), their runs alternate, so that each meets the same load on a shared machine.
// DESK_FRESH_BROWSER=1 starts a browser for each run; DESK_COLD=1 also opens the database and starts the
// server anew for each run (nothing cached by the server either: the browser test's first visit);
// DESK_PANZOOM=1 then pans and zooms the map as the browser test does and reports its frames a second;
// DESK_BROWSER_ARGS adds chromium switches.
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildServer } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { buildEventDb } from './api.js';
import { panZoomFrames } from './pan-zoom.js';

const CHROMIUM = '/usr/bin/chromium';
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** The browser test's pan and zoom (bench/pan-zoom.ts): mean frames a second while the mouse wheels and drags the map. */
async function panZoom(page: import('playwright-core').Page): Promise<number> {
  await page.waitForTimeout(500);
  const frames = await panZoomFrames(page);
  return Math.round((frames.length - 1) / ((frames[frames.length - 1] - frames[0]) / 1000) * 10) / 10;
}

async function main(runs: number, roots: (string | undefined)[]): Promise<void> {
  const path = join(tmpdir(), 'eventwire-desk-10k.db');
  const store = existsSync(path) ? new SqliteStore(path) : await buildEventDb(path, 2000, 5);
  const cold = process.env.DESK_COLD === '1';
  const servers: { app: ReturnType<typeof buildServer>; server: Record<string, number[]>; webRoot: string | undefined; own: SqliteStore | null;
    base: string; marks: Record<string, number[]>; label: string }[] = [];
  for (const webRoot of roots) {
    const app = buildServer({ store, webRoot });
    const server: Record<string, number[]> = {};
    app.addHook('onResponse', async (req, reply) => {
      const route = req.url.split('?')[0];
      if (route.startsWith('/api/')) (server[route] ??= []).push(Math.round(reply.elapsedTime));
    });
    servers.push({ app, server, webRoot, own: null, base: await app.listen({ port: 0, host: '127.0.0.1' }), marks: {}, label: webRoot ?? 'web/dist' });
  }
  /** DESK_COLD: the run's server replaced by one over a newly opened store (whose caches are empty) */
  const renew = async (s: (typeof servers)[number]) => {
    await s.app.close();
    await s.own?.close();
    s.own = new SqliteStore(path);
    s.app = buildServer({ store: s.own, webRoot: s.webRoot });
    s.app.addHook('onResponse', async (req, reply) => {
      const route = req.url.split('?')[0];
      if (route.startsWith('/api/')) (s.server[route] ??= []).push(Math.round(reply.elapsedTime));
    });
    s.base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  };
  const { chromium } = await import('playwright-core');
  const launch = () => chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run',
      ...(process.env.DESK_BROWSER_ARGS?.split(' ').filter(Boolean) ?? [])],
  });
  // DESK_FRESH_BROWSER=1: a browser started for each run, whose GPU side (WebGL) is set up anew, as
  // for a user's first page with a map; otherwise one browser for all runs, a fresh context each
  const fresh = cold || process.env.DESK_FRESH_BROWSER === '1';
  let browser = await launch();
  try {
    console.log(`${await store.countMerged({})} merged events; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    for (let i = 0; i < runs; i++) {
      for (const srv of servers) {
        const { marks, label } = srv;
        if (cold && (i > 0 || label !== servers[0].label)) await renew(srv);
        const { base } = srv;
        if (fresh && (i > 0 || label !== servers[0].label)) { await browser.close(); browser = await launch(); }
        // a fresh context: nothing cached in the browser
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        // DESK_TRACE / DESK_PROFILE: a Chrome trace or a CPU profile of run DESK_TRACE_RUN (default the first)
        const traced = i === Number(process.env.DESK_TRACE_RUN ?? 0);
        const trace = traced && process.env.DESK_TRACE;
        if (trace) await browser.startTracing(page, { path: trace, categories: (process.env.DESK_TRACE_CATS ?? 'devtools.timeline,v8.execute,blink.user_timing,toplevel').split(',') });
        const profile = traced && process.env.DESK_PROFILE ? await context.newCDPSession(page) : null;
        if (profile) { await profile.send('Profiler.enable'); await profile.send('Profiler.setSamplingInterval', { interval: 200 }); await profile.send('Profiler.start'); }
        await page.goto(base + '/');
        await page.waitForFunction(() => ['desk-rendered', 'desk-map-drawn'].every((m) => performance.getEntriesByName(m).length > 0), null, { timeout: 120_000 });
        // when the first view was shown (web/src/first-view.ts; a build without it has none)
        await page.waitForFunction(() => performance.getEntriesByName('desk-presented').length > 0, null, { timeout: 10_000 }).catch(() => {});
        const m = await page.evaluate(() => {
          const at = (name: string) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? -1);
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const r: Record<string, number> = { listTimelineNetwork: at('desk-rendered'), mapDrawn: at('desk-map-drawn'), domContentLoaded: Math.round(nav.domContentLoadedEventEnd) };
          for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('desk-')) r[e.name] = Math.round(e.startTime);
          for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
            const p = new URL(e.name).pathname;
            if (p.startsWith('/api/') || /mapgl.*\.js$|index.*\.js$|worker/.test(p)) { const k = p.replace(/-[\w-]{8}\./, '.'); r[`asked ${k}`] = Math.round(e.startTime); r[`done ${k}`] = Math.round(e.responseEnd); }
          }
          return r;
        });
        if (trace) await browser.stopTracing();
        if (process.env.DESK_PANZOOM === '1') m.panZoomFps = await panZoom(page);
        if (profile) writeFileSync(process.env.DESK_PROFILE!, JSON.stringify((await profile.send('Profiler.stop')).profile));
        m.firstView = Math.max(m.listTimelineNetwork, m.mapDrawn);
        if (m['desk-presented'] !== undefined) m.firstViewShown = m['desk-presented'];
        for (const [k, v] of Object.entries(m)) (marks[k] ??= []).push(v);
        console.log(`run ${i + 1} ${label}: first view ${m.firstView} ms${m.firstViewShown ? `, shown ${m.firstViewShown} ms` : ''} (list/timeline/network ${m.listTimelineNetwork}, map ${m.mapDrawn})${m.panZoomFps ? `, pan/zoom ${m.panZoomFps} fps` : ''}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    for (const { app, own } of servers) { await app.close(); await own?.close(); }
    await store.close();
  }
  for (const { marks, server, label } of servers) {
    console.log(`\n${label}: median of ${runs} runs (ms), load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    for (const [k, v] of Object.entries(marks).sort((a, b) => median(a[1]) - median(b[1]))) console.log(`  ${k.padEnd(40)} ${median(v)}   [${v.join(', ')}]`);
    console.log('server time per API call (ms)');
    for (const [k, v] of Object.entries(server)) console.log(`  ${k.padEnd(40)} ${median(v)}   [${v.join(', ')}]`);
  }
}

main(Number(process.argv[2] ?? 5), process.argv.length > 3 ? process.argv.slice(3).map((p) => resolve(p)) : [undefined]).catch((e) => { console.error(e); process.exitCode = 1; });
