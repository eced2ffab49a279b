/**
 * The events stage: triggers found per claim-bearing sentence (event-triggers.ts), each built into a
 * record (event-build.ts: arguments, modality, type, time and place), then reactions aimed and the
 * mentions of one event merged (event-merge.ts).
 */
import type { Doc, EventRecord, Sentence } from '../model/types.js';
import { tokenAt } from './doc.js';
import type { Knowledge } from '../knowledge/index.js';
import { attributionIn } from './attribution.js';
import { dropComplements, dropLightVerbs, findTriggers, type TriggerMatch } from './event-triggers.js';
import { senseOf } from './event-sense.js';
import { groupsIn, lazyGroups, refs } from './event-groups.js';
import { children, span, subject } from '../syntax/tree.js';
import { phraseGroup } from './event-args.js';
import { addDays } from './event-time-place.js';
import { isParsed } from '../syntax/tree.js';
import { buildEvent, nextEventId, resetEventIds } from './event-build.js';
import { flags, mergeEvents, targetReactions } from './event-merge.js';
import { petrarchTriggers } from './event-petrarch.js';
import { conditionalTriggers } from './event-conditional.js';
import { actorNounSector, syntacticHead } from './event-roles.js';
import { forceOrder } from './event-orders.js';

/** PLOVER events from every claim-bearing sentence, merged per article. */
export function events(doc: Doc, kb: Knowledge): void {
  resetEventIds();
  const found: EventRecord[] = [];
  for (const s of doc.sentences) {
    if (!s.claim) continue;
    // (PETRARCH2's patterns speak only for verbs the own lexicon leaves alone: event-petrarch.ts;
    // a trigger's arguments may change its sense or rule it out: event-sense.ts)
    const own = findTriggers(doc, s, kb);
    const groupsOf = lazyGroups(doc, s);
    let all = own;
    if (isParsed(doc)) {
      const lexical = [...own, ...petrarchTriggers(doc, s, kb, own, groupsOf)];
      all = [...lexical, ...conditionalTriggers(doc, s, lexical)];
    }
    // (an order to one's own forces is the act ordered, not a request: event-orders.ts; a pattern
    // that takes in the act's verb, "order ... to withdraw", leaves no other trigger for it and stays)
    const sensed = all.map((m) => senseOf(doc, m, kb)).filter((m): m is TriggerMatch => !!m && !ordersForces(doc, m, kb));
    const triggers = dropActorNouns(doc, dropComplements(doc, dropLightVerbs(doc, sensed)), kb);
    if (!triggers.length) continue;
    const groups = groupsOf();
    const attribution = attributionIn(doc, s, kb);
    // (the words that name an attack, which may be the subject of a verb of violence: "a car bomb killed …",
    // "Shelling killed …")
    const attackNouns = new Set(sensed.filter((m) => m.c.trigger.type === 'ASSAULT').flatMap((m) => m.tokens));
    const here: EventRecord[] = [];
    for (const m of triggers) {
      const ev = buildEvent(doc, s, m, groups, attribution, kb, attackNouns);
      if (ev) here.push(ev);
    }
    // "27 people were killed when the RSF shelled ...": the casualties of an act the same sentence
    // tells with its actor are that act's, not a second, actorless one (and are its target, when it
    // names none)
    const absorbed = new Set<EventRecord>();
    for (const e of here) {
      if (!flags(e).sectorVictims) continue;
      const act = here.find((o) => o !== e && o.type === e.type && (o.source.length > 0 || flags(o).anaphoric));
      if (!act) continue;
      // (only an act the casualties' clause is told with: "were killed when the RSF shelled")
      if (!act.target.length && !flags(act).anaphoric && linked(doc, act, e)) act.target = e.target.filter((x) => !act.source.some((y) => y.id === x.id));
      absorbed.add(e);
    }
    for (const e of here) if (warningFrame(doc, e, here)) absorbed.add(e);
    here.push(...reciprocals(doc, here));
    mutualTargets(doc, here);
    aimProtestsAtDemands(here);
    found.push(...here.filter((e) => !absorbed.has(e)));
  }
  targetReactions(doc, found);
  aimReleaseDemands(found);
  for (const s of doc.sentences) {
    if (!s.claim || s.headline) continue;
    const ev = mustRequest(doc, s, kb);
    if (ev) found.push(ev);
  }
  doc.events = mergeEvents(doc, found).filter((e) => e.target.length || !aimless(e));
}

function ordersForces(doc: Doc, m: TriggerMatch, kb: Knowledge): boolean {
  if (m.c.trigger.type !== 'REQUEST' || m.c.trigger.pos !== 'verb') return false;
  const order = forceOrder(doc, m.head, kb);
  return !!order && !m.tokens.includes(order.act);
}

/** Acts that parties named together do with one another, whatever the type: "Thai and Cambodian troops clashed". */
const FIGHTING = new Set(['clash', 'fight', 'battle', 'skirmish', 'exchange', 'firefight', 'gunfight', 'fighting']);

/**
 * "Armenia and Azerbaijan agreed on a treaty", "Ethiopia and Egypt held talks", "Russian and Chinese
 * warships began joint exercises": an agreement, a meeting, a joint action or a signing that several
 * parties make together, with no one else named, is made by each with the others. The parties are
 * its targets as well as its sources, as PLOVER codes such events (one record, not one per pair).
 * (Not praise or backing: "the US and Britain welcomed the decision" is aimed at what they welcomed.)
 */
function mutualTargets(doc: Doc, here: EventRecord[]): void {
  for (const e of here) {
    if (e.target.length || new Set(e.source.map((x) => x.id)).size < 2 || flags(e).anaphoric) continue;
    const lemma = doc.tokens[tokenAt(doc, e.trigger.start)]?.lemma ?? '';
    // (and a swap of prisoners: "Israel and Hamas exchanged prisoners and hostages", each frees the other's)
    const mutual = MUTUAL_TYPES.has(e.type) || (e.type === 'SUPPORT' && e.cameo === '057') || (e.type === 'ASSAULT' && FIGHTING.has(lemma)) ||
      (e.type === 'RETREAT' && SWAPPING.has(lemma));
    if (mutual) e.target = e.source.map((x) => ({ ...x }));
  }
}
const MUTUAL_TYPES = new Set(['AGREE', 'CONSULT', 'COOPERATE']);
const SWAPPING = new Set(['exchange', 'swap', 'trade']);

const RECIPROCAL = new Set(['other', 'another']);

/**
 * "Israel and Hezbollah accused each other": an act two coordinated actors do to "each other" or
 * "one another" is one each way: the first acts on the second, and a copy has the second act on
 * the first (with more than two, each on the others).
 */
function reciprocals(doc: Doc, here: EventRecord[]): EventRecord[] {
  const out: EventRecord[] = [];
  for (const e of here) {
    if (e.target.length || e.source.length < 2) continue;
    const k = tokenAt(doc, e.trigger.start);
    // (right after the verb or its pattern's words, however the parse labels the pair: "accused each
    // other", "exchanged fire with each other")
    const s = doc.sentences[doc.tokens[k].sentence];
    let end = k;
    while (end + 1 < s.tokenEnd && doc.tokens[end + 1].end <= e.trigger.end) end++;
    let pair = false;
    for (let j = end + 1; j <= end + 3 && j + 1 < s.tokenEnd && !pair; j++) pair = ['each', 'one'].includes(doc.tokens[j].lemma) && RECIPROCAL.has(doc.tokens[j + 1].lemma);
    if (!pair) continue;
    const all = e.source;
    e.source = [all[0]];
    e.target = all.slice(1).map((x) => ({ ...x }));
    for (const other of all.slice(1)) {
      out.push({
        ...e, id: nextEventId(), source: [{ ...other }], target: all.filter((x) => x !== other).map((x) => ({ ...x })),
        evidence: e.evidence.map((x) => ({ ...x })), attribution: e.attribution.map((x) => ({ ...x })), figures: e.figures.map((x) => ({ ...x })),
      });
    }
  }
  return out;
}

const RELEASE = /\b(release|freeing|free|freedom)\b/i;

/**
 * "demanded Protasevich's release", "pressing for the release of all Ukrainian prisoners": a demand
 * to free someone is made of whoever holds them, not of the prisoners. The holder is the actor of
 * the article's detention or abduction of the same people; with none told, a demand for one's own
 * people has no target the sentence names.
 */
function aimReleaseDemands(found: EventRecord[]): void {
  for (const ev of found) {
    if (ev.type !== 'REQUEST' || ev.mode !== 'yield' || !ev.target.length || !RELEASE.test(ev.trigger.text)) continue;
    const held = (o: EventRecord) => (o.type === 'COERCE' && (o.mode === 'arrest' || o.mode === 'seize')) || (o.type === 'ASSAULT' && o.mode === 'abduct');
    const captor = found.find((o) => o !== ev && held(o) && o.source.length && o.target.some((x) => ev.target.some((y) => y.id === x.id)));
    if (captor) ev.target = captor.source.map((x) => ({ ...x }));
    else if (ev.target.every((x) => !!x.iso3 && ev.source.some((y) => y.iso3 === x.iso3))) ev.target = [];
  }
}

/**
 * "Protesters rallied outside the French embassy in Niamey, demanding the withdrawal of French
 * troops": a protest whose own demand is addressed to another state is aimed at that state, not at
 * the country it is held in.
 */
function aimProtestsAtDemands(here: EventRecord[]): void {
  for (const p of here) {
    if (p.type !== 'PROTEST' || !p.source.length) continue;
    const home = new Set(p.source.map((x) => x.iso3).filter(Boolean));
    const demand = here.find((r) => r.type === 'REQUEST' && r.source.some((x) => p.source.some((y) => y.id === x.id)) &&
      r.target.length > 0 && r.target.every((x) => !!x.iso3 && !home.has(x.iso3)));
    if (demand && p.target.every((x) => !x.iso3 || home.has(x.iso3))) p.target = demand.target.map((x) => ({ ...x }));
  }
}

/**
 * "Iran will retaliate if Israel strikes, the foreign minister warned": a warning set after its
 * content, as a reporting clause, is the threat its content tells, not a second one.
 */
function warningFrame(doc: Doc, e: EventRecord, here: EventRecord[]): boolean {
  const k = tokenAt(doc, e.trigger.start);
  const t = doc.tokens[k];
  if (e.type !== 'THREATEN' || !t || t.lemma !== 'warn' || !['advcl', 'parataxis'].includes(t.deprel ?? '')) return false;
  const h = t.head ?? -1;
  if (h < 0 || h > k || children(doc, k, 'obj', 'ccomp', 'xcomp').length) return false;
  const [a, z] = span(doc, h);
  return here.some((o) => {
    const j = tokenAt(doc, o.trigger.start);
    return o !== e && j >= a && j <= z && j < k;
  });
}

/** Whether one trigger's word hangs, through subordinate clauses and phrases, from the other's (not through coordination). */
function linked(doc: Doc, a: EventRecord, b: EventRecord): boolean {
  const x = tokenAt(doc, a.trigger.start), y = tokenAt(doc, b.trigger.start);
  const below = (from: number, to: number) => {
    for (let k = from, steps = 0; k >= 0 && steps < 12; steps++) {
      if (k === to) return true;
      if (['conj', 'parataxis', 'root'].includes(doc.tokens[k].deprel ?? '')) return false;
      k = doc.tokens[k].head ?? -1;
    }
    return false;
  };
  return x >= 0 && y >= 0 && (below(x, y) || below(y, x));
}

/**
 * "Protesters stormed the embassy": a noun that names those who act ("protesters") and is the subject
 * of another trigger tells the same event as that trigger, not a second one.
 */
function dropActorNouns(doc: Doc, ms: TriggerMatch[], kb: Knowledge): TriggerMatch[] {
  if (ms.length < 2) return ms;
  return ms.filter((m) => {
    if (!actorNounSector(doc, m, kb)) return true;
    const k = syntacticHead(doc, m);
    // (directly, or as the antecedent of a relative clause: "protesters who had stormed parliament")
    return !ms.some((o) => {
      if (o === m || o.c.trigger.pos !== 'verb') return false;
      const subj = subject(doc, syntacticHead(doc, o));
      return !!subj && !subj.passive && subj.token === k;
    });
  });
}

/**
 * Aid, and blame or support from one side, are aimed at someone, and a threat read into a planned
 * act ("Tokyo would shoot down a missile") is only a threat to somebody: with no target found even
 * after merging, the reading is too unsure to keep. Mutual support between coordinated sources and
 * an investigation of a matter need none.
 */
function aimless(e: EventRecord): boolean {
  if (e.type === 'THREATEN') return !!flags(e).inferredThreat;
  if (e.type === 'ACCUSE') return e.mode !== 'investigate' && e.source.length < 2;
  if (e.type === 'SUPPORT') return e.source.length < 2;
  // aid always goes to someone, however many give it
  if (e.type === 'AID') return true;
  return false;
}

const SAY_VERBS = new Set(['say', 'announce', 'insist', 'conclude', 'declare', 'state', 'tell', 'argue', 'warn', 'stress', 'add', 'write']);

/**
 * "Russia said Sudan must return the helicopter": a speaker saying that another actor must or should
 * act is a REQUEST from the speaker to that actor (CAMEO/PLOVER practice).
 */
function mustRequest(doc: Doc, s: Sentence, kb: Knowledge): EventRecord | null {
  const toks = doc.tokens;
  for (let k = s.tokenStart + 2; k < s.tokenEnd - 1; k++) {
    const t = toks[k];
    if (!['must', 'should'].includes(t.text.toLowerCase())) continue;
    if (toks[k + 1]?.lemma === 'have' || toks[k + 1]?.lemma === 'not' && toks[k + 2]?.lemma === 'have') continue;
    let say = -1;
    for (let j = k - 1; j >= s.tokenStart; j--) if (toks[j].pos === 'VERB' && SAY_VERBS.has(toks[j].lemma)) { say = j; break; }
    if (say < 0) continue;
    const groups = groupsIn(doc, s);
    const subj = subject(doc, say);
    const speaker = subj && !subj.passive ? phraseGroup(doc, groups, subj.token) : null;
    const addressee = groups.filter((g) => g.from > say && g.to < k).pop() ?? null;
    const source = refs(doc, speaker);
    const target = refs(doc, addressee).filter((x) => !source.some((y) => y.id === x.id));
    if (!source.length || !target.length) return null;
    const plover = kb.plover.get('REQUEST');
    return {
      id: nextEventId(), type: 'REQUEST', mode: null, context: null, cameo: plover?.cameo ?? '10',
      acled: plover?.acled ? { eventType: plover.acled.event_type ?? null, subEventType: plover.acled.sub_event_type ?? null } : null,
      modality: 'asserted', historical: false, source, target,
      date: doc.anchor ? { from: addDays(doc.anchor, -7), to: doc.anchor, precision: 'week', basis: 'article' } : null,
      place: null, attribution: [{ name: doc.article.source ?? 'article', entityId: null, via: [] }],
      figures: [], evidence: [{ start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), sentence: s.index }],
      trigger: { text: doc.text.slice(t.start, t.end), pattern: 'say ... must', start: t.start, end: t.end }, confidence: 0.6,
    };
  }
  return null;
}
