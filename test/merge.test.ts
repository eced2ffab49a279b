import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.js';
import { PostgresStore } from '../src/store/postgres.js';
import { textArticle } from '../src/pipeline/doc.js';
import { contentHash } from '../src/read/index.js';
import type { ActorRef, Article, EventRecord, Figure, Modality } from '../src/model/types.js';
import type { Analysis, Store } from '../src/store/store.js';
import { fit, mergeable, sameParty } from '../src/merge/match.js';
import { signature, similarity, storyText } from '../src/merge/stories.js';
import { addReport } from '../src/merge/summary.js';
import { SplitError } from '../src/merge/engine.js';
import { renderMerged } from '../src/cli/render.js';
import { buildServer } from '../src/api/server.js';
import { tempDir } from './helpers/tmp.js';
import { describePostgres, resetDatabase, tempDatabase } from './helpers/pg.js';

// ------------------------------------------------------------------ small builders

const RUS: ActorRef = { id: 'RUS', name: 'Russia', iso3: 'RUS', kind: 'country', cameo: 'RUS' };
const UKR: ActorRef = { id: 'UKR', name: 'Ukraine', iso3: 'UKR', kind: 'country', cameo: 'UKR' };
const KREMLIN: ActorRef = { id: 'rus-kremlin', name: 'the Kremlin', iso3: 'RUS', kind: 'government', cameo: 'RUSGOV' };
const FIDAN: ActorRef = { id: 'hakan-fidan', name: 'Hakan Fidan', iso3: 'TUR', kind: 'person', cameo: 'TURGOV' };
const ERDOGAN: ActorRef = { id: 'recep-tayyip-erdogan', name: 'Recep Tayyip Erdogan', iso3: 'TUR', kind: 'person', cameo: 'TURGOV' };
const ARAQCHI: ActorRef = { id: 'abbas-araqchi', name: 'Abbas Araqchi', iso3: 'IRN', kind: 'person', cameo: 'IRNGOV' };
const SHAIBANI: ActorRef = { id: 'asaad-al-shaibani', name: 'Asaad al-Shaibani', iso3: 'SYR', kind: 'person', cameo: 'SYRGOV' };
const IRN: ActorRef = { id: 'IRN', name: 'Iran', iso3: 'IRN', kind: 'country', cameo: 'IRN' };
const TUR: ActorRef = { id: 'TUR', name: 'Turkey', iso3: 'TUR', kind: 'country', cameo: 'TUR' };

const KHARKIV = { name: 'Kharkiv', lat: 49.98, lon: 36.25, iso3: 'UKR', geonamesId: 706483, featureType: 'city' };
const ODESA = { name: 'Odesa', lat: 46.48, lon: 30.73, iso3: 'UKR', geonamesId: 698740, featureType: 'city' };
const ANKARA = { name: 'Ankara', lat: 39.92, lon: 32.85, iso3: 'TUR', geonamesId: 323786, featureType: 'city' };
const UKRAINE = { name: 'Ukraine', lat: 49, lon: 32, iso3: 'UKR', geonamesId: 690791, featureType: 'country' };
// Chuhuiv is 35 km from Kharkiv; Balakliia 44 km from Chuhuiv but 72 km from Kharkiv.
const CHUHUIV = { name: 'Chuhuiv', lat: 49.84, lon: 36.69, iso3: 'UKR', geonamesId: 711416, featureType: 'city' };
const BALAKLIIA = { name: 'Balakliia', lat: 49.46, lon: 36.86, iso3: 'UKR', geonamesId: 712933, featureType: 'city' };

interface R {
  type?: string;
  source: ActorRef[];
  target?: ActorRef[];
  from: string;
  to?: string;
  place?: EventRecord['place'];
  modality?: Modality;
  figures?: Pick<Figure, 'kind' | 'value'>[];
  by?: string;
}

function event(r: R, i = 1): EventRecord {
  return {
    id: `e${i}`, type: r.type ?? 'ASSAULT', mode: null, context: null, cameo: null, acled: null, modality: r.modality ?? 'asserted',
    historical: false, source: r.source, target: r.target ?? [],
    date: { from: r.from, to: r.to ?? r.from, precision: 'day', basis: 'own' }, place: r.place ?? null,
    attribution: r.by ? [{ name: r.by, entityId: null, via: [] }] : [],
    figures: (r.figures ?? []).map((f) => ({
      ...f, text: String(f.value), start: 0, end: 1, min: f.value, max: f.value, approximate: false, asOf: null,
      attribution: r.by ?? null, attributionEntityId: null, placeName: null, sentence: 0,
    })),
    evidence: [{ start: 0, end: 10, text: 'evidence..', sentence: 0 }], trigger: { text: 'x', pattern: 'x', start: 0, end: 1 }, confidence: 0.8,
  };
}

/** Filler sentences that differ between articles, so that articles not meant as copies are different stories. */
const WORDS = 'officials residents reporters analysts witnesses rescuers doctors engineers farmers teachers volunteers drivers'.split(' ');
function body(seed: number, sentences = 8): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const w = (k: number) => WORDS[(seed * 7 + i * 3 + k * 5) % WORDS.length];
    out.push(`In account ${seed} part ${i}, ${w(0)} told ${w(1)} that ${w(2)} and ${w(3)} had seen item ${seed * 100 + i}.`);
  }
  return out.join(' ');
}

function article(url: string, published: string, text: string, title = 'A report'): Article {
  const a = textArticle(text, published, title);
  a.url = url;
  a.source = new URL(url).host;
  a.contentHash = contentHash(a.text);
  return a;
}

const analysis = (...events: EventRecord[]): Analysis => ({
  pipelineVersion: 'test', entities: [], mentions: [], places: [], times: [], figures: [], messages: [],
  events: events.map((e, i) => ({ ...e, id: `e${i + 1}` })),
});

// ------------------------------------------------------------------ pure rules

describe('when two reports are one event', () => {
  const merged = (r: R) => ({ ...event(r), date: event(r).date });

  test('a state, its government and its office-holders are one party; two people of one state are not', () => {
    assert.ok(sameParty(RUS, KREMLIN));
    assert.ok(sameParty(TUR, FIDAN));
    assert.ok(!sameParty(FIDAN, ERDOGAN));
    assert.ok(!sameParty(RUS, UKR));
  });

  test('dates a day apart agree; a week apart do not', () => {
    const a = event({ source: [RUS], target: [UKR], from: '2025-03-14', place: KHARKIV });
    assert.ok(fit(a, merged({ source: [RUS], target: [UKR], from: '2025-03-15', place: KHARKIV })) !== null);
    assert.equal(fit(a, merged({ source: [RUS], target: [UKR], from: '2025-03-21', place: KHARKIV })), null);
  });

  test('different specific places do not merge; a country contains its cities', () => {
    const a = event({ source: [RUS], target: [UKR], from: '2025-03-14', place: KHARKIV });
    assert.equal(fit(a, merged({ source: [RUS], target: [UKR], from: '2025-03-14', place: ODESA })), null);
    assert.ok(fit(a, merged({ source: [RUS], target: [UKR], from: '2025-03-14', place: UKRAINE })) !== null);
    assert.ok(fit(a, merged({ source: [RUS], target: [UKR], from: '2025-03-14' })) !== null);
  });

  test('a report more than 50 km from any known place of the merged event is another event, whatever place its summary shows', () => {
    const far = event({ source: [RUS], target: [UKR], from: '2025-03-14', place: BALAKLIIA });
    const m = { ...merged({ source: [RUS], target: [UKR], from: '2025-03-14', place: CHUHUIV }), places: [KHARKIV, CHUHUIV] };
    assert.equal(fit(far, m), null);
    assert.ok(fit(far, { ...m, places: [CHUHUIV] }) !== null, 'within 50 km of every place it merges');
    assert.ok(fit(event({ source: [RUS], target: [UKR], from: '2025-03-14', place: UKRAINE }), m) !== null, 'a country holds both');
  });

  test('a meeting with another counterpart is another meeting; swapped sides of a meeting are the same', () => {
    const met = event({ type: 'CONSULT', source: [FIDAN], target: [ARAQCHI], from: '2025-03-04', place: ANKARA });
    assert.equal(fit(met, merged({ type: 'CONSULT', source: [FIDAN], target: [SHAIBANI], from: '2025-03-04', place: ANKARA })), null);
    assert.ok(fit(met, merged({ type: 'CONSULT', source: [ARAQCHI], target: [FIDAN], from: '2025-03-04' })) !== null);
    assert.ok(fit(met, merged({ type: 'CONSULT', source: [IRN, TUR], from: '2025-03-04' })) !== null);
  });

  test('another type, or an opposite direction of an attack, is another event', () => {
    const a = event({ source: [RUS], target: [UKR], from: '2025-03-14' });
    assert.equal(fit(a, merged({ type: 'PROTEST', source: [RUS], target: [UKR], from: '2025-03-14' })), null);
    assert.equal(fit(a, merged({ source: [UKR], target: [RUS], from: '2025-03-14' })), null);
  });

  test('vague dates (a month, a year) and events without actors are never merged', () => {
    assert.ok(!mergeable(event({ source: [RUS], from: '2025-03-01', to: '2025-03-31' })));
    assert.ok(!mergeable(event({ source: [], from: '2025-03-01' })));
    assert.ok(mergeable(event({ source: [RUS], from: '2025-03-10', to: '2025-03-16' })));
  });
});

describe('the summary of a merged event', () => {
  const info = (r: R, id: string, published: string, outlet: string) => ({ id, articleId: Number(id.split('-')[0]), record: event(r), published, outlet });

  test('modality is tracked over time and a reprinted plan does not undo an assertion', () => {
    let s = addReport(null, info({ type: 'CONSULT', source: [FIDAN], target: [ARAQCHI], from: '2025-03-11', modality: 'possible' }, '1-e1', '2025-03-03', 'a.example'), 'm1');
    s = addReport(s, info({ type: 'CONSULT', source: [FIDAN], target: [ARAQCHI], from: '2025-03-11', modality: 'planned' }, '2-e1', '2025-03-07', 'b.example'), 'm1');
    assert.equal(s.modality, 'planned');
    s = addReport(s, info({ type: 'CONSULT', source: [FIDAN], target: [ARAQCHI], from: '2025-03-11', modality: 'asserted' }, '3-e1', '2025-03-11', 'c.example'), 'm1');
    s = addReport(s, info({ type: 'CONSULT', source: [FIDAN], target: [ARAQCHI], from: '2025-03-11', modality: 'planned' }, '4-e1', '2025-03-12', 'd.example'), 'm1');
    assert.equal(s.modality, 'asserted');
    assert.deepEqual(s.modalityHistory.map((h) => [h.modality, h.first, h.reports]), [['possible', '2025-03-03', 1], ['planned', '2025-03-07', 2], ['asserted', '2025-03-11', 1]]);
    s = addReport(s, info({ type: 'CONSULT', source: [FIDAN], target: [ARAQCHI], from: '2025-03-11', modality: 'denied' }, '5-e1', '2025-03-13', 'e.example'), 'm1');
    assert.equal(s.modality, 'denied');
  });

  test('two death tolls stay side by side with their sources, never averaged', () => {
    let s = addReport(null, info({ source: [RUS], from: '2025-03-14', figures: [{ kind: 'killed', value: 12 }], by: 'the regional governor' }, '1-e1', '2025-03-14', 'a.example'), 'm1');
    s = addReport(s, info({ source: [RUS], from: '2025-03-14', figures: [{ kind: 'killed', value: 15 }], by: 'the health ministry' }, '2-e1', '2025-03-15', 'b.example'), 'm1');
    s = addReport(s, info({ source: [RUS], from: '2025-03-14', figures: [{ kind: 'killed', value: 12 }], by: 'the regional governor' }, '3-e1', '2025-03-15', 'c.example'), 'm1');
    assert.equal(s.figures.length, 1);
    const t = s.figures[0];
    assert.deepEqual([t.kind, t.min, t.max, t.conflict], ['killed', 12, 15, true]);
    assert.deepEqual(t.claims.map((c) => [c.value, c.attribution, c.reports, c.outlets]),
      [[12, 'the regional governor', 2, ['a.example', 'c.example']], [15, 'the health ministry', 1, ['b.example']]]);
  });

  test('tolls counted in two places are two figure tables, not sources disagreeing', () => {
    const placed = (r: R, place: string) => ({ ...event(r), figures: event(r).figures.map((f) => ({ ...f, placeName: place })) });
    const at = (r: R, place: string, id: string, published: string, outlet: string) => ({ id, articleId: Number(id.split('-')[0]), record: placed(r, place), published, outlet });
    let s = addReport(null, at({ source: [RUS], from: '2025-03-14', figures: [{ kind: 'killed', value: 470 }] }, 'Lebanon', '1-e1', '2025-03-14', 'a.example'), 'm1');
    s = addReport(s, at({ source: [RUS], from: '2025-03-14', figures: [{ kind: 'killed', value: 25 }] }, 'Israel', '1-e1b', '2025-03-14', 'a.example'), 'm1');
    s = addReport(s, at({ source: [RUS], from: '2025-03-14', figures: [{ kind: 'killed', value: 30 }] }, 'Israel', '2-e1', '2025-03-15', 'b.example'), 'm1');
    assert.deepEqual(s.figures.map((t) => [t.kind, t.place, t.min, t.max, t.conflict]), [['killed', 'Lebanon', 470, 470, false], ['killed', 'Israel', 25, 30, true]]);
  });

  test('participants of a meeting reported with the sides swapped are listed once', () => {
    let s = addReport(null, info({ type: 'CONSULT', source: [FIDAN], target: [ARAQCHI], from: '2025-03-04' }, '1-e1', '2025-03-04', 'a.example'), 'm1');
    s = addReport(s, info({ type: 'CONSULT', source: [ARAQCHI], target: [FIDAN, TUR], from: '2025-03-04' }, '2-e1', '2025-03-04', 'b.example'), 'm1');
    assert.deepEqual([s.source.map((a) => a.id), s.target.map((a) => a.id)], [[FIDAN.id], [ARAQCHI.id, TUR.id]]);
    // an attack's sides are not interchangeable
    let a = addReport(null, info({ source: [RUS], target: [UKR], from: '2025-03-04' }, '1-e2', '2025-03-04', 'a.example'), 'm2');
    a = addReport(a, info({ source: [UKR], target: [RUS], from: '2025-03-04' }, '2-e2', '2025-03-04', 'b.example'), 'm2');
    assert.deepEqual([a.source.map((x) => x.id), a.target.map((x) => x.id)], [['RUS', 'UKR'], ['UKR', 'RUS']]);
  });

  test('the date most reports give wins; the most specific place wins', () => {
    let s = addReport(null, info({ source: [RUS], from: '2025-03-15', place: UKRAINE }, '1-e1', '2025-03-15', 'a.example'), 'm1');
    s = addReport(s, info({ source: [RUS], from: '2025-03-14', place: KHARKIV }, '2-e1', '2025-03-15', 'b.example'), 'm1');
    s = addReport(s, info({ source: [RUS], from: '2025-03-14' }, '3-e1', '2025-03-16', 'c.example'), 'm1');
    assert.equal(s.date?.from, '2025-03-14');
    assert.equal(s.place?.name, 'Kharkiv');
  });
});

describe('stories', () => {
  test('a trimmed copy with its own headline and caption is the same story; another account is not', () => {
    const text = body(1, 12);
    const a = article('https://one.example/a', '2025-03-14', text);
    const trimmed = article('https://two.example/b', '2025-03-14', text.split('. ').slice(0, 10).join('. ') + '.');
    const other = article('https://three.example/c', '2025-03-14', body(2, 12));
    const [sa, sb, sc] = [a, trimmed, other].map((x) => signature(storyText(x))!);
    assert.ok(similarity(sa, sb) >= 0.5, `copy: ${similarity(sa, sb)}`);
    assert.ok(similarity(sa, sc) < 0.2, `other: ${similarity(sa, sc)}`);
  });
});

// ------------------------------------------------------------------ the store contract, on both backends

interface Backend {
  fresh(): Promise<string>;
  open(location: string, merge?: boolean): Promise<Store>;
}

function mergeSuite(backend: Backend): void {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
  });
  const open = async (merge = true) => {
    const s = await backend.open(await backend.fresh(), merge);
    opened.push(s);
    return s;
  };

  /** Three outlets on one strike (dates a day apart, two death tolls), and the same attacker on the same city a week later. */
  const strikes = (): [Article, Analysis][] => [
    [article('https://northwire.example/1', '2025-03-14', body(10)),
      analysis(event({ source: [RUS], target: [UKR], from: '2025-03-14', place: KHARKIV, figures: [{ kind: 'killed', value: 12 }], by: 'the regional governor' }))],
    [article('https://daily-ledger.example/2', '2025-03-15', body(11)),
      analysis(event({ source: [KREMLIN], target: [UKR], from: '2025-03-13', place: KHARKIV, figures: [{ kind: 'killed', value: 15 }], by: 'the health ministry' }))],
    [article('https://eastern-post.example/3', '2025-03-15', body(12)),
      analysis(event({ source: [RUS], from: '2025-03-14', place: UKRAINE }))],
    [article('https://northwire.example/4', '2025-03-21', body(13)),
      analysis(event({ source: [RUS], target: [UKR], from: '2025-03-21', place: KHARKIV, figures: [{ kind: 'killed', value: 3 }] }))],
  ];

  test('reports of one strike from several outlets merge; the same attacker a week later is another event', async () => {
    const s = await open();
    for (const [a, an] of strikes()) await s.putArticle(a, an);
    const list = await s.listMerged({ order: 'asc' });
    assert.equal(list.length, 2);
    const [first, later] = list;
    assert.equal(first.counts.reports, 3);
    assert.deepEqual(first.counts, { reports: 3, articles: 3, stories: 3, outlets: 3 });
    assert.equal(first.place?.name, 'Kharkiv');
    assert.equal(first.figures[0].conflict, true);
    assert.deepEqual(first.figures[0].claims.map((c) => [c.value, c.attribution]), [[12, 'the regional governor'], [15, 'the health ministry']]);
    assert.equal(later.counts.reports, 1);
    assert.equal(later.date?.from, '2025-03-21');
    const detail = await s.getMerged(first.id);
    assert.deepEqual(detail!.reports.map((r) => r.articleSource), ['northwire.example', 'daily-ledger.example', 'eastern-post.example']);
    assert.ok(detail!.reports.every((r) => r.mergedId === first.id));
    // the per-article view is unchanged: four reports
    assert.equal((await s.listEvents({ limit: -1 })).length, 4);
    assert.equal(await s.countMerged({ minSources: 2 }), 1);
    assert.equal(await s.countMerged({ country: 'UKR', type: 'ASSAULT' }), 2);
  });

  test('a report within 50 km of the summary place but farther from the place of another report starts its own event', async () => {
    const s = await open();
    const at = (n: number, place: EventRecord['place']) =>
      [article(`https://outlet${n}.example/${n}`, '2025-03-14', body(40 + n)), analysis(event({ source: [RUS], target: [UKR], from: '2025-03-14', place }))] as const;
    for (const [a, an] of [at(1, KHARKIV), at(2, CHUHUIV), at(3, CHUHUIV), at(4, BALAKLIIA)]) await s.putArticle(a, an);
    const list = await s.listMerged({ order: 'asc' });
    assert.deepEqual(list.map((m) => m.counts.reports).sort(), [1, 3]);
  });

  test('the event view and the API say why reports were merged: actors, dates and place', async () => {
    const s = await open();
    for (const [a, an] of strikes()) await s.putArticle(a, an);
    const first = (await s.listMerged({ order: 'asc' }))[0];
    const detail = (await s.getMerged(first.id))!;
    const text = renderMerged(detail);
    assert.match(text, /merged because actors agree: Russia, Ukraine; dates: 2025-03-14, as another report; place: Kharkiv, as another report/);
    assert.match(text, /merged because actors agree: the Kremlin, Ukraine; dates: 2025-03-13, 1 day from the nearest report's; place: Kharkiv, as another report/);
    assert.match(text, /merged because actors agree: Russia; dates: 2025-03-14, as another report; place: Ukraine and Kharkiv are in one country or region/);
    const app = buildServer({ store: s });
    try {
      const res = await app.inject({ url: `/api/merged-events/${first.id}` });
      const body = res.json();
      assert.deepEqual(body.reports.map((r: any) => r.why.actors), [['Russia', 'Ukraine'], ['the Kremlin', 'Ukraine'], ['Russia']]);
      assert.ok(body.reports.every((r: any) => r.why.dates && r.why.place));
    } finally {
      await app.close();
    }
  });

  test('a meeting first possible, then planned, then held is one event with that history', async () => {
    const s = await open();
    const m = (modality: Modality, seed: number, published: string, url: string, extra: EventRecord[] = []) =>
      s.putArticle(article(url, published, body(seed)), analysis(event({ type: 'CONSULT', source: [FIDAN], target: [ARAQCHI], from: '2025-03-11', place: ANKARA, modality }), ...extra));
    await m('possible', 20, '2025-03-03', 'https://agency.example/a');
    // the same day, Fidan also meets Syria's foreign minister: another meeting
    await m('planned', 21, '2025-03-07', 'https://gazette.example/b', [event({ type: 'CONSULT', source: [FIDAN], target: [SHAIBANI], from: '2025-03-11', place: ANKARA }, 2)]);
    await m('asserted', 22, '2025-03-11', 'https://herald.example/c');
    const list = await s.listMerged({ order: 'asc' });
    assert.equal(list.length, 2);
    const talks = list.find((x) => x.counts.reports === 3)!;
    assert.equal(talks.modality, 'asserted');
    assert.deepEqual(talks.modalityHistory.map((h) => [h.modality, h.first]), [['possible', '2025-03-03'], ['planned', '2025-03-07'], ['asserted', '2025-03-11']]);
    assert.ok(list.some((x) => x.counts.reports === 1 && x.target.some((a) => a.id === SHAIBANI.id)));
  });

  test('wire copies count as one story: an exact copy elsewhere is a recorded copy, an edited one joins the story', async () => {
    const s = await open();
    const wire = body(30, 14);
    const ev = () => analysis(event({ source: [RUS], target: [UKR], from: '2025-03-14', place: ODESA }));
    const first = await s.putArticle(article('https://site-a.example/w', '2025-03-14', wire), ev());
    const exact = await s.putArticle(article('https://site-b.example/w', '2025-03-14', wire), ev());
    assert.deepEqual([exact.status, exact.id, exact.copy], ['duplicate', first.id, true]);
    const edited = await s.putArticle(article('https://site-c.example/w', '2025-03-14', wire.split('. ').slice(0, 12).join('. ') + '. Related: another story.'), ev());
    assert.equal(edited.status, 'new');
    const own = await s.putArticle(article('https://independent.example/x', '2025-03-15', body(31, 14)), ev());
    const [m] = await s.listMerged();
    assert.deepEqual(m.counts, { reports: 3, articles: 3, stories: 2, outlets: 4 });
    const stories = await Promise.all([first.id, edited.id, own.id].map(async (id) => (await s.getArticle(id))!.storyId));
    assert.deepEqual(stories, [first.id, first.id, own.id]);
    assert.deepEqual((await s.getArticle(first.id))!.copies.map((c) => c.url), ['https://site-b.example/w']);
    // seeing the same copy again changes nothing
    await s.putArticle(article('https://site-b.example/w', '2025-03-14', wire), ev());
    assert.deepEqual((await s.listMerged())[0].counts, m.counts);
  });

  test('ingesting everything again changes nothing, and a rebuild gives the same merged events', async () => {
    const s = await open();
    for (const [a, an] of strikes()) await s.putArticle(a, an);
    const before = await s.listMerged({ order: 'asc' });
    for (const [a, an] of strikes()) assert.equal((await s.putArticle(a, an)).status, 'duplicate');
    assert.deepEqual(await s.listMerged({ order: 'asc' }), before);
    await s.rebuildMerged();
    assert.deepEqual(await s.listMerged({ order: 'asc' }), before);
  });

  test('stored with merging off, then caught up, gives what merging on the way in gives', async () => {
    const off = await open(false);
    for (const [a, an] of strikes()) await off.putArticle(a, an);
    assert.equal(await off.countMerged(), 0);
    assert.ok((await off.listEvents()).every((e) => e.mergedId === null));
    assert.equal(await off.mergePending(), 4);
    const on = await open(true);
    for (const [a, an] of strikes()) await on.putArticle(a, an);
    assert.deepEqual(await off.listMerged({ order: 'asc' }), await on.listMerged({ order: 'asc' }));
  });

  test('a wrong merge is split, stays split when more reports arrive, and survives a rebuild', async () => {
    const s = await open();
    for (const [a, an] of strikes().slice(0, 3)) await s.putArticle(a, an);
    const [m] = await s.listMerged();
    const detail = (await s.getMerged(m.id))!;
    const third = detail.reports.find((r) => r.articleSource === 'eastern-post.example')!.id;
    await assert.rejects(s.splitMerged(m.id, ['999-e1']), SplitError);
    await assert.rejects(s.splitMerged(m.id, detail.reports.map((r) => r.id)), SplitError);
    await assert.rejects(s.splitMerged('m-none', [third]), SplitError);
    const r = await s.splitMerged(m.id, [third]);
    const after = async () => (await s.listMerged({ order: 'asc' })).map((x) => [x.id, x.counts.reports]).sort();
    assert.deepEqual(await after(), [[r.kept, 2], [r.split, 1]].sort());
    // a later report still joins the right one, and the split report never rejoins
    await s.putArticle(article('https://late.example/5', '2025-03-16', body(14)), analysis(event({ source: [RUS], target: [UKR], from: '2025-03-14', place: KHARKIV })));
    assert.deepEqual((await s.getMerged(r.split))!.reports.map((x) => x.id), [third]);
    const snapshot = await after();
    await s.rebuildMerged();
    assert.deepEqual(await after(), snapshot);
  });

  test('a revised article takes its old report out of the merged event', async () => {
    const s = await open();
    for (const [a, an] of strikes().slice(0, 2)) await s.putArticle(a, an);
    assert.equal((await s.listMerged())[0].counts.reports, 2);
    // the second outlet corrects its story: now about Odesa, which is another event
    const revised = article('https://daily-ledger.example/2', '2025-03-15', body(11) + ' Corrected.');
    const put = await s.putArticle(revised, analysis(event({ source: [RUS], target: [UKR], from: '2025-03-13', place: ODESA })));
    assert.equal(put.status, 'revision');
    const list = await s.listMerged({ order: 'asc' });
    assert.deepEqual(list.map((x) => [x.place?.name, x.counts.reports]).sort(), [['Kharkiv', 1], ['Odesa', 1]]);
    assert.deepEqual(list.find((x) => x.place?.name === 'Kharkiv')!.figures[0].claims.map((c) => c.value), [12]);
  });
}

describe('sqlite merge store', () => {
  mergeSuite({
    fresh: async () => join(tempDir(), 'db.sqlite'),
    open: async (path, merge = true) => new SqliteStore(path, { merge }),
  });
});

await describePostgres('postgres merge store', () => {
  let url = '';
  let url2 = '';
  let drops: (() => Promise<void>)[] = [];
  let n = 0;
  before(async () => {
    const a = await tempDatabase();
    const b = await tempDatabase();
    [url, url2] = [a.url, b.url];
    drops = [a.drop, b.drop];
  });
  after(() => Promise.all(drops.map((d) => d())));
  mergeSuite({
    // Two databases, alternately, so that a test may compare two fresh stores.
    fresh: async () => {
      const u = n++ % 2 ? url2 : url;
      await resetDatabase(u);
      return u;
    },
    open: (u, merge = true) => PostgresStore.open(u, { merge }),
  });
});

// ------------------------------------------------------------------ whole articles through the pipeline

/**
 * Sets of articles by several outlets (test/fixtures/merge/, see its README): the reading each
 * event should get is in expected.json, with a group label per real-world event.
 */
describe('articles by several outlets, through the pipeline', async () => {
  const { readFileSync } = await import('node:fs');
  const { knowledge } = await import('../src/knowledge/index.js');
  const { ingest } = await import('../src/ingest.js');
  const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'merge');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
    sets: Record<string, {
      files: Record<string, { group: string; type: string; source: string[]; date: string; figures?: { kind: string; value: number }[] }[]>;
      stories: string[][];
    }>;
  };
  const kb = knowledge();

  for (const [name, set] of Object.entries(expected.sets)) {
    test(`${name}: the same event merges across outlets, different events do not, copies are one story`, async () => {
      const store = new SqliteStore(join(tempDir(), 'db.sqlite'));
      try {
        const files = Object.keys(set.files).sort();
        // one at a time, in file order: a.md is the earliest report
        for (const f of files) await ingest(store, [join(dir, name, f)], { kb });
        const articles = await store.listArticles({ limit: -1 });
        const fileOf = new Map(articles.map((a) => [a.id, files.find((f) => a.url && readFileSync(join(dir, name, f), 'utf8').includes(a.url))!]));
        // each expected event to the stored report with the same file, type, sources and date
        const reports = await store.listEvents({ limit: -1 });
        const groupOf = new Map<string, string>();
        for (const [f, evs] of Object.entries(set.files)) {
          for (const x of evs) {
            const [from, to] = x.date.split('/');
            const r = reports.find((e) => fileOf.get(e.articleId) === f && e.type === x.type && !groupOf.has(e.id) &&
              e.date?.from === from && e.date?.to === (to ?? from) && x.source.every((id) => e.source.some((a) => a.id === id)));
            assert.ok(r, `${name}/${f}: no stored ${x.type} ${x.source} ${x.date}`);
            groupOf.set(r.id, x.group);
          }
        }
        const labelled = reports.filter((r) => groupOf.has(r.id));
        for (const a of labelled) {
          for (const b of labelled) {
            if (a.id >= b.id) continue;
            const same = groupOf.get(a.id) === groupOf.get(b.id);
            if (same && mergeable(a) && mergeable(b)) assert.equal(a.mergedId, b.mergedId, `${a.id} and ${b.id} are both ${groupOf.get(a.id)}`);
            if (!same) assert.notEqual(a.mergedId, b.mergedId, `${a.id} (${groupOf.get(a.id)}) and ${b.id} (${groupOf.get(b.id)}) merged`);
          }
        }
        // stories: files listed together share a story, others do not
        const storyOf = new Map(articles.map((a) => [fileOf.get(a.id)!, a.storyId]));
        for (const group of set.stories) {
          for (const f of group) assert.equal(storyOf.get(f), storyOf.get(group[0]), `${name}/${f} is in the story of ${group[0]}`);
          for (const other of set.stories) if (other !== group) assert.notEqual(storyOf.get(other[0]), storyOf.get(group[0]));
        }
        // each merged event counts its independent stories and its outlets
        const mergedList = await store.listMerged({ limit: -1 });
        for (const m of mergedList) {
          const detail = (await store.getMerged(m.id))!;
          assert.equal(m.counts.stories, new Set(detail.reports.map((r) => r.storyId)).size, m.id);
          assert.equal(m.counts.outlets, new Set(detail.reports.map((r) => r.articleSource)).size, m.id);
        }
        // numbers that differ between the reports of one event stay side by side, flagged
        const groups = new Map<string, Map<string, Set<number>>>();
        for (const evs of Object.values(set.files)) {
          for (const x of evs) {
            for (const f of x.figures ?? []) {
              const kinds = groups.get(x.group) ?? new Map<string, Set<number>>();
              kinds.set(f.kind, (kinds.get(f.kind) ?? new Set()).add(f.value));
              groups.set(x.group, kinds);
            }
          }
        }
        for (const [group, kinds] of groups) {
          const report = labelled.find((r) => groupOf.get(r.id) === group && mergeable(r))!;
          const m = mergedList.find((x) => x.id === report.mergedId)!;
          for (const [kind, values] of kinds) {
            const table = m.figures.find((t) => t.kind === kind);
            assert.ok(table, `${group}: no ${kind} figures`);
            for (const v of values) assert.ok(table.claims.some((c) => c.value === v), `${group}: ${kind} ${v} missing`);
            assert.equal(table.conflict, values.size > 1, `${group}: ${kind} conflict`);
          }
        }
        // ingesting the same articles again changes nothing
        for (const f of files) await ingest(store, [join(dir, name, f)], { kb });
        assert.deepEqual(await store.listMerged({ limit: -1 }), mergedList);
      } finally {
        await store.close();
      }
    });
  }
});
