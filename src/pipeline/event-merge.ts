/**
 * Merging within an article: one event told several times is one record, and a reaction to an
 * event told before is aimed at that event's actor.
 */
import type { ActorRef, AttributionRef, Doc, EventRecord, Modality, Sentence, Token } from '../model/types.js';
import { tokenAt } from './doc.js';
import { children, span as subtree } from '../syntax/tree.js';
import { DEFINITE, REACTION_TYPES, SPEECH_ACT_TYPES, type TriggerMatch, forms } from './event-triggers.js';

// a government in exile or an armed opposition speaks against its state, not for it
const stateLike = (x: ActorRef) => (x.kind === 'country' || x.kind === 'government' || x.kind === 'person') && !/(OPP|REB|INS)$/.test(x.cameo ?? '');

/** One actor, or two voices of one state; an opposition body of the same country is another side. */
function sameSide(x: ActorRef, y: ActorRef): boolean {
  return x.id === y.id || (!!x.iso3 && x.iso3 === y.iso3 && stateLike(x) && stateLike(y));
}

/**
 * "condemned the launch", "rejected the demand", "welcomed it": a verbal reaction whose object is a
 * definite noun phrase or a pronoun, with no actor in it, is aimed at an event told before.
 */
export function reactsToEarlierEvent(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): Token | null | undefined {
  const t = m.c.trigger;
  if (t.pos !== 'verb' || !REACTION_TYPES.has(t.type) || s.headline) return undefined;
  const toks = doc.tokens;
  // the object follows the verb, inside the pattern or not ("rejected the demand" is a pattern of its own)
  let k = m.tokens[0] + 1;
  while (k <= clause[1] && (toks[k].pos === 'ADV' || toks[k].pos === 'PART') && !m.tokens.includes(k)) k++;
  if (k > clause[1]) return undefined;
  const w = toks[k];
  if (w.pos === 'PRON') {
    if (!['it', 'them', 'this', 'that'].includes(w.text.toLowerCase())) return undefined;
    // "... on the strikes, while Iran condemned them": the pronoun names the nearest definite noun before it
    for (let q = m.tokens[0] - 1; q > s.tokenStart && q >= m.tokens[0] - 10; q--) {
      if (toks[q].pos === 'NOUN' && DEFINITE.has(toks[q - 1].lemma)) return toks[q];
    }
    return null;
  }
  if (!DEFINITE.has(w.lemma)) return undefined;
  // the noun phrase: modifiers up to a common-noun head, and no name inside it
  let q = k + 1;
  while (q <= clause[1] && q < k + 5 && (toks[q].pos === 'ADJ' || toks[q].pos === 'NOUN' || toks[q].pos === 'NUM' || toks[q].text === '-')) q++;
  const head = toks[q - 1];
  return q > k + 1 && head.pos === 'NOUN' && !toks.slice(k, q).some((x) => x.pos === 'PROPN') ? head : undefined;
}

/**
 * A reaction to an event told before is aimed at that event's actor (PLOVER codes the condemned
 * launcher, not the launch). The event is the one its noun names again ("the demand" after
 * "demanded"), else the nearest act before it: what people condemn or welcome is mostly a deed,
 * not another statement.
 */
export function targetReactions(doc: Doc, found: EventRecord[]): void {
  for (let i = 0; i < found.length; i++) {
    const ev = found[i];
    const noun = flags(ev).reaction;
    if (noun === undefined || ev.target.length) continue;
    const sent = ev.evidence[0].sentence;
    const candidates: EventRecord[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const o = found[j];
      // a merged event is as near as its latest mention before the reaction
      const told = Math.max(...o.evidence.map((x) => x.sentence).filter((x) => x <= sent));
      // the headline's event is the story's own: a reaction may refer to it from anywhere
      if (sent - told > 3 && !flags(o).headline) continue;
      if (flags(o).reaction !== undefined || !o.source.length || o.source.some((x) => ev.source.some((y) => sameSide(x, y)))) continue;
      candidates.push(o);
    }
    const named = noun ? candidates.find((o) => triggerNames(doc, o, noun)) : undefined;
    // (of the acts one sentence tells, the one its verb tells before one a noun names: in "police
    // fired tear gas at protesters", the police's act, not the protest, is what was condemned)
    // (a deed done: what is only mulled or planned is condemned by its name, "the planned strike")
    const acts = candidates.filter((o) => !SPEECH_ACT_TYPES.has(o.type) && o.type !== 'SUPPORT' && (o.modality === 'asserted' || o.modality === 'denied'));
    const latest = acts.length ? Math.max(...acts[0].evidence.map((x) => x.sentence).filter((x) => x <= sent)) : -1;
    const verbal = (o: EventRecord) => (doc.tokens[tokenAt(doc, o.trigger.start)]?.upos ?? '') === 'VERB';
    const pick = named ?? acts.find((o) => verbal(o) && o.evidence.some((x) => x.sentence === latest)) ?? acts[0];
    if (pick) ev.target = pick.source.map((x) => ({ ...x }));
  }
}

function triggerNames(doc: Doc, ev: EventRecord, noun: Token): boolean {
  const nf = forms(noun);
  for (let k = tokenAt(doc, ev.trigger.start); k >= 0 && k < doc.tokens.length && doc.tokens[k].start < ev.trigger.end; k++) {
    if (forms(doc.tokens[k]).some((f) => f.length > 3 && nf.includes(f))) return true;
  }
  return false;
}

/** How each event was found, for merging: kept beside the records, not in them. */
interface DraftFlags {
  /** a definite reference with no actors of its own ("the talks") */
  anaphoric: boolean;
  /** a definite event noun that another verb takes as its object ("condemned the offensive") */
  referenced: boolean;
  headline: boolean;
  /** a reaction whose object is an event told before ("condemned the launch", "rejected it"): the
   * object's noun, or null for a pronoun; undefined when the event is no such reaction */
  reaction?: Token | null;
  /** a threat read into a planned or conditional conflictual act, not said in so many words */
  inferredThreat?: boolean;
  /** an agentless act whose victims are named only by a common noun ("two journalists were arrested") */
  sectorVictims?: boolean;
}
export const draft = new WeakMap<EventRecord, DraftFlags>();
export const flags = (e: EventRecord): DraftFlags => {
  let f = draft.get(e);
  if (!f) draft.set(e, (f = { anaphoric: false, referenced: false, headline: false }));
  return f;
};

/**
 * Whether b's trigger is a participle clause set on a's ("rallied in Sanaa ..., chanting slogans
 * against X"): it tells how a's act was done, not a second act.
 */
function elaborates(doc: Doc, a: EventRecord, b: EventRecord): boolean {
  if (!a.trigger || !b.trigger) return false;
  const tb = tokenAt(doc, b.trigger.start);
  const t = doc.tokens[tb];
  // (not one with a subordinator of its own: "before flying to Baku" is another act)
  if (!t || t.xpos !== 'VBG' || t.deprel !== 'advcl' || doc.tokens.some((x) => x.head === tb && x.deprel === 'mark')) return false;
  const h = doc.tokens[t.head ?? -1];
  return !!h && h.start >= a.trigger.start && h.end <= a.trigger.end;
}

/** Whether two verb triggers, one in a relative clause, each have an object of their own, neither shared nor coordinated with the other's. */
function ownObjects(doc: Doc, a: EventRecord, b: EventRecord): boolean {
  const va = tokenAt(doc, a.trigger.start), vb = tokenAt(doc, b.trigger.start);
  const objectOf = (v: number) => (v >= 0 && (doc.tokens[v].upos ?? '') === 'VERB' ? children(doc, v, 'obj').find((k) => k > v) ?? -1 : -1);
  const x = objectOf(va), y = objectOf(vb);
  if (x < 0 || y < 0 || x === y) return false;
  // (only an act told in a relative clause beside another: coordinated verbs, "severed ties and
  // recalled its diplomats", and a participle's act mostly tell one event)
  if (doc.tokens[va].deprel !== 'acl:relcl' && doc.tokens[vb].deprel !== 'acl:relcl') return false;
  return doc.tokens[x].head !== doc.tokens[y].head && !(doc.tokens[y].deprel === 'conj' && doc.tokens[y].head === x);
}

/**
 * Whether one trigger heads a relative clause and the other stands outside it: "Eritrean troops, who
 * fought alongside federal forces, were still looting property" tells what they did before and what
 * they do now.
 */
function relativeApart(doc: Doc, a: EventRecord, b: EventRecord): boolean {
  const va = tokenAt(doc, a.trigger.start), vb = tokenAt(doc, b.trigger.start);
  if (va < 0 || vb < 0) return false;
  const apart = (r0: number, x: number) => {
    // (or a verb coordinated with the relative clause's: "who entered the town but did not fight")
    let r = r0;
    while (doc.tokens[r].deprel === 'conj' && (doc.tokens[r].head ?? -1) >= 0) r = doc.tokens[r].head!;
    if (doc.tokens[r].deprel !== 'acl:relcl' || (doc.tokens[r0].upos ?? '') !== 'VERB') return false;
    // (a relative clause on a subject; "condemned what he called barbaric conduct" tells one act)
    if (!/^nsubj/.test(doc.tokens[doc.tokens[r].head ?? r].deprel ?? '')) return false;
    const [from, to] = subtree(doc, r);
    return x < from || x > to;
  };
  return apart(va, vb) || apart(vb, va);
}

/** Words that open a sentence telling another development than the one before. */
const NEW_DEVELOPMENT = new Set(['separately', 'elsewhere', 'meanwhile']);
const OTHER_INCIDENT = /^in (a|another) (separate|different|second|further) (incident|attack|development)\b|^in another (incident|attack|development)\b|^in other developments?\b/i;

/** Whether sentence i opens with "Separately,", "Elsewhere,", "In a separate incident, ...". */
function opensNewDevelopment(doc: Doc, i: number): boolean {
  const s = doc.sentences[i];
  if (!s) return false;
  const first = doc.tokens[s.tokenStart];
  if (first && NEW_DEVELOPMENT.has(first.text.toLowerCase())) return true;
  return OTHER_INCIDENT.test(doc.text.slice(first?.start ?? 0, (first?.start ?? 0) + 48));
}

const MODALITY_RANK: Record<Modality, number> = { asserted: 3, planned: 2, possible: 1, denied: 0 };

// (a state stands for any of its bodies and people; two named parts of one state, "students" and an
// opposition party, are not the same actor)
const whole = (x: ActorRef) => x.kind === 'country' || x.kind === 'government';

function overlapActors(a: ActorRef[], b: ActorRef[]): boolean {
  return a.some((x) => b.some((y) => x.id === y.id || (!!x.iso3 && x.iso3 === y.iso3 && (whole(x) || whole(y) || (!!x.cameo && x.cameo === y.cameo)))));
}

// (an armed or political opposition is another side than its country's state: the Arakan Army's
// seizure of a town and the army's bombing of a village are two acts, both "Myanmar's")
const opposing = (x: ActorRef) => /(OPP|REB|INS)$/.test(x.cameo ?? '') || x.kind === 'armed group' || x.kind === 'opposition';

function actorKeys(xs: ActorRef[]): Set<string> {
  return new Set(xs.map((x) => (opposing(x) ? x.id : x.iso3 ?? x.id)));
}

/** At least half of the union of the two actor sets is shared. */
function similarActors(a: ActorRef[], b: ActorRef[]): boolean {
  const ka = actorKeys(a), kb = actorKeys(b);
  const union = new Set([...ka, ...kb]);
  let shared = 0;
  for (const k of ka) if (kb.has(k)) shared++;
  return union.size > 0 && shared / union.size >= 0.5;
}

/** Whether, in an act of force, everyone acting in b was acted on in a, and no one acting in a acts in b. */
function reversedRoles(a: EventRecord, b: EventRecord): boolean {
  if (!FORCE_TYPES.has(a.type) || !b.source.length) return false;
  const same = (x: ActorRef, y: ActorRef) => x.id === y.id || (!!x.cameo && x.cameo === y.cameo);
  return b.source.every((x) => a.target.some((y) => same(x, y))) && !b.source.some((x) => a.source.some((y) => same(x, y)));
}
const FORCE_TYPES = new Set(['ASSAULT', 'COERCE']);

const FORCES = /(MIL|COP)$/;
/** Whether a state's force acts in one list and another of its bodies or people, and no force of it, in the other. */
function otherBodies(a: ActorRef[], b: ActorRef[]): boolean {
  const forces = (xs: ActorRef[], iso3: string) => new Set(xs.filter((x) => x.iso3 === iso3 && FORCES.test(x.cameo ?? '')).map((x) => x.cameo));
  for (const x of [...a, ...b]) {
    if (!x.iso3 || !FORCES.test(x.cameo ?? '')) continue;
    const fa = forces(a, x.iso3), fb = forces(b, x.iso3);
    const others = (xs: ActorRef[]) => xs.some((y) => y.iso3 === x.iso3 && !whole(y) && !FORCES.test(y.cameo ?? ''));
    // (a force in one and a different force, or only another named part of the state, in the other)
    if ((fa.size && fb.size && ![...fa].some((c) => fb.has(c))) || (fa.size && !fb.size && others(b)) || (fb.size && !fa.size && others(a))) return true;
  }
  return false;
}

function datesCompatible(a: EventRecord['date'], b: EventRecord['date']): boolean {
  if (!a || !b || a.basis === 'article' || b.basis === 'article') return true;
  return a.from <= b.to && b.from <= a.to;
}

/**
 * One event mentioned several times is one record: the headline's event and the body's, and a
 * later definite reference ("the talks", "the attack") and the event it refers back to.
 */
export function mergeEvents(doc: Doc, evs: EventRecord[]): EventRecord[] {
  const out: EventRecord[] = [];
  for (const ev of evs) {
    const { anaphoric, referenced, headline } = flags(ev);
    // ("Separately, Ukrainian drones attacked ...": a new development is told, not the one before)
    const newDevelopment = opensNewDevelopment(doc, ev.evidence[0].sentence);
    let into: EventRecord | undefined;
    for (let i = out.length - 1; i >= 0; i--) {
      const o = out[i];
      if (o.type !== ev.type) continue;
      if (o.historical !== ev.historical) continue;
      // (a headline names the act in other words than the body: "missile attack", "fired a ballistic missile")
      if (o.mode && ev.mode && o.mode !== ev.mode && !anaphoric && !headline && !flags(o).headline) continue;
      const lastSentence = o.evidence[o.evidence.length - 1].sentence;
      const near = ev.evidence[0].sentence - lastSentence <= 3;
      if (anaphoric && near && (!ev.target.length || overlapActors(o.target, ev.target))) { into = o; break; }
      if (referenced && ev.source.length && overlapActors(o.source, ev.source)) { into = o; break; }
      if (newDevelopment) continue;
      // ("its troops had killed around 20 assailants" after the assailants' attack on the troops:
      // an act back the other way is another act, though both sides are of one country)
      if (!headline && !flags(o).headline && reversedRoles(o, ev)) continue;
      // (one sentence, one type, the same actors: one act told twice, "rallied in Sanaa ..., chanting
      // slogans against X", whatever each mention names as its target)
      const sameSentence = ev.evidence[0].sentence === lastSentence && !headline && ev.source.length > 0;
      if (sameSentence && elaborates(doc, o, ev) && similarActors(o.source, ev.source) && datesCompatible(o.date, ev.date)) { into = o; break; }
      // ("who seized Goma in January, said they had captured Uvira": a relative clause's act and another
      // act of the sentence, each with an object of its own, are two acts)
      if (ev.evidence[0].sentence === lastSentence && (ownObjects(doc, o, ev) || relativeApart(doc, o, ev))) continue;
      const headlinePair = flags(o).headline || headline;
      // ("Soldiers loyal to the president fought …" and "Police attacked two radio stations": the
      // police and the army, or a leader and the police, are two bodies of one state acting twice)
      if (!headlinePair && !anaphoric && ev.evidence[0].sentence !== lastSentence && otherBodies(o.source, ev.source)) continue;
      // Two reports of one event name (nearly) the same actors; a headline may name fewer.
      const sameActors = headlinePair ? overlapActors(o.source, ev.source) : similarActors(o.source, ev.source) && (!o.target.length || !ev.target.length || overlapActors(o.target, ev.target));
      // Far apart in the article, two mentions must also agree on the place to be one event.
      // (near each other, two mentions of one event may place it more or less precisely, but in one country)
      const sameCountry = !o.place || !ev.place || !o.place.iso3 || !ev.place.iso3 || o.place.iso3 === ev.place.iso3;
      const placesAgree = !o.place || !ev.place || o.place.name === ev.place.name || o.place.iso3 === ev.place.iso3 && (o.place.featureType === 'country' || ev.place.featureType === 'country');
      if ((headlinePair || (near && sameCountry) || placesAgree) && sameActors && (!o.target.length || !ev.target.length || overlapActors(o.target, ev.target)) && datesCompatible(o.date, ev.date)) {
        into = o;
        break;
      }
    }
    if (!into) {
      if (anaphoric) continue; // a definite reference to nothing we coded
      out.push(ev);
      continue;
    }
    mergeInto(into, ev);
  }
  return out;
}

const DEFAULTS = new WeakSet<AttributionRef>();

/** The attribution of an event nobody in the text is credited with: the article's own source. */
export function articleDefault(doc: Doc): AttributionRef {
  const r: AttributionRef = { name: doc.article.source ?? 'article', entityId: null, via: [] };
  DEFAULTS.add(r);
  return r;
}

function mergeInto(a: EventRecord, b: EventRecord): void {
  const fromHeadline = flags(a).headline && !flags(b).headline;
  if (fromHeadline) {
    // A headline coordinates everyone as subject ("Trump, Kim Set to Meet"); the body's sentence tells
    // who acts on whom, so its roles come first. A headline's state ("Turkish, Iranian Ministers Meet")
    // stands for the body's named people of that state.
    const named = [...b.source, ...b.target];
    const keep = (x: ActorRef) => !named.some((y) => y.id === x.id || ((x.kind === 'country' || x.kind === 'government') && y.kind === 'person' && !!x.iso3 && y.iso3 === x.iso3));
    const source = [...b.source, ...a.source.filter(keep)];
    a.target = [...b.target, ...a.target.filter((x) => keep(x) && !source.some((y) => y.id === x.id))];
    a.source = source;
  }
  for (const s of b.source) if (!a.source.some((x) => x.id === s.id)) a.source.push(s);
  for (const t of b.target) if (!a.target.some((x) => x.id === t.id) && !a.source.some((x) => x.id === t.id)) a.target.push(t);
  // The narrowest resolved date wins: "March 3-4" over "next week".
  if (b.date && (!a.date || a.date.basis === 'article' || (b.date.basis !== 'article' && span(b.date) < span(a.date)))) a.date = b.date;
  const rank = (p: EventRecord['place']) => (p ? ({ landmark: 0, city: 0, admin1: 1, region: 2, country: 3 } as Record<string, number>)[p.featureType ?? 'region'] ?? 2 : 9);
  // (as does the body's place over a headline's, whose words stand together with no clause to tell
  // which act a place is of: "Duterte Flown to The Hague After Arrest")
  if (b.place && (rank(b.place) < rank(a.place) || (fromHeadline && rank(b.place) <= rank(a.place)))) a.place = b.place;
  for (const r of b.attribution) {
    if (r.entityId === null && !r.via.length && a.attribution.some((x) => x.entityId !== null)) continue;
    if (!a.attribution.some((x) => x.name === r.name)) a.attribution.push(r);
  }
  // The article's own source is only a default: drop it once somebody is credited, named or not
  // ("witnesses said", "diplomats said" in the body of a story whose headline credits nobody).
  if (a.attribution.length > 1) a.attribution = a.attribution.filter((x) => !DEFAULTS.has(x));
  if (a.attribution.length > 1) a.attribution = a.attribution.filter((x) => x.entityId !== null || x.via.length || a.attribution.every((y) => y.entityId === null));
  for (const f of b.figures) if (!a.figures.includes(f)) a.figures.push(f);
  // Two triggers of one sentence ("a strike ... killed") give that sentence once.
  for (const e of b.evidence) if (!a.evidence.some((x) => x.start === e.start && x.end === e.end)) a.evidence.push(e);
  a.evidence.sort((x, y) => x.start - y.start);
  if (fromHeadline) {
    a.modality = b.modality;
    flags(a).headline = false;
  } else if (MODALITY_RANK[b.modality] < MODALITY_RANK[a.modality] && b.modality !== 'denied') {
    // The more hedged reading wins: a meeting that "could take place" is not asserted by another sentence's wording.
    a.modality = b.modality;
  }
  if (!a.mode && b.mode) a.mode = b.mode;
  a.confidence = Math.max(a.confidence, b.confidence);
}

export function span(d: NonNullable<EventRecord['date']>): number {
  return (Date.parse(d.to) - Date.parse(d.from)) / 86400000;
}
