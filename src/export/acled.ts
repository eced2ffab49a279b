// The ACLED layout: ACLED's event and sub-event types, its geo precision and its fatalities, read
// from a stored event at export time (so databases filled by earlier versions export the same way).
import type { StoredEvent } from '../store/store.js';

/** event_type and sub_event_type of a row whose PLOVER type ACLED does not code (talks, statements, aid...). */
export const NO_ACLED = 'No ACLED equivalent';

// An attack whose trigger names no mode ("struck", "hit", "attack") is told by its weapon. The trigger
// is read before the sentence: "a drone barrage" is an air/drone strike, "a missile barrage" shelling.
const WEAPONS: [RegExp, string][] = [
  [/\bsuicide (?:bomb|attack|car)/i, 'Suicide bomb'],
  [/\b(?:drones?|air ?strikes?|airstrikes?|air raids?|warplanes?|fighter jets?|bombers?|helicopter gunships?|aerial)\b/i, 'Air/drone strike'],
  [/\b(?:missiles?|rockets?|shell(?:s|ing|ed)?|artillery|mortars?|barrages?|bombard\w*|howitzers?|salvos?|projectiles?)\b/i, 'Shelling/artillery/missile attack'],
  [/\b(?:ieds?|roadside bombs?|landmines?|land mines?|car bombs?|explosive devices?|booby[- ]trap\w*)\b/i, 'Remote explosive/landmine/IED'],
];

/** ACLED's event_type and sub_event_type for an event. */
export function acledTypes(e: Pick<StoredEvent, 'type' | 'mode' | 'acled' | 'trigger' | 'evidence'>): [string, string] {
  if (e.type === 'ASSAULT' && !e.mode) {
    for (const text of [e.trigger.text, ...e.evidence.map((x) => x.text)]) {
      const hit = WEAPONS.find(([re]) => re.test(text));
      if (hit) return ['Explosions/Remote violence', hit[1]];
    }
  }
  if (!e.acled?.eventType) return [NO_ACLED, NO_ACLED];
  return [e.acled.eventType, e.acled.subEventType ?? NO_ACLED];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * ACLED's geo_precision: 1 the town itself, 2 near a town or a part of a region, 3 a province or a
 * country (its centroid stands for the place); empty without a place.
 */
export function geoPrecision(e: Pick<StoredEvent, 'place' | 'evidence'>): 1 | 2 | 3 | '' {
  const p = e.place;
  if (!p) return '';
  const kind = p.featureType ?? (p.geonamesId ? 'city' : 'country');
  if (kind === 'country' || kind === 'admin1') return 3;
  if (kind === 'region') return 2;
  const near = new RegExp(`\\b(?:near|outside|around|close to|outskirts of|(?:north|south|east|west)(?:ern|-?east|-?west)? of|km (?:from|of))\\s+(?:the (?:city|town|village) of\\s+)?${escape(p.name)}\\b`, 'i');
  return e.evidence.some((x) => near.test(x.text)) ? 2 : 1;
}

/**
 * The event's own death toll, 0 when it carries none: the largest "killed" figure, or where tolls
 * name the places they were counted in ("470 in Lebanon and 25 in Israel"), the sum of each place's
 * largest, when that is more.
 */
export function fatalities(e: Pick<StoredEvent, 'figures'>): number {
  const killed = e.figures.filter((f) => f.kind === 'killed');
  const byPlace = new Map<string, number>();
  for (const f of killed) if (f.placeName) byPlace.set(f.placeName, Math.max(byPlace.get(f.placeName) ?? 0, f.value));
  const placed = [...byPlace.values()].reduce((a, b) => a + b, 0);
  return Math.max(placed, ...killed.map((f) => f.value), 0);
}

/** ACLED-style columns. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1',
  'actor2', 'assoc_actor_2', 'country', 'iso3', 'location', 'latitude', 'longitude', 'geo_precision', 'source',
  'source_scale', 'notes', 'fatalities', 'plover_type', 'modality', 'url',
] as const;

export function toAcledRow(e: StoredEvent): unknown[] {
  const prec = e.date?.precision === 'day' ? 1 : e.date?.precision === 'week' || e.date?.precision === 'month' ? 2 : 3;
  const [eventType, subEventType] = acledTypes(e);
  return [
    `${e.place?.iso3 ?? e.source[0]?.iso3 ?? 'XXX'}${e.id}`, e.date?.from ?? e.published?.slice(0, 10) ?? '', (e.date?.from ?? e.published ?? '').slice(0, 4), prec,
    eventType, subEventType, e.source[0]?.name ?? '', e.source.slice(1).map((x) => x.name).join('; '),
    e.target[0]?.name ?? '', e.target.slice(1).map((x) => x.name).join('; '), e.place?.iso3 ?? e.source[0]?.iso3 ?? '', e.place?.iso3 ?? '',
    e.place?.name ?? '', e.place?.lat ?? '', e.place?.lon ?? '', geoPrecision(e), e.attribution.map((a) => a.name).join('; ') || (e.articleSource ?? ''),
    'National', e.evidence.map((x) => x.text).join(' … '), fatalities(e), e.type, e.modality, e.articleUrl ?? '',
  ];
}
