// TIMES stage: finds temporal expressions in every sentence and resolves them to inclusive ISO-day
// intervals relative to the publication day (doc.anchor).
//
// chrono-node (en, forwardDate false, reference = anchor at noon UTC) is the base for calendar dates
// ("March 3-4", "3 March 2022", "yesterday"); our own rules handle what chrono gets wrong or does not
// do for news text: bare years ("in 2015", "since at least 2011"), decades, whole ISO weeks / months /
// years ("next week", "last year"), weekday names resolved by the tense of their clause, "end of
// November", "early December", seasons, quarters, "N days ago", and expressions that lean on an
// earlier time in the text ("earlier that day", "the next day", "two days later").
//
// Every day is computed as a UTC day number (days since 1970-01-01), so no local timezone leaks in.

// English only: the package's index loads every locale (about 0.25 s of start-up).
import * as chronoEn from 'chrono-node/en';
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import type { Doc, Precision, Sentence, TimeMention, Token } from '../model/types.js';

// ------------------------------------------------------------------ day arithmetic (UTC)

const MS_DAY = 86_400_000;

function ymd(y: number, m: number, d: number): number {
  const dt = new Date(Date.UTC(2000, m - 1, d));
  dt.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years < 100 literal and handles overflow
  return Math.floor(dt.getTime() / MS_DAY);
}
function parts(n: number): { y: number; m: number; d: number } {
  const dt = new Date(n * MS_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}
function iso(n: number): string {
  const { y, m, d } = parts(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function dayNum(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return null;
  return ymd(+m[1], +m[2], +m[3]);
}
/** 0 = Monday … 6 = Sunday */
function weekday(n: number): number {
  return (new Date(n * MS_DAY).getUTCDay() + 6) % 7;
}
function weekOf(n: number): Iv {
  const from = n - weekday(n);
  return { from, to: from + 6, precision: 'week' };
}
function monthOf(y: number, m: number): Iv {
  return { from: ymd(y, m, 1), to: ymd(y, m + 1, 0), precision: 'month' };
}
function monthsSpan(y: number, m1: number, m2: number): Iv {
  return { from: ymd(y, m1, 1), to: ymd(y, m2 + 1, 0), precision: 'month' };
}
function yearOf(y: number, y2 = y): Iv {
  return { from: ymd(y, 1, 1), to: ymd(y2, 12, 31), precision: 'year' };
}
function addMonths(n: number, k: number): { y: number; m: number } {
  const { y, m } = parts(n);
  const t = y * 12 + (m - 1) + k;
  return { y: Math.floor(t / 12), m: (t % 12) + 1 };
}

/** The ISO week (Monday–Sunday) containing `day`, as inclusive ISO days. */
export function isoWeek(day: string): [string, string] {
  const n = dayNum(day);
  if (n === null) throw new Error(`not an ISO day: ${day}`);
  const w = weekOf(n);
  return [iso(w.from), iso(w.to)];
}

// ------------------------------------------------------------------ candidates

interface Iv {
  from: number;
  to: number;
  precision: Precision;
  open?: boolean;
}

interface Resolved extends Iv {
  start: number;
  end: number;
  rule: string;
  sentence: number;
  /** a headline weekday read without a tense cue: the body's reading of the same day replaces it */
  loose?: boolean;
}

interface Cand {
  /** document offsets */
  start: number;
  end: number;
  rule: string;
  /** tie-break among equally long overlapping matches: blockers 9, own rules 5, chrono 1 */
  prio: number;
  iv?: Iv;
  /** resolved after overlap removal, against the times found before it (that-day and friends) */
  defer?: (before: Resolved[]) => Iv | null;
  /** a match that exists only to keep a span from being read as a time ("a few days ago") */
  block?: boolean;
  loose?: boolean;
}

type Tense = 'past' | 'future' | 'none';

interface Ctx {
  doc: Doc;
  sentence: number;
  /** sentence text and its document offset */
  text: string;
  base: number;
  toks: Token[];
  anchor: number | null;
  groups: Group[] | null;
  headline: boolean;
}

// ------------------------------------------------------------------ vocabulary

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH_RE = '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)';
/** Month names that are also common words or names: need a date context to count as a month. */
const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'mar', 'april', 'june', 'august', 'jan', 'sat', 'sun']);
export const WEEKDAYS: Record<string, number> = { monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6 };
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
};
const NUM_RE = '(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\\d{1,3})';
const YEAR_RE = '(?:1[5-9]\\d\\d|20\\d\\d)';
/** Words after a number that make it a count, not a year ("2015 people"). */
const COUNT_NOUNS = new Set([
  'people', 'persons', 'civilians', 'soldiers', 'troops', 'fighters', 'militants', 'children', 'men', 'women', 'refugees',
  'residents', 'deaths', 'dead', 'casualties', 'cases', 'families', 'homes', 'houses', 'buildings', 'members', 'votes',
  'rockets', 'missiles', 'drones', 'shells', 'tanks', 'prisoners', 'detainees', 'migrants', 'victims', 'workers',
  'students', 'km', 'kilometers', 'kilometres', 'miles', 'meters', 'metres', 'tons', 'tonnes', 'dollars', 'euros',
  'rubles', 'roubles', 'pounds', 'percent', 'times', 'hectares', 'units', 'sorties', 'officers', 'police', 'protesters',
  'demonstrators', 'seats', 'hostages', 'bodies', 'wounded', 'injured', 'square', 'feet', 'metric',
]);
/** Words before a weekday that make it a named day, not a date ("Bloody Sunday", "Good Friday"). */
const NAMED_DAY_BEFORE = new Set(['bloody', 'black', 'good', 'easter', 'palm', 'super', 'cyber', 'holy', 'ash', 'maundy', 'fat', 'blue', 'orthodox', 'great']);
/** Words after a weekday that make it a title ("Sunday Times"): those are skipped. */
const TITLE_AFTER = new Set(['times', 'telegraph', 'mirror', 'express', 'post', 'herald', 'mail', 'independent', 'star', 'sport', 'people', 'tribune', 'observer', 'review', 'magazine', 'journal', 'news', 'club']);

// ------------------------------------------------------------------ tense of a clause (from tokens)

interface Group {
  s: number;
  e: number;
  tense: Tense;
}

const FUTURE_AUX = new Set(['will', "'ll", 'shall', 'wo']);
const MODALS = new Set(['would', 'could', 'might', 'may', 'should', 'can', 'must']);
/** head words that make a following "to VERB" a plan: "is due to", "plans to", "is set to" */
const PLAN_HEADS = new Set(['due', 'set', 'plan', 'expect', 'schedule', 'intend', 'aim', 'prepare', 'slate', 'poise', 'going', 'go', 'likely', 'about', 'hope', 'vow', 'pledge', 'promise', 'threaten']);
const DIRECTIVES = new Set(['order', 'tell', 'give', 'urge', 'ask', 'instruct', 'force', 'demand', 'require', 'direct', 'call', 'command', 'compel']);
const GROUP_ADJ = new Set(['due', 'set', 'likely', 'unlikely', 'expected', 'scheduled', 'poised', 'slated', 'about', 'able']);
const PRESENT_BE = new Set(['is', 'are', 'am', "'s", "'re"]);
const FUTURE_WORDS = new Set(['next', 'upcoming', 'forthcoming', 'tomorrow', 'coming']);
const BOUNDARY_WORDS = new Set(['that', 'which', 'who', 'whom', 'whose', 'because', 'while', 'whereas', 'although', 'though', 'but', 'when', 'where', 'if', 'unless']);
const BOUNDARY_PUNCT = new Set([';', ':', '—', '–', '(', ')', '"', '“', '”', '‘']);

function low(t: Token): string {
  return t.text.toLowerCase().replace(/’/g, "'");
}
function isPastForm(w: string, lemma: string): boolean {
  if (w === lemma || w.endsWith('ing')) return false;
  if (w === lemma + 's' || w === lemma + 'es') return false;
  if (lemma.endsWith('y') && w === lemma.slice(0, -1) + 'ies') return false;
  return true;
}

function inGroup(t: Token): boolean {
  if (t.pos === 'AUX' || t.pos === 'VERB' || t.pos === 'ADV') return true;
  if (t.pos === 'PART') return !/^['’]s$/.test(t.text);
  return t.pos === 'ADJ' && GROUP_ADJ.has(t.lemma);
}

function groupTense(toks: Token[], s: number, e: number): Tense | null {
  for (let i = s; i < e; i++) {
    const t = toks[i];
    const w = low(t);
    if ((t.pos === 'AUX' || t.pos === 'VERB') && FUTURE_AUX.has(w)) return 'future';
    if (t.pos === 'AUX' && MODALS.has(w)) {
      let j = i + 1;
      while (j < e && (toks[j].pos === 'ADV' || toks[j].pos === 'PART')) j++;
      if (!(j < e && toks[j].lemma === 'have')) return 'future';
    }
    if (t.lemma === 'schedule') return 'future';
    if (w === 'to') {
      const head = i > 0 ? toks[i - 1] : undefined;
      if (head && (PLAN_HEADS.has(head.lemma) || PLAN_HEADS.has(low(head)))) return 'future';
      // "the minister is to visit", "talks are to resume": a present "be" with an infinitive is a plan
      if (head && PRESENT_BE.has(low(head)) && i + 1 < e && toks[i + 1].pos === 'VERB') return 'future';
      // ("ordered all undocumented Afghans to leave by March 31": what a directive asks is due after
      // it, whatever its tense; a date of the ordered act is the nearest one, passed or not)
      for (let j = i - 1; j >= Math.max(0, i - 6) && !isBoundary(toks[j]); j--) if (toks[j].pos === 'VERB' && DIRECTIVES.has(toks[j].lemma)) return 'none';
      // "to be held": a passive infinitive names something still to happen
      if (i + 2 < toks.length && toks[i + 1].lemma === 'be' && toks[i + 2].pos === 'VERB' && isPastForm(low(toks[i + 2]), toks[i + 2].lemma)) return 'future';
    }
  }
  // the first finite verb decides past or present; a bare infinitive ("to address") carries no tense
  for (let i = s; i < e; i++) {
    const t = toks[i];
    if (t.pos !== 'AUX' && t.pos !== 'VERB') continue;
    if (i > 0 && low(toks[i - 1]) === 'to') return null;
    const w = low(t);
    // a bare participle ("before returning", "..., killing") is not finite: it has no tense of its own
    if (t.pos === 'VERB' && w.endsWith('ing')) return null;
    if (t.lemma === 'be') return w === 'was' || w === 'were' || w === 'been' ? 'past' : 'none';
    if (t.lemma === 'have') {
      if (w === 'had') return 'past';
      for (let j = i + 1; j < e; j++) if (toks[j].pos === 'VERB' || toks[j].pos === 'AUX') return 'past'; // perfect
      return 'none';
    }
    if (t.lemma === 'do') return w === 'did' ? 'past' : 'none';
    if (t.pos === 'AUX') return 'none';
    return isPastForm(w, t.lemma) ? 'past' : 'none';
  }
  return null;
}

function verbGroups(toks: Token[]): Group[] {
  const groups: Group[] = [];
  let i = 0;
  while (i < toks.length) {
    if (!inGroup(toks[i])) {
      // "next", "upcoming", "tomorrow" mark the clause as future on their own
      if (FUTURE_WORDS.has(toks[i].lemma) && toks[i].pos !== 'PROPN') groups.push({ s: i, e: i + 1, tense: 'future' });
      i++;
      continue;
    }
    let j = i;
    let verbal = false;
    while (j < toks.length && inGroup(toks[j])) {
      if (toks[j].pos === 'AUX' || toks[j].pos === 'VERB') verbal = true;
      j++;
    }
    if (verbal) {
      const tense = groupTense(toks, i, j);
      if (tense) groups.push({ s: i, e: j, tense });
    }
    i = j;
  }
  return groups;
}

function isBoundary(t: Token): boolean {
  if (t.pos === 'PUNCT') return BOUNDARY_PUNCT.has(t.text);
  const w = low(t);
  if (!BOUNDARY_WORDS.has(w)) return false;
  if (w === 'that') return t.pos === 'SCONJ' || t.pos === 'PRON';
  return true;
}

/**
 * Tense of the clause around [start, end): the nearest verb group inside the same clause (clauses
 * split at "that", "which", "but", semicolons, dashes, quotes), else the nearest in the sentence.
 */
function tenseAt(ctx: Ctx, start: number, end: number): Tense {
  const toks = ctx.toks;
  if (!toks.length) return 'none';
  if (!ctx.groups) ctx.groups = verbGroups(toks);
  let a = toks.findIndex((t) => t.end > start);
  if (a < 0) a = toks.length;
  let b = a;
  while (b < toks.length && toks[b].start < end) b++;
  let lo = a - 1;
  while (lo >= 0 && !isBoundary(toks[lo])) lo--;
  let hi = b;
  while (hi < toks.length && !isBoundary(toks[hi])) hi++;
  // a comma between the expression and a verb counts as three tokens: "will hold talks on Thursday, his spokesman said"
  const commas: number[] = [0];
  for (let i = 0; i < toks.length; i++) commas.push(commas[i] + (toks[i].text === ',' ? 1 : 0));
  const between = (x: number, y: number) => commas[y] - commas[x];
  const pick = (inside: (g: Group) => boolean): Tense | null => {
    let best: Group | null = null;
    let bestDist = Infinity;
    for (const g of ctx.groups!) {
      if (g.s >= a && g.e <= b) continue; // part of the expression itself ("next")
      if (!inside(g)) continue;
      // A verb after a comma is usually a reporting clause ("..., the ministry said"): it governs
      // the date less than the verb group the expression follows.
      const dist = g.e <= a ? a - g.e + 3 * between(g.e, a) : g.s >= b ? g.s - b + 12 * between(b, g.s) : 0;
      // ties go to the group on the left ("reported Monday")
      if (dist < bestDist || (dist === bestDist && best && g.s < best.s)) {
        best = g;
        bestDist = dist;
      }
    }
    return best ? best.tense : null;
  };
  return pick((g) => g.s > lo && g.e <= hi) ?? pick(() => true) ?? 'none';
}

// ------------------------------------------------------------------ year inference for dates without a year

/** Shift a date interval by whole years, keeping month and day. */
function shiftYears(iv: Iv, k: number): Iv {
  if (!k) return iv;
  const f = parts(iv.from);
  const t = parts(iv.to);
  const to = iv.precision === 'day' ? ymd(t.y + k, t.m, t.d) : ymd(t.y + k, t.m + 1, 0);
  return { ...iv, from: ymd(f.y + k, f.m, f.d), to };
}
function ymdLast(y: number, m: number): number {
  return parts(ymd(y, m + 1, 0)).d;
}

/** Past clauses do not talk about dates after the publication day, future clauses not about dates before it. */
function byTense(iv: Iv, tense: Tense, anchor: number): Iv {
  if (tense === 'past' && iv.from > anchor) return shiftYears(iv, -1);
  if (tense === 'future' && iv.to < anchor) return shiftYears(iv, 1);
  return iv;
}

/** A month named without a year: the nearest one to the anchor, then corrected by tense. */
function monthNoYear(m: number, anchor: number, tense: Tense): Iv {
  const ay = parts(anchor).y;
  let best = monthOf(ay, m);
  for (const y of [ay - 1, ay + 1]) {
    const c = monthOf(y, m);
    const dist = (iv: Iv) => Math.abs((iv.from + iv.to) / 2 - anchor);
    if (dist(c) < dist(best)) best = c;
  }
  return byTense(best, tense, anchor);
}

// ------------------------------------------------------------------ rules

type Rule = (ctx: Ctx, out: Cand[]) => void;

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}
const cap = (s: string) => /^[A-Z]/.test(s);

function unitInterval(unit: string, anchor: number, offset: number): Iv {
  if (unit === 'week') return weekOf(anchor + 7 * offset);
  if (unit === 'month') {
    const { y, m } = addMonths(anchor, offset);
    return monthOf(y, m);
  }
  return yearOf(parts(anchor).y + offset);
}

const REL_OFFSET: Record<string, number> = { last: -1, previous: -1, past: -1, this: 0, current: 0, next: 1, coming: 1, following: 1 };

// "as of the end of November", "by the end of 2024", "at the end of last week", "the start of the year"
const AS_OF_RE = new RegExp(
  `\\b(?:(as of|by|at|until|till|through)\\s+)?(?:the\\s+)?(?:very\\s+)?(end|close|start|beginning)\\s+of\\s+` +
    `(?:(?:the\\s+)?(?:(last|this|next|previous|current|coming|past)\\s+)?(week|month|year)\\b|(${MONTH_RE})(?:,?\\s+(${YEAR_RE}))?(?![\\w])|(${YEAR_RE})\\b)`,
  'gi',
);
const ruleAsOf: Rule = (ctx, out) => {
  each(AS_OF_RE, ctx.text, (m) => {
    const [, prep, which, rel, unit, monthWord, monthYear, year] = m;
    const end = which.toLowerCase() === 'end' || which.toLowerCase() === 'close';
    const cutoff = !!prep && prep.toLowerCase() !== 'at';
    const start = ctx.base + m.index + (prep ? 0 : m[0].search(/\S/));
    let span: Iv | null = null;
    if (unit) {
      if (ctx.anchor === null) return;
      span = unitInterval(unit.toLowerCase(), ctx.anchor, rel ? REL_OFFSET[rel.toLowerCase()] : 0);
    } else if (monthWord) {
      if (!cap(monthWord)) return;
      const mo = MONTHS[monthWord.toLowerCase().replace('.', '')];
      if (monthYear) span = monthOf(+monthYear, mo);
      else if (ctx.anchor !== null) span = monthNoYear(mo, ctx.anchor, tenseAt(ctx, start, ctx.base + m.index + m[0].length));
    } else if (year) span = yearOf(+year);
    if (!span) return;
    let iv: Iv;
    if (span.precision === 'week') {
      // a week's end is its last days (Friday–Sunday), unless it is a cut-off ("by the end of last week")
      iv = end ? { from: cutoff ? span.to : span.to - 2, to: span.to, precision: 'day' } : { from: span.from, to: cutoff ? span.from : span.from + 1, precision: 'day' };
    } else iv = end ? { from: span.to, to: span.to, precision: 'day' } : { from: span.from, to: span.from, precision: 'day' };
    out.push({ start, end: ctx.base + m.index + m[0].length, rule: 'as-of', prio: 5, iv });
  });
};

// "early December", "mid-December 2024", "late November", "the middle of March"
const PART_MONTH_RE = new RegExp(`\\b(early|mid|late|the\\s+middle\\s+of)[\\s-]+(${MONTH_RE})(?:,?\\s+(${YEAR_RE}))?(?![\\w])`, 'gi');
const rulePartOfMonth: Rule = (ctx, out) => {
  each(PART_MONTH_RE, ctx.text, (m) => {
    if (!cap(m[2])) return;
    const mo = MONTHS[m[2].toLowerCase().replace('.', '')];
    const start = ctx.base + m.index;
    const end = start + m[0].length;
    let iv: Iv | null = null;
    if (m[3]) iv = monthOf(+m[3], mo);
    else if (ctx.anchor !== null) iv = monthNoYear(mo, ctx.anchor, tenseAt(ctx, start, end));
    if (iv) out.push({ start, end, rule: 'part-of', prio: 5, iv });
  });
};

// seasons: "summer 2023", "the winter of 2022", "last summer"; "fall" only with a year or last/this/next
const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 14] };
const SEASON_RE = new RegExp(`\\b(?:(last|this|next|past)\\s+)?(?:(early|late|mid)[\\s-]+)?(spring|summer|autumn|fall|winter)(?:\\s+(?:of\\s+)?(${YEAR_RE})\\b)?`, 'gi');
function seasonIv(y: number, s: [number, number]): Iv {
  return { from: ymd(y, s[0], 1), to: ymd(y, s[1] + 1, 0), precision: 'month' };
}
const ruleSeason: Rule = (ctx, out) => {
  each(SEASON_RE, ctx.text, (m) => {
    const [, rel, , season, year] = m;
    if (!rel && !year) return;
    const s = SEASONS[season.toLowerCase()];
    let iv: Iv;
    if (year) iv = seasonIv(+year, s);
    else {
      if (ctx.anchor === null) return;
      const ay = parts(ctx.anchor).y;
      const r = rel.toLowerCase();
      if (r === 'this') {
        // the season of the publication year; winter that began last December if we are in Jan/Feb
        iv = seasonIv(s[0] === 12 && parts(ctx.anchor).m <= 2 ? ay - 1 : ay, s);
      } else if (r === 'next') {
        iv = seasonIv(ay - 1, s);
        while (iv.from <= ctx.anchor) iv = seasonIv(parts(iv.from).y + 1, s);
      } else {
        iv = seasonIv(ay + 1, s);
        while (iv.to >= ctx.anchor) iv = seasonIv(parts(iv.from).y - 1, s);
      }
    }
    const start = ctx.base + m.index;
    out.push({ start, end: start + m[0].length, rule: 'season', prio: 5, iv });
  });
};

// quarters and halves: "the first quarter of 2024", "Q3 2023", "the second half of 2015"
const ORD: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: 4, last: 4 };
const QUARTER_RE = new RegExp(`\\b(?:(first|1st|second|2nd|third|3rd|fourth|4th|final|last)\\s+(quarter|half)\\s+of\\s+(${YEAR_RE})|Q([1-4])[\\s-]+(${YEAR_RE}))\\b`, 'gi');
const ruleQuarter: Rule = (ctx, out) => {
  each(QUARTER_RE, ctx.text, (m) => {
    let iv: Iv;
    if (m[4]) {
      const q = +m[4];
      iv = monthsSpan(+m[5], q * 3 - 2, q * 3);
    } else {
      const half = m[2].toLowerCase() === 'half';
      const k = Math.min(ORD[m[1].toLowerCase()], half ? 2 : 4);
      iv = half ? monthsSpan(+m[3], k * 6 - 5, k * 6) : monthsSpan(+m[3], k * 3 - 2, k * 3);
    }
    const start = ctx.base + m.index;
    out.push({ start, end: start + m[0].length, rule: 'quarter', prio: 5, iv });
  });
};

// decades: "the 1990s", "the early 2000s", "the '90s"
const DECADE_RE = /(?:\b(early|mid|late)[\s-]+)?(?:\b(1[5-9]\d0|20\d0)s|(?<!\w)['’](\d0)s)\b/gi;
const ruleDecade: Rule = (ctx, out) => {
  each(DECADE_RE, ctx.text, (m) => {
    const y = m[2] ? +m[2] : +m[3] >= 30 ? 1900 + +m[3] : 2000 + +m[3];
    const start = ctx.base + m.index;
    out.push({ start, end: start + m[0].length, rule: 'decade', prio: 5, iv: { from: ymd(y, 1, 1), to: ymd(y + 9, 12, 31), precision: 'decade' } });
  });
};

// bare years: a four-digit number is a year only in a temporal context
const YEAR_TOKEN_RE = new RegExp(`(?<![\\d.,$€£#/])\\b(${YEAR_RE})\\b(?![.,]\\d|\\s*(?:%|percent\\b|per cent\\b))`, 'g');
const YEAR_PREP_RE =
  /\b(since|in|by|until|till|through|throughout|during|before|after|from|of|around|circa|between|as of|for|ahead of|prior to|starting in|beginning in|back in|back to|until at least|spring|summer|autumn|winter)\s+$/i;
const YEAR_QUAL_RE = /(?:\b(?:at least|as early as|as late as|as far back as|as recently as|as long ago as)\s+)?(?:\b(?:early|late|mid)[\s-]+|\b(?:the\s+)?middle\s+of\s+)?(?:\bthe\s+year\s+)?$/i;
const rulePartYearRe = /\b(early|late|mid)[\s-]+$|\bmiddle\s+of\s+$|\bthe\s+year\s+$/i;
const ruleYear: Rule = (ctx, out) => {
  const t = ctx.text;
  each(YEAR_TOKEN_RE, t, (m) => {
    const y1 = +m[1];
    const left = t.slice(0, m.index);
    const after = t.slice(m.index + m[0].length);
    // the part of the left context that belongs to the expression ("early", "the year")
    const own = rulePartYearRe.exec(left);
    let start = m.index - (own ? own[0].length : 0);
    const qual = YEAR_QUAL_RE.exec(left);
    const beforeQual = qual ? left.slice(0, left.length - qual[0].length) : left;
    const prep = YEAR_PREP_RE.exec(beforeQual);
    let y2 = y1;
    let endIdx = m.index + m[0].length;
    // ranges: "2011-2015", "2014–15", "from 2011 to 2015", "between 2011 and 2015"
    const dash = /^\s*[-–—/]\s*(\d{4}|\d{2})\b(?![-–/]\d)/.exec(after);
    const word = /^\s+(to|through|until|and)\s+(\d{4})\b/i.exec(after);
    let range = false;
    if (dash) {
      const v = dash[1].length === 2 ? Math.floor(y1 / 100) * 100 + +dash[1] : +dash[1];
      if (v > y1 && v - y1 <= 100) {
        y2 = v;
        endIdx += dash[0].length;
        range = true;
      }
    } else if (word) {
      const p = prep?.[1].toLowerCase();
      const w = word[1].toLowerCase();
      const v = +word[2];
      if (v > y1 && v - y1 <= 100 && ((w === 'and' && p === 'between') || (w !== 'and' && (p === 'from' || !p)))) {
        y2 = v;
        endIdx += word[0].length;
        range = true;
      }
    }
    const nextWord = /^\s+([A-Za-z]+)/.exec(t.slice(endIdx))?.[1] ?? '';
    if (COUNT_NOUNS.has(nextWord.toLowerCase())) return;
    let ok = range || !!prep || !!own || /\b(?:at least|as early as|as late as|as far back as|as recently as|as long ago as)\s+$/i.test(left);
    // "in 2011 and 2015", "2014 or 2015"
    if (!ok && new RegExp(`\\b${YEAR_RE}\\s+(?:and|or)\\s+$`).test(left)) ok = true;
    // "the 2015 election", "Russia's 2015 intervention"
    if (!ok && /(?:\bthe|['’]s|\bits|\btheir|\bhis|\bher)\s+$/i.test(left) && /^[a-z]/.test(nextWord)) ok = true;
    if (!ok) return;
    start = Math.max(0, start);
    // "ruled out a vote before 2027": the time before that year, from the publication day on, not the year
    if (!range && /^(?:before|prior to)$/i.test(prep?.[1] ?? '') && ctx.anchor !== null && ctx.anchor < ymd(y1, 1, 1)) {
      const to = ymd(y1, 1, 1) - 1;
      const from = ctx.base + m.index - (qual?.[0].length ?? 0) - prep![0].length;
      out.push({ start: from, end: ctx.base + endIdx, rule: 'before-year', prio: 5, iv: { from: ctx.anchor, to, precision: 'year' } });
      return;
    }
    out.push({ start: ctx.base + start, end: ctx.base + endIdx, rule: 'bare-year', prio: 4, iv: yearOf(y1, y2) });
  });
};

// whole calendar units: "next week", "last month", "this year", "earlier this week", "the past week"
const UNIT_REL_RE = /\b(?:(earlier|later|early|late)\s+)?(the\s+)?(this|last|next|past|coming|current)\s+(week|month|year)\b/gi;
const ROLLING_RE = new RegExp(`\\b(?:the\\s+)?(?:past|last)\\s+(${NUM_RE})\\s+(day|week|month|year)s\\b`, 'gi');
const ruleUnitRelative: Rule = (ctx, out) => {
  if (ctx.anchor === null) return;
  const anchor = ctx.anchor;
  each(UNIT_REL_RE, ctx.text, (m) => {
    const [, part, the, rel, unitRaw] = m;
    const unit = unitRaw.toLowerCase();
    const r = rel.toLowerCase();
    const p = part?.toLowerCase();
    const start = ctx.base + m.index;
    let iv: Iv;
    if (r === 'past' || (r === 'last' && the)) {
      // "the past week", "in the last month": a rolling window ending on the publication day
      const from = unit === 'week' ? anchor - 7 : unit === 'month' ? (() => { const a = addMonths(anchor, -1); return ymd(a.y, a.m, Math.min(parts(anchor).d, ymdLast(a.y, a.m))); })() : ymd(parts(anchor).y - 1, parts(anchor).m, parts(anchor).d);
      iv = { from, to: anchor, precision: unit as Precision };
    } else {
      iv = unitInterval(unit, anchor, REL_OFFSET[r]);
      // "earlier this week" runs up to the publication day, "later this month" from it
      if (r === 'this' || r === 'current') {
        if (p === 'earlier') iv = { ...iv, to: anchor };
        else if (p === 'later') iv = { ...iv, from: anchor };
      }
    }
    if (the && r === 'next') return; // "the next week" leans on the story: see the that-day rule
    if (/^\s+of\b/.test(ctx.text.slice(m.index + m[0].length))) return; // "the last week of November": see week-of
    const rule = unit === 'week' ? 'week-relative' : unit === 'month' ? 'month-relative' : 'year-relative';
    out.push({ start, end: start + m[0].length, rule, prio: 5, iv });
  });
  each(ROLLING_RE, ctx.text, (m) => {
    const n = NUMBER_WORDS[m[1].toLowerCase()] ?? +m[1];
    if (!Number.isFinite(n) || n <= 0) return;
    const unit = m[2].toLowerCase();
    let from: number;
    if (unit === 'day') from = anchor - n;
    else if (unit === 'week') from = anchor - 7 * n;
    else {
      const a = addMonths(anchor, unit === 'month' ? -n : -12 * n);
      from = ymd(a.y, a.m, Math.min(parts(anchor).d, ymdLast(a.y, a.m)));
    }
    const start = ctx.base + m.index;
    out.push({ start, end: start + m[0].length, rule: 'rolling', prio: 5, iv: { from, to: anchor, precision: unit as Precision } });
  });
};

// "the first week of December", "the last week of November 2024"
const WEEK_OF_RE = new RegExp(`\\b(first|second|third|fourth|last|final)\\s+week\\s+of\\s+(${MONTH_RE})(?:,?\\s+(${YEAR_RE}))?(?![\\w])`, 'gi');
const ruleWeekOf: Rule = (ctx, out) => {
  each(WEEK_OF_RE, ctx.text, (m) => {
    if (!cap(m[2])) return;
    const start = ctx.base + m.index;
    const end = start + m[0].length;
    const mo = MONTHS[m[2].toLowerCase().replace('.', '')];
    const month = m[3] ? monthOf(+m[3], mo) : ctx.anchor !== null ? monthNoYear(mo, ctx.anchor, tenseAt(ctx, start, end)) : null;
    if (!month) return;
    const k = ORD[m[1].toLowerCase()];
    const last = /last|final/i.test(m[1]);
    const from = last ? month.to - 6 : month.from + 7 * (k - 1);
    out.push({ start, end, rule: 'week-of', prio: 5, iv: { from, to: from + 6, precision: 'week' } });
  });
};

// weekends: "last weekend", "this weekend", "(over) the weekend"
const WEEKEND_RE = /\b(?:(last|this|next|coming|past)\s+weekend|(?:over\s+)?the\s+weekend)\b/gi;
const ruleWeekend: Rule = (ctx, out) => {
  if (ctx.anchor === null) return;
  const anchor = ctx.anchor;
  each(WEEKEND_RE, ctx.text, (m) => {
    const start = ctx.base + m.index;
    const end = start + m[0].length;
    const thisSat = anchor - weekday(anchor) + 5; // Saturday of the publication week
    let sat: number;
    const rel = m[1]?.toLowerCase();
    if (rel === 'last' || rel === 'past') sat = thisSat - 7;
    else if (rel === 'next') sat = thisSat + 7;
    else if (rel === 'this' || rel === 'coming') sat = thisSat;
    else sat = tenseAt(ctx, start, end) === 'future' || weekday(anchor) >= 5 ? thisSat : thisSat - 7;
    out.push({ start, end, rule: 'weekend', prio: 5, iv: { from: sat, to: sat + 1, precision: 'day' } });
  });
};

// weekday names, resolved by the tense of their clause
const WEEKDAY_RE = /\b(?:(last|next|this|coming|past)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['’]s)?(?:\s+(morning|afternoon|evening|night)\b)?/gi;
const ruleWeekday: Rule = (ctx, out) => {
  const t = ctx.text;
  each(WEEKDAY_RE, t, (m) => {
    const [, rel, name, tod] = m;
    if (!cap(name)) return;
    const nameIdx = m.index + m[0].indexOf(name);
    // the word before, looked for in a bounded window: over the whole text before it, the regex
    // rescans every earlier word at each weekday
    const prevWord = /([A-Za-z]+)\s+$/.exec(t.slice(Math.max(0, nameIdx - 64), nameIdx))?.[1] ?? '';
    const nextWord = /^\s+([A-Za-z]+)/.exec(t.slice(nameIdx + name.length))?.[1] ?? '';
    const start = ctx.base + m.index;
    let endIdx = m.index + m[0].length;
    // keep the possessive 's out of the span
    if (!tod) endIdx = nameIdx + name.length;
    const end = ctx.base + endIdx;
    // "Bloody Sunday", "Good Friday" are named days; "Sunday Times" is a newspaper: neither is a date
    const named = !rel && cap(prevWord) && NAMED_DAY_BEFORE.has(prevWord.toLowerCase());
    const titled = cap(nextWord) && TITLE_AFTER.has(nextWord.toLowerCase());
    if (named || titled) {
      const bs = named ? t.lastIndexOf(prevWord, nameIdx) : m.index;
      const be = titled ? t.indexOf(nextWord, nameIdx + name.length) + nextWord.length : nameIdx + name.length;
      out.push({ start: ctx.base + bs, end: ctx.base + be, rule: 'block', prio: 9, block: true });
      return;
    }
    if (ctx.anchor === null) return;
    const anchor = ctx.anchor;
    const wd = WEEKDAYS[name.toLowerCase()];
    const back = (strict: boolean) => {
      let d = anchor - ((weekday(anchor) - wd + 7) % 7);
      if (strict && d === anchor) d -= 7;
      return d;
    };
    const fwd = (strict: boolean) => {
      let d = anchor + ((wd - weekday(anchor) + 7) % 7);
      if (strict && d === anchor) d += 7;
      return d;
    };
    let day: number | undefined;
    let rule = '';
    const r = rel?.toLowerCase();
    if (r === 'last' || r === 'past') [day, rule] = [back(true), 'weekday-past'];
    else if (r === 'next') [day, rule] = [fwd(true), 'weekday-future'];
    let loose = false;
    if (day === undefined) {
      const own = tenseAt(ctx, start, end);
      // Headlines drop auxiliaries: "Minister to Visit Ankara on Tuesday" is a plan.
      const tense = ctx.headline && own !== 'future' && headlineInfinitive(ctx) ? 'future' : own;
      const future = tense === 'future' || ((r === 'this' || r === 'coming') && tense !== 'past');
      [day, rule] = future ? [fwd(false), 'weekday-future'] : [back(false), 'weekday-past'];
      // Headline present tense tells a past day from a coming one no better than chance, and a
      // headline infinitive is a guess too: the body's reading of the day wins over either.
      loose = ctx.headline && own === 'none' && !r;
    }
    out.push({ start, end, rule, prio: 5, iv: { from: day, to: day, precision: 'day' }, loose });
  });
};

/**
 * A headline infinitive ("Fidan to Host Araghchi", "Talks to Resume"): "to" before a word that names
 * no actor, place or number. In title case the tagger calls every word a proper noun, so the names the
 * earlier stages found tell the verb apart from "Trip to Ankara".
 */
function headlineInfinitive(ctx: Ctx): boolean {
  const toks = ctx.toks;
  for (let i = 1; i + 1 < toks.length; i++) {
    if (low(toks[i]) !== 'to') continue;
    const nx = toks[i + 1];
    if (!/^[A-Z][a-z]+$/.test(nx.text)) continue;
    const named = ctx.doc.mentions.some((m) => m.start <= nx.start && nx.start < m.end) || ctx.doc.places.some((p) => p.start <= nx.start && nx.start < p.end);
    if (named || WEEKDAYS[nx.text.toLowerCase()] !== undefined || MONTHS[nx.text.toLowerCase()] !== undefined) continue;
    return true;
  }
  return false;
}

// "the March vote", "the January elections": a month named as an event's own, without a year, is
// the one the article already dated ("elections in March 2026 ... the March vote"), else the one
// nearest the publication day that the clause's tense allows.
const MONTH_NOUN_RE = new RegExp(`\\bthe\\s+(${MONTH_RE})\\s+(?=[a-z]{3,})`, 'g');
const ruleMonthNoun: Rule = (ctx, out) => {
  each(MONTH_NOUN_RE, ctx.text, (m) => {
    const mo = MONTHS[m[1].toLowerCase().replace(/\.$/, '')];
    // "the May government": a person's name, not the month
    if (!mo || ctx.anchor === null || /^\s*(?:government|administration|cabinet|era|years)\b/.test(ctx.text.slice(m.index + m[0].length))) return;
    const start = ctx.base + m.index + m[0].indexOf(m[1]);
    const end = start + m[1].length;
    const anchor = ctx.anchor;
    const tense = tenseAt(ctx, start, end);
    const defer = (before: Resolved[]): Iv => {
      const named = [...before].reverse().find((b) => (b.precision === 'month' || b.precision === 'day') && parts(b.from).m === mo && parts(b.to).m === mo);
      return named ? monthOf(parts(named.from).y, mo) : monthNoYear(mo, anchor, tense);
    };
    out.push({ start, end, rule: 'month-noun', prio: 5, defer });
  });
};

// "overnight": the night before the sentence's day, or before publication
const OVERNIGHT_RE = /\b(?:late\s+|early\s+)?overnight\b(?!\s+(?:on\s+|into\s+|to\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)/gi;
const ruleOvernight: Rule = (ctx, out) => {
  const anchor = ctx.anchor;
  const sentence = ctx.sentence;
  each(OVERNIGHT_RE, ctx.text, (m) => {
    const start = ctx.base + m.index;
    const defer = (before: Resolved[]): Iv | null => {
      // a day given earlier in the same sentence ("On Friday, drones attacked overnight") is the morning after
      const prev = before[before.length - 1];
      const day = prev && prev.sentence === sentence && prev.precision === 'day' && prev.from === prev.to && !prev.open ? prev.from : anchor;
      return day === null ? null : { from: day - 1, to: day, precision: 'day' };
    };
    out.push({ start, end: start + m[0].length, rule: 'overnight', prio: 5, defer });
  });
};

// "two days ago", "three weeks ago", "a year ago"; vague counts ("a few days ago") are not times
const AGO_RE = new RegExp(`\\b(${NUM_RE}|a\\s+few|few|several|some|many)\\s+(day|week|month|year|decade)s?\\s+ago\\b`, 'gi');
const ruleAgo: Rule = (ctx, out) => {
  each(AGO_RE, ctx.text, (m) => {
    const start = ctx.base + m.index;
    const end = start + m[0].length;
    const n = NUMBER_WORDS[m[1].toLowerCase()] ?? +m[1];
    if (!Number.isFinite(n) || ctx.anchor === null || m[2].toLowerCase() === 'decade') {
      out.push({ start, end, rule: 'block', prio: 9, block: true });
      return;
    }
    const unit = m[2].toLowerCase();
    const a = ctx.anchor;
    let iv: Iv;
    if (unit === 'day') iv = { from: a - n, to: a - n, precision: 'day' };
    else if (unit === 'week') iv = weekOf(a - 7 * n);
    else if (unit === 'month') {
      const { y, m: mo } = addMonths(a, -n);
      iv = monthOf(y, mo);
    } else iv = yearOf(parts(a).y - n);
    out.push({ start, end, rule: 'ago', prio: 5, iv });
  });
};

// expressions that lean on an earlier time: "earlier that day", "the next day", "two days later", "that year"
const THAT_RE = new RegExp(
  [
    `\\b(?:(earlier|later)\\s+(?:on\\s+)?)?that\\s+(?:same\\s+)?(day|morning|afternoon|evening|night|week|month|year)\\b(?![-‐])`,
    `\\b(?:(earlier|later)\\s+)?the\\s+same\\s+(day|week|month|year)\\b`,
    `\\bthe\\s+(next|following|previous|preceding)\\s+(day|morning|evening|night|week|month|year)\\b`,
    `\\bthe\\s+(day|night)\\s+(before|after|earlier)\\b`,
    `\\b(${NUM_RE})\\s+(day|week|month|year)s?\\s+(later|earlier|(?:after|before)(?=\\s*(?:[,.;]|$)))`,
    // "on Wednesday, a day after protesters stormed parliament": the clause that follows happened
    // that long before (after) the time the sentence already gave.
    `\\b(a|an|one|two|three|four|five|six|seven|\\d+)\\s+(day|week)s?\\s+(after|before)\\b(?!\\s*(?:[,.;]|$))`,
  ].join('|'),
  'gi',
);
const UNIT_RANK: Record<string, number> = { day: 0, week: 1, month: 2, year: 3, decade: 4, unknown: 5 };
function antecedent(before: Resolved[], unit: 'day' | 'week' | 'month' | 'year'): Resolved | null {
  for (let i = before.length - 1; i >= 0; i--) {
    const r = before[i];
    if (r.open || r.rule === 'rolling') continue;
    if (UNIT_RANK[r.precision] <= UNIT_RANK[unit]) return r;
  }
  return null;
}
function containing(unit: 'day' | 'week' | 'month' | 'year', r: Iv): Iv {
  if (unit === 'day') return { from: r.from, to: r.to, precision: 'day' };
  if (unit === 'week') return weekOf(r.from);
  const p = parts(r.from);
  return unit === 'month' ? monthOf(p.y, p.m) : yearOf(p.y);
}
function shiftUnit(unit: 'day' | 'week' | 'month' | 'year', r: Iv, k: number): Iv {
  if (unit === 'day') return k > 0 ? { from: r.to + k, to: r.to + k, precision: 'day' } : { from: r.from + k, to: r.from + k, precision: 'day' };
  if (unit === 'week') return r.precision === 'day' && r.from === r.to ? { from: r.from + 7 * k, to: r.from + 7 * k, precision: 'day' } : weekOf(r.from + 7 * k);
  const p = parts(r.from);
  if (unit === 'month') {
    const { y, m } = addMonths(ymd(p.y, p.m, 1), k);
    return monthOf(y, m);
  }
  return yearOf(p.y + k);
}
const ruleThat: Rule = (ctx, out) => {
  const anchor = ctx.anchor;
  each(THAT_RE, ctx.text, (m) => {
    const start = ctx.base + m.index;
    const end = start + m[0].length;
    let unit: 'day' | 'week' | 'month' | 'year';
    let shift = 0;
    let n = 1;
    const norm = (u: string) => (['morning', 'afternoon', 'evening', 'night'].includes(u) ? 'day' : u) as 'day' | 'week' | 'month' | 'year';
    if (m[2]) unit = norm(m[2].toLowerCase());
    else if (m[4]) unit = norm(m[4].toLowerCase());
    else if (m[6]) {
      unit = norm(m[6].toLowerCase());
      shift = /next|following/i.test(m[5]) ? 1 : -1;
    } else if (m[7]) {
      unit = 'day';
      shift = /after/i.test(m[8]) ? 1 : -1;
    } else if (m[10]) {
      unit = m[10].toLowerCase() as 'day' | 'week' | 'month' | 'year';
      n = NUMBER_WORDS[m[9].toLowerCase()] ?? +m[9];
      shift = /later|after/i.test(m[11]) ? 1 : -1;
    } else {
      unit = m[13].toLowerCase() as 'day' | 'week';
      const w = m[12].toLowerCase();
      n = w === 'a' || w === 'an' ? 1 : NUMBER_WORDS[w] ?? +w;
      shift = /after/i.test(m[14]) ? -1 : 1;
    }
    const rule = 'that-day';
    const defer = (before: Resolved[]): Iv | null => {
      const ante = antecedent(before, unit);
      if (!ante) {
        // "the following week" with nothing to lean on reads from the publication day
        if (m[6] && unit !== 'day' && anchor !== null) return unitInterval(unit, anchor, shift);
        return null;
      }
      if (!shift) return containing(unit, ante);
      if (unit === 'week' && !m[9] && !m[12]) return weekOf(ante.from + 7 * shift);
      return shiftUnit(unit, ante, shift * n);
    };
    out.push({ start, end, rule, prio: 6, defer });
  });
};

// ------------------------------------------------------------------ chrono

const chronoParser = chronoEn.casual;
const CHRONO_HINT = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|today|tonight|tomorrow|yesterday|morning|afternoon|evening|night|\bdays?\b|\bweeks?\b|\bmonths?\b|\byears?\b/i;
const TIME_PREP_BEFORE = /\b(?:in|since|by|until|till|through|from|during|before|after|of|early|late|mid|last|next|this|between|and|to|end of|start of|beginning of|on|as of)[\s-]+$/i;

function chronoRule(ctx: Ctx, out: Cand[]): void {
  if (!CHRONO_HINT.test(ctx.text)) return;
  const ref = ctx.anchor !== null ? new Date(ctx.anchor * MS_DAY + MS_DAY / 2) : new Date(Date.UTC(2000, 0, 1, 12));
  let results: ParsedResult[];
  try {
    results = chronoParser.parse(ctx.text, { instant: ref, timezone: 0 }, { forwardDate: false });
  } catch {
    return;
  }
  for (const r of results) {
    const tags = r.tags();
    if (tags.has('casualReference/now')) continue;
    let text = r.text;
    let idx = r.index;
    // trim prepositions and trailing punctuation chrono sometimes includes
    const lead = /^(?:on|at|the)\s+/i.exec(text);
    if (lead) {
      idx += lead[0].length;
      text = text.slice(lead[0].length);
    }
    // trailing spaces and punctuation, one character at a time: a regex anchored at the end rescans
    // a long run of them from each of its positions
    let keep = text.length;
    while (keep > 0 && /[\s,;:]/.test(text[keep - 1])) keep--;
    text = text.slice(0, keep);
    if (!text) continue;
    if (/^(?:for|within|over|during)\b/i.test(text)) continue; // durations ("for two years")
    if (/\bago$/i.test(text)) continue; // handled by the ago rule
    if (/\b(?:later|earlier|after|before)$/i.test(text)) continue; // relative to the story, not the anchor
    const s = r.start;
    const dC = s.isCertain('day');
    const mC = s.isCertain('month');
    const yC = s.isCertain('year');
    const relative = tags.has('result/relativeDate');
    // "agreed to a ceasefire after four days of fighting", "released after two days": a span counted
    // from something the story tells, not from the day of publication
    if (relative && /^(?:after|before)\b/i.test(text)) continue;
    const casual = [...tags].some((t) => t.startsWith('casualReference/')) || /^(?:last night|today|tonight|tomorrow|yesterday)$/i.test(text);
    if (!dC && !mC && !yC && !relative && !casual) continue; // weekday-only, time-only, "this week"
    if (tags.has('parser/SlashDateFormatParser') && !yC) continue; // "24/7", "9/11", "1/3"
    if (ctx.anchor === null && (!yC || relative || casual)) continue; // only absolute dates without an anchor
    // month words that are also ordinary words need a date context ("in May", "May 9", "March 2022")
    const mw = /^[A-Za-z]+/.exec(text)?.[0] ?? '';
    if (!dC && !yC && AMBIGUOUS_MONTHS.has(mw.toLowerCase()) && mw.length === text.length) {
      if (!cap(mw) || !TIME_PREP_BEFORE.test(ctx.text.slice(0, idx))) continue;
    }
    if (!dC && !casual && !relative && mC && !cap(mw) && MONTHS[mw.toLowerCase()]) continue;
    const precision: Precision = dC || casual ? 'day' : mC ? 'month' : 'year';
    const toIv = (c: ParsedComponents, p: Precision): Iv | null => {
      const y = c.get('year');
      const mo = c.get('month');
      const d = c.get('day');
      if (y === null || mo === null || d === null) return null;
      if (p === 'day') return { from: ymd(y, mo, d), to: ymd(y, mo, d), precision: 'day' };
      if (p === 'month') return monthOf(y, mo);
      return yearOf(y);
    };
    let iv = toIv(s, precision);
    if (!iv) continue;
    if (r.end) {
      const endPrecision: Precision = r.end.isCertain('day') ? 'day' : r.end.isCertain('month') ? 'month' : precision;
      const e = toIv(r.end, endPrecision);
      if (e && e.to >= iv.from) iv = { ...iv, to: e.to };
    }
    const start = ctx.base + idx;
    const end = start + text.length;
    if (ctx.anchor !== null && !yC && !relative && !casual && !(r.end && r.end.isCertain('year'))) {
      iv = byTense(iv, tenseAt(ctx, start, end), ctx.anchor);
    }
    out.push({ start, end, rule: 'chrono', prio: 1, iv });
  }
}

// ------------------------------------------------------------------ driver

const RULES: Rule[] = [ruleAsOf, rulePartOfMonth, ruleSeason, ruleQuarter, ruleDecade, ruleYear, ruleUnitRelative, ruleWeekOf, ruleWeekend, ruleWeekday, ruleMonthNoun, ruleOvernight, ruleAgo, ruleThat, chronoRule];

/** Longest match wins; on equal length the more specific rule (higher prio). */
function removeOverlaps(cands: Cand[]): Cand[] {
  const sorted = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || b.prio - a.prio || a.start - b.start);
  const kept: Cand[] = [];
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

const SINCE_RE = /\b(?:ever\s+)?since\s+(?:(?:at least|as early as|as far back as|as long ago as)\s+)?(?:the\s+)?$/i;

/** The same stretch of the calendar one year earlier. */
function yearEarlier(iv: Iv): Iv {
  const back = (n: number) => {
    const d = new Date(n * MS_DAY);
    d.setUTCFullYear(d.getUTCFullYear() - 1);
    return Math.round(d.getTime() / MS_DAY);
  };
  return { ...iv, from: back(iv.from), to: back(iv.to) };
}

/** Finds temporal expressions in every sentence and pushes resolved TimeMentions onto doc.times. */
export function times(doc: Doc): void {
  const anchor = doc.anchor ? dayNum(doc.anchor) : null;
  const sentences = doc.sentences.length
    ? doc.sentences
    : [{ index: 0, start: 0, end: doc.text.length, tokenStart: 0, tokenEnd: 0, block: 0, claim: true, headline: false }];
  const resolved: Resolved[] = [];
  for (const s of sentences) {
    const ctx: Ctx = {
      doc,
      sentence: s.index,
      text: doc.text.slice(s.start, s.end),
      base: s.start,
      toks: doc.tokens.slice(s.tokenStart, s.tokenEnd),
      anchor,
      groups: null,
      headline: s.headline,
    };
    const cands: Cand[] = [];
    for (const rule of RULES) rule(ctx, cands);
    if (!cands.length) continue;
    for (const c of removeOverlaps(cands)) {
      if (c.block) continue;
      const iv = c.iv ?? c.defer?.(resolved) ?? null;
      if (!iv) continue;
      let start = c.start;
      let out: Iv = iv;
      // "since 2011", "since at least 2015", "since the end of November": open up to the publication day
      const since = SINCE_RE.exec(doc.text.slice(s.start, c.start));
      if (since) {
        start = c.start - since[0].length;
        // ("have retaken dozens of towns since August", told in May: a time something has gone on
        // since is past, so a month or day named without its year is last year's)
        const past = anchor !== null && iv.from > anchor && !/\d{4}/.test(doc.text.slice(c.start, c.end)) ? yearEarlier(iv) : iv;
        out = { ...past, to: anchor !== null && anchor >= past.from ? anchor : past.to, open: true };
      }
      resolved.push({ ...out, start, end: c.end, rule: c.rule, sentence: s.index, loose: c.loose });
    }
  }
  // "Drones attacked overnight, the air force said on Sunday": with no day before it in its sentence,
  // the night is the one before the day the sentence names after it.
  for (const r of resolved) {
    if (r.rule !== 'overnight' || anchor === null || r.to !== anchor) continue;
    const same = resolved.filter((b) => b.sentence === r.sentence && b !== r && b.precision === 'day' && b.from === b.to && !b.open);
    const later = same.find((b) => b.start > r.end);
    if (later && !same.some((b) => b.start < r.start)) Object.assign(r, { from: later.from - 1, to: later.from });
  }
  // A headline restates the lead: its untensed weekday is the day the body gives the same weekday.
  for (const r of resolved) {
    if (!r.loose) continue;
    const wd = weekday(r.from);
    const body = resolved.find((b) => b !== r && !b.loose && b.rule.startsWith('weekday-') && b.from === b.to && weekday(b.from) === wd);
    if (body) Object.assign(r, { from: body.from, to: body.to, rule: body.rule });
  }
  for (const r of resolved) {
    const m: TimeMention = {
      start: r.start,
      end: r.end,
      text: doc.text.slice(r.start, r.end),
      from: iso(r.from),
      to: iso(r.to),
      precision: r.precision,
      sentence: r.sentence,
      rule: r.rule,
    };
    if (r.open) m.open = true;
    doc.times.push(m);
  }
}

/**
 * The day a paragraph gives its story: when the sentences before `s` in its paragraph name exactly
 * one day, a past one (or the publication day), and no other time, an event told without a time of
 * its own happened on it ("Protesters rallied in Belgrade on Saturday. They accused the president
 * of ..."). Null otherwise.
 */
export function paragraphDay(doc: Doc, s: Sentence): TimeMention | null {
  const before = doc.times.filter((t) => t.sentence < s.index && t.sentence >= 0 && doc.sentences[t.sentence]?.block === s.block);
  if (!before.length) return null;
  const day = before[0];
  const ok = before.every((t) => t.precision === 'day' && t.from === t.to && t.from === day.from && !t.open);
  return ok && (!doc.anchor || day.to <= doc.anchor) ? day : null;
}
