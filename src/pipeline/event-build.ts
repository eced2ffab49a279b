/**
 * One event record from one trigger: its arguments, modality, PLOVER type adjustments, date,
 * place, attribution and evidence.
 */
import type { ActorRef, AttributionRef, Doc, EventRecord, Sentence } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { backerCountries, claimedBy, opponentPhrase, ownAct as subjectOwnsAct, phraseGroup, suffers, type Args, type Group } from './event-args.js';
import { baseRel, caseWord, children, compoundHead, controller, span, subject, toInfinitive } from '../syntax/tree.js';
import { conditionOf, deliberated, intentGovernor, structuralModality } from './event-modality.js';
import { paragraphDay } from './times.js';
import { LIGHT_VERBS, REACTION_TYPES, type TriggerMatch, definiteNoun, forms } from './event-triggers.js';
import { refs } from './event-groups.js';
import { REPORTING, clauseOf, isDefiniteReference, isPurposeInfinitive, isTopic, isUndergone, lightOrGoverning, modalityOf } from './event-context.js';
import { parseErrorFallback } from './event-window.js';
import { protestSubject } from './event-sense.js';
import { actorNounSector, argsFromParse, blamedActor, claimant, groupNounObject, quoteSpeaker, syntacticHead } from './event-roles.js';
import { agentNounSector, bareBody, bareStateBody, namesWeapon, capitalPlace, scenePlace, countedNoun, countryRef, genericAgent, lightVerbOf, passiveAgent, phraseSector, placeTarget, sectorRef } from './event-targets.js';
import { RECALL, addDays, leadDay, placeFor, sentenceTime, spanEnd, temporalClause, timeFor } from './event-time-place.js';
import { articleDefault, draft, reactsToEarlierEvent } from './event-merge.js';
import { creditedAt } from './attribution.js';
import { mainCountry } from './main-country.js';
import { referent } from './event-coref.js';
import { orderedAct } from './event-orders.js';
import { acrossBorder, handedTo, partnerMet } from './event-aims.js';
import { mentionsOver } from './doc.js';

let counter = 0;

/** A fresh event id within the article being read. */
export function nextEventId(): string {
  return `e${++counter}`;
}

export function resetEventIds(): void {
  counter = 0;
}

/** EVENTWIRE_DEBUG, read once: a look-up of the environment costs more than the check it guards. */
const DEBUG = !!process.env.EVENTWIRE_DEBUG;
const PEOPLE_SECTORS = /^[A-Z]{3}(CVL|REF|EDU|LAB|HLH|REL|BUS|CRM)$/;
const PREPARE_VERBS = new Set(['prepare', 'gear', 'ready', 'mass']);
const VOW_VERBS = new Set(['vow', 'swear', 'pledge', 'promise', 'threaten']);
const THREAT_TYPES = new Set(['ASSAULT', 'COERCE', 'SANCTION', 'PROTEST', 'MOBILIZE']);

export function buildEvent(doc: Doc, s: Sentence, m: TriggerMatch, groups: Group[], attribution: AttributionRef[], kb: Knowledge, attackNouns: ReadonlySet<number> = new Set()): EventRecord | null {
  const t = m.c.trigger;
  const credited = creditedAt(doc, s, attribution, m.head);
  const clause = clauseOf(doc, s, m.head);
  // Roles come from the parse (event-args.ts, event-roles.ts). The clause-window reading
  // (event-window.ts) is kept only as a fallback for parse errors, for a role the parse left empty:
  // without it the reference articles lose 6 points of event F1 and the PLOVER records 4 of
  // type + source, nearly all on misparsed headlines and misattached subjects.
  const p0 = argsFromParse(doc, s, m, groups, kb);
  const h = syntacticHead(doc, m);
  // "Residents said RSF fighters looted homes and set fire to a market": a verb the parse joins to a
  // reporting verb, with no subject of its own, is no act of the reporters; whose it is the parse
  // has lost
  // (only for force told on the word of people named by a common noun: "Guterres said ... and called
  // for a ceasefire" is his own act)
  const reporter = doc.tokens[h].head ?? -1;
  const reporterSubject = reporter >= 0 ? children(doc, reporter, 'nsubj')[0] : undefined;
  const speechJoined = t.pos === 'verb' && (t.type === 'ASSAULT' || t.type === 'COERCE') && doc.tokens[h].deprel === 'conj' &&
    !children(doc, h, 'nsubj', 'nsubj:pass').length && REPORTING.has(doc.tokens[reporter]?.lemma ?? '') &&
    reporterSubject !== undefined && (doc.tokens[reporterSubject].upos ?? doc.tokens[reporterSubject].pos) === 'NOUN';
  const p = speechJoined ? { ...p0, source: null } : p0;
  const fallback = p.source && p.target ? p : parseErrorFallback(doc, s, m, groups, clause);
  // (the subject of a passive undergoes the act: the window may not make it the actor; a reduced
  // relative, "doctors marched to", is as often a misread main verb)
  // ("were killed in an ambush": nor may it make the victims the actor of the noun the act is told by)
  // ("a suicide car bombing": through the compound to the phrase's head noun)
  const np = t.pos === 'noun' ? compoundHead(doc, h) : h;
  const explicitPassive = suffers(doc, h) || (t.pos === 'noun' && suffers(doc, doc.tokens[np].head ?? -1));
  // (nor may it give people named by the trigger noun the actor of the verb they stand under)
  // (or the crowd that is a riot's subject: "protesters stormed the embassy")
  const nounSector = actorNounSector(doc, m, kb) ?? (t.pos === 'verb' && t.type === 'PROTEST' && protestSubject(doc, h, kb) ? 'OPP' : null);
  // (nor may it take the subject of a verb the trigger's clause depends on: in "Police said the
  // rebels seized the town" the rebels seized it, not the police)
  const outerSubject = !!fallback.source && subjectAbove(doc, fallback.source, h);
  // (nor, for a participle the parse gives an understood subject that names no actor, another
  // actor of the sentence: "fired at protesters demanding his resignation")
  // ("Senior Hungarian and Romanian officials": a group right before the noun is its modifier)
  const outsideWindowActor = (k: number) => !!fallback.source && (k < fallback.source.from || k > fallback.source.to + 1);
  const understood = !p.source && t.pos === 'verb' && !subject(doc, h) ? controller(doc, h) : null;
  const otherThanUnderstood = !!understood && outsideWindowActor(understood.token);
  // (nor when the verb's own subject is a sector noun outside the window's actor: "after the
  // government agreed", "when police fired" name who acted, even where no country is said)
  const own = !p.source && t.pos === 'verb' ? subject(doc, h) : null;
  const ownSector = !!own && !own.passive && outsideWindowActor(own.token) &&
    !!kb.sectorOf(doc.tokens[countedNoun(doc, own.token)]) && (doc.tokens[own.token].upos ?? doc.tokens[own.token].pos) === 'NOUN';
  // (nor may it give a definite event noun that sets the scene its actor: "he was beaten during the
  // arrests" refers to arrests told before, not made by whoever stands near)
  const sceneNoun = t.pos === 'noun' && FRAME_RELS.has(doc.tokens[np].deprel ?? '') && isDefiniteReference(doc, s, m) && FRAME_WORDS.has(caseWord(doc, np));
  // (nor the subject of a verb that reacts to or tells of an act named as known: "she called the
  // arrest persecution", "the governor condemned the attack"; only a light verb's subject makes it)
  const govOfNoun = t.pos === 'noun' && baseRel(doc.tokens[np].deprel) === 'obj' ? doc.tokens[np].head ?? -1 : -1;
  const toldOf = govOfNoun >= 0 && (doc.tokens[govOfNoun].upos ?? doc.tokens[govOfNoun].pos) === 'VERB' && !subjectOwnsAct(doc, govOfNoun, definiteNoun(doc, np));
  // (nor the one the parse found to undergo it: "Imran Khan's arrest")
  const owner = t.pos === 'noun' ? children(doc, h, 'nmod:poss')[0] : undefined;
  const undergone = owner !== undefined && !!p.target && owner >= p.target.from && owner <= p.target.to && !!fallback.source && fallback.source.mentions.some((x) => p.target!.mentions.includes(x));
  const source1 = p.source ?? (explicitPassive || nounSector || outerSubject || otherThanUnderstood || ownSector || sceneNoun || toldOf || speechJoined || undergone ? null : fallback.source);
  // (whoever the sentence is told "according to" or "citing" reports it, whatever the parse joined
  // them to: "According to the Observatory, government forces shelled ...")
  // (nor is a name the knowledge base cannot place, set before an event noun as its modifier: "the
  // New START treaty", "the Ulchi Freedom Shield exercises" are named, not made, by it)
  const actName = !!source1 && t.pos === 'noun' && namesTheAct(doc, source1, m.head);
  // (nor is the speaker of what is reported the actor of an act inside it that the parse could not
  // give a subject: "Police spokesman X said officers had acted against criminals who … blocked roads")
  const speaker = !p.source && !!source1 && speaksOver(doc, source1, h);
  const source0 = source1 && (actName || speaker || reportingPhrase(doc, s, source1)) ? null : source1;
  // (the subject of a passive is what underwent the act: when it names no actor, the window's
  // actor after the verb is not the target either: "the airport was seized by M23, a UN source said")
  const undergoer = children(doc, h, 'nsubj:pass').length > 0;
  // (nor is it when a reaction has an object of its own, "condemned the strike and called on X":
  // what was condemned is told before, event-merge.ts)
  const reactedTo = t.pos === 'verb' && REACTION_TYPES.has(t.type) && children(doc, h, 'obj').some((k) => children(doc, k, 'det').some((d) => doc.tokens[d].lemma === 'the'));
  let target0 = p.target ?? (undergoer || reactedTo ? null : fallback.target);
  // (nor is the one it is told by the act's target: "seized the town, according to the UN")
  if (target0 && reportingPhrase(doc, s, target0)) target0 = null;
  // An unknown name inside the trigger's own phrase names the act ("began their Ulchi Freedom Shield
  // exercises", "launched Operation X"), not someone it is aimed at.
  if (target0 && target0.from > m.tokens[0] && target0.to < m.tokens[m.tokens.length - 1] && target0.mentions.every((x) => x.entityId.startsWith('local:') && doc.entities.get(x.entityId)?.kind !== 'person')) target0 = null;
  if (target0 && source0 && target0.mentions.every((x) => source0.mentions.includes(x))) target0 = p.target && p.target !== source0 ? p.target : null;
  const args: Args = { source: source0, target: target0, passive: p.source ? p.passive : fallback.passive };
  // (nor is a place an actor: "West African troops" named by a region act for no one known)
  let source = (ownedBody(doc, args.source, kb) ?? refs(doc, args.source)).filter((x) => x.kind !== 'place' || !!x.iso3);
  // A place is no actor: one whose country is known stands for it, an unknown one for nobody (the
  // parse or the place stage may still give the country: "the town of Mrauk-U in Rakhine state").
  let target = refs(doc, args.target, t.type !== 'CONSULT').flatMap((x) => {
    if (x.kind !== 'place') return [x];
    const c = x.iso3 ? kb.countries.get(x.iso3) : undefined;
    return c ? [countryRef(c)] : [];
  });
  // ("abducted 14 passengers from a bus in Nigeria": people named by a common noun and the place
  // they were in are that country's people, not the country)
  if (args.target?.located && target.length === 1 && (target[0].kind === 'country' || target[0].kind === 'government') && t.pos === 'verb' && (t.type === 'ASSAULT' || t.type === 'COERCE')) {
    const c = kb.countries.get(target[0].iso3 ?? '');
    const sec = c ? civilObject(doc, h, kb) : null;
    if (c && sec) target = [sectorRef(c, sec)];
  }
  // ("Serbian troops were put on combat readiness", "Troops were deployed to the border": forces
  // mobilised are their own state's act, whoever moved them)
  if (t.type === 'MOBILIZE' && explicitPassive && !source.length && target.length && target.every((x) => /(MIL|COP)$/.test(x.cameo ?? ''))) {
    source = target;
    target = [];
  }
  if (DEBUG) process.stderr.write(`trigger ${t.id} @${doc.tokens[m.head].text} clause ${clause} source ${source.map((x) => x.id)} target ${target.map((x) => x.id)} groups ${groups.map((g) => `${g.from}-${g.to}:${g.mentions.map((x) => x.entityId)}`)}\n`);
  // "Kagame condemned the M23-led offensive": a definite event noun that is the object of another verb
  // refers to an event told elsewhere; it adds evidence to it, not a new event.
  const gov = t.pos === 'noun' ? lightOrGoverning(doc, m.tokens[0], clause) : -1;
  // (an act undone or turned down, "withdrew an arrest warrant", "lifted the blockade", "rejected
  // calls for a ceasefire", was made before: the undoing or refusal is the news)
  // (the parse may find such an object where the lexicon matched a verb: "rejected calls for")
  const undoneBy = baseRel(doc.tokens[h].deprel) === 'obj' && (doc.tokens[h].upos ?? doc.tokens[h].pos) === 'NOUN' ? doc.tokens[h].head ?? -1 : gov;
  // (a claim owns the act: "X claimed the bombing" tells who did it, which is news)
  const referenced = (gov >= 0 && isDefiniteReference(doc, s, m) && !LIGHT_VERBS.has(doc.tokens[gov].lemma) && claimedBy(doc, np) < 0) || (undoneBy >= 0 && REVERSALS.has(doc.tokens[undoneBy].lemma));
  let anaphoric = referenced || (!source.length && isDefiniteReference(doc, s, m));
  // A quotation's speaker acts in it only as "we" or "I", or in a quoted act with no subject; never
  // in a passive (the speaker did not approve the "approved and validated" plans).
  const ownSubject = t.pos === 'verb' ? children(doc, h, 'nsubj')[0] : undefined;
  // (nor in what merely exists or not: "There was no warning," said a witness)
  const npHead = doc.tokens[np].head ?? -1;
  const existential = t.pos === 'noun' && npHead >= 0 && children(doc, npHead, 'expl').some((c) => doc.tokens[c].lemma === 'there');
  const speakerActs = !explicitPassive && !existential && (ownSubject === undefined || FIRST_PERSON.has(doc.tokens[ownSubject].text.toLowerCase()));
  if (!source.length && !anaphoric && speakerActs && !speechJoined) {
    const speaker = quoteSpeaker(doc, s, m, groups);
    if (speaker) source = refs(doc, speaker);
  }
  // (the place the clause sets the act in, read once: several readings below ask for it)
  let placeRead: EventRecord['place'] | undefined;
  const actPlace = () => (placeRead === undefined ? (placeRead = placeFor(doc, s, m, clause)) : placeRead);
  // (or, for physical acts, the town the paragraph's sentence before sets the scene in, where the
  // police acted: "Demonstrators gathered outside the Rwandan embassy in Kinshasa. Police dispersed
  // them." Not where a generic agent acted: "… in Kingston, Jamaica. Henry, stranded since gangs
  // shut down the capital's airport")
  const scene = () => actPlace() ?? (SCENE_TYPES.has(t.type) ? scenePlace(doc, s, true) : null);
  // (a state body named only by what it is takes its scene from the paragraph before too)
  let sceneUsed = false;
  // "police dispersed protesters in Nairobi": people named only by a common noun are of the
  // country where the sentence places them, when it places them in one; with no place, of the one
  // country its other actors belong to ("Ruto withdrew the bill a day after protesters stormed parliament")
  const homeCountry = () => {
    // (first the place the act itself is set in: "attacked embassies in Kinshasa, including those of Rwanda")
    const at = actPlace()?.iso3;
    let home = new Set(at ? [at] : doc.places.filter((p) => p.sentence === s.index && p.iso3).map((p) => p.iso3!));
    // (a subject's country: "the Rwandan embassy" they looted says nothing of who they are)
    const subjects = groups.filter((g) => doc.tokens.slice(g.from, g.to + 1).some((x) => x.deprel === 'nsubj'));
    if (!home.size) home = new Set(subjects.flatMap((g) => refs(doc, g)).map((x) => x.iso3).filter((x): x is string => !!x));
    return home.size === 1 ? kb.countries.get([...home][0]) : undefined;
  };
  if (!source.length && !anaphoric && nounSector) {
    const c = homeCountry();
    if (c) source = [sectorRef(c, nounSector)];
  }
  if (!source.length && !anaphoric && t.pos === 'verb' && !speechJoined) {
    const body = bareStateBody(doc, h, kb, () => scene()?.iso3);
    if (body) {
      source = [body];
      sceneUsed = true;
    }
  }
  // (people of a sector named by a common noun act for the country the act is set in, else the one
  // the article is about)
  // (never for a country that backs them: "Kurdish fighters backed by the United States captured …")
  const peopleOf = (sector: string | null, doer = -1): ActorRef[] => {
    const placed = sector ? actPlace()?.iso3 : null;
    let at = sector ? placed ?? mainCountry(doc) : null;
    if (at && !placed && doer >= 0 && backerCountries(doc, countedNoun(doc, doer)).has(at)) at = null;
    const c = at ? kb.countries.get(at) : undefined;
    return c && sector ? [sectorRef(c, sector)] : [];
  };
  const agentVerb = t.pos === 'verb' ? h : lightVerbOf(doc, h);
  // ("fundamentalists continued their hunger strike": an act owned by a pronoun for the light verb's
  // subject is that subject's own, not one told before)
  const ownAct = t.pos === 'noun' && agentVerb >= 0 && children(doc, h, 'nmod:poss').some((c) => ['its', 'their'].includes(doc.tokens[c].text.toLowerCase()));
  if (!source.length && (!anaphoric || ownAct) && !speechJoined && agentVerb >= 0 && (!explicitPassive || passiveAgent(doc, agentVerb) >= 0)) {
    // "gunmen killed 12 worshippers in Ondo state": a generic agent acts for the country it acts in,
    // or, where the clause does not say, for the one the article is about (not for any country the
    // sentence names: "stranded in Puerto Rico since gangs shut down the capital's airport"); so
    // does the subject of a light verb ("hundreds of students went on hunger strike")
    source = peopleOf(genericAgent(doc, agentVerb, kb), (subject(doc, agentVerb) ?? controller(doc, agentVerb))?.token);
    if (ownAct && source.length && !referenced) anaphoric = false;
  }
  // "Five soldiers were killed in a clash with militants in North Waziristan": the other side of the
  // fighting, named by a common noun only, acts for the country the fighting is set in
  if (!source.length && !anaphoric && t.pos === 'verb' && t.type === 'ASSAULT' && children(doc, h, 'nsubj:pass').length) {
    const foe = opponentPhrase(doc, h);
    source = peopleOf(foe >= 0 ? agentNounSector(doc, foe, kb) : null);
  }
  // "A journalist was killed in Kherson": an agentless passive has no source, and the act is kept
  // with its victim rather than given a guessed actor
  // (violence and coercion only: a force "deployed" is its own state's; and a count "since" a
  // date is a recap, not an act)
  // ("have been killed in the conflict since April": the "since" may hang on the noun before it)
  const since = children(doc, h, 'obl', 'advcl').some((c) => {
    const [a, z] = span(doc, c);
    return doc.tokens.slice(a, z + 1).some((x) => x.lemma === 'since') && a <= z;
  });
  let victims = children(doc, h, 'nsubj:pass').some((k) => !!phraseGroup(doc, groups, k));
  // ("A car bomb killed four soldiers", "an airstrike killed 12 civilians in Idlib": a thing that
  // kills is no actor; the act is kept with its victims, as an agentless passive is)
  // (and where the same sentence tells the act with its actor, "a military jet bombed a village,
  // killing 11 people", the victims are that act's: events.ts)
  let sectorVictims = false;
  let thingVictims = false;
  if (!victims && !source.length && !anaphoric && t.pos === 'verb' && t.type === 'ASSAULT' && thingSubject(doc, h, groups, kb, attackNouns)) {
    victims = children(doc, h, 'obj').some((k) => !!phraseGroup(doc, groups, k) || !!phraseSector(doc, countedNoun(doc, k), kb));
    thingVictims = victims;
  }
  if (!victims && !target.length && !anaphoric && t.pos === 'verb' && (t.type === 'ASSAULT' || t.type === 'COERCE') && !since) {
    // "Two journalists were arrested in Istanbul": victims named by their sector alone are of the
    // country the act took place in, or, where the clause names no known place ("in the town of
    // Kitengela"), the one the article is about
    const at = actPlace()?.iso3 ?? mainCountry(doc);
    const c = at ? kb.countries.get(at) : undefined;
    const sec = c ? passiveSector(doc, h, kb) : null;
    if (c && sec) {
      target = [sectorRef(c, sec)];
      victims = true;
      sectorVictims = !source.length;
    }
  }
  // (an act told without its doer, whom the sentence blames for it: "which officials blamed on the ADF")
  if (!source.length && !anaphoric && (t.type === 'ASSAULT' || t.type === 'COERCE')) {
    const blamed = refs(doc, blamedActor(doc, s, groups));
    if (!target.some((x) => blamed.some((y) => y.id === x.id))) source = blamed;
  }
  // (an attack told without its doer, which someone claims: "…, and the BLA claimed responsibility")
  if (!source.length && !anaphoric && t.type === 'ASSAULT') {
    const claimed = refs(doc, claimant(doc, s));
    if (!target.some((x) => claimed.some((y) => y.id === x.id))) source = claimed;
  }
  // ("Chavez ordered troops to seize 11 oil rigs": the act ordered is done by the orderer's forces)
  const order = t.pos === 'verb' ? orderedAct(doc, h, kb) : null;
  if (order && !phraseGroup(doc, groups, order.force)) {
    const subj = children(doc, order.verb, 'nsubj')[0];
    const home = subj === undefined ? undefined : refs(doc, phraseGroup(doc, groups, subj)).find((x) => x.iso3)?.iso3;
    const c = home ? kb.countries.get(home) : undefined;
    if (c) source = [sectorRef(c, order.sector)];
  }
  // ("The Philippine government and Muslim rebels agreed …": people named only by a common noun,
  // coordinated with a state's body or the state, are of that state)
  if (source.length && !anaphoric && t.pos === 'verb') source = [...source, ...coordinatedPeople(doc, h, groups, source, kb)];
  const agentless = victims && (t.type === 'ASSAULT' || t.type === 'COERCE') && !since;
  if (!source.length && !anaphoric && !agentless) return null;
  if (isTopic(doc, m, clause) || isPurposeInfinitive(doc, m, clause) || isUndergone(doc, m)) return null;
  const place = actPlace() ?? (PLACED_TYPES.has(t.type) ? capitalPlace(doc, clause, kb) ?? (SCENE_TYPES.has(t.type) ? scenePlace(doc, s, sceneUsed) : null) : null);
  // (a visit is made by those who speak for a state or a body: refugees or workers who "arrived in
  // Chad" made a journey, not a visit)
  if (t.type === 'CONSULT' && t.mode === 'visit' && source.length && source.every((x) => PEOPLE_SECTORS.test(x.cameo ?? ''))) return null;
  // A visit's host is the country visited: "Xi arrived in Moscow for a state visit".
  if (t.type === 'CONSULT' && t.mode === 'visit' && !target.length && place?.iso3 && !source.some((x) => x.iso3 === place.iso3)) {
    const c = kb.countries.get(place.iso3);
    if (c) target = [countryRef(c)];
  }
  // ("urged the authorities to rein in the security forces", "accused the government of fraud": a
  // state body named by a common noun alone, told to or of, is the one of the country the article is about)
  if (!target.length && !anaphoric && t.pos === 'verb' && SPOKEN_TO.has(t.type)) {
    const o = children(doc, h, 'obj', 'iobj')[0];
    const named = o !== undefined && mentionsOver(doc, o).length > 0;
    // (the army a rebel group or an opposition party accuses is its own country's)
    const domestic = source.find((x) => x.iso3 && (/(REB|OPP|INS)$/.test(x.cameo ?? '') || x.kind === 'armed group' || x.kind === 'opposition' || x.kind === 'party'))?.iso3;
    const body = o === undefined || named ? null : bareBody(doc, o, kb, () => place?.iso3, domestic);
    if (body && !source.some((x) => x.iso3 === body.iso3 && (x.kind === 'country' || x.kind === 'government'))) target = [body];
  }
  // (police act at home: where no place is said, the people they act on are of the police's country)
  const policeHome = source.length && source.every((x) => x.cameo?.endsWith('COP')) ? source[0].iso3 : null;
  const actedIn = place?.iso3 ?? policeHome;
  // (and a state releases people it holds: "Georgian authorities released most of the protesters";
  // or pardons, acquits, amnesties them: "Lukashenko pardoned 18 people convicted of extremism")
  const releasedBy = ((t.type === 'RETREAT' && t.mode === 'release') || (t.type === 'CONCEDE' && t.context === 'legal')) && source.length === 1 ? source[0].iso3 : null;
  // "fired tear gas at protesters in Nairobi", "detained students": people named only by their
  // sector are of the country where the act took place
  // ("Aquino urged communist guerrillas to lay down their arms": what a state's leader says to people
  // named only by a common noun, rebels or protesters, is said to those of the leader's own country)
  const peopleHome = t.type === 'ASSAULT' || t.type === 'COERCE' || releasedBy ? actedIn ?? releasedBy
    : SPOKEN_TO.has(t.type) && source.length === 1 ? source[0].iso3 : null;
  // (a person or body the knowledge base lacks, of no country said, is given the one a state's act on it says)
  const unplaced = (x: ActorRef, person: boolean) => (x.kind === 'person') === person && x.kind !== 'place' && !x.iso3 && x.id.startsWith('local:');
  const placeTargets = (person: boolean, home: string | null | undefined) => {
    if (home) target = target.map((x) => (unplaced(x, person) ? { ...x, iso3: home } : x));
  };
  // ("Police in Uganda detained opposition leader Kato Mugisha": a person whom a state's forces act
  // on is of the country where they act, or theirs)
  if ((t.type === 'ASSAULT' || t.type === 'COERCE') && target.some((x) => unplaced(x, true))) {
    const state = source.length === 1 && /(GOV|MIL|COP|SPY|JUD)$/.test(source[0].cameo ?? '') || source[0]?.kind === 'government' ? source[0].iso3 : null;
    placeTargets(true, peopleHome ?? state);
  }
  // (so is a body that a state's police or courts act on: "police arrested 27 members of the
  // opposition Movement for Democratic Change"; not what its army strikes, which may be abroad)
  if (t.type === 'COERCE' && target.some((x) => unplaced(x, false))) {
    placeTargets(false, source.length === 1 && (/(GOV|COP|JUD)$/.test(source[0].cameo ?? '') || source[0].kind === 'government' || source[0].kind === 'police') ? source[0].iso3 : null);
  }
  if (!target.length && !anaphoric && t.pos === 'verb' && peopleHome) {
    const c = kb.countries.get(peopleHome);
    const sec = c ? civilObject(doc, h, kb) : null;
    if (c && sec) target = [sectorRef(c, sec)];
    // ("gunmen killed five soldiers in Borno", "a car bomb killed four soldiers in Mogadishu": a
    // state's forces attacked at home by those who are not the state, or by no one named, are its
    // military or police, not the country)
    const force = !target.length && c && t.type === 'ASSAULT' && source.every((x) => NON_STATE_SECTORS.test(x.cameo ?? '')) ? forceObject(doc, h, kb) : null;
    if (c && force) target = [sectorRef(c, force)];
  }
  if (!target.length && !anaphoric) {
    const np = groupNounObject(doc, s, m, clause);
    if (np && !source.some((x) => x.id === np.id)) target = [np];
  }
  // ("blocked roads across Belgium to protest against an EU trade deal": a protest is aimed at what
  // its purpose names, before anything its own clause names)
  if (!anaphoric && t.type === 'PROTEST' && t.pos === 'verb') {
    const purposes = children(doc, h, 'advcl', 'xcomp').filter((v) => toInfinitive(doc, v));
    for (const o of purposes.flatMap((v) => children(doc, v, 'obl')).filter((o) => caseWord(doc, o) === 'against')) {
      const g = phraseGroup(doc, groups, o);
      const aimed = g ? refs(doc, g).filter((x) => !source.some((y) => y.id === x.id)) : [];
      if (aimed.length) { target = aimed; break; }
    }
  }
  // ("would send 200 firefighters to help Bolivia contain the fires": aid, forces or backing sent for
  // someone is aimed at whom the purpose says it helps)
  // ("bowed to union demands", "gave in to protesters' demands": a concession is made to whoever demanded it)
  // ("rejected the EU's call", "accepted the demands of indigenous marchers": so is a refusal, to
  // whoever made the call; the owner may stand in an "of" phrase)
  if (!target.length && !anaphoric && (t.type === 'CONCEDE' || (t.type === 'REJECT' && t.pos === 'verb'))) {
    const home = source.find((x) => x.iso3)?.iso3;
    const c = home ? kb.countries.get(home) : undefined;
    for (const d of [...m.tokens, ...children(doc, h, 'obj', 'obl')].filter((k) => DEMAND_NOUNS.has(doc.tokens[k].lemma.toLowerCase()))) {
      const owner = children(doc, d, 'nmod:poss', 'compound', 'amod').find((k) => k < d) ?? children(doc, d, 'nmod').find((k) => k > d && caseWord(doc, k) === 'of');
      if (owner === undefined) continue;
      const named = refs(doc, phraseGroup(doc, groups, owner)).filter((x) => !source.some((y) => y.id === x.id));
      const sec = named.length || !c ? null : phraseSector(doc, owner, kb)?.sector;
      const aimed = named.length ? named : c && sec ? [sectorRef(c, sec)] : [];
      if (aimed.length) {
        target = aimed;
        break;
      }
    }
  }
  let helped = false;
  if (!target.length && !anaphoric && HELPING_TYPES.has(t.type)) {
    const helps = [h, ...children(doc, h, 'obj')].flatMap((x) => children(doc, x, 'advcl', 'xcomp', 'acl')).filter((v) => toInfinitive(doc, v) && HELP_VERBS.has(doc.tokens[v].lemma));
    for (const o of helps.flatMap((v) => children(doc, v, 'obj'))) {
      const aimed = refs(doc, phraseGroup(doc, groups, o)).filter((x) => !source.some((y) => y.id === x.id));
      if (aimed.length) {
        target = aimed;
        helped = true;
        break;
      }
    }
  }
  // People of the sector a common-noun phrase k names, of the home state: where the act is set, else
  // whose people act; none when the phrase names a sector outside `sectors`.
  const homePeople = (k: number | undefined, sectors: RegExp): ActorRef[] => {
    const home = place?.iso3 ?? source.find((x) => x.iso3)?.iso3;
    const c = home ? kb.countries.get(home) : undefined;
    const sec = k !== undefined ? phraseSector(doc, countedNoun(doc, k), kb)?.sector : undefined;
    return c && sec && sectors.test(sec) ? [sectorRef(c, sec)] : [];
  };
  // ("protesters clashed with police in Llallagua": a state body named without its country, met
  // "with" or "against", is the home state's, where the act is set or whose people act)
  if (!target.length && !anaphoric && t.pos === 'verb' && (t.type === 'ASSAULT' || t.type === 'PROTEST')) {
    const met = children(doc, h, 'obl').find((o) => ['with', 'against'].includes(caseWord(doc, o)) && !phraseGroup(doc, groups, o));
    target = homePeople(met, /^(COP|MIL)$/);
    // ("recaptured the town from Tigrayan rebels": ground is taken from whoever held it, the home
    // state's rebels when named by a common noun)
    // (the phrase may hang on the ground taken: "recaptured the town of Lalibela from …")
    const held = t.type === 'ASSAULT' && TAKING_VERBS.has(doc.tokens[h].lemma.toLowerCase())
      ? [h, ...children(doc, h, 'obj')].flatMap((x) => children(doc, x, 'obl', 'nmod')).find((o) => caseWord(doc, o) === 'from' && !phraseGroup(doc, groups, o)) : undefined;
    if (!target.length) target = homePeople(held, /^(REB|INS|UAF|CRM)$/);
  }
  // ("a rebel commander surrendered to the army": a surrender is made to the forces named, the
  // surrendering side's own state's when they are named by a common noun)
  if (!target.length && !anaphoric && t.type === 'RETREAT' && t.pos === 'verb') {
    // (a common noun: a name inside its phrase, "the army in Gezira", says where, not who)
    const to = children(doc, h, 'obl').find((o) => caseWord(doc, o) === 'to' && !mentionsOver(doc, o).length);
    target = homePeople(to, /^(COP|MIL|GOV)$/);
  }
  // ("moved two divisions toward the Kuwaiti border", "put its forces on alert along the border with
  // Pakistan": forces massed at a border face the state across it)
  if (!target.length && !anaphoric && t.type === 'MOBILIZE') target = acrossBorder(doc, h, groups, source);
  if (!target.length && !anaphoric && t.type === 'CONSULT' && t.pos === 'verb') target = partnerMet(doc, h, groups, source);
  // ("extradited drug lord X to the United States", "refused to hand over bin Laden to the United
  // States": a handover is made to, or refused to, the party that receives the person, not to the person)
  if (!anaphoric && (t.type === 'COOPERATE' || t.type === 'REJECT') && t.pos === 'verb') {
    const recipient = handedTo(doc, h, groups, source);
    if (recipient.length) target = recipient;
  }
  if (!target.length && !anaphoric) {
    const pt = placeTarget(doc, s, m, clause, source, kb);
    if (pt) target = [pt];
  }
  // A promise of aid or cooperation needs no recipient to be an AGREE ("will provide food aid to
  // refugees"); joint action by several actors is reciprocal ("Russian and Chinese warships began
  // joint exercises").
  const promised = (t.type === 'AID' || t.type === 'COOPERATE') && ['planned', 'possible'].includes(modalityOf(doc, s, m, clause, false));
  if (t.targetRequired && !target.length && !anaphoric && source.length < 2 && !promised) return null;
  target = target.filter((x) => !source.some((y) => y.id === x.id));
  // (an attack told by its weapon alone is kept for its victims: with none resolved, nothing is known)
  if (thingVictims && !source.length && !target.length) return null;
  // A crackdown or a protest with no other target is domestic: the state and its own people.
  if (!target.length && (t.type === 'COERCE' || t.type === 'PROTEST')) {
    const home = source.find((x) => x.iso3)?.iso3;
    const c = home ? kb.countries.get(home) : undefined;
    if (c && !source.some((y) => y.id === c.id)) target = [countryRef(c)];
    // People protesting at home protest against their government.
    else if (c && t.type === 'PROTEST') target = [{ id: `${c.cameo ?? c.id}GOV`, name: `${c.name} (government)`, iso3: c.id, kind: 'government', cameo: `${c.cameo ?? c.id}GOV` }];
  }
  const time = timeFor(doc, s, m, clause);
  const future = !!time && !!doc.anchor && time.from > doc.anchor;
  let modality = modalityOf(doc, s, m, clause, future);
  // ("No protesters were detained": the "no" on a noun that names the actors denies what they underwent)
  if (modality === 'denied' && nounSector && m.tokens.length === 1 && children(doc, m.head, 'det').some((c) => doc.tokens[c].lemma === 'no') && doc.tokens[m.head - 1]?.lemma === 'no') modality = 'asserted';
  // The structure overrides a lexical "asserted", a plan or a negation when it finds a question or a
  // condition ("if Ukraine did not restore …" denies nothing), and any reading when it finds a denial.
  const structural = structuralModality(doc, syntacticHead(doc, m), !!nounSector);
  if (structural && (modality === 'asserted' || structural === 'denied' || (structural === 'possible' && (modality === 'planned' || modality === 'denied')))) modality = structural;
  // (an act ordered is coded as done: the order is the state's act)
  if (order && modality === 'planned') modality = 'asserted';
  // PLOVER (CAMEO 03 → AGREE): promised aid, cooperation or yielding ("will release", "will withdraw") is AGREE.
  let type = t.type;
  let mode = t.mode ?? null;
  // (a reading that changes the act names its own CAMEO code)
  let cameoOf: string | null = null;
  const clauseText = doc.tokens.slice(clause[0], clause[1] + 1);
  // PLOVER: a conflictual act announced for the future, or made conditional ("unless ..."), is a threat;
  // a failed or refused agreement is a rejection.
  // (the condition set on the trigger's predicate, or on the verb whose object it is: "take countermeasures if")
  const predicate = t.pos === 'noun' && baseRel(doc.tokens[h].deprel) === 'obj' ? doc.tokens[h].head ?? h : h;
  const condition = conditionOf(doc, predicate);
  // (a meeting or an aid offered on a condition is a conditional offer, not a threat)
  const conditional = (condition >= 0 && (THREAT_TYPES.has(t.type) || t.type === 'REJECT' || t.type === 'THREATEN')) || clauseText.some((x) => x.lemma === 'unless');
  let inferredThreat = false;
  // (a conflictual act that someone else wants done or stopped is no threat by its actor: "Iran
  // demanded that Israel stop its attacks", "the US urged Israel not to attack")
  const wanter = intentGovernor(doc, h);
  const wantedByOther = wanter >= 0 && !conditional && !ownIntent(doc, groups, wanter, source);
  // (a deployment planned to a country is its host's, not a threat to it: "plans to deploy a brigade to Lithuania")
  // ("to send 600 police officers to Haiti": the phrase may hang on the object's head)
  // (nor forces sent to help the state they go to: "would send firefighters to help Bolivia")
  const hosted = helped || type === 'MOBILIZE' && [h, ...m.tokens, ...children(doc, h, 'obj')].some((k) => children(doc, k, 'obl', 'nmod').some((c) => caseWord(doc, c) === 'to' && !!phraseGroup(doc, groups, c)));
  const preparing = wanter >= 0 && !wantedByOther && !conditional && type === 'ASSAULT' && PREPARE_VERBS.has(doc.tokens[wanter].lemma.toLowerCase());
  if (preparing) {
    // "the army prepared to resume shelling": readying forces for an attack is a show of force
    // (PLOVER MOBILIZE), done now; the attack itself is still to come
    type = 'MOBILIZE';
    mode = null;
    modality = 'asserted';
  } else if (!s.headline && !wantedByOther && ((modality === 'planned' && THREAT_TYPES.has(type) && !hosted) || (conditional && (modality === 'planned' || modality === 'possible')))) {
    type = 'THREATEN';
    mode = null;
    modality = 'asserted';
    // the threat is aimed at whom the condition names: "… if Iran attacks Israel" threatens Iran
    if (condition >= 0) target = conditionTarget(doc, groups, condition, source, target, kb);
    // "Katz said Hezbollah would be destroyed": harm to come, announced by a state with no doer
    // named, is the announcer's threat
    if (!source.length) source = announcer(doc, groups, h);
    // "have sworn to fight", "vowed to strike": a vow of violence is a threat in so many words
    const gov = doc.tokens[m.tokens[0] - 2];
    inferredThreat = !(doc.tokens[m.tokens[0] - 1]?.lemma === 'to' && gov && VOW_VERBS.has(gov.lemma));
  } else if (type === 'MOBILIZE' && new Set(source.map((x) => x.iso3).filter(Boolean)).size >= 2 && /exercise|drill|war game|manoeuvre|maneuver/.test(t.pattern)) {
    // Exercises held by forces of several countries are joint: COOPERATE (PLOVER manual).
    type = 'COOPERATE';
    mode = null;
  } else if (type === 'AGREE' && m.complement === 'RETREAT' && source.length === 1) {
    // "agreed to resign", "agreed to release prisoners": a promised retreat is a concession.
    type = 'CONCEDE';
    mode = null;
  } else if (type === 'THREATEN' && modality === 'planned') {
    // "vowed to make the United States pay": the vow is the threat, made now.
    modality = 'asserted';
  } else if (expelsForeignAgents(doc, m, type, mode, source, target)) {
    // PLOVER: expelling another state's officials or ordering them out is a diplomatic SANCTION
    // (expel), not a deportation of people or a demand that they yield.
    type = 'SANCTION';
    mode = 'expel';
  } else if (type === 'ASSAULT' && mode === 'destroy' && destroysOwn(doc, h, source, kb)) {
    // "North Korea demolished tunnels at its nuclear test site": destroying one's own arms or
    // facilities is disarmament (PLOVER RETREAT), not an attack
    type = 'RETREAT';
    mode = 'disarm';
    target = [];
  } else if (type === 'COERCE' && mode === 'restrict' && dispersedByForce(doc, h)) {
    // "police dispersed them with tear gas": a crowd broken up with the means of crowd control is
    // force used on it (PLOVER ASSAULT, crowd-control; CAMEO 175), not only a restriction
    type = 'ASSAULT';
    mode = 'crowd-control';
    cameoOf = '175';
  } else if (type === 'REJECT' && notRuledOut(doc, h, modality)) {
    // "did not rule out military action against Iran", "refused to rule out using force": force
    // kept open is a threat of it (CAMEO 138), not a rejection
    type = 'THREATEN';
    mode = null;
    modality = 'asserted';
    cameoOf = '138';
  } else if (type === 'AGREE' && modality === 'denied' && !deniedReport(doc, h)) {
    type = 'REJECT';
    mode = null;
    modality = 'asserted';
  }
  // ("doctors threatened to strike unless the government pays them": a threat is aimed at whom its
  // condition names, on the threat or on what is threatened)
  if (type === 'THREATEN' && t.type === 'THREATEN' && !target.length && !anaphoric && t.pos === 'verb') {
    const threatened = [h, ...children(doc, h, 'xcomp', 'ccomp')];
    const c = threatened.map((k) => conditionOf(doc, k)).find((k) => k >= 0);
    if (c !== undefined) target = conditionTarget(doc, groups, c, source, target, kb);
  }
  // (forces or crews sent to help a state are aid to it: military protection, CAMEO 074)
  if (helped && type === 'MOBILIZE') {
    type = 'AID';
    mode = null;
    cameoOf = '074';
  }
  if ((modality === 'planned' || modality === 'possible') && !s.headline) {
    // (aid or cooperation only talked over is no promise of it)
    if ((type === 'AID' || type === 'COOPERATE') && !deliberated(doc, h)) {
      type = 'AGREE';
      mode = null;
      modality = 'asserted';
    } else if (type === 'RETREAT' && modality === 'planned') {
      type = 'AGREE';
      mode = null;
      modality = 'asserted';
    }
  }
  // ("would never recognise Kosovo's independence", "will not receive the delegation": a cooperative
  // act refused for the future is a rejection, made now; "did not meet" only says what did not happen)
  if (modality === 'denied' && t.pos === 'verb' && REFUSABLE[type] !== undefined && refusedForFuture(doc, h)) {
    mode = REFUSABLE[type];
    type = 'REJECT';
    cameoOf = mode ? (kb.plover.get('REJECT')?.modes.find((x) => x.mode === mode)?.cameo ?? '12') : '12';
    modality = 'asserted';
  }
  let date: EventRecord['date'] = null;
  if (time) date = { from: time.from, to: time.to, precision: time.precision, basis: 'own' };
  else {
    // No time in the trigger's clause: the one time of its sentence, when it names a day of the past.
    // (not for an act in a clause of time: "… on Monday, after Minsk forced a jet to land")
    const st0 = sentenceTime(doc, s, m.head);
    const st = temporalClause(doc, m.head) < 0 || (st0 && st0.precision !== 'day') ? st0 : null;
    if (st) date = { from: st.from, to: st.to, precision: st.precision, basis: 'sentence' };
  }
  const pd = date ? null : paragraphDay(doc, s);
  if (pd) date = { from: pd.from, to: pd.to, precision: pd.precision, basis: 'paragraph' };
  // (an act told as news, with no day of its own, most likely took place on the day the lead names)
  // (told after the lead: the lead's own undated acts, "after Minsk forced a jet to land", may have come
  // before the day it names)
  const perfect = children(doc, h, 'aux').some((k) => doc.tokens[k].lemma === 'have');
  const lead = !date && modality === 'asserted' && !perfect ? leadDay(doc) : null;
  if (lead && doc.sentences[lead.sentence].block !== s.block) date = { from: lead.from, to: lead.to, precision: 'day', basis: 'article' };
  if (!date && doc.anchor) date = { from: addDays(doc.anchor, -7), to: doc.anchor, precision: 'week', basis: 'article' };
  // "since July, when the president backed the plan": the clause names the moment the span began
  const began = !!time?.open && /^\s*,?\s*when\b[^;:]*$/i.test(doc.text.slice(time.end, doc.tokens[m.tokens[0]].start));
  if (time && began) date = { from: time.from, to: spanEnd(time), precision: time.precision, basis: 'own' };
  // "A week earlier, a missile struck ...": an event recalled beside the news is background; a day or
  // two before ("a day after Pyongyang threatened") is still the running story.
  const recalled = !!time && !!doc.anchor && RECALL.test(time.text) && !/\bdays?\b/i.test(time.text) && time.to < doc.anchor;
  const old = !!time && !!doc.anchor && (time.open && !began ? time.from < addDays(doc.anchor, -365) : date!.to < addDays(doc.anchor, -60));
  // "have killed more than 10,000 civilians since the war began": a perfect running "since" a
  // moment counts acts up to now; it is a recap, not the news
  const historical = recalled || old || (perfect && since && t.pos === 'verb') || (t.pos === 'noun' && sincePhrase(doc, h));
  // Figures told after a recollection marker belong to the recalled event, those before it to the news.
  const recall = doc.times.find((x) => x.sentence === s.index && RECALL.test(x.text));
  const plover = kb.plover.get(type);
  const modeInfo = plover?.modes.find((x) => x.mode === mode);
  const acledSrc = modeInfo?.acled ?? plover?.acled ?? null;
  const ev: EventRecord = {
    id: nextEventId(),
    type,
    mode,
    context: t.context ?? null,
    cameo: cameoOf ?? t.cameo ?? modeInfo?.cameo ?? plover?.cameo ?? null,
    acled: acledSrc ? { eventType: acledSrc.event_type ?? null, subEventType: acledSrc.sub_event_type ?? null } : null,
    modality,
    historical,
    source,
    target,
    date,
    place,
    attribution: credited.length ? credited.map((r) => ({ ...r, via: [...r.via] })) : [articleDefault(doc)],
    figures: doc.figures.filter((f) => f.sentence === s.index && (!recall || (time === recall) === (f.start >= recall.start))),
    evidence: [{ start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), sentence: s.index }],
    trigger: { text: doc.text.slice(doc.tokens[m.tokens[0]].start, doc.tokens[m.tokens[m.tokens.length - 1]].end), pattern: t.pattern, start: doc.tokens[m.tokens[0]].start, end: doc.tokens[m.tokens[m.tokens.length - 1]].end },
    confidence: Math.round(t.confidence * (source.length ? 1 : 0.6) * (s.headline ? 0.8 : 1) * 100) / 100,
  };
  draft.set(ev, { anaphoric, referenced, headline: s.headline, reaction: target.length ? undefined : reactsToEarlierEvent(doc, s, m, clause), inferredThreat, sectorVictims: sectorVictims || (thingVictims && !source.length) });
  if (referenced) ev.date = null;
  return ev;
}

/**
 * Whether noun h stands in a "since" phrase, itself or through the nouns above it ("the largest swap
 * since the start of Moscow's invasion"): the moment a span began, not the news.
 */
function sincePhrase(doc: Doc, h: number): boolean {
  for (let k = h, n = 0; k >= 0 && n < 4; k = doc.tokens[k].head ?? -1, n++) {
    const cases = children(doc, k, 'case', 'mark').map((c) => doc.tokens[c].lemma);
    if (cases.includes('since')) return true;
    // (a phrase of its own, "after mediation by X", is not part of what the "since" phrase names)
    if (cases.some((c) => c !== 'of' && c !== "'s")) return false;
    const rel = baseRel(doc.tokens[k].deprel);
    if (rel !== 'nmod' && rel !== 'compound' && rel !== 'obl' && rel !== 'nmod:poss') return false;
  }
  return false;
}

const FIRST_PERSON = new Set(['we', 'i']);
/** Cooperative types whose refusal is a REJECT, with the REJECT mode each takes. */
const REFUSABLE: Record<string, string | null> = { CONSULT: 'meet', AID: 'assist', COOPERATE: 'assist', CONCEDE: 'yield', RETREAT: 'yield', SUPPORT: null, AGREE: null };

/** Whether verb h is negated as an intention: "will not", "would never", "won't". */
function refusedForFuture(doc: Doc, h: number): boolean {
  return children(doc, h, 'aux').some((a) => /^(will|would|shall|wo)$/i.test(doc.tokens[a].text)) &&
    children(doc, h, 'advmod').some((a) => /^(not|n't|never)$/i.test(doc.tokens[a].text));
}

const FRAME_RELS = new Set(['obl', 'nmod']);
/** Case words of a phrase that sets an act in the time of another ("during the arrests"). */
const FRAME_WORDS = new Set(['during', 'amid', 'after', 'before', 'since', 'following']);

/** Whether the one who holds the intent at `gov` (its subject or controller) is among the act's actors. */
function ownIntent(doc: Doc, groups: Group[], gov: number, source: ActorRef[]): boolean {
  const holder = subject(doc, gov) ?? controller(doc, gov);
  if (!holder) return true;
  const g = phraseGroup(doc, groups, holder.token);
  if (!g) return !source.length || (doc.tokens[holder.token].upos ?? '') === 'PRON';
  return g.mentions.some((x) => source.some((a) => a.id === x.entityId || (!!a.iso3 && doc.entities.get(x.entityId)?.iso3 === a.iso3)));
}

/** Acts on the ground, which happen where the paragraph has set the scene. */
const SCENE_TYPES = new Set(['ASSAULT', 'COERCE', 'PROTEST']);
/** Acts that happen somewhere (not statements, whose place is where they were said). */
const PLACED_TYPES = new Set(['ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE', 'AID', 'RETREAT', 'CONSULT']);
/**
 * "its forces", "their police": a state's armed or police body named through a pronoun owner is
 * that state's sector, not the ministry or government the pronoun stands for.
 */
function ownedBody(doc: Doc, g: Group | null, kb: Knowledge): ActorRef[] | null {
  if (!g || g.from !== g.to) return null;
  const sec = kb.sectorOf(doc.tokens[g.from])?.sector;
  if (sec !== 'MIL' && sec !== 'COP') return null;
  if (!children(doc, g.from, 'nmod:poss').some((c) => (doc.tokens[c].upos ?? doc.tokens[c].pos) === 'PRON')) return null;
  const owners = refs(doc, g);
  const states = owners.map((x) => (x.iso3 && (x.kind === 'country' || x.kind === 'government') ? kb.countries.get(x.iso3) : undefined));
  return owners.length && states.every(Boolean) ? [...new Set(states)].map((c) => sectorRef(c!, sec)) : null;
}

const ANNOUNCING = new Set(['say', 'warn', 'declare', 'announce', 'tell', 'vow', 'insist', 'add']);
const NON_STATE = new Set(['igo', 'ngo', 'media', 'company']);

/** The state actors who announce the clause of predicate h ("X said [that] ... h"), else none. */
function announcer(doc: Doc, groups: Group[], h: number): ActorRef[] {
  const v = doc.tokens[h].head ?? -1;
  if (v < 0 || baseRel(doc.tokens[h].deprel) !== 'ccomp' || !ANNOUNCING.has(doc.tokens[v].lemma)) return [];
  const subj = subject(doc, v);
  const g = subj && !subj.passive ? phraseGroup(doc, groups, subj.token) : null;
  const actors = g ? refs(doc, g) : [];
  return actors.length && actors.every((a) => a.iso3 && !NON_STATE.has(a.kind ?? '')) ? actors : [];
}

const NAME_RELS = new Set(['compound', 'amod', 'flat']);

/** Whether group g is a name the knowledge base cannot place, modifying the event noun at h. */
function namesTheAct(doc: Doc, g: Group, h: number): boolean {
  if (g.to >= h || !g.mentions.every((x) => doc.entities.get(x.entityId)?.kind === 'unknown')) return false;
  for (let k = g.from; k <= g.to; k++) {
    const up = doc.tokens[k].head ?? -1;
    if (!NAME_RELS.has(doc.tokens[k].deprel ?? '') || (up !== h && (up < g.from || up > g.to))) return false;
  }
  return true;
}

// (and broken or set aside: "threatened to suspend a military agreement", "violated the truce" tell
// of an act already made)
const REVERSALS = new Set(['withdraw', 'revoke', 'rescind', 'cancel', 'annul', 'lift', 'scrap', 'overturn', 'quash', 'repeal', 'end', 'reject', 'dismiss', 'refuse', 'rebuff', 'ignore', 'block', 'veto', 'obstruct',
  'suspend', 'abandon', 'terminate', 'abrogate', 'renounce', 'violate', 'breach', 'quit', 'exit']);

/**
 * Sectors of people acted upon who belong to no state body: protesters, civilians, students, workers,
 * and the armed men a state fights at home ("killed 12 militants in North Waziristan").
 */
const CIVIL_TARGETS = new Set(['OPP', 'CVL', 'REF', 'LAB', 'EDU', 'HLH', 'MED', 'REB', 'CRM', 'UAF']);

/** Whether group g stands in an "according to X" or "citing X" phrase of sentence s. */
function reportingPhrase(doc: Doc, s: Sentence, g: Group): boolean {
  for (let k = g.from - 1; k >= Math.max(s.tokenStart, g.from - 4); k--) {
    const t = doc.tokens[k];
    if (t.lemma === 'cite' || (t.lemma === 'to' && doc.tokens[k - 1]?.lemma === 'accord')) return true;
    if (!(t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'PROPN' || t.text === "'s" || t.text === '’s')) return false;
  }
  return false;
}

const FORCE_WORDS = new Set(['force', 'action', 'strike', 'attack', 'invasion', 'military', 'intervention', 'retaliation', 'war', 'annexation', 'blockade']);

/** Whether a rejection at h is "not ruling out" the use of force: ruling out denied, or refused. */
function notRuledOut(doc: Doc, h: number, modality: string): boolean {
  const ruling = (k: number) => doc.tokens[k].lemma === 'rule' && children(doc, k, 'compound:prt').some((c) => doc.tokens[c].lemma === 'out');
  let ro = -1;
  if (ruling(h) && modality === 'denied') ro = h;
  else if (['refuse', 'decline'].includes(doc.tokens[h].lemma)) ro = children(doc, h, 'xcomp').find(ruling) ?? -1;
  if (ro < 0) return false;
  // (what is not ruled out: its object, or a gerund the parse may hang as a clause: "using force")
  const what = children(doc, ro, 'obj')[0] ?? children(doc, ro, 'advcl', 'xcomp').find((c) => doc.tokens[c].xpos === 'VBG');
  if (what === undefined) return false;
  const [a, z] = span(doc, what);
  return doc.tokens.slice(a, z + 1).some((t) => FORCE_WORDS.has(t.lemma));
}

/**
 * "The Kremlin denied a report that Putin had offered to freeze the front line": an agreement whose
 * denial is someone's word that it was never made stays an agreement, denied; one refused or
 * declined by its own actor is a rejection.
 */
function deniedReport(doc: Doc, h: number): boolean {
  for (let k = doc.tokens[h].head ?? -1, n = 0; k >= 0 && n < 4; k = doc.tokens[k].head ?? -1, n++) {
    if (REPORT_DENIALS.has(doc.tokens[k].lemma)) return true;
  }
  return false;
}
/** Means of crowd control an act may be done "with": tear gas, water cannon, batons, rubber bullets, live fire. */
const CROWD_MEANS = new Set(['gas', 'teargas', 'cannon', 'baton', 'truncheon', 'bullet', 'pellet', 'grenade', 'spray', 'fire', 'round', 'whip', 'club', 'stick']);

/** (the "with" phrase may be parsed onto the object: "dispersed demonstrators with tear gas") */
function dispersedByForce(doc: Doc, h: number): boolean {
  const means = [...children(doc, h, 'obl'), ...children(doc, h, 'obj').flatMap((o) => children(doc, o, 'nmod'))];
  return means.some((o) => caseWord(doc, o) === 'with' && CROWD_MEANS.has(doc.tokens[o].lemma.toLowerCase()));
}

const REPORT_DENIALS = new Set(['deny', 'refute', 'dismiss', 'retract']);

/** The sector of the people named only by a common noun who underwent passive predicate h. */
function passiveSector(doc: Doc, h: number, kb: Knowledge): string | null {
  for (const k0 of children(doc, h, 'nsubj:pass')) {
    const k = countedNoun(doc, k0);
    const w = doc.tokens[k];
    if ((w.upos ?? w.pos) !== 'NOUN' || ownerSaid(doc, k)) continue;
    const sec = phraseSector(doc, k, kb);
    if (sec && sec.id !== 'mil-weapons') return sec.sector;
    // ("Dozens were arrested in Maputo": a bare count of people is of the people)
    if (COUNTS.has(w.lemma.toLowerCase()) && k === k0 && !children(doc, k, 'nmod').length) return 'CVL';
  }
  return null;
}
/**
 * Whether the subject of predicate h, its own or its controller's, is a weapon or an attack that
 * names no one who wields it ("a car bomb", "an airstrike", "drones"), not an accident ("the
 * collapse of a canopy killed 15") and not an actor ("troops"). Not in a recap ("the war has killed
 * thousands"): what has been done over time is background.
 */
function thingSubject(doc: Doc, h: number, groups: Group[], kb: Knowledge, attackNouns: ReadonlySet<number>): boolean {
  const k = (subject(doc, h) ?? controller(doc, h))?.token;
  if (k === undefined || k < 0) return false;
  const w = doc.tokens[k];
  // (capitalised only where it opens the sentence, which the tagger may then call a name: "Gunfire
  // killed two protesters"; a gerund: "Shelling killed five civilians")
  const opens = k === doc.sentences[w.sentence].tokenStart;
  const pos = w.upos ?? w.pos;
  const noun = pos === 'NOUN' || (opens && pos === 'PROPN') || (pos === 'VERB' && w.xpos === 'VBG');
  if (!noun || (/^\p{Lu}/u.test(w.text) && !opens) || phraseGroup(doc, groups, k)) return false;
  if (!attackNouns.has(k) && !namesWeapon(doc, k, kb)) return false;
  return !children(doc, h, 'aux').some((a) => doc.tokens[a].lemma === 'have');
}

const COUNTS = new Set(['dozen', 'dozens', 'hundred', 'hundreds', 'thousand', 'thousands', 'score', 'scores']);

/** "its citizens", "Ukrainian students": whose the people of noun k are is said, and read elsewhere. */
function ownerSaid(doc: Doc, k: number): boolean {
  return children(doc, k, 'nmod:poss', 'amod').some((c) => /^\p{Lu}/u.test(doc.tokens[c].text) || doc.tokens[c].upos === 'PRON');
}

const AIMED_CASES = new Set(['at', 'on', 'against']);

/**
 * The civil sector named by the object, or an "at"/"on"/"against" phrase, of predicate h or of its
 * object ("opened fire on demonstrators"), or by the object of its purpose ("fired tear gas to
 * disperse protesters": the people dispersed are those fired at).
 */
function civilObject(doc: Doc, h: number, kb: Knowledge): string | null {
  // (a passive's subject is what the act is done to: "Protesters were warned by the minister")
  const objs = children(doc, h, 'obj', 'iobj', 'nsubj:pass');
  const aimed = [...children(doc, h, 'obl'), ...objs.flatMap((o) => children(doc, o, 'nmod'))].filter((k) => AIMED_CASES.has(caseWord(doc, k)));
  const purposes = [h, ...objs].flatMap((x) => children(doc, x, 'advcl', 'xcomp', 'acl'))
    .filter((v) => toInfinitive(doc, v));
  for (const k0 of [...objs, ...aimed, ...purposes.flatMap((v) => children(doc, v, 'obj'))]) {
    const k = countedNoun(doc, k0);
    const w = doc.tokens[k];
    if (ownerSaid(doc, k)) continue;
    const sec = phraseSector(doc, k, kb)?.sector;
    if (sec && CIVIL_TARGETS.has(sec)) return sec;
  }
  return null;
}

const SPOKEN_TO = new Set(['REQUEST', 'THREATEN', 'ACCUSE']);
const TAKING_VERBS = new Set(['capture', 'seize', 'take', 'retake', 'recapture', 'overrun', 'liberate', 'conquer', 'occupy', 'wrest', 'win']);
const DEMAND_NOUNS = new Set(['demand', 'pressure', 'call', 'request', 'ultimatum', 'protest', 'appeal', 'proposal', 'offer', 'plea', 'overture']);
const HELPING_TYPES = new Set(['AID', 'COOPERATE', 'MOBILIZE', 'SUPPORT']);
const HELP_VERBS = new Set(['help', 'assist', 'support', 'aid', 'bolster', 'protect', 'defend', 'strengthen', 'train', 'back']);
/** CAMEO codes of actors who are no state body: rebels, insurgents, unknown gunmen, criminals. */
const NON_STATE_SECTORS = /(REB|INS|UAF|CRM)$/;

/** Things that are a state force's own ("a police patrol", "an army convoy"). */
const FORCE_UNITS = new Set(['patrol', 'convoy', 'post', 'checkpoint', 'station', 'base', 'barracks', 'camp', 'unit', 'vehicle', 'outpost']);

/**
 * The state force (MIL or COP) the object of predicate h names by a common noun ("five soldiers"), or
 * by what is that force's own ("a police patrol"), or null.
 */
function forceObject(doc: Doc, h: number, kb: Knowledge): string | null {
  for (const o of children(doc, h, 'obj')) {
    const k = countedNoun(doc, o);
    if (ownerSaid(doc, k)) continue;
    const own = phraseSector(doc, k, kb)?.sector;
    const unit = FORCE_UNITS.has(doc.tokens[k].lemma) ? children(doc, k, 'compound', 'amod').map((c) => kb.sectorOf(doc.tokens[c])?.sector).find((x) => x === 'MIL' || x === 'COP') : undefined;
    const sec = own ?? unit;
    if (sec === 'MIL' || sec === 'COP') return sec;
  }
  return null;
}

const NP_RELS = new Set(['amod', 'compound', 'flat', 'nmod:poss', 'nmod', 'appos']);
const FINITE = new Set(['VBD', 'VBZ', 'VBP']);

/**
 * Whether group g is, in the parse, the subject of a finite predicate above token h ("Police said
 * the rebels seized ...", "Ukraine brought home soldiers captured at ..."). Not when h shares that
 * subject, through control or as a subjectless gerund or infinitive ("Eritrea denies backing the
 * group"), when a pronoun subject on the way could stand for it ("Syria says it is willing to
 * withdraw"), or when h hangs as a modifier from a noun ("warplanes bombed" read as "bombed rebel-held
 * areas": a misparse more often than not).
 */
/** Whether group g is the subject of a verb of saying whose reported clause, with a subject of its own, holds token h. */
function speaksOver(doc: Doc, g: Group, h: number): boolean {
  for (let k = g.from; k <= g.to; k++) {
    const t = doc.tokens[k];
    const v = t.head ?? -1;
    if (v < 0 || v >= h || baseRel(t.deprel) !== 'nsubj' || !REPORTING.has(doc.tokens[v].lemma)) continue;
    const [, end] = span(doc, v);
    if (h > end) continue;
    // (only where the reported clause names a subject of its own: "Syria says it is willing to
    // withdraw" is still Syria's)
    let top = h;
    while (top >= 0 && doc.tokens[top].head !== v) top = doc.tokens[top].head ?? -1;
    if (top >= 0 && children(doc, top, 'nsubj', 'nsubj:pass').some((c) => ['NOUN', 'PROPN'].includes(doc.tokens[c].upos ?? doc.tokens[c].pos))) return true;
  }
  return false;
}

function subjectAbove(doc: Doc, g: Group, h: number): boolean {
  const toks = doc.tokens;
  const pronounSubject = (v: number) => children(doc, v, 'nsubj', 'expl').some((c) => toks[c].upos === 'PRON');
  if (toks[h].deprel === 'amod' || toks[h].deprel === 'compound') return false;
  for (let k = g.from; k <= g.to; k++) {
    let up = toks[k].head ?? -1;
    if (up >= g.from && up <= g.to) continue;
    // (from the group to the head of its phrase: "Kenyan" in "Kenyan police")
    let at = k;
    for (let n = 0; n < 4 && up >= 0 && NP_RELS.has(toks[at].deprel ?? ''); n++) [at, up] = [up, toks[up].head ?? -1];
    if (up < 0 || baseRel(toks[at].deprel) !== 'nsubj') return false;
    if (!FINITE.has(toks[up].xpos ?? '') && !children(doc, up, 'aux').length) return false;
    const shared = controller(doc, h);
    if (shared && shared.token === at) return false;
    // (a gerund or infinitive with no subject of its own is done by the one above: "denies backing")
    if (toks[h].head === up && !children(doc, h, 'nsubj', 'nsubj:pass').length && (toks[h].xpos === 'VBG' || toks[h].xpos === 'VB')) return false;
    for (let v = h, n = 0; v >= 0 && n < 30 && !pronounSubject(v); n++) {
      v = toks[v].head ?? -1;
      if (v === up) return true;
    }
    return false;
  }
  return false;
}

/** Whether the object of destroying verb h, or a phrase inside it, is the actor's own ("its test site"). */
function destroysOwn(doc: Doc, h: number, source: ActorRef[], kb: Knowledge): boolean {
  if (!source.length) return false;
  const objs = children(doc, h, 'obj');
  // (only "its": "their homes" after "forces demolished" is as often the victims' as the actors')
  for (const o of [...objs, ...objs.flatMap((x) => children(doc, x, 'nmod')), ...children(doc, h, 'obl')]) {
    for (const p of children(doc, o, 'nmod:poss')) {
      if (doc.tokens[p].text.toLowerCase() !== 'its') continue;
      const owners = referent(doc, p, kb) ?? [];
      if (owners.some((m) => { const e = doc.entities.get(m.entityId); return source.some((x) => x.id === m.entityId || (!!e?.iso3 && x.iso3 === e.iso3)); })) return true;
    }
  }
  return false;
}

const ORDER_OUT = new Set(['order', 'tell', 'give']);
const EXPEL = new Set(['expel', 'expulsion', 'kick']);

function expelsForeignAgents(doc: Doc, m: TriggerMatch, type: string, mode: string | null, source: ActorRef[], target: ActorRef[]): boolean {
  // (a deportation of another state's officials from occupied land stays a deportation)
  const word = forms(doc.tokens[m.tokens[0]]);
  const removal = (type === 'COERCE' && mode === 'deport' && word.some((f) => EXPEL.has(f))) || (type === 'REQUEST' && mode === 'yield' && word.some((f) => ORDER_OUT.has(f)));
  if (!removal || !target.length || !source.length) return false;
  const home = new Set(source.map((x) => x.iso3).filter(Boolean));
  // (its officials or its forces: "ordered French troops to leave the country", CAMEO 1661)
  return target.every((x) => (x.kind === 'government' || x.kind === 'military') && !!x.iso3 && !home.has(x.iso3));
}

/** The actor a condition names: its subject, else the target already read; never the threat's source. */
/** The generic people (a sector noun with no name) coordinated with the named subject of verb h, as that subject's country's. */
function coordinatedPeople(doc: Doc, h: number, groups: Group[], source: ActorRef[], kb: Knowledge): ActorRef[] {
  const subj = subject(doc, h);
  if (!subj || subj.passive) return [];
  const states = new Set(source.map((x) => x.iso3).filter((x): x is string => !!x));
  if (states.size !== 1) return [];
  const c = kb.countries.get([...states][0]);
  if (!c) return [];
  const out: ActorRef[] = [];
  // (or a second subject of the verb, where the parse left the coordination unjoined)
  for (const k of [...children(doc, subj.token, 'conj'), ...children(doc, h, 'nsubj').filter((x) => x !== subj.token)]) {
    if (phraseGroup(doc, groups, k)) continue;
    const sec = phraseSector(doc, countedNoun(doc, k), kb)?.sector;
    if (!sec) continue;
    const ref = sectorRef(c, sec);
    if (![...source, ...out].some((x) => x.id === ref.id)) out.push(ref);
  }
  return out;
}

function conditionTarget(doc: Doc, groups: Group[], condition: number, source: ActorRef[], target: ActorRef[], kb: Knowledge): ActorRef[] {
  const subj = children(doc, condition, 'nsubj')[0];
  // (or the body a definite description stands for: "unless the government pays")
  // (not a pronoun: "would walk out of the talks if they were not going well")
  const described = subj !== undefined && (doc.tokens[subj].upos ?? doc.tokens[subj].pos) === 'NOUN' ? referent(doc, subj, kb) : null;
  const group = subj === undefined ? null : phraseGroup(doc, groups, subj) ?? (described ? { mentions: described, from: subj, to: subj } : null);
  const named = refs(doc, group).filter((x) => !source.some((y) => y.id === x.id));
  return named.length ? named : target;
}
