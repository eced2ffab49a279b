// The summary of a merged event, built one report at a time so that adding the thousandth report
// costs what adding the second did: everything kept is bounded by the number of distinct actors,
// dates, places, modalities and reported numbers, not by the number of reports.
import type {
  ActorRef, EventRecord, FigureClaim, FigureTable, MergedEvent, Modality, ModalityStep, SourceCounts,
} from '../model/types.js';
import { SYMMETRIC } from './match.js';

/** One per-article event as it joins a merged event. */
export interface ReportInfo {
  /** the stored event id */
  id: string;
  articleId: number;
  record: EventRecord;
  /** the article's publication day or time */
  published: string | null;
  /** the article's site and URL */
  outlet: string | null;
  url?: string | null;
}

interface Vote<T> {
  value: T;
  n: number;
}

/** What the stored summary keeps besides the presented fields: the votes behind its choices. */
export interface MergeState extends MergedEvent {
  tally: {
    dates: Vote<NonNullable<EventRecord['date']>>[];
    places: Vote<NonNullable<EventRecord['place']>>[];
    /** the latest report's modality, with its day and report id (ties broken by id) */
    latest: { published: string | null; modality: Modality; report: string } | null;
    /** the distinct articles, stories and outlets (sites, with the sites of copies) of its reports */
    sources: { articles: number[]; stories: number[]; outlets: string[] };
  };
}

const MAX_OUTLETS_LISTED = 10;

const PLACE_RANK: Record<string, number> = { landmark: 4, city: 3, admin2: 2, admin1: 2, region: 1, country: 1 };

/** Orders nulls first, then ISO strings. */
function before(a: string | null, b: string | null): boolean {
  if (a === b) return false;
  if (a === null) return true;
  if (b === null) return false;
  return a < b;
}

function day(published: string | null): string | null {
  return published ? published.slice(0, 10) : null;
}

/** Adds actors not yet in `list` nor in `other` (the other side, for types whose sides are interchangeable). */
function addActors(list: ActorRef[], add: ActorRef[], other: ActorRef[] = []): void {
  for (const a of add) if (!list.some((x) => x.id === a.id) && !other.some((x) => x.id === a.id)) list.push(a);
}

function chooseDate(votes: MergeState['tally']['dates']): MergedEvent['date'] {
  let best: Vote<NonNullable<EventRecord['date']>> | null = null;
  const width = (d: NonNullable<EventRecord['date']>) => Date.parse(d.to) - Date.parse(d.from);
  for (const v of votes) {
    if (!best || v.n > best.n || (v.n === best.n && (width(v.value) < width(best.value) ||
      (width(v.value) === width(best.value) && v.value.from < best.value.from)))) best = v;
  }
  return best ? best.value : null;
}

function choosePlace(votes: MergeState['tally']['places']): MergedEvent['place'] {
  let best: Vote<NonNullable<EventRecord['place']>> | null = null;
  const rank = (p: NonNullable<EventRecord['place']>) => PLACE_RANK[p.featureType ?? ''] ?? 2;
  for (const v of votes) {
    if (!best || rank(v.value) > rank(best.value) || (rank(v.value) === rank(best.value) && v.n > best.n)) best = v;
  }
  return best ? best.value : null;
}

/**
 * A later report cannot take back an assertion by repeating the plan ("the talks will be held on
 * Tuesday" reprinted after they were held); only a later denial changes it.
 */
function currentModality(history: ModalityStep[], latest: MergeState['tally']['latest']): Modality {
  if (!latest) return 'asserted';
  if (latest.modality === 'denied') return 'denied';
  return history.some((h) => h.modality === 'asserted') ? 'asserted' : latest.modality;
}

/**
 * A report's figures, each number once per kind: a headline's "kills 12" and the body's "killed at
 * least 12, the governor said" are one claim, the attributed one.
 */
function reportFigures(r: ReportInfo): EventRecord['figures'] {
  const out: EventRecord['figures'] = [];
  for (const f of r.record.figures) {
    const i = out.findIndex((x) => x.kind === f.kind && x.value === f.value && x.placeName === f.placeName);
    if (i < 0) out.push(f);
    else if (!out[i].attribution && f.attribution) out[i] = f;
  }
  return out;
}

function addFigures(tables: FigureTable[], r: ReportInfo): void {
  for (const f of reportFigures(r)) {
    const place = f.placeName ?? null;
    let t = tables.find((x) => x.kind === f.kind && (x.place ?? null) === place);
    if (!t) tables.push((t = { kind: f.kind, ...(place ? { place } : {}), min: f.value, max: f.value, conflict: false, claims: [] }));
    const same = (c: FigureClaim) => c.value === f.value && c.min === f.min && c.max === f.max && c.asOf === f.asOf &&
      c.attribution === (f.attribution ?? null);
    let claim = t.claims.find(same);
    if (!claim) {
      claim = {
        value: f.value, min: f.min, max: f.max, approximate: f.approximate, asOf: f.asOf, attribution: f.attribution ?? null,
        reports: 0, outlets: [], firstReport: r.id, published: day(r.published),
      };
      t.claims.push(claim);
    } else if (before(day(r.published), claim.published)) {
      claim.firstReport = r.id;
      claim.published = day(r.published);
    }
    claim.reports++;
    if (r.outlet && !claim.outlets.includes(r.outlet) && claim.outlets.length < MAX_OUTLETS_LISTED) claim.outlets.push(r.outlet);
    t.min = Math.min(t.min, f.value);
    t.max = Math.max(t.max, f.value);
    t.conflict = new Set(t.claims.map((c) => c.value)).size > 1;
    t.claims.sort((a, b) => a.value - b.value || b.reports - a.reports);
  }
}

const NO_COUNTS: SourceCounts = { reports: 0, articles: 0, stories: 0, outlets: 0 };

/** A merged event's summary with one more report: `state` itself, updated, or a new summary. */
export function addReport(state: MergeState | null, r: ReportInfo, id: string): MergeState {
  const ev = r.record;
  const s: MergeState = state ?? {
    id, type: ev.type, mode: ev.mode, context: ev.context, cameo: ev.cameo, acled: ev.acled,
    modality: ev.modality, modalityHistory: [], historical: ev.historical, source: [], target: [],
    date: null, place: null, attribution: [], figures: [], counts: { ...NO_COUNTS }, evidence: [],
    trigger: ev.trigger, confidence: 0, firstReported: day(r.published), lastReported: day(r.published), firstReport: null,
    tally: { dates: [], places: [], latest: null, sources: { articles: [], stories: [], outlets: [] } },
  };
  const published = day(r.published);
  s.counts.reports++;
  // "A met B" and "B met A": each participant is listed once, on the side it was first reported on.
  const swap = SYMMETRIC.has(ev.type);
  addActors(s.source, ev.source, swap ? s.target : []);
  addActors(s.target, ev.target, swap ? s.source : []);
  s.historical = s.historical && ev.historical;
  if (ev.date) {
    const v = s.tally.dates.find((x) => x.value.from === ev.date!.from && x.value.to === ev.date!.to);
    if (v) v.n++;
    else s.tally.dates.push({ value: ev.date, n: 1 });
    s.date = chooseDate(s.tally.dates);
  }
  if (ev.place) {
    const v = s.tally.places.find((x) => x.value.name === ev.place!.name && x.value.iso3 === ev.place!.iso3);
    if (v) v.n++;
    else s.tally.places.push({ value: ev.place, n: 1 });
    s.place = choosePlace(s.tally.places);
  }
  let step = s.modalityHistory.find((h) => h.modality === ev.modality);
  if (!step) s.modalityHistory.push((step = { modality: ev.modality, first: published, last: published, reports: 0 }));
  step.reports++;
  if (before(published, step.first)) step.first = published;
  if (before(step.last, published)) step.last = published;
  s.modalityHistory.sort((a, b) => (before(a.first, b.first) ? -1 : before(b.first, a.first) ? 1 : 0));
  const latest = s.tally.latest;
  if (!latest || before(latest.published, published) || (latest.published === published && r.id > latest.report)) {
    s.tally.latest = { published, modality: ev.modality, report: r.id };
  }
  s.modality = currentModality(s.modalityHistory, s.tally.latest);
  for (const a of ev.attribution) {
    const x = s.attribution.find((y) => y.name === a.name);
    if (x) x.reports++;
    else s.attribution.push({ name: a.name, entityId: a.entityId, reports: 1 });
  }
  addFigures(s.figures, r);
  if (!state || before(published, s.firstReported)) {
    s.evidence = ev.evidence.map((e) => ({ ...e, reportId: r.id, articleId: r.articleId }));
    s.trigger = ev.trigger;
    s.firstReported = published;
    s.firstReport = { id: r.id, articleId: r.articleId, url: r.url ?? null, outlet: r.outlet, published: r.published };
  }
  if (before(s.lastReported, published)) s.lastReported = published;
  s.confidence = Math.max(s.confidence, ev.confidence);
  return s;
}

/** The presented form of a stored summary. */
export function present(s: MergeState): MergedEvent {
  const { tally: _tally, ...merged } = s;
  return merged;
}
