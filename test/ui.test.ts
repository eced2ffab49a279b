// The web UI in a real browser (Debian's chromium through playwright-core), served by the real
// server over the fixture. Skipped when /usr/bin/chromium is missing, unless EVENTWIRE_REQUIRE_BROWSER=1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultWebRoot } from '../src/api/server.js';
import { startServer } from './helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRED = process.env.EVENTWIRE_REQUIRE_BROWSER === '1';
const ARTIFACTS = 'test-artifacts';

const missing = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install chromium)`
  : !existsSync(join(defaultWebRoot(), 'index.html')) ? 'the web UI is not built (npm run build:web)' : null;

if (missing && REQUIRED) {
  test('web UI: browser and build', () => assert.fail(`${missing}, and EVENTWIRE_REQUIRE_BROWSER=1 requires them`));
} else {
  describe('web UI', { skip: missing ? `${missing}; set EVENTWIRE_REQUIRE_BROWSER=1 to make this a failure` : false }, () => {
    let base = '';
    let close = async () => {};
    let browser: import('playwright-core').Browser;
    before(async () => {
      ({ base, close } = await startServer());
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: CHROMIUM, headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      });
      mkdirSync(ARTIFACTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await close();
    });

    test('timeline, map and network render; an event shows its evidence highlighted', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      const external: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // the server's Content-Security-Policy (no inline script or style) must not block any of the UI
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
      await page.goto(base + '/?view=reports');
      await page.waitForSelector('svg.timeline g.bucket');
      await page.waitForSelector('svg.map circle.dot');
      await page.waitForSelector('svg.network g.node');
      assert.ok(await page.locator('svg.timeline g.bucket rect[fill]').count() > 5);
      assert.ok(await page.locator('svg.map path.land').count() > 100);
      assert.ok(await page.locator('svg.network line.edge').count() > 0);
      await page.screenshot({ path: join(ARTIFACTS, 'ui-desk.png'), fullPage: true });

      // the planned Doha talks, from the map
      await page.locator('svg.map circle[data-event="1-e1"]').click();
      await page.waitForSelector('.article-text mark');
      assert.match(page.url(), /event=1-e1/);
      const evidence = (await (await fetch(base + '/api/events/1-e1')).json()).evidence[0].text as string;
      const marked = await page.locator('.article-text mark').first().textContent();
      assert.equal(marked, evidence);
      assert.ok(await page.locator('.article-text .mention').count() > 3);
      // the article reader sets the caption and other non-claim blocks apart and marks places, times, figures
      assert.match(await page.locator('.article-text .nonclaim.caption').first().textContent() ?? '', /not a claim.*Opposition fighters/s);
      assert.ok(await page.locator('.article-text .tag-place').count() > 0);
      assert.ok(await page.locator('.article-text .tag-time').count() > 0);
      assert.ok(await page.locator('.article-text .tag-figure').count() > 0);
      assert.match(await page.locator('.event-panel').textContent() ?? '', /possible/);
      await page.screenshot({ path: join(ARTIFACTS, 'ui-event.png'), fullPage: false });

      // filters live in the URL; a clicked actor filters the list
      await page.selectOption('select:near(:text("Type"))', 'CONSULT');
      await page.waitForURL(/type=CONSULT/);
      await page.waitForFunction(() => [...document.querySelectorAll('.event-row .type')].every((x) => x.textContent === 'CONSULT'));
      await page.locator('svg.network g.node').first().click();
      await page.waitForURL(/actor=/);
      assert.deepEqual(errors, []);
      assert.deepEqual(external, []);
      await page.close();
    });

    test('a network node opens the actor panel: name, events per month, co-actors that lead to other actors', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(base + '/');
      const node = page.locator('svg.network g.node[data-actor="COD"]');
      await node.click();
      await page.waitForURL(/actor=COD/);
      const entity = (await (await fetch(base + '/api/entities/COD')).json()) as { entity: { name: string }; coActors: { id: string; name: string }[] };
      const panel = page.locator('.actor-panel');
      await panel.locator('h2', { hasText: entity.entity.name }).waitFor();
      assert.match(await panel.textContent() ?? '', /country/);
      assert.ok(await panel.locator('svg.actor-chart rect').count() > 0);
      const co = panel.locator('.co-actors button');
      assert.ok(await co.count() >= 1);
      assert.match(await co.first().textContent() ?? '', new RegExp(entity.coActors[0].name));
      await page.waitForFunction(() => document.querySelectorAll('.event-row').length > 0);
      await page.screenshot({ path: join(ARTIFACTS, 'ui-actor.png'), fullPage: false });
      // a co-actor moves the panel (and the list filter) to that actor
      await co.first().click();
      await page.waitForURL(new RegExp(`actor=${entity.coActors[0].id}`));
      await panel.locator('h2', { hasText: entity.coActors[0].name }).waitFor();
      // an actor link in the event panel opens the actor panel too
      await page.locator('.event-row').first().click();
      await page.locator('.event-panel button.link').first().click();
      await page.waitForSelector('.actor-panel h2');
      assert.deepEqual(errors, []);
      await page.close();
    });

    test('dense places are clustered on the map; a cluster filters the list to its area', async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await page.goto(base + '/?view=reports');
      await page.waitForSelector('svg.map g.cluster');
      // Goma has two events: one numbered circle, no single dots for them
      const clusters = page.locator('svg.map g.cluster');
      const counts = await clusters.evaluateAll((gs) => gs.map((g) => Number(g.querySelector('text')?.textContent)));
      assert.ok(counts.every((n) => n >= 2), String(counts));
      assert.equal(await page.locator('svg.map circle[data-event="1-e1"]').count(), 1);
      const all = await page.locator('.event-row').count();
      const cluster = clusters.first();
      const n = Number(await cluster.getAttribute('data-count'));
      await cluster.click();
      await page.waitForURL(/bbox=/);
      await page.waitForFunction((k) => document.querySelectorAll('.event-row').length === k, n);
      assert.ok(n < all);
      await page.screenshot({ path: join(ARTIFACTS, 'ui-map-cluster.png'), fullPage: false });
      await page.close();
    });

    test('merged events: sources counted, modality over time, figures side by side, each report one click from its article', async () => {
      const s = await startServer();
      try {
        const { ingest } = await import('../src/ingest.js');
        await ingest(s.store, [join('test', 'fixtures', 'merge', 'strike'), join('test', 'fixtures', 'merge', 'meeting')]);
        const list = (await (await fetch(s.base + '/api/merged-events?type=ASSAULT&country=UKR&minSources=2')).json()) as { items: { id: string; counts: { reports: number; stories: number } }[] };
        assert.ok(list.items.length >= 1);
        const strike = list.items[0];
        const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(s.base + '/?country=UKR');
        const row = page.locator(`.event-row[data-event="${strike.id}"]`);
        assert.match(await row.locator('.sources').textContent() ?? '', new RegExp(`^${strike.counts.stories} sources$`));
        await row.click();
        await page.waitForURL(new RegExp(`event=${strike.id}`));
        const panel = page.locator('.merged-panel');
        await panel.locator('table.figures').waitFor();
        assert.match(await panel.locator('.source-counts').textContent() ?? '', new RegExp(`${strike.counts.stories} independent stories`));
        assert.match(await panel.locator('table.figures').textContent() ?? '', /killed.*sources disagree/s);
        assert.equal(await panel.locator('ol.reports > li').count(), strike.counts.reports);
        await page.screenshot({ path: join(ARTIFACTS, 'ui-merged.png'), fullPage: false });
        // a report opens in its article with the evidence marked
        const first = await panel.locator('ol.reports > li').first().getAttribute('data-report');
        await panel.locator('ol.reports > li button.link').first().click();
        await page.waitForURL(new RegExp(`event=${first}`));
        await page.waitForSelector('.article-text mark');
        // the meeting reported as possible, then planned, then held
        const meetings = (await (await fetch(s.base + '/api/merged-events?type=CONSULT&country=IRN&minSources=3')).json()) as { items: { id: string }[] };
        assert.equal(meetings.items.length, 1);
        await page.goto(s.base + '/?type=CONSULT&country=IRN');
        await page.locator(`.event-row[data-event="${meetings.items[0].id}"]`).click();
        await page.locator('.modality-history').waitFor();
        assert.match(await page.locator('.modality-history').textContent() ?? '', /possible.*planned.*asserted/s);
        // the list can show every report instead
        await page.locator('button', { hasText: 'reports' }).click();
        await page.waitForURL(/view=reports/);
        assert.deepEqual(errors, []);
        await page.close();
      } finally {
        await s.close();
      }
    });

    test('a protected server: the UI sends ?token= and remembers it', async () => {
      const s = await startServer({ protectReads: true });
      try {
        const { token } = await s.store.createToken('ui');
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        await page.goto(s.base + '/?token=' + encodeURIComponent(token));
        await page.waitForSelector('.event-row');
        assert.doesNotMatch(page.url(), /token=/);
        await page.goto(s.base + '/?country=QAT');
        await page.waitForSelector('.event-row');
        await page.close();
        const bare = await browser.newPage();
        await bare.goto(s.base + '/');
        await bare.waitForSelector('.error');
        assert.match(await bare.locator('.error').textContent() ?? '', /401/);
        await bare.close();
      } finally {
        await s.close();
      }
    });

    test('works at 375 px and from the keyboard', async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await page.goto(base + '/?country=QAT&view=reports');
      await page.waitForSelector('.event-row');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
      await page.locator('.event-row').first().focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('.article-text mark');
      await page.screenshot({ path: join(ARTIFACTS, 'ui-mobile.png'), fullPage: true });
      await page.close();
    });
  });
}
