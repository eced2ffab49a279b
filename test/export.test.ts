import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACLED_COLUMNS, CSV_COLUMNS, GDELT_COLUMNS, NO_ACLED, exportEvents, exportSummary, ploverType, toAcledRow, toGdeltRow } from '../src/export/index.js';
import type { StoredEvent } from '../src/store/store.js';

const ev: StoredEvent = {
  id: '7-e1', type: 'ASSAULT', mode: 'aerial', context: null, cameo: '195', acled: { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike' },
  modality: 'asserted', historical: false,
  source: [{ id: 'RUSMIL', name: 'Russia (military)', iso3: 'RUS', cameo: 'RUSMIL' }],
  target: [{ id: 'UKR', name: 'Ukraine', iso3: 'UKR', cameo: 'UKR' }],
  date: { from: '2024-03-02', to: '2024-03-02', precision: 'day', basis: 'own' },
  place: { name: 'Odesa', lat: 46.48, lon: 30.73, iso3: 'UKR', geonamesId: 698740 },
  attribution: [{ name: 'Ukrainian air force', entityId: null, via: [] }],
  figures: [{ kind: 'killed', value: 12, min: 12, max: 12, approximate: false, asOf: null, attribution: null, attributionEntityId: null, placeName: null, sentence: 1, start: 0, end: 5, text: '12 killed' }],
  evidence: [{ start: 10, end: 60, text: 'Russian drones struck Odesa, killing 12, "the air force said".', sentence: 1 }],
  trigger: { text: 'struck', pattern: 'strike', start: 25, end: 31 }, confidence: 0.8,
  articleId: 7, articleUrl: 'https://example.org/a', articleTitle: 'T', articleSource: 'example.org', published: '2024-03-03', mergedId: null,
};

test('csv has the documented columns and quotes cells with commas and quotes', () => {
  const out = exportEvents([ev], 'csv').trim().split('\n');
  assert.equal(out[0], CSV_COLUMNS.join(','));
  assert.match(out[1], /^7-e1,ASSAULT,aerial,195,asserted,false,2024-03-02,2024-03-02,day,Russia \(military\),RUS,Ukraine,UKR,Odesa,46.48,30.73,UKR/);
  assert.ok(out[1].includes('"Russian drones struck Odesa, killing 12, ""the air force said""."'));
});

test('acled rows carry the event type, actors, location and fatalities', () => {
  const row = toAcledRow(ev);
  const rec = Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, row[i]]));
  assert.equal(rec.event_date, '2024-03-02');
  assert.equal(rec.event_type, 'Explosions/Remote violence');
  assert.equal(rec.sub_event_type, 'Air/drone strike');
  assert.equal(rec.actor1, 'Russia (military)');
  assert.equal(rec.actor2, 'Ukraine');
  assert.equal(rec.location, 'Odesa');
  assert.equal(rec.fatalities, 12);
  assert.equal(rec.time_precision, 1);
});

test('gdelt rows follow the GDELT column order with CAMEO codes', () => {
  const row = toGdeltRow(ev, 1);
  assert.equal(row.length, GDELT_COLUMNS.length);
  const rec = Object.fromEntries(GDELT_COLUMNS.map((c, i) => [c, row[i]]));
  assert.equal(rec.Day, '20240302');
  assert.equal(rec.Actor1Code, 'RUSMIL');
  assert.equal(rec.Actor1Type1Code, 'MIL');
  assert.equal(rec.Actor2CountryCode, 'UKR');
  assert.equal(rec.EventCode, '195');
  assert.equal(rec.EventRootCode, '19');
  assert.equal(rec.QuadClass, '4');
  assert.equal(rec.ActionGeo_FeatureID, '698740');
  assert.equal(rec.SOURCEURL, 'https://example.org/a');
  const tsv = exportEvents([ev], 'gdelt').split('\n');
  assert.equal(tsv[0].split('\t').length, GDELT_COLUMNS.length);
});

test('geojson has one point per placed event, and plover records use actor/recipient', () => {
  const gj = JSON.parse(exportEvents([ev, { ...ev, id: '7-e2', place: null }], 'geojson'));
  assert.equal(gj.type, 'FeatureCollection');
  assert.equal(gj.features.length, 1);
  assert.deepEqual(gj.features[0].geometry.coordinates, [30.73, 46.48]);
  const pl = JSON.parse(exportEvents([ev], 'plover'));
  assert.equal(pl[0].event, 'ASSAULT');
  assert.equal(pl[0].actor[0].code, 'RUS');
  assert.equal(pl[0].recipient[0].actorText, 'Ukraine');
  assert.equal(pl[0].dead, 12);
  const jl = exportEvents([ev, ev], 'jsonl').trim().split('\n');
  assert.equal(jl.length, 2);
});

test('a merged event exports as one row: the lowest death toll reported, its source counts, its earliest report', async () => {
  const { addReport, present } = await import('../src/merge/summary.js');
  const { mergedForExport, exportMerged } = await import('../src/export/index.js');
  const report = (id: string, value: number, published: string, outlet: string, by: string) => ({
    id, articleId: Number(id.split('-')[0]), published, outlet, url: `https://${outlet}/${id}`,
    record: { ...ev, id, figures: [{ ...ev.figures[0], value, min: value, max: value, attribution: by }], attribution: [{ name: by, entityId: null, via: [] }] },
  });
  let s = addReport(null, report('8-e1', 15, '2024-03-03', 'b.example', 'health ministry'), 'm8-e1');
  s = addReport(s, report('7-e1', 12, '2024-03-02', 'a.example', 'air force'), 'm8-e1');
  s.counts = { reports: 2, articles: 2, stories: 2, outlets: 2 };
  const m = present(s);
  const row = mergedForExport(m);
  assert.equal(row.articleUrl, 'https://a.example/7-e1');
  const rec = Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, toAcledRow(row)[i]]));
  assert.equal(rec.fatalities, 12);
  const g = Object.fromEntries(GDELT_COLUMNS.map((c, i) => [c, toGdeltRow(row, 1)[i]]));
  assert.deepEqual([g.NumMentions, g.NumSources, g.NumArticles], ['2', '2', '2']);
  const csv = exportMerged([m], 'csv').trim().split('\n');
  assert.match(csv[1], /,m8-e1,2,2,2$/);
  // json keeps the whole figure table
  assert.deepEqual(JSON.parse(exportMerged([m], 'json'))[0].figures[0].claims.map((c: any) => c.value), [12, 15]);
});

const acled = (e: StoredEvent) => Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, toAcledRow(e)[i]]));
const battle = { eventType: 'Battles', subEventType: 'Armed clash' };

test('acled: an attack whose trigger names no mode is typed by its weapon, not "Battles"', () => {
  const hit = (text: string, trigger: string) => acled({ ...ev, mode: null, acled: battle, trigger: { ...ev.trigger, text: trigger }, evidence: [{ ...ev.evidence[0], text }] });
  let r = hit('Russian missiles struck the city of Kharkiv on Sunday.', 'struck');
  assert.deepEqual([r.event_type, r.sub_event_type], ['Explosions/Remote violence', 'Shelling/artillery/missile attack']);
  r = hit('A Russian drone barrage hit Odesa overnight.', 'hit');
  assert.deepEqual([r.event_type, r.sub_event_type], ['Explosions/Remote violence', 'Air/drone strike']);
  r = hit('Government troops attacked rebel positions near the town.', 'attacked');
  assert.deepEqual([r.event_type, r.sub_event_type], ['Battles', 'Armed clash']);
});

test('acled: a type ACLED does not code says so in both type columns', () => {
  const r = acled({ ...ev, type: 'CONSULT', mode: null, acled: null });
  assert.equal(NO_ACLED, 'No ACLED equivalent');
  assert.deepEqual([r.event_type, r.sub_event_type], [NO_ACLED, NO_ACLED]);
});

test('acled: geo_precision follows the place: 1 a town, 2 near a town or a region, 3 a province or country', () => {
  const at = (place: StoredEvent['place'], text = 'Drones struck Odesa.') => acled({ ...ev, place, evidence: [{ ...ev.evidence[0], text }] }).geo_precision;
  assert.equal(at({ ...ev.place!, featureType: 'city' }), 1);
  assert.equal(at({ ...ev.place!, featureType: 'city' }, 'Drones struck a depot near Odesa.'), 2);
  assert.equal(at({ ...ev.place!, name: 'Donbas', featureType: 'region' }), 2);
  assert.equal(at({ ...ev.place!, name: 'Kharkiv Oblast', featureType: 'admin1' }), 3);
  assert.equal(at({ name: 'Ukraine', lat: 49, lon: 32, iso3: 'UKR', geonamesId: null, featureType: 'country' }), 3);
  assert.equal(at(null), '');
});

test('acled: fatalities are the largest killed figure the event itself carries, 0 without one', () => {
  assert.equal(acled({ ...ev, figures: [] }).fatalities, 0);
  assert.equal(acled({ ...ev, figures: [{ ...ev.figures[0], kind: 'injured', value: 40 }] }).fatalities, 0);
  assert.equal(acled({ ...ev, figures: [ev.figures[0], { ...ev.figures[0], value: 15 }] }).fatalities, 15);
  const at = (value: number, placeName: string) => ({ ...ev.figures[0], value, placeName });
  assert.equal(acled({ ...ev, figures: [at(470, 'Lebanon'), at(25, 'Israel'), at(20, 'Israel')] }).fatalities, 495, 'tolls of two places add up');
});

test('the geojson summary counts the features written and the events skipped for lack of a place', () => {
  assert.equal(exportSummary('geojson', 101, 53), 'wrote 53 feature(s); skipped 48 event(s) without a place');
  assert.equal(exportSummary('csv', 101, 53), 'wrote 101 event(s)');
});

test('the PLOVER view folds an intent to cooperate or to yield into AGREE, and leaves threats and done acts alone', () => {
  // (CAMEO 03: intent to meet, aid, release, ease sanctions, withdraw is AGREE)
  for (const type of ['CONSULT', 'AID', 'COOPERATE', 'SUPPORT', 'CONCEDE', 'RETREAT']) assert.equal(ploverType({ type, modality: 'planned' }), 'AGREE', type);
  assert.equal(ploverType({ type: 'RETREAT', modality: 'asserted' }), 'RETREAT');
  assert.equal(ploverType({ type: 'CONCEDE', modality: 'possible' }), 'CONCEDE');
  assert.equal(ploverType({ type: 'ASSAULT', modality: 'planned' }), 'ASSAULT');
});
