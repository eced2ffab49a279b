// An analyst's review (src/review/corrections.ts): the same tests on SQLite and PostgreSQL.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.js';
import { PostgresStore } from '../src/store/postgres.js';
import { textArticle } from '../src/pipeline/doc.js';
import { contentHash } from '../src/read/index.js';
import type { ActorRef, Article, EventRecord } from '../src/model/types.js';
import type { Analysis, Store } from '../src/store/store.js';
import { ReviewError } from '../src/review/corrections.js';
import { NewCorrectionSchema } from '../src/model/schema.js';
import { tempDir } from './helpers/tmp.js';
import { describePostgres, resetDatabase, tempDatabase } from './helpers/pg.js';

const RUS: ActorRef = { id: 'RUS', name: 'Russia', iso3: 'RUS' };
const UKR: ActorRef = { id: 'UKR', name: 'Ukraine', iso3: 'UKR' };
const BLR: ActorRef = { id: 'BLR', name: 'Belarus', iso3: 'BLR' };
const KHARKIV = { name: 'Kharkiv', lat: 49.98, lon: 36.25, iso3: 'UKR', geonamesId: 706483, featureType: 'city' };

function strike(evidence: string, confidence = 0.8, from = '2025-03-14'): EventRecord {
  return {
    id: 'e1', type: 'ASSAULT', mode: 'aerial', context: null, cameo: '195', acled: { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike' },
    modality: 'asserted', historical: false, source: [RUS], target: [UKR],
    date: { from, to: from, precision: 'day', basis: 'own' }, place: KHARKIV, attribution: [], figures: [],
    evidence: [{ start: 0, end: evidence.length, text: evidence, sentence: 0 }], trigger: { text: 'struck', pattern: 'strike', start: 0, end: 6 },
    confidence,
  };
}

/** Different texts (so different stories) with the strike sentence first. */
function article(url: string, published: string, sentence: string, seed: number): Article {
  const filler = Array.from({ length: 6 }, (_, i) => `Witness ${seed} number ${i} described item ${seed * 10 + i} to reporters ${seed}.`).join(' ');
  const a = textArticle(`${sentence} ${filler}`, published, 'A report');
  return { ...a, url, source: new URL(url).host, contentHash: contentHash(a.text) };
}

const analysis = (...events: EventRecord[]): Analysis => ({
  pipelineVersion: 'test', entities: [], mentions: [], places: [], times: [], figures: [], messages: [],
  events: events.map((e, i) => ({ ...e, id: `e${i + 1}` })),
});

const S1 = 'Russian missiles struck Kharkiv overnight.';
const S2 = 'Missiles hit Kharkiv on Friday, officials said.';

interface Backend { fresh(): Promise<string>; open(location: string): Promise<Store> }

function reviewSuite(backend: Backend): void {
  const opened: Store[] = [];
  afterEach(async () => { await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {}))); });
  const open = async () => {
    const s = await backend.open(await backend.fresh());
    opened.push(s);
    return s;
  };
  /** Two outlets on one strike (one merged event) and a less certain report of another. */
  const seed = async (s: Store) => {
    await s.putArticle(article('https://north.example/1', '2025-03-14', S1, 1), analysis(strike(S1, 0.9)));
    await s.putArticle(article('https://ledger.example/2', '2025-03-15', S2, 2), analysis(strike(S2, 0.7)));
    await s.putArticle(article('https://post.example/3', '2025-04-02', 'Shelling was reported.', 3),
      analysis({ ...strike('Shelling was reported.', 0.4, '2025-04-01'), place: null }));
  };

  test("a report's corrected source shows in lists, filters, its merged event and the record; the analysis's value is kept", async () => {
    const s = await open();
    await seed(s);
    const c = await s.addCorrection({ event: '2-e1', field: 'source', value: [BLR] }, 'analyst-1');
    assert.equal(c.who, 'analyst-1');
    assert.match(c.createdAt, /^\d{4}-\d{2}-\d{2}T/);
    const [r] = (await s.listEvents({ limit: -1 })).filter((e) => e.id === '2-e1');
    assert.deepEqual(r.source.map((a) => a.id), ['BLR']);
    assert.deepEqual(r.review?.corrected, ['source']);
    assert.deepEqual(r.review?.original.source?.map((a) => a.id), ['RUS']);
    assert.equal(r.review?.by, 'analyst-1');
    // filters read the corrected actors
    assert.deepEqual((await s.listEvents({ country: 'BLR' })).map((e) => e.id), ['2-e1']);
    // the merged event is summarised again from its corrected report
    const m = (await s.listMerged({ country: 'BLR' }))[0];
    assert.ok(m.source.some((a) => a.id === 'BLR'));
    assert.deepEqual((await s.listCorrections('2-e1')).map((x) => [x.field, x.value, x.who]), [['source', [BLR], 'analyst-1']]);
    // the aggregates' lean rows (timeline, network, map) read the corrected record too
    const lean = await s.listForAggregates({ order: 'asc', limit: -1 }, false);
    assert.deepEqual(lean.map((e) => [e.id, e.source.map((a) => a.id)]), [['1-e1', ['RUS']], ['2-e1', ['BLR']], ['3-e1', ['RUS']]]);
    assert.deepEqual(Object.keys(lean[0]).sort(), ['date', 'id', 'place', 'source', 'target', 'type']);
    assert.equal(lean[0].place?.name, 'Kharkiv');
    const leanMerged = await s.listForAggregates({ country: 'BLR', limit: -1 }, true);
    assert.deepEqual(leanMerged.map((e) => e.id), [m.id]);
  });

  test('a corrected type clears the codes derived from the old one; the latest decision on a field wins', async () => {
    const s = await open();
    await seed(s);
    await s.addCorrection({ event: '3-e1', field: 'type', value: 'COERCE' }, null);
    let [e] = await s.listEvents({ type: 'COERCE' });
    assert.equal(e.id, '3-e1');
    assert.deepEqual([e.mode, e.cameo, e.acled], [null, null, null]);
    await s.addCorrection({ event: '3-e1', field: 'type', value: 'ASSAULT' }, null);
    [e] = (await s.listEvents({ limit: -1 })).filter((x) => x.id === '3-e1');
    assert.deepEqual([e.type, e.mode, e.cameo], ['ASSAULT', 'aerial', '195']);
    await s.addCorrection({ event: '3-e1', field: 'date', value: { from: '2025-03-30', to: '2025-03-31' } }, null);
    await s.addCorrection({ event: '3-e1', field: 'place', value: { name: 'Sumy', lat: 50.9, lon: 34.8, iso3: 'UKR', featureType: 'city' } }, null);
    [e] = await s.listEvents({ place: 'Sumy', until: '2025-03-30' });
    assert.deepEqual([e.id, e.date?.from, e.date?.to, e.place?.lat], ['3-e1', '2025-03-30', '2025-03-31', 50.9]);
    assert.equal((await s.listEvents({ bbox: { minLon: 34, minLat: 50, maxLon: 35, maxLat: 51 } }))[0].id, '3-e1');
  });

  test('confirmed and rejected merged events: review filters, and a queue of unreviewed events by lowest confidence', async () => {
    const s = await open();
    await seed(s);
    const merged = await s.listMerged({ order: 'asc' });
    assert.equal(merged.length, 2);
    const [strikeM, shelling] = merged;
    assert.deepEqual((await s.listMerged({ review: 'unreviewed', byConfidence: true })).map((m) => m.id), [shelling.id, strikeM.id]);
    await s.addCorrection({ event: strikeM.id, field: 'status', value: 'confirmed' }, 'a');
    await s.addCorrection({ event: shelling.id, field: 'status', value: 'rejected', note: 'not an attack' }, 'b');
    assert.deepEqual((await s.listMerged({ review: 'confirmed' })).map((m) => m.id), [strikeM.id]);
    assert.deepEqual((await s.listMerged({ review: 'rejected' })).map((m) => m.id), [shelling.id]);
    assert.deepEqual((await s.listMerged({ review: 'notrejected' })).map((m) => m.id), [strikeM.id]);
    assert.deepEqual(await s.listMerged({ review: 'unreviewed' }), []);
    assert.equal(await s.countMerged({ review: 'confirmed' }), 1);
    const m = await s.getMerged(shelling.id);
    assert.equal(m?.review?.status, 'rejected');
    assert.equal((await s.listCorrections(shelling.id))[0].note, 'not an attack');
    // a report without a status of its own has its merged event's; its own, when it has one, wins
    assert.deepEqual((await s.listEvents({ review: 'rejected' })).map((e) => e.id), ['3-e1']);
    assert.deepEqual((await s.listEvents({ review: 'confirmed', order: 'asc' })).map((e) => e.id), ['1-e1', '2-e1']);
    await s.addCorrection({ event: '2-e1', field: 'status', value: 'rejected' }, 'c');
    assert.deepEqual((await s.listEvents({ review: 'confirmed' })).map((e) => e.id), ['1-e1']);
    assert.deepEqual((await s.listEvents({ review: 'notrejected' })).map((e) => e.id), ['1-e1']);
    assert.equal(await s.countEvents({ review: 'unreviewed' }), 0);
    // a new report joining the confirmed event leaves it confirmed
    await s.putArticle(article('https://late.example/4', '2025-03-16', 'Kharkiv was hit again.', 4), analysis(strike('Kharkiv was hit again.')));
    const after = await s.getMerged(strikeM.id);
    assert.equal(after?.counts.reports, 3);
    assert.equal(after?.review?.status, 'confirmed');
  });

  test('corrections survive merge --rebuild and a split', async () => {
    const s = await open();
    await seed(s);
    const [strikeM] = await s.listMerged({ order: 'asc' });
    await s.addCorrection({ event: strikeM.id, field: 'type', value: 'COERCE' }, 'a');
    await s.addCorrection({ event: strikeM.id, field: 'status', value: 'confirmed' }, 'a');
    await s.addCorrection({ event: '1-e1', field: 'target', value: [UKR, BLR] }, 'a');
    const before = await s.listMerged({ review: 'confirmed' });
    assert.deepEqual(before.map((m) => [m.id, m.type]), [[strikeM.id, 'COERCE']]);
    await s.rebuildMerged();
    const after = await s.listMerged({ review: 'confirmed' });
    assert.deepEqual(after.map((m) => [m.id, m.type, m.counts.reports]), [[strikeM.id, 'COERCE', 2]]);
    assert.ok(after[0].target.some((a) => a.id === 'BLR'));
    // merging still reads what the reports say: a new ASSAULT report joins the corrected event
    await s.putArticle(article('https://late.example/4', '2025-03-16', 'Kharkiv was hit again.', 4), analysis(strike('Kharkiv was hit again.')));
    assert.equal((await s.getMerged(strikeM.id))?.counts.reports, 3);
    // splitting the first report off: the corrections follow the event that keeps most of its reports
    await s.splitMerged(strikeM.id, ['1-e1']);
    const kept = await s.listMerged({ review: 'confirmed' });
    assert.equal(kept.length, 1);
    assert.equal(kept[0].type, 'COERCE');
    assert.equal(kept[0].counts.reports, 2);
    assert.ok(!kept[0].id.startsWith('m1-'));
  });

  test('a report correction survives re-analysis of its article: the revision\'s report with the same evidence takes it over', async () => {
    const s = await open();
    await seed(s);
    await s.addCorrection({ event: '2-e1', field: 'status', value: 'rejected' }, 'a');
    await s.addCorrection({ event: '2-e1', field: 'source', value: [BLR] }, 'a');
    // the outlet revises its article; the analysis now finds another event first
    const revised = article('https://ledger.example/2', '2025-03-15', S2 + ' Updated.', 2);
    const other = { ...strike('Another sentence.', 0.5), type: 'PROTEST' };
    const put = await s.putArticle(revised, analysis(other, strike(S2, 0.7)));
    assert.equal(put.status, 'revision');
    const now = (await s.listEvents({ limit: -1 })).filter((e) => e.articleId === put.id);
    const moved = now.find((e) => e.evidence[0].text === S2)!;
    assert.equal(moved.id, `${put.id}-e2`);
    assert.deepEqual([moved.review?.status, moved.source.map((a) => a.id)], ['rejected', ['BLR']]);
    assert.equal(now.find((e) => e.type === 'PROTEST')!.review, undefined);
    assert.deepEqual((await s.listCorrections(moved.id)).map((c) => c.field), ['source', 'status']);
    // and it survives a rebuild too
    await s.rebuildMerged();
    assert.deepEqual((await s.listEvents({ review: 'rejected' })).map((e) => e.id), [moved.id]);
  });

  test('corrections of an unknown event are refused', async () => {
    const s = await open();
    await seed(s);
    await assert.rejects(s.addCorrection({ event: '99-e1', field: 'status', value: 'confirmed' }, null), ReviewError);
    await assert.rejects(s.addCorrection({ event: 'm99-e1', field: 'status', value: 'confirmed' }, null), ReviewError);
    assert.deepEqual(await s.listCorrections(), []);
  });
}

describe('correction values are validated per field', () => {
  test('each field takes its own kind of value, and the error names it', () => {
    const ok = (v: unknown) => NewCorrectionSchema.safeParse(v).success;
    assert.ok(ok({ event: '1-e1', field: 'status', value: 'rejected' }));
    assert.ok(!ok({ event: '1-e1', field: 'status', value: 'maybe' }));
    assert.ok(ok({ event: '1-e1', field: 'type', value: 'PROTEST' }));
    assert.ok(!ok({ event: '1-e1', field: 'type', value: 'PICNIC' }));
    assert.ok(!ok({ event: '1-e1', field: 'date', value: { from: '2025-03-02', to: '2025-03-01' } }));
    const bad = NewCorrectionSchema.safeParse({ event: '1-e1', field: 'source', value: [{ id: 'X' }] });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error!.issues[0].path, ['value', '0', 'name']);
  });
});

describe('sqlite review store', () => {
  reviewSuite({ fresh: async () => join(tempDir(), 'db.sqlite'), open: async (p) => new SqliteStore(p) });
});

await describePostgres('postgres review store', () => {
  let url = '';
  let drop = async () => {};
  before(async () => { ({ url, drop } = await tempDatabase()); });
  after(() => drop());
  reviewSuite({ fresh: async () => { await resetDatabase(url); return url; }, open: (u) => PostgresStore.open(u) });
});
