/**
 * PETRARCH2's verb patterns (src/knowledge/petrarch/) matched on the dependency parse, as a fallback
 * lexicon: a verb eventwire's own triggers leave alone may still be an event PETRARCH2 knows ("Iran
 * lambasted the decision"). A pattern is read on the verb's relations, never on a token window: its
 * particle is a `compound:prt` child or the case word of an oblique ("ask for help"), its object the
 * head of the `obj` (or open complement), its prepositional phrases `obl`/`nmod` children with that
 * case word. The most specific pattern that holds wins; one with no code cancels the verb.
 */
import type { Doc, Sentence } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Trigger } from '../model/schema.js';
import { verbPatterns, type VerbPattern } from '../knowledge/petrarch/index.js';
import { antecedent, caseWord, children, head, subject } from '../syntax/tree.js';
import { forms, type TriggerMatch } from './event-triggers.js';
import { phraseGroup, type Group } from './event-args.js';
import { lazyGroups } from './event-groups.js';
import { referent } from './event-coref.js';
import { CONDITION_MARKS } from './event-modality.js';

/** The verb's phrases as PETRARCH2's slots: with a passive verb, the agent is the subject slot. */
export interface Slots {
  subject: number[];
  object: number[];
  /** nominals with their case word: the verb's obliques and the object's nominal modifiers */
  preps: { token: number; caseWord: string }[];
  particles: number[];
  passive: boolean;
}

/** Below the own lexicon's default (0.7): a fallback reading from a broader, older dictionary. */
export const PETRARCH_CONFIDENCE = 0.5;

export function slotsOf(doc: Doc, v: number): Slots {
  const subj = subject(doc, v);
  const passive = !!subj?.passive || children(doc, v, 'aux:pass').length > 0;
  const obls = children(doc, v, 'obl', 'nmod');
  const agent = obls.filter((k) => doc.tokens[k].deprel === 'obl:agent' || caseWord(doc, k) === 'by');
  const own = children(doc, v, 'obj', 'iobj', 'xcomp');
  const object = passive ? (subj ? [subj.token] : []) : own;
  const nominals = [...obls.filter((k) => !passive || !agent.includes(k)), ...object.flatMap((o) => children(doc, o, 'nmod'))];
  const preps = nominals.map((k) => ({ token: k, caseWord: caseWord(doc, k) }));
  // "slammed the plan as provocative": a complement marked by "as" counts as a phrase with that word
  for (const c of children(doc, v, 'advcl', 'xcomp', 'obl')) {
    // (not an infinitive's "to": "went on hunger strike to protest" is not "went to")
    for (const mk of children(doc, c, 'mark')) if (doc.tokens[mk].upos !== 'PART') preps.push({ token: c, caseWord: doc.tokens[mk].text.toLowerCase() });
  }
  return {
    subject: passive ? agent : subj ? [subj.token] : [],
    object,
    preps,
    particles: children(doc, v, 'compound:prt', 'advmod'),
    passive,
  };
}

/** Whether the phrase headed by token k reads `phrase` (its last word the head, the others just before it). */
const phraseWords = new Map<string, string[]>();

export function headReads(doc: Doc, k: number, phrase: string): boolean {
  let words = phraseWords.get(phrase);
  if (!words) phraseWords.set(phrase, (words = phrase.replace(/-/g, ' ').split(' ').filter(Boolean)));
  if (!words.length || !forms(doc.tokens[k]).includes(words[words.length - 1])) return false;
  let j = k - 1;
  for (let w = words.length - 2; w >= 0; w--, j--) {
    while (j >= 0 && doc.tokens[j].text === '-') j--;
    const t = doc.tokens[j];
    if (!t || t.sentence !== doc.tokens[k].sentence) return false;
    if (t.text.toLowerCase() !== words[w] && t.lemma !== words[w]) return false;
  }
  return true;
}

const headWordsOf = new WeakMap<string[], Set<string>>();

/** The head words (last words) of phrases `alts`: a token none of whose forms is one reads none of them. */
function headWords(alts: string[]): Set<string> {
  let out = headWordsOf.get(alts);
  if (!out) {
    out = new Set();
    for (const a of alts) {
      const words = a.replace(/-/g, ' ').split(' ').filter(Boolean);
      if (words.length) out.add(words[words.length - 1]);
    }
    headWordsOf.set(alts, out);
  }
  return out;
}

/** The first of tokens ks whose phrase reads one of `alts` (any of them when no alternatives are asked), or undefined. */
const reading = (doc: Doc, ks: number[], alts: string[] | undefined): number | undefined => {
  if (!alts) return ks[0] ?? -1;
  if (!ks.length) return undefined;
  const heads = headWords(alts);
  return ks.find((k) => forms(doc.tokens[k]).some((f) => heads.has(f)) && alts.some((a) => headReads(doc, k, a)));
};
const lastWord = (s: string) => s.split(' ').pop() ?? '';

interface Fit {
  pattern: VerbPattern;
  /** words the pattern asked for beyond the verb: the more, the more specific */
  weight: number;
  tokens: number[];
  /** the verb has a second object ("gave Haiti $5 million"): the recipient of what the pattern's object names */
  recipient: boolean;
}

const particleSplit = new Map<string, string[]>();
const particleWords = (particle: string): string[] => {
  let words = particleSplit.get(particle);
  if (!words) particleSplit.set(particle, (words = particle.split(' ').filter(Boolean)));
  return words;
};

/** How pattern p fits verb v with these slots, or null when one of its words is missing. */
export function fitPattern(doc: Doc, v: number, slots: Slots, p: VerbPattern): Fit | null {
  if (p.more?.length) return null;
  if (p.before && !doc.tokens[v].text.toLowerCase().startsWith(p.before)) return null;
  let weight = 0;
  const tokens = [v];
  // a particle is the verb's own particle, or the case word of the phrase it takes ("ask for help")
  let object = slots.object;
  for (const w of p.particle ? particleWords(p.particle) : []) {
    const prt = slots.particles.find((k) => doc.tokens[k].text.toLowerCase() === w);
    if (prt !== undefined) tokens.push(prt);
    else {
      const viaCase = slots.preps.filter((x) => lastWord(x.caseWord) === w).map((x) => x.token);
      if (!viaCase.length) return null;
      object = viaCase;
    }
    weight++;
  }
  let thing = -1;
  if (p.object) {
    thing = reading(doc, object, p.object) ?? -1;
    if (thing < 0) return null;
    // (the object belongs to the trigger: a "to" phrase hung on it names the recipient)
    tokens.push(thing);
    weight += 1 + Math.max(...p.object.map((a) => a.split(' ').length)) / 10;
  }
  if (p.subject) {
    if (reading(doc, slots.subject, p.subject) === undefined || !slots.subject.length) return null;
    weight += 1;
  }
  for (const pp of p.preps ?? []) {
    const at = slots.preps.filter((x) => x.caseWord === pp.case || lastWord(x.caseWord) === pp.case).map((x) => x.token);
    if (!at.length || reading(doc, at, pp.object) === undefined) return null;
    weight += pp.object ? 2 : 1;
  }
  const recipient = children(doc, v, 'obj', 'iobj').some((k) => k !== thing);
  return { pattern: p, weight, tokens: [...new Set(tokens)].sort((a, b) => a - b), recipient };
}

/**
 * The most specific pattern that fits verb v, or null. Among equals the first listed wins, except
 * that one whose code has a PLOVER type goes before one whose code has none ("deliver a letter":
 * a statement, 010, and a consultation, 040).
 */
export function bestPattern(doc: Doc, v: number, slots = slotsOf(doc, v)): Fit | null {
  const patterns = verbPatterns(doc.tokens[v].lemma);
  if (!patterns.length) return null;
  let best: Fit | null = null;
  for (const p of patterns) {
    const fit = fitPattern(doc, v, slots, p);
    if (fit && (!best || fit.weight > best.weight || (fit.weight === best.weight && !!fit.pattern.plover && !best.pattern.plover && best.pattern.cameo !== null))) best = fit;
  }
  return best;
}

/**
 * The trigger a fit stands for, in eventwire's terms, or null when it codes nothing eventwire
 * records: a cancelling pattern, a CAMEO code with no PLOVER type, roles other than subject → object
 * or prepositional target (PETRARCH2's reversed roles would need their own argument reading).
 */
export function petrarchTrigger(fit: Fit, kb: Knowledge): Trigger | null {
  const p = fit.pattern;
  if (!p.cameo || !p.plover) return null;
  const plover = kb.plover.get(p.plover);
  if (!plover) return null;
  if (p.roles?.source && p.roles.source !== 'subject') return null;
  if (p.roles?.target === 'subject') return null;
  const preps = (p.preps ?? []).filter((x) => !x.object).map((x) => x.case);
  if (p.roles?.target?.startsWith('prep:')) preps.push(p.roles.target.slice(5));
  // When the pattern names the object ("deliver a letter"), the object is a thing and the target is
  // whom it goes to: a second object, else a "to" phrase, never a phrase inside the thing.
  const target = !p.object || p.roles?.target || fit.recipient ? ['obj', ...preps] : ['to', ...preps];
  return {
    id: `petrarch:${p.id}`, pattern: p.words.join(' '), pos: 'verb', type: p.plover,
    mode: p.mode && plover.modes.some((m) => m.mode === p.mode) ? p.mode : null,
    context: p.context && plover.contexts.includes(p.context) ? p.context : null,
    cameo: p.cameo, target, targetRequired: false, confidence: PETRARCH_CONFIDENCE,
  };
}

/**
 * Clauses that tell an act of their own: a main verb, a coordinated one, a relative clause ("rebels
 * who overran the town"), an adverbial or a complement clause. Open complements ("expected to be
 * joined", "efforts to improve") and reduced participles ("diplomats based in Geneva", "talks aimed
 * at ending") are what another word says about an act, never a report of one.
 */
const OWN_CLAUSE = new Set(['root', 'conj', 'acl:relcl', 'ccomp', 'parataxis', 'advcl']);

/**
 * A broad dictionary is trusted only where actors are named: the verb's own subject (or a passive's
 * agent) is an actor, and a bare verb with no words of its pattern also acts on one ("Iran
 * lambasted Israel", not "prices improved").
 */
function actingSubject(doc: Doc, v: number, slots: Slots, groups: Group[], kb: Knowledge): boolean {
  // "Houthi-controlled Yemen": a participle joined to a name modifies it; "if it allowed": no report
  if (doc.tokens[v - 1]?.text === '-' || children(doc, v, 'mark').some((k) => CONDITION_MARKS.has(doc.tokens[k].lemma))) return false;
  const subj = subject(doc, v);
  if (subj?.inherited && !['conj', 'acl:relcl'].includes(doc.tokens[v].deprel ?? '')) return false;
  // ("her government would not allow": a body owned by a pronoun that stands for someone)
  const owned = (a: number) => children(doc, a, 'nmod:poss').some((c) => (doc.tokens[c].upos ?? doc.tokens[c].pos) === 'PRON' && !!referent(doc, c, kb));
  return slots.subject.some((k) => {
    const a = antecedent(doc, k);
    return !!phraseGroup(doc, groups, a) || !!referent(doc, a, kb) || (!!kb.sectorOf(doc.tokens[a]) && owned(a));
  });
}

const EMPTY_OBJECTS = new Set(['time', 'chance', 'opportunity', 'impression', 'signal', 'way', 'rise', 'birth', 'priority', 'credit', 'example', 'speech', 'interview', 'lecture', 'thought', 'hint', 'glimpse', 'sense']);

/** (the second half of the rule above: what a bare verb acts on) */
function bareVerbAims(doc: Doc, slots: Slots, fit: Fit, trigger: Trigger, groups: Group[], kb: Knowledge): boolean {
  if (fit.weight > 0) return true;
  // a bare verb of intent ("wanted", "expects", "aims") states a wish, not a commitment to act
  if (trigger.cameo?.startsWith('03')) return false;
  // ("would give Kyiv time to rearm", "gave him a chance": what is given is no thing or help)
  if (slots.object.some((k) => EMPTY_OBJECTS.has(doc.tokens[k].lemma))) return false;
  // (the object or its own modifiers, "a British tanker", not a phrase inside it: "called the
  // conduct of X's government barbaric")
  const inGroup = (k: number) => groups.some((g) => g.from <= k && k <= g.to);
  const named = (k: number) => inGroup(k) || !!referent(doc, k, kb) || children(doc, k, 'amod', 'compound', 'nmod:poss').some(inGroup);
  const aimed = slots.preps.filter((x) => trigger.target.includes(lastWord(x.caseWord))).map((x) => x.token);
  return [...(trigger.target.includes('obj') ? slots.object : []), ...aimed].some((k) => named(antecedent(doc, k)));
}

/**
 * Verbs an own trigger already speaks for: its words, and the verb whose object its words are
 * ("held talks", "imposed sanctions"); not a verb it is only set in ("praised him at the summit").
 */
function coveredVerbs(doc: Doc, own: TriggerMatch[]): Set<number> {
  const out = new Set<number>();
  for (const m of own) {
    for (const k of m.tokens) {
      out.add(k);
      const h = head(doc, k);
      if (h >= 0 && OBJECT_RELS.has(doc.tokens[k].deprel ?? '')) out.add(h);
    }
  }
  return out;
}

const OBJECT_RELS = new Set(['obj', 'iobj', 'nsubj:pass']);

const bareVerbsFor = new WeakMap<Knowledge, Set<string>>();

/**
 * Verbs the own lexicon takes alone ("beat"): where such a trigger did not fire, its constraints
 * declined the reading ("Argentina beat France on penalties"), and PETRARCH2 must not overrule them.
 */
function ownBareVerbs(kb: Knowledge): Set<string> {
  let out = bareVerbsFor.get(kb);
  if (!out) {
    out = new Set(kb.triggers.filter((t) => t.pos === 'verb' && !/\s/.test(t.pattern.trim())).flatMap((t) => t.pattern.trim().split('|')));
    bareVerbsFor.set(kb, out);
  }
  return out;
}

/**
 * PETRARCH2 triggers for the verbs of a sentence that no own trigger covers. Each takes the same
 * path as an own trigger (sense, complements, arguments, modality, time and place).
 */
export function petrarchTriggers(doc: Doc, s: Sentence, kb: Knowledge, own: TriggerMatch[], groupsOf: () => Group[] = lazyGroups(doc, s)): TriggerMatch[] {
  if (s.headline) return [];
  const covered = coveredVerbs(doc, own);
  const declined = ownBareVerbs(kb);
  const out: TriggerMatch[] = [];
  for (let v = s.tokenStart; v < s.tokenEnd; v++) {
    const t = doc.tokens[v];
    if ((t.upos ?? t.pos) !== 'VERB' || covered.has(v) || declined.has(t.lemma) || t.head === undefined || !OWN_CLAUSE.has(t.deprel ?? '')) continue;
    if (!verbPatterns(t.lemma).length) continue;
    const slots = slotsOf(doc, v);
    const groups = groupsOf();
    if (!actingSubject(doc, v, slots, groups, kb)) continue;
    const fit = bestPattern(doc, v, slots);
    const trigger = fit && petrarchTrigger(fit, kb);
    if (!fit || !trigger || !bareVerbAims(doc, slots, fit, trigger, groups, kb)) continue;
    out.push({ c: { trigger, steps: [], length: fit.tokens.length }, tokens: fit.tokens, head: v });
  }
  return out;
}
