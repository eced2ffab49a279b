// Why a report sits in its merged event: which of its actors are parties the other reports name,
// how its dates stand to theirs, and how its place stands to theirs. Read from the stored reports
// with the rules of match.ts, for the `event` view and GET /api/merged-events/:id.
import type { EventRecord } from '../model/types.js';
import { dayNumber, km, placesAgree, sameParty, type PartyRef } from './match.js';

type Report = Pick<EventRecord, 'type' | 'date' | 'place'> & { id: string; source: (PartyRef & { name: string })[]; target: (PartyRef & { name: string })[] };

export interface MergeReason {
  /** the report's actors that are parties of the other reports */
  actors: string[];
  dates: string;
  place: string;
  /** the three as one line */
  text: string;
}

const span = (d: NonNullable<EventRecord['date']>) => (d.from === d.to ? d.from : `${d.from}..${d.to}`);

function dateReason(d: EventRecord['date'], others: NonNullable<EventRecord['date']>[]): string {
  if (!d) return 'no date';
  if (!others.length) return `${span(d)} (the others give no date)`;
  if (others.some((o) => o.from === d.from && o.to === d.to)) return `${span(d)}, as another report`;
  const gap = Math.min(...others.map((o) => Math.max(dayNumber(o.from) - dayNumber(d.to), dayNumber(d.from) - dayNumber(o.to), 0)));
  return gap === 0 ? `${span(d)}, overlapping another report's` : `${span(d)}, ${gap} day${gap === 1 ? '' : 's'} from the nearest report's`;
}

function placeReason(p: EventRecord['place'], others: NonNullable<EventRecord['place']>[]): string {
  if (!p) return 'no place given (agrees with any)';
  if (!others.length) return `${p.name} (the others give no place)`;
  if (others.some((o) => o.name === p.name && o.iso3 === p.iso3)) return `${p.name}, as another report`;
  const near = others.filter((o) => placesAgree(p, o) === 'same');
  if (near.length) return `${p.name}, ${Math.round(Math.min(...near.map((o) => km(p.lat, p.lon, o.lat, o.lon))))} km from ${near[0].name}`;
  const area = others.find((o) => placesAgree(p, o) === 'compatible');
  return area ? `${p.name} and ${area.name} are in one country or region` : `${p.name} (disagrees: ${others.map((o) => o.name).join(', ')})`;
}

/** The reason of each report, by report id, measured against the other reports of the same merged event. */
export function mergeReasons(reports: Report[]): Map<string, MergeReason> {
  const out = new Map<string, MergeReason>();
  for (const r of reports) {
    const others = reports.filter((o) => o !== r);
    const theirs = others.flatMap((o) => [...o.source, ...o.target]);
    const actors = [...new Set([...r.source, ...r.target].filter((a) => theirs.some((b) => sameParty(a, b))).map((a) => a.name))];
    const dates = dateReason(r.date, others.flatMap((o) => (o.date ? [o.date] : [])));
    const place = placeReason(r.place, others.flatMap((o) => (o.place ? [o.place] : [])));
    const text = `actors agree: ${actors.join(', ') || 'none named by the others'}; dates: ${dates}; place: ${place}`;
    out.set(r.id, { actors, dates, place, text });
  }
  return out;
}
