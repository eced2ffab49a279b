import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACLED_COLUMNS, CSV_COLUMNS, GDELT_COLUMNS, exportEvents, toAcledRow, toGdeltRow } from '../src/export/index.js';
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
