// Event layouts users load into pandas, R and QGIS. Column lists are documented in docs/export.md.
import type { MergedEvent, SourceCounts } from '../model/types.js';
import type { StoredEvent } from '../store/store.js';
import { ACLED_COLUMNS, toAcledRow } from './acled.js';

export { ACLED_COLUMNS, NO_ACLED, acledTypes, fatalities, geoPrecision, toAcledRow } from './acled.js';

/** An exported event: a report, or a merged event in a report's shape with its source counts. */
export type ExportEvent = StoredEvent & { counts?: SourceCounts };

/**
 * A merged event as an exported row: linked to its earliest report's article, its attribution the
 * sources all reports credit, and one figure per kind, the lowest reported (the conservative reading,
 * as ACLED takes fatalities); the full figure table is in the json layout.
 */
export function mergedForExport(m: MergedEvent): ExportEvent {
  const f = m.firstReport;
  return {
    ...m,
    attribution: m.attribution.map((a) => ({ name: a.name, entityId: a.entityId, via: [] })),
    figures: m.figures.map((t) => {
      const c = t.claims.find((x) => x.value === t.min)!;
      return {
        kind: t.kind, value: t.min, min: c.min, max: c.max, approximate: c.approximate, asOf: c.asOf, attribution: c.attribution,
        attributionEntityId: null, placeName: null, text: String(t.min), start: 0, end: 0, sentence: 0,
      };
    }),
    articleId: f?.articleId ?? 0, articleUrl: f?.url ?? null, articleTitle: null, articleSource: f?.outlet ?? null,
    published: f?.published ?? null, mergedId: m.id,
  };
}

export const EXPORT_FORMATS = ['plover', 'gdelt', 'acled', 'geojson', 'csv', 'jsonl', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const compact = (d: string | null | undefined) => (d ? d.replace(/-/g, '') : '');

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function tsvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/[\t\r\n]+/g, ' ');
}

const actorNames = (xs: StoredEvent['source']) => xs.map((x) => x.name).join('; ');
const firstActor = (xs: StoredEvent['source']) => xs[0] ?? null;

// (an intent to yield, "ready to lift restrictions", "will withdraw its troops", is AGREE too: CAMEO 034/035)
const FUTURE_TO_AGREE = new Set(['CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT']);

/**
 * The PLOVER category of an event. eventwire keeps a planned meeting as CONSULT with modality
 * "planned"; PLOVER has no modality and codes cooperative acts reported in the future tense as
 * AGREE (manual, AGREE section), so the PLOVER view folds them.
 */
export function ploverType(e: { type: string; modality: string }): string {
  return e.modality === 'planned' && FUTURE_TO_AGREE.has(e.type) ? 'AGREE' : e.type;
}

/** PLOVER JSON records (one object per event, in the PLOVER data interchange shape). */
export function toPlover(e: StoredEvent): Record<string, unknown> {
  return {
    id: e.id,
    date: e.date?.from ?? e.published?.slice(0, 10) ?? null,
    dateEnd: e.date?.to ?? null,
    datePrecision: e.date?.precision ?? null,
    event: ploverType(e),
    eventwireType: e.type,
    mode: ploverType(e) === e.type ? e.mode : null,
    context: e.context,
    modality: e.modality,
    historical: e.historical,
    actor: e.source.map((a) => ({ actorText: a.name, code: a.iso3, id: a.id, cameo: a.cameo ?? null })),
    recipient: e.target.map((a) => ({ actorText: a.name, code: a.iso3, id: a.id, cameo: a.cameo ?? null })),
    eventText: e.trigger.text,
    text: e.evidence.map((x) => x.text).join(' … '),
    eventLoc: e.place ? { name: e.place.name, lat: e.place.lat, lon: e.place.lon, countryCode: e.place.iso3, geonamesId: e.place.geonamesId } : null,
    dead: e.figures.filter((f) => f.kind === 'killed').map((f) => f.value)[0] ?? null,
    attribution: e.attribution,
    cameo: e.cameo,
    confidence: e.confidence,
    url: e.articleUrl,
    publication: e.articleSource,
    published: e.published,
  };
}

/** GDELT 2.0 event table columns (a documented subset, tab-separated, in GDELT order). */
export const GDELT_COLUMNS = [
  'GlobalEventID', 'Day', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1Type1Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2Type1Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

export const QUAD: Record<string, number> = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 2, COOPERATE: 2, AID: 2, RETREAT: 2, REQUEST: 1,
  ACCUSE: 3, REJECT: 3, THREATEN: 3, PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
};
const GOLDSTEIN: Record<string, number> = {
  AGREE: 3, CONSULT: 1, SUPPORT: 3.4, CONCEDE: 5, COOPERATE: 6, AID: 7, RETREAT: 5, REQUEST: -1, ACCUSE: -2,
  REJECT: -4, THREATEN: -6, PROTEST: -6.5, SANCTION: -8, MOBILIZE: -7, COERCE: -7, ASSAULT: -10,
};

function actorType(code: string | null | undefined): string {
  return code && code.length >= 6 ? code.slice(3, 6) : '';
}

export function toGdeltRow(e: ExportEvent, n: number): string[] {
  const day = compact(e.date?.from ?? e.published?.slice(0, 10));
  const a1 = firstActor(e.source);
  const a2 = firstActor(e.target);
  const cameo = e.cameo ?? '';
  const geoType = e.place ? (e.place.geonamesId ? 4 : 1) : 0;
  const year = day.slice(0, 4);
  const frac = day ? (Number(year) + (Number(day.slice(4, 6)) - 1) / 12 + (Number(day.slice(6, 8)) / 365)).toFixed(4) : '';
  return [
    String(n), day, day.slice(0, 6), year, frac,
    a1?.cameo ?? a1?.iso3 ?? '', a1?.name ?? '', a1?.iso3 ?? '', actorType(a1?.cameo),
    a2?.cameo ?? a2?.iso3 ?? '', a2?.name ?? '', a2?.iso3 ?? '', actorType(a2?.cameo),
    e.evidence.some((x) => x.sentence <= 2) ? '1' : '0', cameo, cameo.slice(0, 3), cameo.slice(0, 2), String(QUAD[e.type] ?? ''), String(GOLDSTEIN[e.type] ?? ''),
    String(e.counts?.reports ?? e.evidence.length), String(e.counts?.stories ?? 1), String(e.counts?.articles ?? 1),
    String(geoType), e.place?.name ?? '', e.place?.iso3 ?? '', e.place ? String(e.place.lat) : '', e.place ? String(e.place.lon) : '', e.place?.geonamesId ? String(e.place.geonamesId) : '',
    compact(e.published?.slice(0, 10)), e.articleUrl ?? '',
  ].map(tsvCell);
}

export const CSV_COLUMNS = [
  'id', 'type', 'mode', 'cameo', 'modality', 'historical', 'date_from', 'date_to', 'date_precision', 'source', 'source_iso3',
  'target', 'target_iso3', 'place', 'lat', 'lon', 'place_iso3', 'attribution', 'confidence', 'trigger', 'evidence', 'evidence_start',
  'evidence_end', 'article_id', 'url', 'published', 'merged_id', 'reports', 'stories', 'outlets',
] as const;

export function toCsvRow(e: ExportEvent): unknown[] {
  return [
    e.id, e.type, e.mode, e.cameo, e.modality, e.historical, e.date?.from, e.date?.to, e.date?.precision, actorNames(e.source),
    e.source.map((x) => x.iso3 ?? '').join('; '), actorNames(e.target), e.target.map((x) => x.iso3 ?? '').join('; '), e.place?.name,
    e.place?.lat, e.place?.lon, e.place?.iso3, e.attribution.map((a) => a.name + (a.via.length ? ` (citing ${a.via.map((v) => v.name).join(', ')})` : '')).join('; '),
    e.confidence, e.trigger.text, e.evidence[0]?.text, e.evidence[0]?.start, e.evidence[0]?.end, e.articleId, e.articleUrl, e.published,
    e.mergedId, e.counts?.reports, e.counts?.stories, e.counts?.outlets,
  ];
}

export function toGeoJson(events: ExportEvent[]): Record<string, unknown> {
  return {
    type: 'FeatureCollection',
    features: events.filter((e) => e.place).map((e) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [e.place!.lon, e.place!.lat] },
      properties: {
        id: e.id, type: e.type, mode: e.mode, modality: e.modality, date_from: e.date?.from ?? null, date_to: e.date?.to ?? null,
        source: actorNames(e.source), target: actorNames(e.target), place: e.place!.name, url: e.articleUrl, evidence: e.evidence[0]?.text ?? '',
        ...(e.counts ? { reports: e.counts.reports, stories: e.counts.stories, outlets: e.counts.outlets } : {}),
      },
    })),
  };
}

/** What an export wrote: GeoJSON has a feature only for each event with a place, and says what it skipped. */
export function exportSummary(format: ExportFormat, events: number, placed: number, noun = 'event'): string {
  if (format !== 'geojson') return `wrote ${events} ${noun}(s)`;
  return `wrote ${placed} feature(s); skipped ${events - placed} ${noun}(s) without a place`;
}

/** Writes events in a layout; returns the whole text. */
export function exportEvents(events: ExportEvent[], format: ExportFormat): string {
  switch (format) {
    case 'plover': return JSON.stringify(events.map(toPlover), null, 1) + '\n';
    case 'json': return JSON.stringify(events, null, 1) + '\n';
    case 'jsonl': return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
    case 'gdelt': return [GDELT_COLUMNS.join('\t'), ...events.map((e, i) => toGdeltRow(e, i + 1).join('\t'))].join('\n') + '\n';
    case 'acled': return [ACLED_COLUMNS.join(','), ...events.map((e) => toAcledRow(e).map(csvCell).join(','))].join('\n') + '\n';
    case 'csv': return [CSV_COLUMNS.join(','), ...events.map((e) => toCsvRow(e).map(csvCell).join(','))].join('\n') + '\n';
    case 'geojson': return JSON.stringify(toGeoJson(events)) + '\n';
  }
}

/** Merged events in a layout: json and jsonl keep the whole merged record, the others one row each. */
export function exportMerged(events: MergedEvent[], format: ExportFormat): string {
  if (format === 'json') return JSON.stringify(events, null, 1) + '\n';
  if (format === 'jsonl') return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
  return exportEvents(events.map(mergedForExport), format);
}
