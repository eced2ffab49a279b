// Publication dates: normalise what articles, feeds and HTML meta tags write to ISO 8601.
//
// A date without a time (or with a time but no time zone) becomes the ISO day `YYYY-MM-DD`: a
// clock time without a zone is not an instant. A date with a time and a zone becomes a full ISO
// timestamp that keeps the writer's offset (`2024-12-03T10:15:00+03:00`), so the local publication
// day stays the first ten characters.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

/** Offsets (minutes) of zone abbreviations common in English-language news. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, msk: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, ist: 330, jst: 540,
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** Minutes east of UTC for a zone written as Z, +03:00, +0300, GMT+3, UTC-05:30 or an abbreviation; undefined if unknown. */
function zoneOffset(z: string): number | undefined {
  const s = z.trim();
  if (!s) return undefined;
  const m = /^(?:(?:UTC|GMT|UT)\s*)?([+-−])(\d{1,2})(?::?(\d{2}))?$/i.exec(s);
  if (m) {
    const h = Number(m[2]);
    const min = Number(m[3] ?? 0);
    if (h > 14 || min > 59) return undefined;
    return (m[1] === '+' ? 1 : -1) * (h * 60 + min);
  }
  return ZONES[s.toLowerCase()];
}

function format(y: number, mo: number, d: number, time?: { h: number; mi: number; s: number }, offset?: number): string {
  const day = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (!time || offset === undefined) return day;
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${day}T${pad(time.h)}:${pad(time.mi)}:${pad(time.s)}${zone}`;
}

/** Labels that may precede a date on a dateline ("Published: ...", "Updated on ..."). */
const LABEL = /^(?:(?:first |last )?(?:published|posted|updated|modified|issued|released|dated?)|date|on)\b\s*(?:on|at)?\s*[:\-–—|]?\s*/i;
const WEEKDAY = /^(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+/i;
const TIME = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*\(?\s*((?:UTC|GMT|UT)\s*[+-−]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})\s*\)?)?/i;

interface Parsed {
  iso: string;
  /** the label in front of the date, lower-case ("published", "updated"), or "" */
  label: string;
}

/** Parse a date (with optional time); `rest` receives whatever follows the date. */
function parse(input: string, strict: boolean): Parsed | null {
  let s = input.trim().replace(/\s+/g, ' ');
  let label = '';
  for (let i = 0; i < 2; i++) {
    const l = LABEL.exec(s);
    if (!l || !l[0]) break;
    label = label || l[0].replace(/[^a-z ]/gi, '').trim().toLowerCase();
    s = s.slice(l[0].length);
  }
  s = s.replace(WEEKDAY, '');

  // ISO 8601 and close relatives: 2024-12-03, 2024/12/03, 2024-12-03T10:15:00.000+03:00, 2024-12-03 10:15 UTC
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?)?/i.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) return null;
    const rest = s.slice(m[0].length).trim();
    if (strict && rest && !/^[|,–—-]?\s*$/.test(rest)) return null;
    if (m[4] === undefined) return { iso: format(y, mo, d), label };
    const time = { h: Number(m[4]), mi: Number(m[5]), s: Number(m[6] ?? 0) };
    if (time.h > 23 || time.mi > 59 || time.s > 60) return null;
    const off = m[7] ? zoneOffset(m[7]) : undefined;
    return { iso: format(y, mo, d, time, off), label };
  }

  // Month first: "December 03, 2024", "Dec. 3, 2024 10:15", "Dec 3rd 2024"; day first: "3 December 2024"
  let y: number, mo: number | undefined, d: number;
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m) {
    mo = MONTHS[m[1].toLowerCase()];
    d = Number(m[2]);
    y = Number(m[3]);
  } else {
    m = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(s);
    if (!m) return null;
    d = Number(m[1]);
    mo = MONTHS[m[2].toLowerCase()];
    y = Number(m[3]);
  }
  if (mo === undefined || !validDay(y, mo, d)) return null;
  let rest = s.slice(m[0].length).replace(/^\s*(?:[,|–—/-]|at)?\s*/i, '');
  let time: { h: number; mi: number; s: number } | undefined;
  let off: number | undefined;
  const t = TIME.exec(rest);
  if (t) {
    let h = Number(t[1]);
    const mi = Number(t[2]);
    const sec = Number(t[3] ?? 0);
    const ampm = t[4]?.toLowerCase().replace(/\./g, '');
    if (ampm) {
      if (h < 1 || h > 12) return null;
      if (ampm === 'pm' && h < 12) h += 12;
      if (ampm === 'am' && h === 12) h = 0;
    }
    if (h > 23 || mi > 59 || sec > 60) return null;
    time = { h, mi, s: sec };
    if (t[5]) {
      off = zoneOffset(t[5].replace(/\s+/g, ''));
      // A word that is not a zone belongs to whatever follows the time.
      if (off === undefined && !/^[A-Za-z]{1,5}$/.test(t[5])) return null;
    }
    rest = rest.slice(t[0].length);
  } else {
    // RFC 822 puts the zone straight after the seconds; also "3 Dec 2024 GMT" is a day.
    rest = rest.replace(/^(?:UTC|GMT)\b/i, '');
  }
  if (strict && rest.trim() && !/^[|,–—-]?\s*$/.test(rest.trim())) return null;
  return { iso: format(y, mo, d, time, off), label };
}

/**
 * Normalise a date string from metadata (feed pubDate, meta tag, JSON, option) to `YYYY-MM-DD` or a
 * full ISO timestamp with offset. Returns null when the string is not a recognisable calendar date.
 */
export function normaliseDate(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const s = String(input).trim();
  if (!s) return null;
  const p = parse(s, false);
  if (p) return p.iso;
  // Unix epoch seconds or milliseconds (some JSON exports).
  if (/^\d{10}(\d{3})?$/.test(s)) {
    const n = Number(s);
    const d = new Date(s.length === 10 ? n * 1000 : n);
    if (!Number.isNaN(d.getTime())) return d.toISOString().replace(/\.000Z$/, 'Z');
  }
  return null;
}

/**
 * When a whole line is nothing but a date ("December 03, 2024", "3 December 2024",
 * "Dec. 3, 2024 10:15", "Published: 2024-12-03T10:15:00Z"), its ISO form and the label in front
 * of it; otherwise null.
 */
export function parseDateLine(line: string): Parsed | null {
  const s = line.trim();
  if (!s || s.length > 80) return null;
  return parse(s, true);
}
