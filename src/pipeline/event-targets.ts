/**
 * Targets and sources not named as actors: a place standing for its country ("shelled
 * Kherson"), and a bare state body ("police") belonging to the article's main country.
 */
import type { ActorRef, Doc, EventRecord, Sentence } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Country } from '../model/schema.js';
import { mentionsOver, tokenAt } from './doc.js';
import { sectorActor } from './actors.js';
import { caseWord, children, controller, opensClause, span, subject } from '../syntax/tree.js';
import { agentOf } from '../knowledge/petrarch/index.js';
import { gazetteer } from '../knowledge/gazetteer.js';
import { LIGHT_VERBS, type TriggerMatch } from './event-triggers.js';
import { REL } from './event-context.js';
import { PLACE_VERBS, eventPlace } from './event-time-place.js';
import { mainCountry } from './main-country.js';

export function countryRef(c: Country): ActorRef {
  return { id: c.id, name: c.name, iso3: c.id, kind: 'country', cameo: c.cameo ?? c.id };
}

/** A country's sector as an event's actor ("Kenya (opposition)" for its protesters). */
export function sectorRef(c: Country, sector: string): ActorRef {
  const a = sectorActor(c, sector);
  return { id: a.id, name: a.name, iso3: c.id, kind: a.kind, cameo: a.id };
}

const SAME_COUNTRY_TYPES = new Set(['COERCE', 'PROTEST', 'ASSAULT', 'MOBILIZE']);

/** Case words of a phrase an act is aimed at. */
const AIMED = new Set(['at', 'on', 'against', 'into']);

/**
 * When the trigger's object or prepositional phrase is a place, not an actor ("shelled the city of
 * Kherson", "air strikes on Rafah", "left Niger", "visit Beijing"), the target is that place's
 * country. A state is not its own target, except where it acts on its own territory (crackdowns,
 * protests, attacks by armed groups).
 */
export function placeTarget(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number], source: ActorRef[], kb: Knowledge): ActorRef | null {
  const t = m.c.trigger;
  const toks = doc.tokens;
  const last = m.tokens[m.tokens.length - 1];
  const physical = ['ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE', 'AID', 'RETREAT', 'SANCTION'].includes(t.type);
  const preps = new Set([...t.target.filter((x) => x !== 'obj'), ...(physical ? ['in', 'on', 'over', 'around', 'near', 'into', 'at', 'across', 'throughout'] : [])]);
  const wantsObj = t.target.includes('obj') || t.target.length === 0;
  const countryOf = (iso3: string): ActorRef | null => {
    const c = kb.countries.get(iso3);
    return c ? countryRef(c) : null;
  };
  // (the country of a place an act is done in, unless the act's own state acts at home)
  const home = (iso3: string): ActorRef | null => {
    const sameCountry = source.some((x) => x.iso3 === iso3);
    if (sameCountry && !SAME_COUNTRY_TYPES.has(t.type)) return null;
    if (sameCountry && t.type === 'ASSAULT' && source.every((x) => x.kind === 'country' || x.kind === 'government' || x.kind === 'military')) return null;
    return countryOf(iso3);
  };
  // In the parse: a place inside what underwent a physical act ("Goma's airport was seized",
  // "shelled residential areas of El Fasher")
  if (physical && t.pos === 'verb') {
    for (const k of children(doc, m.head, 'obj', 'nsubj:pass')) {
      const [a, z] = span(doc, k);
      const p = doc.places.find((x) => x.iso3 && x.start >= toks[a].start && x.end <= toks[z].end);
      if (p) return home(p.iso3!);
      // ("seized the town of Walikale": a place the gazetteer lacks is of the country an armed group
      // fights in, its own, else of the one the article is about; not of its backer, "Rwanda-backed M23")
      const unknown = doc.mentions.some((x) => x.start >= toks[a].start && x.end <= toks[z].end && doc.entities.get(x.entityId)?.kind === 'place' && !doc.entities.get(x.entityId)?.iso3);
      const fighters = source.find((x) => x.iso3 && /(REB|INS|CRM|UAF)$/.test(x.cameo ?? ''))?.iso3;
      // (where the sentence names a known place, "Ben Gurion airport near Tel Aviv", that place speaks)
      const placed = doc.places.some((p) => p.sentence === s.index && p.iso3 && p.featureType !== 'country');
      const main = unknown && !placed ? fighters ?? mainCountry(doc) : null;
      // (a state's own forces retaking its own town act on no other state: home() again)
      if (main) return home(main);
    }
  }
  // ("launched air attacks, firing missiles at cities across Ukraine": the participle that tells how
  // the act was done names where it was aimed)
  const verb = t.pos === 'verb' ? m.head : lightVerbOf(doc, m.head);
  if (t.type === 'ASSAULT' && verb >= 0) {
    for (const c of children(doc, verb, 'advcl')) {
      if (toks[c].xpos !== 'VBG' || children(doc, c, 'nsubj', 'mark').length) continue;
      const aimed = [...children(doc, c, 'obl'), ...children(doc, c, 'obj').flatMap((o) => children(doc, o, 'nmod'))].filter((k) => AIMED.has(caseWord(doc, k)));
      for (const k of aimed) {
        const [a, z] = span(doc, k);
        const p = doc.places.find((x) => x.iso3 && x.start >= toks[a].start && x.end <= toks[z].end);
        if (p) return home(p.iso3!);
      }
    }
  }
  for (const p of doc.places) {
    if (p.sentence !== s.index || !p.iso3 || p.start < toks[last].end) continue;
    const ti = tokenAt(doc, p.start);
    if (ti < 0 || ti > clause[1] || ti - last > 12) continue;
    // What stands between: determiners, modifiers, "the city of", and at most one preposition.
    const between = toks.slice(last + 1, ti);
    // "air strikes continued across Gaza": a verb of taking place carries a noun trigger to its place
    if (between.some((x) => (x.pos === 'VERB' && !(t.pos === 'noun' && PLACE_VERBS.has(x.lemma))) || x.text === ',' || REL.has(x.lemma))) continue;
    const prep = between.find((x) => x.pos === 'ADP' && x.lemma !== 'of');
    if (prep ? !preps.has(prep.lemma) : !(wantsObj && t.pos === 'verb')) continue;
    const after = toks[ti + 1];
    if (after && (after.text === "'s" || after.text === '’s')) continue;
    if (!kb.countries.get(p.iso3)) continue;
    return home(p.iso3);
  }
  return null;
}

/**
 * The verb that carries an event noun's act: "staged a protest", "launched an attack" (an object of a
 * light verb), "went on hunger strike". -1 for a noun that is the object of any other verb
 * ("condemned the attack": whoever condemns did not attack).
 */
/**
 * Whether verb v is used as a light verb: one of them, with no second predicate ("called the arrest
 * persecution", "made the deal public" say what the act is; "called a strike" makes it).
 */
export function lightUse(doc: Doc, v: number): boolean {
  return LIGHT_VERBS.has(doc.tokens[v].lemma) && children(doc, v, 'obj', 'xcomp').length < 2;
}

export function lightVerbOf(doc: Doc, h: number): number {
  const t = doc.tokens[h];
  const v = t.head ?? -1;
  if (v < 0 || (doc.tokens[v].upos ?? doc.tokens[v].pos) !== 'VERB') return -1;
  const rel = t.deprel ?? '';
  if (rel === 'obj' && lightUse(doc, v)) return v;
  if (rel === 'obl' && doc.tokens[v].lemma === 'go' && caseWord(doc, h) === 'on') return v;
  return -1;
}

/** Words that make a weapon the state's: "a military jet", "army helicopters". */
const STATE_ARMS = new Set(['military', 'army', 'government', 'junta', 'regime']);
/** Weapons named in the singular, which the sector list (plurals) does not hold. */
const WEAPONS = new Set(['jet', 'warplane', 'helicopter', 'gunship', 'drone', 'aircraft', 'plane', 'tank', 'warship',
  'missile', 'rocket', 'shell', 'mortar', 'bomb', 'grenade', 'mine', 'projectile', 'bullet', 'munition',
  // (and what a bomb does, told without it: "a blast killed …")
  'blast', 'explosion', 'explosive', 'device', 'ied', 'gunfire', 'crossfire', 'shelling', 'shrapnel']);

/**
 * "Police in the capital have detained dozens": a state body named without its country, as the
 * subject of the trigger's predicate `h`, is the state the article is about (the country its actors
 * and places name most); police are of the country `actedIn` gives, where it gives one.
 */
export function bareStateBody(doc: Doc, h: number, kb: Knowledge, actedIn?: () => string | null | undefined): ActorRef | null {
  return bareBody(doc, actingNoun(doc, h), kb, actedIn);
}

/** The state body a common noun at token k names with no country of its own ("the authorities"), as bareStateBody. */
export function bareBody(doc: Doc, k: number, kb: Knowledge, actedIn?: () => string | null | undefined, country?: string | null): ActorRef | null {
  if (k < 0) return null;
  const t = doc.tokens[k];
  // ("separatist forces", "rebel troops": a modifier of a sector no state has makes them no state body)
  if (children(doc, k, 'compound', 'amod').some((c) => /(REB|OPP|INS)$/.test(kb.sectorOf(doc.tokens[c])?.sector ?? ''))) return null;
  // ("the Sahel junta", "the Houthi government": a name before the body says whose it is, if anything)
  // (not a common word capitalised at the start: "Riot police", "Security forces")
  const named = (c: number) => /^\p{Lu}/u.test(doc.tokens[c].text) && c !== doc.sentences[doc.tokens[c].sentence].tokenStart;
  if (children(doc, k, 'compound', 'amod').some(named)) return null;
  // ("Arab and European states", "Western countries": many states are not the one the article is about)
  if (MANY_STATES.has(t.text.toLowerCase())) return null;
  const sec = phraseSector(doc, k, kb);
  // (weapons say nothing of whose they are: "the drones struck" in an article about Ukraine; but "a
  // military jet", "army helicopters" are the state's, as rebels' arms are not called so)
  const weapon = namesWeapon(doc, k, kb);
  const stateArms = weapon && children(doc, k, 'amod', 'compound').some((c) => STATE_ARMS.has(doc.tokens[c].lemma.toLowerCase()));
  if (!['NOUN', 'PROPN'].includes(t.upos ?? t.pos)) return null;
  if (!stateArms && (!sec || !['GOV', 'COP', 'MIL'].includes(sec.sector) || weapon)) return null;
  // (police act at home: those of a town the act is set in are that town's country's, whichever
  // state the article names most; armies and governments act abroad as well)
  const home = sec?.sector === 'COP' ? actedIn?.() : null;
  const iso3 = home ?? country ?? mainCountry(doc);
  const c = iso3 ? kb.countries.get(iso3) : undefined;
  return c ? sectorRef(c, stateArms ? 'MIL' : sec!.sector) : null;
}

/** Whether the noun at k names a weapon that someone wields ("warplanes", "a jet", "drones"). */
export function namesWeapon(doc: Doc, k: number, kb: Knowledge): boolean {
  return phraseSector(doc, k, kb)?.id === 'mil-weapons' || WEAPONS.has(doc.tokens[k].lemma.toLowerCase());
}

/** The sector a noun names with the compound before it ("police officers", "riot police"), else alone. */
export function phraseSector(doc: Doc, k: number, kb: Knowledge): ReturnType<Knowledge['sectorOf']> {
  const t = doc.tokens[k];
  const prev = doc.tokens[k - 1];
  // (the tagger may read a capitalised first word as an adjective: "Police officers detained …")
  if (prev && prev.head === k && (prev.deprel === 'compound' || prev.deprel === 'amod')) {
    const two = `${prev.text.toLowerCase()} ${t.text.toLowerCase()}`;
    const found = kb.sectorOf({ text: two, lemma: `${prev.lemma} ${t.lemma}` });
    if (found) return found;
  }
  return kb.sectorOf(t);
}

/** The "by" agent of passive predicate h ("was beaten by police officers"), or -1. */
export function passiveAgent(doc: Doc, h: number): number {
  return children(doc, h, 'obl:agent')[0] ?? -1;
}

/** Who does predicate h's act: its active subject, or the agent of a passive; -1 if neither is said. */
function actingNoun(doc: Doc, h: number): number {
  // (or the object an infinitive's act is asked or forced of: "forcing police to fire tear gas")
  const subj = subject(doc, h) ?? controller(doc, h);
  return subj && !subj.passive ? subj.token : passiveAgent(doc, h);
}

// PETRARCH2's generic agents beyond eventwire's sectors, as the sectors eventwire codes them with
const AGENT_SECTOR: Record<string, string> = { UAF: 'UAF', REB: 'REB', CRM: 'CRM', PPL: 'CVL', CVL: 'CVL', REL: 'REL', EDU: 'EDU', LAB: 'LAB', HLH: 'HLH', REF: 'REF', OPP: 'OPP', MED: 'MED', BUS: 'BUS' };
const UNKNOWN_HOME = new Set(['foreign', 'unidentified', 'unknown']);
const STATE_SECTORS = new Set(['GOV', 'COP', 'MIL', 'JUD', 'LEG', 'SPY']);
const QUANTITIES = new Set(['most', 'many', 'some', 'all', 'several', 'majority', 'half', 'rest', 'few', 'tens', 'thousand', 'thousands', 'hundred', 'hundreds', 'dozen', 'dozens', 'score', 'scores', 'group', 'groups', 'crowd', 'crowds', 'number', 'band', 'gang']);

/** "thousands of people", "a group of gunmen", "hundreds of protesters": the people counted, else k itself. */
export function countedNoun(doc: Doc, k: number): number {
  // ("tens of thousands of students": a count of a count)
  for (let depth = 0; depth < 3; depth++) {
    if (!QUANTITIES.has(doc.tokens[k].lemma) && !QUANTITIES.has(doc.tokens[k].text.toLowerCase()) && doc.tokens[k].upos !== 'NUM') return k;
    const of = children(doc, k, 'nmod').find((c) => caseWord(doc, c) === 'of');
    if (of === undefined) return k;
    k = of;
  }
  return k;
}

/**
 * The sector of a generic agent that is the active subject of predicate `h` ("gunmen killed",
 * "protesters demanding", "thousands of students marched"), when it is no state body (those are
 * `bareStateBody`'s) and no name: rebels, militants, unidentified gunmen, protesters, students,
 * workers, people. Its country is the caller's to find, from where the act took place.
 */
export function genericAgent(doc: Doc, h: number, kb: Knowledge): string | null {
  const subj = subject(doc, h) ?? controller(doc, h);
  let doer = subj && !subj.passive ? subj.token : passiveAgent(doc, h);
  if (doer < 0) return null;
  // ("the rebels said they had captured the town": a pronoun subject of what a speaker says is the speaker)
  const say = doc.tokens[h].deprel === 'ccomp' ? doc.tokens[h].head ?? -1 : -1;
  if (PLURAL_SUBJECTS.has(doc.tokens[doer].text.toLowerCase()) && say >= 0 && SAYING.has(doc.tokens[say].lemma)) {
    const speaker = subject(doc, say);
    if (speaker && !speaker.passive && (doc.tokens[speaker.token].upos ?? '') === 'NOUN') doer = speaker.token;
  }
  return agentNounSector(doc, doer, kb, h);
}

/**
 * The sector of the people a common noun at token `doer` names as actors ("gunmen", "armed men",
 * "militants", "hundreds of students"), or null; `h` is the predicate they do it in, if any.
 */
export function agentNounSector(doc: Doc, doer: number, kb: Knowledge, h = -1): string | null {
  const k = countedNoun(doc, doer);
  const t = doc.tokens[k];
  // (a capitalised first word the tagger calls an adjective is still a noun when it is the subject)
  const pos = t.upos ?? t.pos;
  if (pos !== 'NOUN' && !(pos === 'ADJ' && t.deprel?.startsWith('nsubj'))) return null;
  if (mentionsOver(doc, k).length) return null;
  // ("armed men": the agent may be the noun with its modifier)
  const mods = children(doc, k, 'amod', 'compound').map((c) => doc.tokens[c].text.toLowerCase());
  // ("foreign fighters", "mercenaries from abroad" are not of the country they fight in, and
  // "unidentified gunmen" are of no one known)
  const foreign = (x: number) => children(doc, x, 'amod').some((c) => UNKNOWN_HOME.has(doc.tokens[c].lemma.toLowerCase())) || children(doc, x, 'nmod').some((c) => caseWord(doc, c) === 'from');
  if ([k, ...children(doc, k, 'conj')].some(foreign)) return null;
  const own = phraseSector(doc, k, kb);
  if (own) return STATE_SECTORS.has(own.sector) || own.id === 'mil-weapons' ? null : own.sector;
  const agent = (mods.length ? agentOf(`${mods[mods.length - 1]} ${t.text.toLowerCase()}`) : null) ?? agentOf(t.text.toLowerCase()) ?? agentOf(t.lemma);
  const sector = agent ? AGENT_SECTOR[agent.sector] : undefined;
  // ("thousands marched", "crowds gathered": a bare count of people acting is of the people)
  if (!sector && CROWDS.has(t.lemma) && k === doer && h >= 0 && doc.tokens[doer].head === h && !children(doc, k, 'amod', 'compound').length) return 'CVL';
  return sector ?? null;
}
const PLURAL_SUBJECTS = new Set(['they', 'we']);
const MANY_STATES = new Set(['states', 'countries', 'nations', 'governments', 'powers']);
const SAYING = new Set(['say', 'claim', 'announce', 'tell', 'report', 'confirm', 'add']);
const CROWDS = new Set(['thousand', 'thousands', 'hundred', 'hundreds', 'crowd', 'crowds', 'dozen', 'dozens', 'tens']);

/**
 * "Police in the capital have detained dozens": "the capital", said of no named country, is the
 * capital city of the country the article is about.
 */
export function capitalPlace(doc: Doc, clause: [number, number], kb: Knowledge): EventRecord['place'] {
  let named = false;
  for (let k = clause[0]; k <= clause[1] && !named; k++) {
    const t = doc.tokens[k];
    named = t.lemma === 'capital' && doc.tokens[k - 1]?.lemma === 'the' && doc.tokens[k + 1]?.lemma !== 'of' && (t.upos ?? t.pos) === 'NOUN';
  }
  const iso3 = named ? mainCountry(doc) : null;
  const c = iso3 ? kb.countries.get(iso3) : undefined;
  if (!c?.capital) return null;
  const hit = gazetteer().lookup(c.capital).filter((h) => h.place.iso3 === c.id && h.place.featureType === 'city')
    .sort((a, b) => Number(b.place.capital) - Number(a.place.capital) || b.place.population - a.place.population)[0]?.place;
  return hit ? eventPlace(hit) : null;
}

const TOWN_LEVEL = new Set(['city', 'landmark', 'admin1']);

/**
 * Whether a token hangs from its sentence's root through phrases only, no subordinate clause: a place
 * below one is not where the main act is set.
 */
function inMainClause(doc: Doc, k: number): boolean {
  for (let steps = 0; k >= 0 && steps < 100; steps++) {
    const t = doc.tokens[k];
    if (t.head === undefined || t.head < 0) return true;
    if (opensClause(t.deprel)) return false;
    k = t.head;
  }
  return false;
}

/**
 * A physical act whose sentence names no place happened, as far as the text says, where the sentence
 * before it in the same paragraph set the scene: the town, landmark or province its main act is set
 * in ("Protesters attacked embassies in Kinshasa …, accusing … the rebels who have overrun Goma"),
 * else its last one. `acrossParagraphs`: also the main act's town of the paragraph before, for an
 * act whose doers the text names only by what they are ("… witnesses said, before police dispersed
 * them": a wire story gives each sentence its own paragraph, and such police are those of the scene).
 */
export function scenePlace(doc: Doc, s: Sentence, acrossParagraphs = false): EventRecord['place'] {
  const prev = doc.sentences[s.index - 1];
  if (!prev || prev.headline || (prev.block !== s.block && !acrossParagraphs)) return null;
  const towns = doc.places.filter((x) => x.sentence === prev.index && TOWN_LEVEL.has(x.featureType));
  const main = towns.find((x) => inMainClause(doc, tokenAt(doc, x.start)));
  const p = main ?? (prev.block === s.block ? towns.pop() : undefined);
  return p ? eventPlace(p) : null;
}
