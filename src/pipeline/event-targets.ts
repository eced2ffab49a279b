/**
 * Targets and sources not named as actors: a place standing for its country ("shelled
 * Kherson"), and a bare state body ("police") belonging to the article's main country.
 */
import type { ActorRef, Doc, Sentence } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Country } from '../model/schema.js';
import { tokenAt } from './doc.js';
import { sectorActor } from './actors.js';
import { children, span, subject } from '../syntax/tree.js';
import type { TriggerMatch } from './event-triggers.js';
import { REL } from './event-context.js';
import { PLACE_VERBS } from './event-time-place.js';

export function countryRef(c: Country): ActorRef {
  return { id: c.id, name: c.name, iso3: c.id, kind: 'country', cameo: c.cameo ?? c.id };
}

/** A country's sector as an event's actor ("Kenya (opposition)" for its protesters). */
export function sectorRef(c: Country, sector: string): ActorRef {
  const a = sectorActor(c, sector);
  return { id: a.id, name: a.name, iso3: c.id, kind: a.kind, cameo: a.id };
}

const SAME_COUNTRY_TYPES = new Set(['COERCE', 'PROTEST', 'ASSAULT', 'MOBILIZE']);

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
  const home = (iso3: string): ActorRef | null => {
    const c = kb.countries.get(iso3);
    if (!c) return null;
    const sameCountry = source.some((x) => x.iso3 === c.id);
    if (sameCountry && !SAME_COUNTRY_TYPES.has(t.type)) return null;
    if (sameCountry && t.type === 'ASSAULT' && source.every((x) => x.kind === 'country' || x.kind === 'government' || x.kind === 'military')) return null;
    return countryRef(c);
  };
  // In the parse: a place inside what underwent a physical act ("Goma's airport was seized",
  // "shelled residential areas of El Fasher")
  if (physical && t.pos === 'verb') {
    for (const k of children(doc, m.head, 'obj', 'nsubj:pass')) {
      const [a, z] = span(doc, k);
      const p = doc.places.find((x) => x.iso3 && x.start >= toks[a].start && x.end <= toks[z].end);
      if (p) return home(p.iso3!);
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
 * "Police in the capital have detained dozens": a state body named without its country, as the
 * subject of the trigger's predicate `h`, is the state the article is about (the country its actors
 * and places name most).
 */
export function bareStateBody(doc: Doc, h: number, kb: Knowledge): ActorRef | null {
  const subj = subject(doc, h);
  if (!subj || subj.passive) return null;
  const t = doc.tokens[subj.token];
  const sec = kb.sectorOf(t);
  // (weapons say nothing of whose they are: "the drones struck" in an article about Ukraine)
  if (!sec || !['GOV', 'COP', 'MIL'].includes(sec.sector) || sec.id === 'mil-weapons' || t.pos !== 'NOUN' && t.pos !== 'PROPN') return null;
  const iso3 = mainCountry(doc);
  const c = iso3 ? kb.countries.get(iso3) : undefined;
  if (!c) return null;
  const id = `${c.cameo ?? c.id}${sec.sector}`;
  return { id, name: `${c.name} (${sec.kind})`, iso3: c.id, kind: sec.kind as ActorRef['kind'], cameo: id };
}

const mainCountryCache = new WeakMap<Doc, string | null>();

function mainCountry(doc: Doc): string | null {
  if (mainCountryCache.has(doc)) return mainCountryCache.get(doc)!;
  const count = new Map<string, number>();
  for (const m of doc.mentions) {
    const e = doc.entities.get(m.entityId);
    if (e?.iso3 && (e.kind === 'country' || e.kind === 'government')) count.set(e.iso3, (count.get(e.iso3) ?? 0) + 2);
  }
  for (const p of doc.places) if (p.iso3 && p.featureType !== 'country') count.set(p.iso3, (count.get(p.iso3) ?? 0) + 1);
  const best = [...count].sort((a, b) => b[1] - a[1])[0];
  // Only a clear leader counts.
  const second = [...count].sort((a, b) => b[1] - a[1])[1];
  const iso3 = best && (!second || best[1] >= second[1] * 1.5) ? best[0] : null;
  mainCountryCache.set(doc, iso3);
  return iso3;
}
