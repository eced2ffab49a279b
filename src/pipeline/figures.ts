import type { Doc, Figure, FigureKind, Sentence } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { attributionIn } from './attribution.js';

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12, hundred: 100,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, m: 1e6, bn: 1e9, k: 1e3 };
// "tens of thousands" is 20,000–90,000; "hundreds" 200–900 (a reading, flagged approximate).
const VAGUE: Record<string, [number, number]> = {
  dozens: [24, 99], scores: [40, 99], hundreds: [200, 999], thousands: [2000, 9999], 'tens of thousands': [20000, 99999],
  'hundreds of thousands': [200000, 999999], millions: [2e6, 9.99e6], 'a dozen': [12, 12], 'a handful': [3, 6],
};
const APPROX = new Set(['nearly', 'almost', 'about', 'around', 'approximately', 'some', 'roughly', 'estimated', 'up', 'over', 'more', 'least', 'than', 'close', 'an', 'at', 'upwards', 'as', 'many']);

const KIND_WORDS: [RegExp, FigureKind][] = [
  [/^(kill|dead|die|death|deaths|fatality|fatalities|live|lives|slain|massacre|execute)/, 'killed'],
  [/^(injur|wound|hurt|casualt)/, 'injured'],
  [/^(displac|flee|fled|uproot|evacuat|homeless)/, 'displaced'],
  [/^(refugee)/, 'refugees'],
  [/^(arrest)/, 'arrested'],
  [/^(detain|detention|imprison|jail)/, 'detained'],
  [/^(miss|abduct|kidnap|disappear)/, 'missing'],
  [/^(besieg|trap|siege)/, 'besieged'],
  [/^(inhabitant|resident|population|home|live)/, 'population'],
];

function parseNumber(text: string): number | null {
  const t = text.toLowerCase().replace(/,/g, '');
  if (/^\d+(\.\d+)?$/.test(t)) return parseFloat(t);
  if (t in SMALL) return SMALL[t];
  const m = t.match(/^(\d+(?:\.\d+)?)(m|bn|k)$/);
  if (m) return parseFloat(m[1]) * SCALE[m[2]];
  return null;
}

function kindNear(doc: Doc, s: Sentence, numStart: number, from: number): { kind: FigureKind; at: number } | null {
  // The words after the number (up to the clause end) say what was counted: "50,000 people ... displaced".
  for (let k = from; k < Math.min(s.tokenEnd, from + 9); k++) {
    const t = doc.tokens[k];
    if (t.text === ';' || (t.text === ',' && k > from + 3)) break;
    const w = t.lemma;
    const low = t.text.toLowerCase();
    for (const [re, kind] of KIND_WORDS) {
      if (kind === 'population') {
        if (low === 'home' && doc.tokens[k + 1]?.lemma === 'to') continue;
        if ((low === 'inhabitants' || low === 'residents' || low === 'population') && k <= from + 2) return { kind, at: k };
        continue;
      }
      if (re.test(w) || re.test(low)) return { kind, at: k };
    }
  }
  // "home to 2 million people", "a city of 2 million", "population of 2 million"
  const prev = doc.tokens[numStart - 1];
  const p1 = doc.tokens[numStart - 2];
  if (prev && ((prev.lemma === 'to' && p1?.lemma === 'home') || (prev.lemma === 'of' && (p1?.lemma === 'population' || p1?.lemma === 'city')))) {
    return { kind: 'population', at: numStart - 1 };
  }
  // "the death toll rose to 30", "killing at least 12"
  for (let k = numStart - 1; k >= Math.max(s.tokenStart, numStart - 5); k--) {
    const w = doc.tokens[k].lemma;
    if (/^(toll)$/.test(w)) return { kind: 'killed', at: k };
    if (/^(kill|killing)$/.test(w) || doc.tokens[k].text.toLowerCase() === 'killing') return { kind: 'killed', at: k };
    if (/^(wound|injure)/.test(w)) return { kind: 'injured', at: k };
    if (/^(displace)/.test(w)) return { kind: 'displaced', at: k };
    if (/^(arrest|detain)/.test(w)) return { kind: w.startsWith('arrest') ? 'arrested' : 'detained', at: k };
  }
  return null;
}

const YEARISH = /^(1[89]|20)\d\d$/;

/** Casualty and humanitarian figures, with bounds, approximation, as-of date and attribution. */
export function figures(doc: Doc, kb: Knowledge): void {
  for (const s of doc.sentences) {
    if (!s.claim) continue;
    let attribution: ReturnType<typeof attributionIn> | null = null;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = doc.tokens[i];
      const low = t.text.toLowerCase();
      let value: number | null = null;
      let min = 0, max = 0, approximate = false, first = i, last = i;
      const two = `${low} ${doc.tokens[i + 1]?.text.toLowerCase()} ${doc.tokens[i + 2]?.text.toLowerCase()}`;
      const vague = Object.keys(VAGUE).sort((a, b) => b.length - a.length).find((v) => two.startsWith(v + ' ') || two === v || two.startsWith(v));
      if (vague && (vague.split(' ').length > 1 || t.pos !== 'VERB')) {
        [min, max] = VAGUE[vague];
        value = min;
        approximate = true;
        last = i + vague.split(' ').length - 1;
      } else {
        value = parseNumber(t.text);
        if (value === null || (t.pos !== 'NUM' && !(low in SMALL) && !/^\d/.test(t.text))) continue;
        if (YEARISH.test(t.text) && !/,/.test(t.text)) {
          const next = doc.tokens[i + 1];
          // "in 2015" is a year; "2015 people" is a count.
          if (!next || !['people', 'civilians', 'persons', 'soldiers', 'troops', 'fighters'].includes(next.text.toLowerCase())) continue;
        }
        const scale = doc.tokens[i + 1] && SCALE[doc.tokens[i + 1].text.toLowerCase()];
        if (scale) {
          value *= scale;
          last = i + 1;
        }
        min = max = value;
      }
      // A number inside a date ("Dec. 7-8", "7 December") belongs to the time stage.
      if (doc.times.some((tm) => tm.start <= t.start && t.end <= tm.end)) continue;
      // Qualifiers before: "nearly", "at least", "more than", "some", "an estimated"
      let k = i - 1;
      let lower = false, upper = false;
      while (k >= s.tokenStart && APPROX.has(doc.tokens[k].text.toLowerCase())) {
        const w = doc.tokens[k].text.toLowerCase();
        if (w === 'least' || w === 'more' || w === 'over' || w === 'upwards') lower = true;
        if (w === 'nearly' || w === 'almost' || w === 'up') upper = true;
        approximate = true;
        first = k;
        k--;
      }
      const kind = kindNear(doc, s, first, last + 1);
      if (!kind) continue;
      // Round tolls ("500,000 people dead") are estimates even when the sentence does not hedge.
      if (value >= 10000 && value % 10000 === 0) approximate = true;
      if (lower) max = Number.POSITIVE_INFINITY;
      if (upper) min = 0;
      // "as of the end of November": a time in the sentence introduced by as of / by / until
      let asOf: string | null = null;
      for (const tm of doc.times) {
        if (tm.sentence !== s.index) continue;
        const before = doc.text.slice(Math.max(s.start, tm.start - 8), tm.start).toLowerCase();
        if (/(as of|by|until|as at|since)\s*$/.test(before) || tm.rule === 'as-of') asOf = tm.to;
      }
      attribution ??= attributionIn(doc, s, kb);
      const who = attribution[0] ?? null;
      const start = doc.tokens[first].start;
      const end = doc.tokens[Math.max(last, kind.at)].end;
      const fig: Figure = {
        start, end, text: doc.text.slice(start, end), kind: kind.kind, value: value!, min, max: Number.isFinite(max) ? max : null,
        approximate, asOf, attribution: who?.name ?? null, attributionEntityId: who?.entityId ?? null, placeName: null, sentence: s.index,
      };
      const place = doc.places.find((p) => p.sentence === s.index);
      if (place && fig.kind === 'population') fig.placeName = place.name;
      doc.figures.push(fig);
      i = Math.max(i, last);
    }
  }
}

