// When two reports are the same real-world event: same type, actors that agree, dates that overlap
// (within a day: outlets date overnight events differently) and places that agree. Pure functions;
// the store decides which merged events to ask about (src/merge/engine.ts).
import type { ActorRef, EventRecord } from '../model/types.js';

/** Reports whose interval is longer than this (months, years) are too vague to merge with anything. */
export const MAX_SPAN_DAYS = 8;
/** Dates a day apart still agree. */
export const DATE_SLACK_DAYS = 1;
/** Two specific places agree within this distance. */
export const PLACE_KM = 50;

/** Types whose two sides are interchangeable: "A met B" and "B held talks with A" are one meeting. */
export const SYMMETRIC: ReadonlySet<string> = new Set(['CONSULT', 'AGREE', 'COOPERATE']);

/** What deciding whether two actors are one party reads of them. */
export type PartyRef = Pick<ActorRef, 'id' | 'iso3' | 'kind' | 'cameo'>;

/** What deciding whether two events are one reads of them. */
export interface Matchable {
  type: string;
  date: EventRecord['date'];
  place: EventRecord['place'];
  /** a merged event's every distinct place (its reports'): a new report must agree with each */
  places?: NonNullable<EventRecord['place']>[];
  source: PartyRef[];
  target: PartyRef[];
}

const STATE_SECTORS = /^([A-Z]{3})(GOV|MIL|COP|SPY|JUD|LEG)$/;
const STATE_KINDS = new Set(['country', 'government', 'military', 'police']);

export function dayNumber(iso: string): number {
  return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000);
}

export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** The state an actor acts for: a country, one of its bodies, or a person holding state office. */
function stateOf(a: PartyRef): string | null {
  if (a.kind && STATE_KINDS.has(a.kind)) return a.iso3;
  const m = a.cameo ? STATE_SECTORS.exec(a.cameo) : null;
  return m ? m[1] : null;
}

/** A collective actor (a state or a generic class like "Syrian rebels") that stands for its members. */
function collective(a: PartyRef): boolean {
  return (!!a.kind && STATE_KINDS.has(a.kind)) || (!!a.cameo && a.id === a.cameo);
}

/**
 * Whether two actors may be the same party in two reports: the same entity; a state and any body or
 * office-holder of it ("Russia", "the Kremlin", "Putin"); a generic class and a member of it ("rebels"
 * and a named rebel group). Two different people of one state are not the same party.
 */
export function sameParty(a: PartyRef, b: PartyRef): boolean {
  if (a.id === b.id) return true;
  if (!collective(a) && !collective(b)) return false;
  const sa = stateOf(a);
  if (sa && sa === stateOf(b)) return true;
  return !!a.cameo && a.cameo === b.cameo;
}

/**
 * The index keys of an actor: one that every actor it may be the same party as shares (its state, or
 * its class, or else its id), and for a person also the id (whose role, and so state, depends on the
 * article's date). A merged event is found through any key of any of its actors; `sameParty` then
 * decides.
 */
export function actorKeys(a: PartyRef): string[] {
  const s = stateOf(a);
  const shared = s ? `state:${s}` : a.cameo ? `class:${a.cameo}` : `id:${a.id}`;
  return a.kind === 'person' && shared !== `id:${a.id}` ? [shared, `id:${a.id}`] : [shared];
}

/** The keys under which an event is indexed for merging: its type with each actor key. */
export function mergeKeys(ev: Pick<Matchable, 'type' | 'source' | 'target'>): string[] {
  const out = new Set<string>();
  for (const a of [...ev.source, ...ev.target]) for (const k of actorKeys(a)) out.add(`${ev.type}|${k}`);
  return [...out];
}

/** Whether a report can join other reports at all: a type, a short enough date, and an actor. */
export function mergeable(ev: Pick<Matchable, 'type' | 'date' | 'source' | 'target'>): boolean {
  if (!ev.date || ev.source.length + ev.target.length === 0) return false;
  return dayNumber(ev.date.to) - dayNumber(ev.date.from) < MAX_SPAN_DAYS;
}

/**
 * Every actor of the smaller list is the same party as one of the larger (one report names fewer of
 * the parties than another); an empty list agrees with anything. Returns the number of matched actors,
 * or -1 when the lists disagree.
 */
function sidesAgree(a: PartyRef[], b: PartyRef[]): number {
  if (!a.length || !b.length) return 0;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) {
    if (!large.some((y) => sameParty(x, y))) return -1;
    n++;
  }
  return n;
}

export function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 12_742 * Math.asin(Math.min(1, Math.sqrt(a)));
}

const AREA = new Set(['country', 'region', 'admin1', 'admin2', 'continent']);

/** Places agree when either is unknown, when they are close, or when one is an area the other is in. */
export function placesAgree(a: EventRecord['place'], b: EventRecord['place']): 'same' | 'compatible' | false {
  if (!a || !b) return 'compatible';
  if (a.geonamesId !== null && a.geonamesId === b.geonamesId) return 'same';
  const areaA = AREA.has(a.featureType ?? ''), areaB = AREA.has(b.featureType ?? '');
  if (areaA || areaB) {
    if (a.iso3 && a.iso3 === b.iso3) return areaA && areaB && a.name === b.name ? 'same' : 'compatible';
    return false;
  }
  return km(a.lat, a.lon, b.lat, b.lon) <= PLACE_KM ? 'same' : false;
}

/** Whether two day intervals overlap, allowing DATE_SLACK_DAYS between them. */
export function datesAgree(a: NonNullable<EventRecord['date']>, b: NonNullable<EventRecord['date']>): boolean {
  return dayNumber(a.from) <= dayNumber(b.to) + DATE_SLACK_DAYS && dayNumber(b.from) <= dayNumber(a.to) + DATE_SLACK_DAYS;
}

/**
 * How well a report fits a merged event, or null when it is a different event. Higher is better:
 * matched actors count most, then an agreeing specific place, then the same dates.
 */
export function fit(report: Matchable, merged: Matchable): number | null {
  if (report.type !== merged.type || !report.date || !merged.date) return null;
  if (!datesAgree(report.date, merged.date)) return null;
  // Every place the merged event's reports give must agree, not only the one its summary shows:
  // two reports whose places are known and more than PLACE_KM apart are never one event.
  const agreements = (merged.places?.length ? merged.places : [merged.place]).map((p) => placesAgree(report.place, p));
  if (agreements.some((x) => !x)) return null;
  const place = agreements.includes('same') ? 'same' : 'compatible';
  let actors: number;
  if (SYMMETRIC.has(report.type)) {
    actors = sidesAgree([...report.source, ...report.target], [...merged.source, ...merged.target]);
  } else {
    const s = sidesAgree(report.source, merged.source);
    const t = sidesAgree(report.target, merged.target);
    actors = s < 0 || t < 0 ? -1 : s + t;
  }
  if (actors <= 0) return null;
  const sameDates = report.date.from === merged.date.from && report.date.to === merged.date.to;
  return actors * 4 + (place === 'same' ? 2 : 0) + (sameDates ? 1 : 0);
}
