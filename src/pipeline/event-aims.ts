/**
 * Whom an act is aimed at when the parse hangs the phrase that says so in the wrong place: the party
 * met ("discussed the fighting in Idlib with Putin"), the receiver of a handover ("extradited X, known
 * as Y, to the United States") and the state across a border forces face ("toward the Kuwaiti border").
 */
import type { ActorRef, Doc } from '../model/types.js';
import { caseWord, children, span } from '../syntax/tree.js';
import { phraseGroup, type Group } from './event-args.js';
import { refs } from './event-groups.js';

/** The actors the phrase at k names, the act's own source left out. */
function others(doc: Doc, groups: Group[], k: number, source: ActorRef[]): ActorRef[] {
  return refs(doc, phraseGroup(doc, groups, k)).filter((x) => !source.some((y) => y.id === x.id));
}

/**
 * The party met or talked with, however the parse attaches the "with" phrase: "discussed the fighting
 * in Idlib with Putin" (hung on the province), "met with visiting Zambian Foreign Minister X" (read as
 * "with" opening a clause). Only a "with" in the verb's own clause, not in a clause below it.
 */
export function partnerMet(doc: Doc, h: number, groups: Group[], source: ActorRef[]): ActorRef[] {
  const [a, z] = span(doc, h);
  for (let w = a; w <= z; w++) {
    if (doc.tokens[w].lemma !== 'with' || w < h || clauseBetween(doc, w, h)) continue;
    let k = doc.tokens[w].head ?? -1;
    if (k >= 0 && doc.tokens[k].xpos === 'VBG') k = children(doc, k, 'obj')[0] ?? -1;
    const met = k >= 0 ? others(doc, groups, k, source) : [];
    if (met.length) return met;
  }
  return [];
}

const CLAUSES_BELOW = new Set(['acl', 'acl:relcl', 'ccomp', 'csubj', 'parataxis', 'conj']);

/**
 * Whether a clause of its own lies on the way up from k to h (the "with" of "visiting" is no clause
 * of its own); with `participles`, a participle phrase on a noun is none either.
 */
function clauseBetween(doc: Doc, k: number, h: number, participles = false): boolean {
  for (let steps = 0; k >= 0 && k !== h && steps < 50; steps++) {
    const t = doc.tokens[k];
    if (CLAUSES_BELOW.has(t.deprel ?? '') && !(participles && t.deprel === 'acl' && t.xpos === 'VBN')) return true;
    if (t.deprel === 'advcl' && t.xpos !== 'VBG') return true;
    k = t.head ?? -1;
  }
  return k !== h;
}

const HANDING = new Set(['extradite', 'hand', 'surrender', 'deliver', 'transfer', 'repatriate']);

/** The receiver of a handover the verb h makes or refuses: its "to" phrase, or one the parse hung on the object. */
export function handedTo(doc: Doc, h: number, groups: Group[], source: ActorRef[]): ActorRef[] {
  const verbs = [h, ...children(doc, h, 'xcomp', 'ccomp')].filter((v) => HANDING.has(doc.tokens[v].lemma.toLowerCase()));
  // (anywhere in the verb's phrase: the parse often hangs the "to" phrase on the person handed over)
  for (const v of verbs) {
    const [a, z] = span(doc, v);
    for (let w = Math.max(a, v + 1); w <= z; w++) {
      const p = doc.tokens[w].head ?? -1;
      // (through a participle on the person: "X, known as Otoniel, to the United States")
      if (doc.tokens[w].lemma !== 'to' || doc.tokens[w].deprel !== 'case' || p < 0 || clauseBetween(doc, p, v, true)) continue;
      const got = others(doc, groups, p, source);
      if (got.length) return got;
    }
  }
  return [];
}

const BORDER_WORDS = new Set(['border', 'frontier', 'boundary']);

/** The state across a border a verb's phrase names ("toward the Kuwaiti border", "along the border with Pakistan"), other than the source's. */
export function acrossBorder(doc: Doc, h: number, groups: Group[], source: ActorRef[]): ActorRef[] {
  const home = new Set(source.map((x) => x.iso3).filter(Boolean));
  const phrases = [...children(doc, h, 'obl'), ...children(doc, h, 'obj', 'obl').flatMap((o) => children(doc, o, 'nmod'))];
  for (const b of phrases.filter((k) => BORDER_WORDS.has(doc.tokens[k].lemma.toLowerCase()))) {
    // (the "with" phrase right after the border word, wherever the parse hangs it)
    const next = doc.tokens[b + 1]?.lemma === 'with' ? doc.tokens[b + 1].head ?? -1 : -1;
    const named = [...children(doc, b, 'amod', 'compound'), ...children(doc, b, 'nmod').filter((n) => caseWord(doc, n) === 'with'), ...(next > b ? [next] : [])];
    for (const k of named) {
      const across = refs(doc, phraseGroup(doc, groups, k)).filter((x) => x.iso3 && !home.has(x.iso3));
      if (across.length) return across;
    }
  }
  return [];
}
