/**
 * When and where an event happened: the time expression and the place tied to its trigger.
 */
import type { Doc, EventRecord, PlaceMention, Sentence, TimeMention } from '../model/types.js';
import { lastTokenOf, tokenAt } from './doc.js';
import type { TriggerMatch } from './event-triggers.js';
import { REL, SUBORDINATORS } from './event-context.js';
import { baseRel, children, clauseOf, span } from '../syntax/tree.js';

const shifted = new Map<string, string>();

/** The day n days after `day` (YYYY-MM-DD); remembered, as every event asks it of the same few days. */
export function addDays(day: string, n: number): string {
  const key = `${day}|${n}`;
  let out = shifted.get(key);
  if (out === undefined) {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    out = d.toISOString().slice(0, 10);
    if (shifted.size >= 10_000) shifted.clear();
    shifted.set(key, out);
  }
  return out;
}

/** The sentence's only time, when it is a day or two and not open ("on Friday", "yesterday"). */
export function sentenceTime(doc: Doc, s: Sentence, head: number): TimeMention | null {
  // (never a deadline: "gave Hamas until Saturday")
  const ts = doc.times.filter((t) => t.sentence === s.index && !t.open && !isDeadline(doc, t));
  if (ts.length !== 1) return null;
  const t = ts[0];
  // (nor the date of a thing another act is about: "X, who says the Oct. 9 vote was rigged, had
  // called the march"; a time in that other act's clause, "X, who visited Rafah on Friday, called
  // for …", most often dates the whole visit)
  if (datesOtherNoun(doc, t, head)) return null;
  if (t.precision !== 'day' || (Date.parse(t.to) - Date.parse(t.from)) / 86400000 > 1) return null;
  return !doc.anchor || t.to <= doc.anchor ? t : null;
}

export function timeFor(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): TimeMention | null {
  const inSentence = doc.times.filter((t) => t.sentence === s.index);
  if (!inSentence.length) return null;
  const trig = doc.tokens[m.head];
  const cs = doc.tokens[clause[0]].start;
  const ce = doc.tokens[clause[1]].end;
  let pool = inSentence.filter((t) => t.start >= cs && t.end <= ce);
  // "leaders meet on Monday, after Minsk forced a jet to land": an act in a clause of time before or
  // after another has only that clause's times
  // (a span the other act falls in, "earlier this month", holds this one too; a day does not)
  const sub = temporalClause(doc, m.head);
  if (sub >= 0) {
    const [a, z] = span(doc, sub);
    const inner = pool.filter((t) => t.start >= doc.tokens[a].start && t.end <= doc.tokens[z].end);
    // ("was flown to The Hague on Tuesday night, hours after police arrested him": an act hours
    // before or after another falls on its day)
    pool = inner.length ? inner : sameDay(doc, sub) ? pool : pool.filter((t) => t.precision !== 'day');
  }
  if (!pool.length) return null;
  // ("ordered all Afghans to leave by March 31", "gave Hamas until Saturday to free the hostages": a
  // deadline dates what is asked, not the asking)
  if (DEADLINE_TYPES.has(m.c.trigger.type)) pool = pool.filter((t) => !isDeadline(doc, t));
  if (!pool.length) return null;
  // ("tensions that flared last month, when Tehran summoned the ambassador": a time just before
  // ", when" is the time of the clause "when" opens, wherever the parse hung either)
  const when = children(doc, clauseOf(doc, m.head), 'advmod', 'mark').find((c) => doc.tokens[c].lemma === 'when' && doc.tokens[c - 1]?.text === ',');
  const told = when === undefined ? undefined : pool.find((t) => t.end === doc.tokens[when - 2]?.end);
  if (told) return told;
  // ("The militia, which seized the town last month, withdrew on Sunday": a time said in a relative
  // clause that does not hold the trigger belongs to that clause's act)
  pool = pool.filter((t) => !inOtherRelative(doc, tokenAt(doc, t.start), m.head));
  // ("to protest against the result of last month's election": a time owning another noun dates that
  // noun; "Sunday's attack" still dates the attack)
  pool = pool.filter((t) => {
    const k = lastTokenOf(doc, t);
    if (k < 0 || !/^['’]s$/.test(doc.tokens[k + 1]?.text ?? '') || doc.tokens[k].deprel !== 'nmod:poss') return true;
    const noun = doc.tokens[k].head ?? -1;
    return noun < 0 || m.tokens.includes(noun) || noun === m.head;
  });
  if (!pool.length) return null;
  // The nearest time expression to the trigger.
  return pool.slice().sort((a, b) => Math.abs(a.start - trig.start) - Math.abs(b.start - trig.start))[0];
}


/** Whether a time only modifies a noun other than the trigger's ("the Oct. 9 vote", "the March 2 elections"). */
function datesOtherNoun(doc: Doc, t: TimeMention, head: number): boolean {
  const k = lastTokenOf(doc, t);
  if (k < 0 || !/^(compound|amod|nmod:tmod|nmod:unmarked)$/.test(doc.tokens[k].deprel ?? '')) return false;
  const noun = doc.tokens[k].head ?? -1;
  return noun >= 0 && noun !== head && /^(NOUN|PROPN)$/.test(doc.tokens[noun].upos ?? doc.tokens[noun].pos);
}

const DEADLINE_TYPES = new Set(['REQUEST', 'THREATEN']);
const DEADLINE_WORDS = new Set(['by', 'until', 'till']);
/** Whether a time is a deadline: "by March 31", "until Saturday". */
const isDeadline = (doc: Doc, t: TimeMention) => DEADLINE_WORDS.has(doc.tokens[tokenAt(doc, t.start) - 1]?.lemma ?? '');

/** Whether token k stands in a clause that modifies a noun (a relative clause, a participle) and does not hold token h. */
function inOtherRelative(doc: Doc, k: number, h: number): boolean {
  for (let a = k, n = 0; a >= 0 && n < 12; a = doc.tokens[a].head ?? -1, n++) {
    if (!/^acl/.test(doc.tokens[a].deprel ?? '')) continue;
    // (a clause on the trigger noun itself tells its time: "a strike starting next Monday")
    if (doc.tokens[a].head === h) return false;
    const [x, z] = span(doc, a);
    if (h < x || h > z) return true;
  }
  return false;
}

const TEMPORAL_MARKS = new Set(['after', 'before', 'until', 'since']);

/** The clause of time ("after X did Y") that token h's predicate belongs to, or -1. */
export function temporalClause(doc: Doc, h: number): number {
  for (let k = h, n = 0; k >= 0 && n < 4; k = doc.tokens[k].head ?? -1, n++) {
    const rel = baseRel(doc.tokens[k].deprel);
    if (rel === 'advcl' && children(doc, k, 'mark').some((c) => TEMPORAL_MARKS.has(doc.tokens[c].lemma))) return k;
    // (the parser may hang "after" on the clause's subject: "after the authorities forced …")
    if ((rel === 'advcl' || rel === 'conj') && children(doc, k, 'nsubj').some((sj) => children(doc, sj, 'case').some((c) => TEMPORAL_MARKS.has(doc.tokens[c].lemma)))) return k;
    if (rel !== 'conj' && rel !== 'xcomp' && rel !== 'obj' && rel !== 'compound') return -1;
  }
  return -1;
}

/** Words before "after" or "before" that put two acts within a day: "hours after", "shortly before". */
const WITHIN_A_DAY = new Set(['hours', 'minutes', 'moments', 'shortly', 'soon', 'just', 'immediately']);

/** Whether the temporal clause at token c is opened by "hours after", "shortly before" and the like. */
function sameDay(doc: Doc, c: number): boolean {
  const mark = children(doc, c, 'mark').find((k) => TEMPORAL_MARKS.has(doc.tokens[k].lemma));
  return mark !== undefined && WITHIN_A_DAY.has(doc.tokens[mark - 1]?.text.toLowerCase() ?? '');
}

export const RECALL = /^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:day|week|month|year)s?\s+(?:earlier|before|after)$/i;

/** The last day of the unit an open span starts in ("since July": the end of that July). */
export function spanEnd(t: TimeMention): string {
  const [y, mo] = t.from.split('-').map(Number);
  const last = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).toISOString().slice(0, 10);
  if (t.precision === 'month') return last(y, mo);
  if (t.precision === 'year') return `${y}-12-31`;
  if (t.precision === 'decade') return `${y + 9}-12-31`;
  if (t.precision === 'week') return addDays(t.from, 6);
  return t.from;
}

const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'into', 'on', 'around', 'throughout', 'from', 'to', 'towards', 'toward']);
export const PLACE_VERBS = new Set(['take', 'be', 'hold', 'happen', 'occur', 'place', 'begin', 'start', 'continue', 'resume', 'convene', 'meet', 'land', 'arrive']);

/**
 * The event's own location: a place in the trigger's clause introduced by a locative preposition,
 * or a place the trigger names directly ("the Kharkiv offensive"). A place behind another verb
 * ("met ... to address the escalation in Syria") belongs to that verb, not to the event.
 */
/** A place found in the text, or in the gazetteer, as an event's place. */
export function eventPlace(p: Pick<PlaceMention, 'name' | 'lat' | 'lon' | 'iso3' | 'geonamesId' | 'featureType'>): NonNullable<EventRecord['place']> {
  return { name: p.name, lat: p.lat, lon: p.lon, iso3: p.iso3, geonamesId: p.geonamesId, featureType: p.featureType };
}

/** The noun a "where" relative clause containing token h describes, or -1. */
function whereAntecedent(doc: Doc, h: number): number {
  for (let v = h, hops = 0; v >= 0 && hops < 4; v = doc.tokens[v].head ?? -1, hops++) {
    const where = children(doc, v, 'advmod').find((c) => doc.tokens[c].lemma === 'where' && c < v);
    if (where !== undefined) {
      if (doc.tokens[v].deprel === 'acl:relcl') return doc.tokens[v].head ?? -1;
      // (the parse may hang the clause elsewhere; ", where" right after a noun still describes it)
      const before = doc.tokens[where - 2];
      return doc.tokens[where - 1]?.text === ',' && before && (before.pos === 'PROPN' || before.pos === 'NOUN') ? where - 2 : -1;
    }
    if (baseRel(doc.tokens[v].deprel) === 'root') return -1;
  }
  return -1;
}

const WHEN_MARKS = new Set(['when', 'as', 'while']);
const CLAUSE_MARKS = new Set(['since', 'after', 'before', 'because', 'until', 'although', 'though', 'if', 'unless']);
const OTHER_CLAUSES = new Set(['advcl', 'acl', 'acl:relcl', 'ccomp', 'parataxis', 'csubj']);

/**
 * Whether token k stands, in the parse, inside a clause of its own below the trigger's or beside it
 * ("..., describing the campaign as support for Palestinians in Gaza"), not in the trigger's clause.
 */
function inOtherClause(doc: Doc, k: number, trigger: number[]): boolean {
  for (let v = k, hops = 0; v >= 0 && hops < 12; v = doc.tokens[v].head ?? -1, hops++) {
    if (trigger.includes(v)) return false;
    // (a "when" or "as" clause tells the circumstances of the act itself: "were killed when their
    // convoy came under fire near Kadugli")
    const circumstance = doc.tokens[v].deprel === 'advcl' && children(doc, v, 'mark', 'advmod').some((c) => WHEN_MARKS.has(doc.tokens[c].lemma));
    if (OTHER_CLAUSES.has(doc.tokens[v].deprel ?? '') && !circumstance) {
      // (unless the trigger itself is inside that clause)
      const [a, z] = span(doc, v);
      return !trigger.some((t) => t >= a && t <= z);
    }
  }
  return false;
}

export function placeFor(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): EventRecord['place'] {
  const toks = doc.tokens;
  const all = doc.places.filter((p) => p.sentence === s.index && p.start >= toks[clause[0]].start && p.end <= toks[clause[1]].end);
  // "a meeting in Brussels, where they discussed ...": a "where" clause happens at its antecedent
  const at = whereAntecedent(doc, m.head);
  if (at >= 0) {
    const p = doc.places.find((x) => x.start <= toks[at].start && toks[at].end <= x.end);
    if (p) return eventPlace(p);
  }
  if (!all.length) return null;
  const first = m.tokens[0], last = m.tokens[m.tokens.length - 1];
  // "... on Wednesday before returning to Tehran": a participle clause after the trigger has places of its own
  let own = clause[1];
  for (let k = last + 1; k < clause[1]; k++) if (SUBORDINATORS.has(toks[k].lemma) && /ing$/.test(toks[k + 1].text)) { own = k; break; }
  const inClause = all.filter((p) => p.start < toks[own].end);
  if (!inClause.length) return null;
  const scored: { p: (typeof inClause)[number]; score: number }[] = [];
  for (const p of inClause) {
    const ti = tokenAt(doc, p.start);
    if (ti < 0) continue;
    let pi = ti - 1;
    // (and participles that modify the place: "in the occupied West Bank")
    while (pi >= clause[0] && (toks[pi].pos === 'DET' || toks[pi].pos === 'ADJ' || toks[pi].pos === 'NUM' || toks[pi].deprel === 'amod')) pi--;
    const prep = toks[pi];
    // ("at a US base in Syria": a place that only modifies the noun after it is not where it stands)
    let pEnd = ti;
    while (toks[pEnd + 1] && toks[pEnd + 1].end <= p.end) pEnd++;
    const modifier = /^(compound|amod)$/.test(toks[pEnd].deprel ?? '') && (toks[pEnd].head ?? -1) > pEnd;
    const locative = !!prep && LOCATIVE.has(prep.lemma) && !modifier;
    const adjacent = ti < first && ti >= first - 3 && p.featureType !== 'country'; // "the Kharkiv offensive"
    if (!locative && !adjacent) continue;
    if (prep && (prep.lemma === 'to' || prep.lemma === 'from') && m.c.trigger.type !== 'CONSULT' && m.c.trigger.type !== 'RETREAT' && m.c.trigger.type !== 'MOBILIZE') continue;
    // (a destination is the act's own: "travelled to Moscow", not "discussed aid to Ukraine")
    if (prep && (prep.lemma === 'to' || prep.lemma === 'from') && !m.tokens.includes(toks[ti].head ?? -1)) continue;
    // "talks on Syria's future": "on" names a topic except for physical acts.
    if (prep?.lemma === 'on' && !PHYSICAL.has(m.c.trigger.type)) continue;
    const after = toks[ti + 1];
    if (after && (after.text === "'s" || after.text === '’s') && after.start === p.end) continue;
    // No other verb between the trigger and the place.
    const lo = Math.min(ti, last + 1), hi = Math.max(ti, first);
    let blocked = false;
    // ("air strikes killed 20 people across the Gaza Strip": the verb a trigger noun is the subject of tells its act)
    const own = m.c.trigger.pos === 'noun' && /^nsubj/.test(toks[m.head].deprel ?? '') ? toks[m.head].head ?? -1 : -1;
    for (let k = lo; k < hi; k++) {
      if (m.tokens.includes(k) || k === own) continue;
      const t = toks[k];
      // ("police fired tear gas to disperse protesters in Nairobi": an infinitive of purpose on the
      // trigger tells the same act, and where it is set is where the act is)
      // (physical acts only: talks "to address the escalation in Syria" are about it)
      if (k > last && PHYSICAL.has(m.c.trigger.type) && purposeOf(doc, k, m.head)) continue;
      // (a participle that only describes a noun is no act of its own: "in the occupied Golan Heights")
      if (((t.upos ?? t.pos) === 'VERB' && !PLACE_VERBS.has(t.lemma) && t.deprel !== 'amod') || REL.has(t.lemma)) blocked = true;
    }
    // ("stranded in Puerto Rico since gangs shut down the capital's airport": a place before the
    // subordinator that opens the act's own clause is the main clause's)
    if (ti < first) {
      for (let k = ti + 1; k < first && !blocked; k++) {
        if (toks[k].deprel !== 'mark' || !CLAUSE_MARKS.has(toks[k].lemma)) continue;
        for (let v = toks[k].head ?? -1, hops = 0; v >= 0 && hops < 6; v = toks[v].head ?? -1, hops++) if (v === m.head) blocked = true;
      }
    }
    if (blocked) continue;
    const rank = ({ landmark: 0, city: 0, admin1: 1, region: 2, country: 3 } as Record<string, number>)[p.featureType] ?? 2;
    scored.push({ p, score: rank * 100 + Math.abs(ti - m.head) });
  }
  if (!scored.length) {
    // No place is tied to the trigger: a town or region named in the same clause is the best
    // guess for a physical act ("struck the Russian city of Belgorod", "police in the capital ...").
    if (!['ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE', 'AID', 'RETREAT', 'CONSULT'].includes(m.c.trigger.type)) return null;
    const near = inClause.filter((p) => p.featureType !== 'country' && p.featureType !== 'region' && !inOtherClause(doc, tokenAt(doc, p.start), m.tokens))
      .sort((a, b) => Math.abs(a.start - toks[m.head].start) - Math.abs(b.start - toks[m.head].start))[0];
    return near ? eventPlace(near) : null;
  }
  const best = scored.sort((a, b) => a.score - b.score)[0].p;
  return eventPlace(best);
}

const leadDays = new WeakMap<Doc, TimeMention | null>();

/**
 * The day the story's lead paragraph names, when it names one day only, in the week before the
 * article's date ("… on Sunday, officials said"): the day a news act told without a date of its
 * own most likely took place.
 */
export function leadDay(doc: Doc): TimeMention | null {
  if (leadDays.has(doc)) return leadDays.get(doc)!;
  const lead = doc.sentences.find((x) => x.claim && !x.headline);
  const times = lead ? doc.times.filter((t) => t.sentence >= 0 && doc.sentences[t.sentence]?.block === lead.block) : [];
  const day = times[0];
  const ok = !!day && !!doc.anchor && times.every((t) => t.precision === 'day' && t.from === t.to && t.from === day.from && !t.open) &&
    day.to <= doc.anchor && day.from >= addDays(doc.anchor, -7) && toldInPast(doc, day);
  leadDays.set(doc, ok ? day : null);
  return ok ? day : null;
}

/** Whether a time is that of a verb in the past tense ("killed five people on Sunday", not "are expected to meet on Monday"). */
function toldInPast(doc: Doc, t: TimeMention): boolean {
  let k = tokenAt(doc, t.start);
  for (let steps = 0; k >= 0 && steps < 6 && (doc.tokens[k].upos ?? '') !== 'VERB'; steps++) k = doc.tokens[k].head ?? -1;
  if (k < 0 || !/^VB[DN]$/.test(doc.tokens[k].xpos ?? '')) return false;
  return !children(doc, k, 'aux').some((a) => ['will', 'would', 'to'].includes(doc.tokens[a].lemma));
}

/** Acts done in a place, rather than about it */
const PHYSICAL = new Set(['ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE']);

/**
 * Is token k the verb of an infinitive of purpose ("to disperse them") or of a participle clause
 * that tells how ("launched an air attack, firing missiles at cities across Ukraine") hanging on the
 * verb `head`?
 */
function purposeOf(doc: Doc, k: number, head: number): boolean {
  const t = doc.tokens[k];
  if (t.head !== head || (t.upos ?? t.pos) !== 'VERB' || (t.deprel !== 'advcl' && t.deprel !== 'xcomp')) return false;
  if ((doc.tokens[head].upos ?? doc.tokens[head].pos) !== 'VERB') return false;
  if (t.xpos === 'VBG' && !children(doc, k, 'mark', 'nsubj').length) return true;
  return children(doc, k, 'mark').some((c) => doc.tokens[c].lemma === 'to' && c === k - 1);
}
