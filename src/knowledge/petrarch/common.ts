// Helpers shared by the PETRARCH2 dictionary readers: comments, plurals, dates, names.

export interface ImportMessage {
  file: string;
  line: number;
  message: string;
}

/** The part of a dictionary line before its `#` comment, trimmed at the right. */
export function stripComment(line: string): string {
  const at = line.indexOf('#');
  return (at >= 0 ? line.slice(0, at) : line).replace(/\s+$/, '');
}

/** A dictionary phrase (`RIOT_POLICE_`, `ARMED_FORCES`) as lower-case words separated by single spaces. */
export function phraseWords(raw: string): string {
  return raw.replace(/_/g, ' ').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The regular plural PETRARCH makes for a noun phrase (last word): +IES after a consonant + Y,
 * +ES after SS/SH/CH/X/Z, nothing after another S (already plural), else +S.
 */
export function regularPlural(phrase: string): string | null {
  const words = phrase.split(' ');
  const last = words[words.length - 1];
  if (!last || !/[a-z]$/.test(last)) return null;
  let plural: string;
  if (/[^aeiou]y$/.test(last)) plural = last.slice(0, -1) + 'ies';
  else if (/(ss|sh|ch|x|z)$/.test(last)) plural = last + 'es';
  else if (/s$/.test(last)) return null;
  else plural = last + 's';
  return [...words.slice(0, -1), plural].join(' ');
}

/** The regular verb forms PETRARCH generates for a lemma: -s/-es/-ies, -ed/-d, -ing. */
export function regularVerbForms(lemma: string): string[] {
  const out: string[] = [];
  if (/(s|x|z|sh|ch)$/.test(lemma)) out.push(lemma + 'es');
  else if (/[^aeiou]y$/.test(lemma)) out.push(lemma.slice(0, -1) + 'ies');
  else out.push(lemma + 's');
  out.push(/e$/.test(lemma) ? lemma + 'd' : lemma + 'ed');
  out.push(/[^aeiou]e$/.test(lemma) ? lemma.slice(0, -1) + 'ing' : lemma + 'ing');
  return out;
}

/**
 * A PETRARCH date (YYMMDD or YYYYMMDD) as an ISO day. Two-digit years 00–30 are 20YY, others
 * 19YY, as in PETRARCH. Returns null for anything that is not a valid calendar day.
 */
export function isoDay(raw: string): string | null {
  let y: number, m: number, d: number;
  if (/^\d{6}$/.test(raw)) {
    const yy = Number(raw.slice(0, 2));
    y = yy <= 30 ? 2000 + yy : 1900 + yy;
    m = Number(raw.slice(2, 4));
    d = Number(raw.slice(4, 6));
  } else if (/^\d{8}$/.test(raw)) {
    y = Number(raw.slice(0, 4));
    m = Number(raw.slice(4, 6));
    d = Number(raw.slice(6, 8));
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const SMALL = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'al', 'el', 'bin', 'ibn', 'van', 'von', 'der', 'da', 'du', 'la', 'le']);

/** Two-letter acronyms common in actor names; other two-letter parts are name syllables (Ki, Li, Sy). */
const TWO_LETTER_ACRONYMS = new Set(['US', 'UN', 'UK', 'EU', 'AU']);

/** `ASHRAF_GHANI_` → `Ashraf Ghani`; acronyms (no vowel, or dotted) stay upper case. */
export function displayName(raw: string): string {
  const words = raw.replace(/_/g, ' ').trim().split(/\s+/);
  return words.map((w, i) => {
    const core = w.replace(/[()]/g, '');
    if (/^[A-Z0-9.&/-]+$/.test(core) && (core.includes('.') || !/[AEIOUY]/.test(core) || w !== core || core.length <= 3 && words.length === 1 ||
      TWO_LETTER_ACRONYMS.has(core))) return w;
    return w.toLowerCase().split('-').map((part, j) => {
      if ((i > 0 || j > 0) && SMALL.has(part)) return part;
      return part.charAt(0).toUpperCase() + part.slice(1);
    }).join('-');
  }).join(' ');
}

/** The lookup key of a name: folded, lower case, no leading "the", hyphens and dots as in the name, single spaces. */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[’‘ʼ]/g, "'").replace(/[_\s]+/g, ' ').trim().replace(/^the /, '');
}

/** Stable JSON: one record a line inside `records`, keys in the order the record was built. */
export function stableJson(header: Record<string, unknown>, records: unknown[], extra: Record<string, unknown> = {}): string {
  const head = JSON.stringify(header, null, 1).replace(/\n}$/, '');
  const parts = Object.entries(extra).map(([k, v]) => `,\n ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const recs = records.map((r) => '  ' + JSON.stringify(r)).join(',\n');
  return `${head}${parts.join('')},\n "records": [\n${recs}\n ]\n}\n`;
}
