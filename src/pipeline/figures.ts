import type { Doc, Figure, FigureKind, Sentence, Token } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { attributionAt, relativeSpeaker } from './attribution.js';

// (maps, not objects: every word of a claim is looked up here, and `word in object` costs several
// times a map's look-up for a string just made by lower-casing; it also answered for "constructor")
const UNITS = new Map(Object.entries({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
}));
const TENS = new Map(Object.entries({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }));
const SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, m: 1e6, bn: 1e9, k: 1e3 };
// Vague quantities read as ranges (always approximate): "tens of thousands" is 20,000–90,000.
const VAGUE: [string, number, number][] = [
  ['hundreds of thousands', 200000, 900000], ['tens of thousands', 20000, 90000], ['thousands', 2000, 9000],
  ['hundreds', 200, 900], ['dozens', 24, 99], ['scores', 40, 99], ['millions', 2e6, 9e6],
];

const VAGUE_WORDS: [string, number, number, string[]][] = VAGUE.map(([p, a, b]) => [p, a, b, p.split(' ')]);
const STARTERS = new Set([...VAGUE.map(([p]) => p.split(' ')[0]), 'a', 'an', 'dozen']);

const KIND_WORDS: [RegExp, FigureKind][] = [
  [/^(kill|dead|die|died|death|deaths|fatalit|slain|massacre|execut|drown|perish|murder)/, 'killed'],
  [/^(injur|wound|hurt|casualt|maim|hospitali[sz])/, 'injured'],
  [/^(displac|flee|fled|uproot|evacuat|homeless)/, 'displaced'],
  [/^(refugee)/, 'refugees'],
  [/^(arrest)/, 'arrested'],
  [/^(detain|detention|imprison|jail)/, 'detained'],
  [/^(missing|abduct|kidnap|disappear)/, 'missing'],
  [/^(besieg|trap|siege)/, 'besieged'],
];

// Counts of things, not people: "1,000 vessels were displaced", "40 buildings evacuated".
const THINGS = /^(vessels?|ships?|boats?|tankers?|buildings?|homes?|houses?|structures?|vehicles?|cars?|trucks?|lorries|lorry|buses|bus|tanks?|aircraft|planes?|jets?|drones?|missiles?|rockets?|shells?|schools?|hospitals?|shops?|apartments?|flats?|villages?|towns?|livestock|cattle|animals?|heads?)$/i;
// "unable to flee", "could not leave": a displacement verb that did not happen describes people trapped.
const CANNOT = new Set(['unable', 'not', "n't", 'cannot', 'never', 'try', 'attempt']);

/** The counted noun right after a number (skipping adjectives and "more"), when it is a thing. */
function countsThings(doc: Doc, s: Sentence, last: number): boolean {
  for (let k = last + 1; k < Math.min(s.tokenEnd, last + 4); k++) {
    const t = doc.tokens[k];
    if (t.pos === 'ADJ' || t.pos === 'ADV' || t.lemma === 'more') continue;
    return THINGS.test(t.text);
  }
  return false;
}

/** "unable to flee", "could not leave", "tried to flee": the verb at k names a move that did not happen. */
function unrealised(doc: Doc, s: Sentence, k: number): boolean {
  for (let j = k - 1; j >= Math.max(s.tokenStart, k - 3); j--) if (CANNOT.has(doc.tokens[j].lemma) || CANNOT.has(doc.tokens[j].text.toLowerCase())) return true;
  return false;
}

interface Num {
  value: number;
  min: number | null;
  max: number | null;
  approximate: boolean;
  /** token index of the first and last token of the number phrase */
  first: number;
  last: number;
}

function wordValue(w: string): number | null {
  const low = w.toLowerCase();
  const unit = UNITS.get(low) ?? TENS.get(low);
  if (unit !== undefined) return unit;
  const m = low.match(/^([a-z]+)-([a-z]+)$/); // "seventy-eight"
  const tens = m ? TENS.get(m[1]) : undefined;
  const units = m ? UNITS.get(m[2]) : undefined;
  if (tens !== undefined && units !== undefined && units < 10) return tens + units;
  return null;
}

/** A number at token i: digits, words, "2 million", "8.6 million", "seventy-eight". */
function numberAt(doc: Doc, i: number, end: number): { value: number; last: number } | null {
  const t = doc.tokens[i];
  let value: number | null = null;
  let last = i;
  const digits = t.text.replace(/,/g, '');
  if (/^\d+(\.\d+)?$/.test(digits)) value = parseFloat(digits);
  else if (/^\d+(\.\d+)?(m|bn|k)$/i.test(digits)) value = parseFloat(digits) * SCALE[digits.replace(/^[\d.]+/, '').toLowerCase()];
  else {
    value = wordValue(t.text);
    // "seventy - eight" split by the tokeniser
    if (value !== null && value >= 20 && doc.tokens[i + 1]?.text === '-' && i + 2 < end) {
      const u = wordValue(doc.tokens[i + 2].text);
      if (u !== null && u < 10) {
        value += u;
        last = i + 2;
      }
    }
  }
  if (value === null) return null;
  const sc = doc.tokens[last + 1];
  if (sc && last + 1 < end && SCALE[sc.text.toLowerCase()] && !/^(m|k|bn)$/i.test(sc.text)) {
    value *= SCALE[sc.text.toLowerCase()];
    last++;
  }
  return { value, last };
}

/** What was counted: the words after the number (to the clause end), or a toll word before it. */
function kindNear(doc: Doc, s: Sentence, numStart: number, from: number): { kind: FigureKind; at: number } | null {
  const prev = doc.tokens[numStart - 1];
  const p1 = doc.tokens[numStart - 2];
  // "home to 2 million people", "a population of 2 million", "a city of 2 million"
  if (prev && ((prev.lemma === 'to' && p1?.lemma === 'home') || (prev.lemma === 'of' && (p1?.lemma === 'population' || p1?.lemma === 'city')))) {
    return { kind: 'population', at: numStart - 1 };
  }
  // "killing at least 12 people and wounding more than 40": a casualty verb right before the number
  // governs it, whatever the words after the number say.
  if (prev && numStart - 1 >= s.tokenStart && isCasualtyVerb(prev)) {
    const kind = kindOf(prev);
    if (kind) return { kind, at: numStart - 1 };
  }
  let reach = from + 9;
  for (let k = from; k < Math.min(s.tokenEnd, reach); k++) {
    const t = doc.tokens[k];
    // "at least 32 people, including seven civilians, had been killed": the aside is skipped
    if (t.text === ',' && PART_OF.has(doc.tokens[k + 1]?.text.toLowerCase() ?? '')) {
      let c = k + 2;
      while (c < s.tokenEnd && c < k + 8 && doc.tokens[c].text !== ',') c++;
      if (doc.tokens[c]?.text === ',' && c < s.tokenEnd) {
        reach += c - k;
        k = c;
        continue;
      }
    }
    if (t.text === ';' || (t.text === ',' && k > from + 3)) break;
    // The next number, or a coordinated verb ("... and wounding"), has words of its own.
    if (k > from && (t.pos === 'NUM' || /^\d/.test(t.text))) break;
    if ((t.lemma === 'and' || t.lemma === 'or') && isCasualtyVerb(doc.tokens[k + 1])) break;
    const low = t.text.toLowerCase();
    // "46 people were taken to hospital", "were treated in hospital": the injured, counted by where they went
    if (HOSPITAL.has(low) && (doc.tokens[k - 1]?.lemma === 'to' || doc.tokens[k - 1]?.lemma === 'in') &&
      doc.tokens.slice(from, k).some((x) => x.pos === 'VERB' && HOSPITAL_VERBS.has(x.lemma))) return { kind: 'injured', at: k };
    if ((low === 'inhabitants' || low === 'residents' || low === 'population') && k <= from + 2) return { kind: 'population', at: k };
    // "forced ... from their homes", "driven from their homes"
    if ((t.lemma === 'force' || t.lemma === 'drive') && doc.tokens.slice(k, Math.min(s.tokenEnd, k + 6)).some((x) => x.lemma === 'home')) return { kind: 'displaced', at: k };
    const kind = kindOf(t);
    if (kind === 'displaced' && unrealised(doc, s, k)) return { kind: 'besieged', at: k };
    if (kind) return { kind, at: k };
  }
  // "killing at least 12", "the death toll rose to 30", "forced more than two million people from their homes"
  for (let k = numStart - 1; k >= Math.max(s.tokenStart, numStart - 5); k--) {
    const t = doc.tokens[k];
    const low = t.text.toLowerCase();
    if (t.lemma === 'toll') return { kind: 'killed', at: k };
    // "were killed in the attack and 300 homes": past a coordinator the verb counts something else
    if (t.lemma === 'and' || t.lemma === 'or') break;
    if (t.lemma === 'force' || t.lemma === 'drive') {
      if (doc.tokens.slice(from, Math.min(s.tokenEnd, from + 5)).some((x) => x.lemma === 'home')) return { kind: 'displaced', at: k };
    }
    for (const [re, kind] of KIND_WORDS) if ((re.test(t.lemma) || re.test(low)) && t.pos === 'VERB') return { kind, at: k };
  }
  return null;
}

const HOSPITAL = new Set(['hospital', 'hospitals']);
const HOSPITAL_VERBS = new Set(['take', 'rush', 'admit', 'treat', 'carry', 'bring', 'send', 'fly', 'transport', 'airlift']);

function kindOf(t: Token): FigureKind | null {
  const low = t.text.toLowerCase();
  for (const [re, kind] of KIND_WORDS) if (re.test(t.lemma) || re.test(low)) return kind;
  return null;
}

/** A participle or finite casualty verb ("killing", "wounded"), not a noun or an adjective ("the dead"). */
function isCasualtyVerb(t: Token | undefined): boolean {
  return !!t && (t.pos === 'VERB' || /(ing|ed)$/.test(t.text)) && t.pos !== 'ADJ' && kindOf(t) !== null;
}

const PART_OF = new Set(['including', 'among', 'includes', 'include']);

function isSubset(doc: Doc, s: Sentence, first: number, last: number, kindAt: number): boolean {
  const before = doc.tokens[first - 1];
  if (before && first - 1 >= s.tokenStart && PART_OF.has(before.text.toLowerCase())) return true;
  // "among them 3 children", "of whom 12 were children"
  const b2 = doc.tokens[first - 2];
  if (b2 && first - 2 >= s.tokenStart && (b2.lemma === 'among' || b2.lemma === 'of') && ['them', 'whom', 'those'].includes(before.text.toLowerCase())) return true;
  // "Three children were among the dead" (not "12 people among the crowd were killed")
  const among = doc.tokens.slice(last + 1, kindAt).findIndex((t) => t.lemma === 'among');
  return kindAt > last && among >= 0 && kindAt - (last + 1 + among) <= 3;
}

const YEARISH = /^(1[89]|20)\d\d$/;
const PEOPLE = new Set(['people', 'civilians', 'persons', 'soldiers', 'troops', 'fighters', 'children', 'women', 'men', 'migrants', 'refugees', 'protesters', 'residents', 'others', 'militants', 'police', 'officers', 'israelis', 'palestinians']);

/** The number phrase at token i with its qualifiers, or null. */
function quantityAt(doc: Doc, s: Sentence, i: number): Num | null {
  const t = doc.tokens[i];
  const low = t.text.toLowerCase();
  // Vague plurals: "tens of thousands", "hundreds"
  for (const [phrase, min, max, words] of VAGUE_WORDS) {
    if (words[0] !== low) continue;
    void phrase;
    if (words.every((w, k) => doc.tokens[i + k]?.text.toLowerCase() === w) && i + words.length <= s.tokenEnd) {
      return { value: min, min, max, approximate: true, first: i, last: i + words.length - 1 };
    }
  }
  // "a dozen", "a handful"
  if (low === 'a' || low === 'an') {
    const nx = doc.tokens[i + 1]?.text.toLowerCase();
    if (nx === 'dozen') return { value: 12, min: null, max: null, approximate: true, first: i, last: i + 1 };
    return null;
  }
  if (low === 'dozen') return { value: 12, min: null, max: null, approximate: true, first: i, last: i };
  const n = numberAt(doc, i, s.tokenEnd);
  if (!n) return null;
  const prev = doc.tokens[i - 1];
  // Money, percentages, ages, ordinals and phone numbers are not counts of people.
  if (prev && /^[$€£¥]$/.test(prev.text)) return null;
  const after = doc.tokens[n.last + 1];
  if (after && /^(%|percent|per|dollars?|euros?|pounds|usd|km|kilometres?|kilometers?|miles?|years?|months?|days?|hours?|minutes?|kg|tonnes?|tons?|metres?|meters?)$/i.test(after.text)) return null;
  if (after?.text === '-' && /^(year|month|day|week)/i.test(doc.tokens[n.last + 2]?.text ?? '')) return null;
  if (low === 'one' && (prev?.lemma === 'no' || after?.lemma === 'of')) return null;
  if (YEARISH.test(t.text) && !/,/.test(t.text) && !PEOPLE.has(after?.text.toLowerCase() ?? '')) return null;
  // Qualifiers before the number
  let first = i;
  let kindOf: 'exact' | 'lower' | 'upper' | 'about' = 'exact';
  for (let k = i - 1; k >= Math.max(s.tokenStart, i - 3); k--) {
    const w = doc.tokens[k].text.toLowerCase();
    const w2 = doc.tokens[k - 1]?.text.toLowerCase();
    if (w === 'least' && w2 === 'at') { kindOf = 'lower'; first = k - 1; break; }
    if ((w === 'than' && (w2 === 'more' || w2 === 'over')) || w === 'over' || w === 'upwards' || w === 'exceeding') { kindOf = 'lower'; first = w === 'than' ? k - 1 : k; break; }
    if (w === 'nearly' || w === 'almost' || (w === 'to' && w2 === 'up') || (w === 'than' && (w2 === 'fewer' || w2 === 'less')) || w === 'under') { kindOf = 'upper'; first = w === 'to' || w === 'than' ? k - 1 : k; break; }
    if (['about', 'around', 'some', 'roughly', 'approximately', 'estimated', 'an', 'circa', 'almost'].includes(w)) { if (kindOf === 'exact') kindOf = 'about'; first = k; continue; }
    break;
  }
  // "between 40 and 50", "40 to 50"
  const nx = doc.tokens[n.last + 1];
  if (nx && (nx.lemma === 'and' && prev?.lemma === 'between' || nx.lemma === 'to' || nx.text === '-')) {
    const other = doc.tokens[n.last + 2] ? numberAt(doc, n.last + 2, s.tokenEnd) : null;
    if (other && other.value > n.value) {
      return { value: n.value, min: n.value, max: other.value, approximate: true, first: prev?.lemma === 'between' ? i - 1 : first, last: other.last };
    }
  }
  const v = n.value;
  switch (kindOf) {
    case 'lower': return { value: v, min: v, max: null, approximate: true, first, last: n.last };
    case 'upper': return { value: v, min: null, max: v, approximate: true, first, last: n.last };
    case 'about': return { value: v, min: null, max: null, approximate: true, first, last: n.last };
    default: return { value: v, min: v, max: v, approximate: v >= 10000 && v % 10000 === 0, first, last: n.last };
  }
}

// "killed 470 people in Lebanon and 25 in Israel": the place named right after a toll is where it
// was counted, so tolls of two places are never one figure table.
const TOLL_PLACE = /^\s*(?:[a-z]+\s+){0,4}?(?:in|across|inside|at)\s+(?:the\s+)?(?:(?:city|town|village|province|region|state|district)\s+of\s+)?$/i;

function placeOfToll(doc: Doc, sentence: number, end: number): string | null {
  const p = doc.places.find((x) => x.sentence === sentence && x.start >= end && TOLL_PLACE.test(doc.text.slice(end, x.start)));
  return p?.name ?? null;
}

/**
 * Casualty and humanitarian figures, with bounds, approximation, as-of date and attribution.
 * Round tolls ("500,000 people dead") are flagged approximate: such figures are estimates.
 */
export function figures(doc: Doc, kb: Knowledge): void {
  let last: { kind: FigureKind; sentence: number; at: number } | null = null;
  for (const s of doc.sentences) {
    if (!s.claim) continue;
    const times = doc.times.filter((tm) => tm.sentence === s.index);
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = doc.tokens[i];
      // Only numbers, number words and vague quantities start a figure.
      const low = t.text.toLowerCase();
      if (t.pos !== 'NUM' && !/^\d/.test(t.text) && !STARTERS.has(low) && wordValue(low) === null) continue;
      // A number inside a date ("March 3-4", "7 December") belongs to the time stage.
      if (times.some((tm) => tm.start <= t.start && t.end <= tm.end)) continue;
      const q = quantityAt(doc, s, i);
      if (!q) continue;
      let kind = kindNear(doc, s, q.first, q.last + 1);
      // "killed at least 470 people in Lebanon ... and at least 25 people in Israel": a number joined
      // to the previous figure by "and" counts the same thing.
      const joined = doc.tokens[q.first - 1]?.lemma === 'and' || doc.tokens[q.first - 1]?.lemma === 'or';
      const counted = doc.tokens[q.last + 1];
      const ofPeople = !counted || q.last + 1 >= s.tokenEnd || counted.pos !== 'NOUN' || PEOPLE.has(counted.text.toLowerCase()) || counted.lemma === 'other';
      if (!kind && joined && ofPeople && last && last.sentence === s.index && q.first - last.at <= 12) kind = { kind: last.kind, at: q.last };
      if (!kind || countsThings(doc, s, q.last)) {
        i = q.last;
        continue;
      }
      // "Three children were among the dead", "killing 15 people, including three children": a part of
      // a toll counted elsewhere is no toll of its own.
      if (isSubset(doc, s, q.first, q.last, kind.at)) {
        i = q.last;
        continue;
      }
      // "no one was hurt": a negated count is not a figure.
      if (doc.tokens.slice(q.last + 1, kind.at).some((x) => x.lemma === 'not' || x.text === "n't")) {
        i = q.last;
        continue;
      }
      let asOf: string | null = null;
      for (const tm of doc.times) {
        if (tm.sentence !== s.index) continue;
        const before = doc.text.slice(Math.max(s.start, tm.start - 8), tm.start).toLowerCase();
        if (/(as of|by|until|as at)\s*$/.test(before) || tm.rule === 'as-of') asOf = tm.to;
      }
      const who = relativeSpeaker(doc, s, q.first) ?? attributionAt(doc, s, kb, q.first);
      const start = doc.tokens[q.first].start;
      const end = doc.tokens[Math.max(q.last, kind.at)].end;
      // Round tolls are estimates; a population is a census figure.
      if (kind.kind === 'population' && q.min === q.max) q.approximate = false;
      const fig: Figure = {
        start, end, text: doc.text.slice(start, end), kind: kind.kind, value: q.value, min: q.min, max: q.max,
        approximate: q.approximate, asOf, attribution: who?.name ?? null, attributionEntityId: who?.entityId ?? null,
        placeName: null, sentence: s.index,
      };
      if (fig.kind === 'population') fig.placeName = doc.places.find((p) => p.sentence === s.index && p.end <= start)?.name ?? null;
      else fig.placeName = placeOfToll(doc, s.index, end);
      doc.figures.push(fig);
      last = { kind: fig.kind, sentence: s.index, at: Math.max(q.last, kind.at) };
      i = Math.max(i, q.last);
    }
  }
}
