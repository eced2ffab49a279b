/**
 * Trigger matching: lexicon patterns compiled once per knowledge base and matched on a
 * sentence's tokens (lemma, lower-case form or a plain de-inflection), with the checks that keep a
 * verb pattern on a verb and a noun pattern on a noun; then the light verbs and speech-act
 * complements that are no events of their own are dropped.
 */
import type { Doc, Sentence, Token } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Trigger } from '../model/schema.js';
import { PUNCT_STOP } from './attribution.js';
import { children } from '../syntax/tree.js';
import { mentionsOver, tokenAt } from './doc.js';
import { WEEKDAYS } from './times.js';
import { referent } from './event-coref.js';

interface Step {
  /** alternatives for this token, or null for a gap ("...") */
  alts: Set<string> | null;
  /** the same alternatives as a list, quicker to run through than the set */
  words: string[];
  /** hyphenated alternatives ("sit-in", "cease-fire"), which the tokenizer splits: first part → the parts after it */
  hyphenated?: Map<string, string[][]>;
}

interface Compiled {
  trigger: Trigger;
  steps: Step[];
  length: number;
}

export interface TriggerMatch {
  c: Compiled;
  /** token indexes of the pattern's words */
  tokens: number[];
  /** the head: first token for verb patterns, last for noun patterns */
  head: number;
  /** for a speech act: the type of the event its complement names ("agreed to resign" → RETREAT) */
  complement?: string;
}

/** A knowledge base's trigger lexicon, compiled once. */
interface Lexicon {
  /** the patterns by each alternative of their first word, longest and surest first */
  byFirst: Map<string, Compiled[]>;
  /**
   * The words a sentence's forms are asked about: a pattern's words after its first, and the words
   * a trigger requires. Only these are kept in the sentence's set (formsOfSentence).
   */
  asked: Set<string>;
  /** each sentence's forms among `asked` */
  sentenceForms: WeakMap<Sentence, Set<string>>;
}

const compiledFor = new WeakMap<Knowledge, Lexicon>();

function compile(kb: Knowledge): Lexicon {
  let lex = compiledFor.get(kb);
  if (lex) return lex;
  const idx = new Map<string, Compiled[]>();
  const asked = new Set<string>();
  for (const t of kb.triggers) {
    for (const r of t.requires ?? []) asked.add(r);
    const steps: Step[] = t.pattern.trim().split(/\s+/).map((w) => {
      if (w === '...') return { alts: null, words: [] };
      const words = w.split('|');
      const step: Step = { alts: new Set(words), words };
      for (const h of words.filter((x) => /\w-\w/.test(x))) {
        const [head, ...rest] = h.split('-');
        step.hyphenated ??= new Map();
        step.hyphenated.set(head, [...(step.hyphenated.get(head) ?? []), rest]);
      }
      return step;
    });
    if (!steps.length || !steps[0].alts) continue;
    for (const step of steps.slice(1)) {
      for (const w of step.words) asked.add(w);
      for (const w of step.hyphenated?.keys() ?? []) asked.add(w);
    }
    const c: Compiled = { trigger: t, steps, length: steps.filter((s) => s.alts).length };
    for (const first of [...steps[0].alts!, ...(steps[0].hyphenated?.keys() ?? [])]) {
      const list = idx.get(first) ?? [];
      if (list.includes(c)) continue;
      list.push(c);
      idx.set(first, list);
    }
  }
  for (const list of idx.values()) list.sort((a, b) => b.length - a.length || b.trigger.confidence - a.trigger.confidence);
  lex = { byFirst: idx, asked, sentenceForms: new WeakMap() };
  compiledFor.set(kb, lex);
  return lex;
}

/**
 * A token's forms, kept on the token under a symbol key once computed: JSON and structured clones
 * leave them out, and a lookup costs no more than reading a field (a WeakMap holding the forms of
 * every token read cost more than the matching itself).
 */
const FORMS = Symbol('forms');
type WithForms = Token & { [FORMS]?: string[] };

/** The forms a token may match a lexicon word by: lemma, lower-case text, and a plain de-inflection. */
export function forms(t: Token): string[] {
  return ((t as WithForms)[FORMS] ??= computeForms(t));
}

function computeForms(t: Token): string[] {
  // (every token of every sentence comes here once: endsWith and a replace only where there is a
  // curly apostrophe cost a fraction of the regular expressions)
  const lower = t.text.toLowerCase();
  const low = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
  const out = [t.lemma, low];
  if (low.endsWith('ies')) out.push(low.slice(0, -3) + 'y');
  if (low.endsWith('s') && !low.endsWith('ss')) out.push(low.slice(0, -1));
  if (low.endsWith('es')) out.push(low.slice(0, -2));
  if (low.endsWith('ed')) out.push(low.slice(0, -2), low.slice(0, -1));
  if (low.endsWith('ing')) out.push(low.slice(0, -3), low.slice(0, -3) + 'e');
  if (low.endsWith('en')) out.push(low.slice(0, -1), low.slice(0, -2)); // "retaken", "beaten"
  // "air-strikes" and "airstrikes" match "air strike" through their parts in the lexicon.
  return out;
}

function tokenMatches(t: Token, alts: Set<string>): boolean {
  for (const f of forms(t)) if (alts.has(f)) return true;
  return false;
}


function matchAt(doc: Doc, c: Compiled, i: number, end: number): number[] | null {
  const got: number[] = [];
  let k = i;
  let gap = 0;
  for (let s = 0; s < c.steps.length; s++) {
    const step = c.steps[s];
    if (!step.alts) {
      gap = 6;
      continue;
    }
    let found = -1;
    // ("offered on Friday to supply", "agreed on Tuesday to resume": the time a wire report sets right
    // after the verb stands between the words of a fixed phrase)
    if (s > 0 && gap === 0 && k < end && !tokenMatches(doc.tokens[k], step.alts)) k = pastTimePhrase(doc, k, end);
    for (let g = 0; g <= gap && k < end; g++, k++) {
      const t = doc.tokens[k];
      if (tokenMatches(t, step.alts)) {
        found = k;
        break;
      }
      const last = step.hyphenated ? hyphenatedEnd(doc, step.hyphenated, k, end) : -1;
      if (last >= 0) {
        found = last;
        break;
      }
      if (PUNCT_STOP.has(t.text) && !(t.text === '“' || t.text === '”' || t.text === '"')) return null;
    }
    if (found < 0) return null;
    got.push(found);
    k = found + 1;
    gap = 0;
    // "air strike" written "air-strike": skip one hyphen between pattern words.
    if (k < end && doc.tokens[k].text === '-' && s + 1 < c.steps.length) k++;
  }
  return got;
}

const DAYS = new Set(Object.keys(WEEKDAYS));
const DAY_PARTS = new Set(['morning', 'afternoon', 'evening', 'night']);

/** The token after a short time phrase at k ("on Friday", "on Monday night", "yesterday", "last week"), else k. */
function pastTimePhrase(doc: Doc, k: number, end: number): number {
  const low = (j: number) => (j < end ? doc.tokens[j].text.toLowerCase() : '');
  if (low(k) === 'on' && DAYS.has(low(k + 1))) return DAY_PARTS.has(low(k + 2)) ? k + 3 : k + 2;
  if (low(k) === 'yesterday' || low(k) === 'today') return k + 1;
  if ((low(k) === 'last' || low(k) === 'this') && /^(week|month|year|weekend)$/.test(low(k + 1))) return k + 2;
  return k;
}

/**
 * "staged a sit-in": a word the lexicon writes with a hyphen, which the tokenizer splits into its
 * parts and the hyphens between them (written without spaces), read from token k; the index of its
 * last part (the word's head, as the treebank attaches such words), or -1.
 */
function hyphenatedEnd(doc: Doc, hyphenated: Map<string, string[][]>, k: number, end: number): number {
  const toks = doc.tokens;
  for (const f of forms(toks[k])) {
    const tails = hyphenated.get(f);
    if (!tails) continue;
    for (const rest of tails) {
      let j = k;
      let ok = true;
      for (const part of rest) {
        const dash = toks[j + 1], word = toks[j + 2];
        if (j + 2 >= end || dash.text !== '-' || dash.start !== toks[j].end || word.start !== dash.end || !forms(word).includes(part)) {
          ok = false;
          break;
        }
        j += 2;
      }
      if (ok) return j;
    }
  }
  return -1;
}

const NO_CANDIDATES: Compiled[] = [];

/**
 * The patterns whose first word is one of a token's forms, longest and surest first. Most tokens
 * start none, or the patterns of one form only, whose list is already in that order.
 */
function candidates(idx: Map<string, Compiled[]>, fs: string[]): Compiled[] {
  let one: Compiled[] | undefined;
  let many: Set<Compiled> | undefined;
  for (const f of fs) {
    const list = idx.get(f);
    if (!list || list === one) continue;
    if (!one) {
      one = list;
      continue;
    }
    many ??= new Set(one);
    for (const c of list) many.add(c);
  }
  if (!many) return one ?? NO_CANDIDATES;
  return [...many].sort((a, b) => b.length - a.length || b.trigger.confidence - a.trigger.confidence);
}

export function findTriggers(doc: Doc, s: Sentence, kb: Knowledge): TriggerMatch[] {
  const lex = compile(kb);
  const idx = lex.byFirst;
  const used = new Set<number>();
  // (a word inside a name is no trigger: "the Government of National Accord", "Operation Iron Strike")
  const named = inNames(doc, s);
  // (a relative clause's verb with its object before it first, so that "the town RSF fighters
  // captured" is read with its object, not as the bare verb)
  const found: TriggerMatch[] = relativeObjects(doc, s, kb, idx, used, named);
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    if (used.has(i) || named.has(i)) continue;
    const sorted = candidates(idx, forms(doc.tokens[i]));
    for (const c of sorted) {
      if (c.steps.length > 1 && !wordsInSentence(c, formsOfSentence(doc, s, lex))) continue;
      const toks = matchAt(doc, c, i, s.tokenEnd);
      if (!toks) continue;
      if (toks.some((k) => used.has(k))) continue;
      if (!constraintsHold(doc, s, c.trigger, toks, kb)) continue;
      if (c.trigger.pos === 'verb' && !governsGapWords(doc, c, toks)) continue;
      const head = c.trigger.pos === 'verb' ? toks[0] : toks[toks.length - 1];
      // A verb pattern must sit on a verb; a noun pattern's head must not be a verb form.
      const ht = doc.tokens[head];
      if (c.trigger.pos === 'verb' && !isVerbLike(doc, head, s) && !fixedPhraseAfterSubject(doc, toks, s)) continue;
      // (a past tense the tokenizer does not know as a verb, "Manila called", is none the less no noun)
      if (c.trigger.pos === 'noun' && ((ht.pos === 'VERB' && !/s$/.test(ht.text)) || /^VB[DN]$/.test(ht.xpos ?? '')) && !s.headline) continue;
      for (const k of toks) used.add(k);
      found.push({ c, tokens: toks, head });
      break;
    }
  }
  return found;
}

/**
 * "the 300 drones Russia launched overnight", "the sanctions the EU imposed": a relative clause
 * whose object is the noun it modifies holds the verb pattern's object before the verb. A verb with
 * a subject of its own, hanging on a noun before it, matches a "verb ... object" pattern whose
 * object is that noun; the match holds the verb alone, whose arguments the parse gives. So does a
 * passive verb whose subject is the pattern's object: "Aid to Niger was suspended by the EU",
 * "new sanctions were imposed on Minsk".
 */
function relativeObjects(doc: Doc, s: Sentence, kb: Knowledge, idx: Map<string, Compiled[]>, used: Set<number>, named: Set<number>): TriggerMatch[] {
  const out: TriggerMatch[] = [];
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const t = doc.tokens[i];
    if (used.has(i) || named.has(i) || t.upos !== 'VERB') continue;
    // (not a definite subject: "the deal was reached by X" tells again an act told before)
    const passiveSubject = children(doc, i, 'nsubj:pass').find((k) => k < i && !definiteNoun(doc, k));
    let n = t.head ?? -1;
    if (passiveSubject !== undefined && !children(doc, i, 'obj').length) n = passiveSubject;
    else if (!/^acl/.test(t.deprel ?? '') || n < s.tokenStart || n >= i || !children(doc, i, 'nsubj').length || children(doc, i, 'obj', 'nsubj:pass').length) continue;
    for (const c of candidates(idx, forms(t))) {
      const [, gap, obj, ...rest] = c.steps;
      if (c.trigger.pos !== 'verb' || !gap || gap.alts || !obj?.alts || rest.length || !tokenMatches(doc.tokens[measured(doc, n)], obj.alts)) continue;
      if (!constraintsHold(doc, s, c.trigger, [i], kb)) continue;
      used.add(i);
      out.push({ c, tokens: [i], head: i });
      break;
    }
  }
  return out;
}

/**
 * "Israel struck Beirut on Friday": a verb of violence whose sense needs a weapon word in its
 * sentence has it in its object when that is a town, a region or a country, which no other sense
 * of the verb ("struck a deal", "hit a record") takes.
 */
function placeStruck(doc: Doc, v: number): boolean {
  return children(doc, v, 'obj').some((o) => doc.places.some((p) => p.start <= doc.tokens[o].start && doc.tokens[o].end <= p.end && p.featureType !== 'landmark'));
}

/**
 * "Israel struck a building in Beirut", "Russia hit an apartment block": a state that strikes
 * something acts with its forces, though no weapon is named (a particle, "struck down", is another verb).
 */
function stateStrikes(doc: Doc, v: number, kb: Knowledge): boolean {
  if (!children(doc, v, 'obj').length || children(doc, v, 'compound:prt').length) return false;
  const subj = children(doc, v, 'nsubj')[0];
  if (subj === undefined) return false;
  const named = mentionsOver(doc, subj);
  const r = named.length ? named : referent(doc, subj, kb) ?? [];
  return r.length > 0 && r.every((m) => doc.entities.get(m.entityId)?.kind === 'country');
}

/** Determiners that make a noun phrase refer to something told before. */
export const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those']);

/** Whether noun k is made definite by its determiner ("the talks", "this attack"). */
export function definiteNoun(doc: Doc, k: number): boolean {
  return children(doc, k, 'det').some((c) => DEFINITE.has(doc.tokens[c].lemma));
}

const ARMED_KINDS = new Set(['military', 'armed group']);

/**
 * "Russian forces launched a missile attack on Kyiv. They hit a residential building": a verb whose
 * sense needs a weapon word in its sentence has it in its subject when that is a pronoun or
 * description standing for an armed force told before.
 */
function armedReference(doc: Doc, v: number, kb: Knowledge): boolean {
  const subj = children(doc, v, 'nsubj')[0];
  if (subj === undefined) return false;
  const r = referent(doc, subj, kb);
  return !!r?.length && r.every((m) => {
    const e = doc.entities.get(m.entityId);
    return !!e && (ARMED_KINDS.has(e.kind) || /(MIL|REB)$/.test(e.cameo ?? ''));
  });
}

/** The tokens after the first of a name of several words the actors stage found in the sentence. */
function inNames(doc: Doc, s: Sentence): Set<number> {
  const out = new Set<number>();
  for (const m of doc.mentions) {
    if (m.sentence !== s.index) continue;
    const a = tokenAt(doc, m.start);
    if (a < 0) continue;
    for (let k = a + 1; k < s.tokenEnd && doc.tokens[k].end <= m.end; k++) out.add(k);
  }
  return out;
}

/**
 * "reached ... agreement", "imposed ... sanctions": a word a verb pattern finds past a gap must
 * stand in the verb's own phrase ("strikes kill 20 in Gaza as ceasefire talks stall" strikes no ceasefire).
 */
/** Words that count or measure what follows their "of": "hundreds of tons of food", "a shipment of vaccines". */
const MEASURES = new Set(['ton', 'tonne', 'kilogram', 'kilo', 'litre', 'liter', 'gallon', 'barrel', 'truckload', 'shipment', 'consignment',
  'cargo', 'load', 'batch', 'box', 'crate', 'parcel', 'package', 'bag', 'sack', 'container', 'pallet', 'dose', 'convoy',
  'hundred', 'thousand', 'million', 'dozen', 'tens', 'hundreds', 'thousands', 'millions', 'dozens']);

/** What a passive subject that counts or measures stands for: "Fifty tons of medicine were flown …" is medicine. */
function measured(doc: Doc, n: number): number {
  for (let depth = 0; depth < 3; depth++) {
    const t = doc.tokens[n];
    if (!MEASURES.has(t.lemma.toLowerCase()) && !MEASURES.has(t.text.toLowerCase())) return n;
    const of = children(doc, n, 'nmod').find((c) => children(doc, c, 'case').some((x) => doc.tokens[x].lemma === 'of'));
    if (of === undefined) return n;
    n = of;
  }
  return n;
}

function governsGapWords(doc: Doc, c: Compiled, toks: number[]): boolean {
  // (a verb the parse took for something else sits in a tree too broken to ask: then only no
  // other verb may stand between)
  if (doc.tokens[toks[0]].upos !== 'VERB') {
    for (let k = toks[0] + 1; k < toks[toks.length - 1]; k++) if (!toks.includes(k) && doc.tokens[k].upos === 'VERB') return false;
    return true;
  }
  let j = 0;
  for (let s = 0; s < c.steps.length; s++) {
    if (!c.steps[s].alts) continue;
    const k = toks[j++];
    // (only a gap the match used: adjacent words are a fixed phrase, whatever the parse made of it)
    if (s === 0 || c.steps[s - 1].alts || k === undefined || k === toks[j - 2] + 1) continue;
    // ("told him Israel would withdraw": in a request, a verb with a subject and a modal of its own
    // is what is told, not what is asked of someone)
    if (c.trigger.type === 'REQUEST' && doc.tokens[k].upos === 'VERB' && children(doc, k, 'nsubj').length && children(doc, k, 'aux').some((x) => doc.tokens[x].xpos === 'MD')) return false;
    let a = k;
    let below = k;
    for (let n = 0; n < 12 && a >= 0 && a !== toks[0]; n++) {
      below = a;
      a = doc.tokens[a].head ?? -1;
      // (nor past a finite verb of its own between them, or a word that undoes it: "announced that the US
      // would lift sanctions", "announced the lifting of sanctions" announce no sanctions)
      if (a >= 0 && a !== toks[0] && ((doc.tokens[a].upos === 'VERB' && doc.tokens[a].xpos !== 'VBG' && a > toks[0] && a < k && !toks.includes(a)) || UNDOING.has(doc.tokens[a].lemma.toLowerCase()))) return false;
    }
    if (a !== toks[0]) return false;
    // (a passive's agent is who acts, not what the act is done to: "was suspended by the European Union")
    if (doc.tokens[below].deprel === 'obl:agent') return false;
  }
  return true;
}

const UNDOING = new Set(['lifting', 'lift', 'easing', 'removal', 'suspension', 'relaxation', 'waiver', 'repeal', 'end', 'withdrawal', 'cancellation']);

/**
 * "Israeli troops shot dead a Palestinian": a verb phrase of two or more adjacent words ("shot dead",
 * "opened fire") right after a plural noun, in a sentence with no other verb, is that noun's act,
 * whatever the taggers made of its first word.
 */
function fixedPhraseAfterSubject(doc: Doc, toks: number[], s: Sentence): boolean {
  if (toks.length < 2 || toks.some((k, j) => j > 0 && k !== toks[j - 1] + 1)) return false;
  const before = doc.tokens[toks[0] - 1];
  if (!before || toks[0] - 1 < s.tokenStart || before.xpos !== 'NNS') return false;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) if (!toks.includes(k) && (doc.tokens[k].upos ?? doc.tokens[k].pos) === 'VERB') return false;
  return true;
}

function isVerbLike(doc: Doc, i: number, s: Sentence): boolean {
  const t = doc.tokens[i];
  const before = doc.tokens[i - 1];
  // "the press", "Lukashenko's press service": a determiner or a possessive makes it a noun.
  if (before && i - 1 >= s.tokenStart && (before.pos === 'DET' || before.text === "'s" || before.text === '’s') && !s.headline) return false;
  // "five detained U.S. citizens", "the wounded soldiers": an adjectival participle, not an act.
  const nextTok = doc.tokens[i + 1];
  if (/(ed|en)$/.test(t.text) && nextTok && i + 1 < s.tokenEnd && (nextTok.pos === 'NOUN' || nextTok.pos === 'PROPN' || nextTok.pos === 'ADJ') && before && (before.pos === 'NUM' || before.pos === 'DET' || before.pos === 'ADJ')) return false;
  if (t.pos === 'VERB' || t.pos === 'AUX') return true;
  // "Bandits abducted 20 villagers": a rare verb the tokenizer's tagger calls a noun is a verb where
  // the trained tagger reads a finite past and the parse gives it a subject
  // (or a participle with an active subject and no auxiliary, which can only be a past tense)
  // (so is one the tagger reads as a present tense with a subject: "air defences shot down 80 drones")
  if ((/^VB[DZP]$/.test(t.xpos ?? '') || (t.xpos === 'VBN' && !children(doc, i, 'aux', 'aux:pass').length)) && t.upos === 'VERB' && children(doc, i, 'nsubj').length) return true;
  // (or the sentence's main verb, a finite form, whatever the parse made of its subject)
  if (/^VB[DZP]$/.test(t.xpos ?? '') && t.upos === 'VERB' && t.deprel === 'root' && !s.headline) return true;
  // "..., warning that Paris would respond": an -ing word after a comma that opens a "that" clause
  // is a participle, whatever the tagger says.
  if (/ing$/.test(t.text) && before?.text === ',' && nextTok?.lemma === 'that' && i + 1 < s.tokenEnd) return true;
  // Title-case headlines tag everything PROPN; the tagger also calls some past participles ADJ.
  // (but not a word the parse makes a subject, "Protests erupt in Georgia", nor one with its own
  // modifiers before it, "US strikes Houthi targets")
  if (s.headline && (t.pos === 'PROPN' || t.pos === 'NOUN')) {
    return !/^nsubj/.test(t.deprel ?? '') && !children(doc, i, 'compound', 'amod', 'det', 'nmod:poss').some((c) => c < i);
  }
  if (t.pos === 'ADJ' && /ed$/.test(t.text)) return true;
  const prev = doc.tokens[i - 1];
  if (prev && i - 1 >= s.tokenStart && (prev.pos === 'AUX' || prev.lemma === 'to' || prev.pos === 'PART') && t.pos !== 'ADP') return true;
  return false;
}

/**
 * The forms of the tokens of a sentence that the lexicon asks about (only those: a set of every
 * form of every token cost more to fill than the look-ups that leave most of them out).
 */
function formsOfSentence(doc: Doc, s: Sentence, lex: Lexicon): Set<string> {
  let fs = lex.sentenceForms.get(s);
  if (!fs) {
    fs = new Set<string>();
    for (let k = s.tokenStart; k < s.tokenEnd; k++) for (const f of forms(doc.tokens[k])) if (lex.asked.has(f)) fs.add(f);
    lex.sentenceForms.set(s, fs);
  }
  return fs;
}

/** Whether each word of a pattern after its first is a form of some token of the sentence: else it cannot match there. */
function wordsInSentence(c: Compiled, fs: Set<string>): boolean {
  for (let n = 1; n < c.steps.length; n++) {
    const step = c.steps[n];
    if (!step.alts) continue;
    let found = false;
    for (const a of step.words) {
      if (fs.has(a)) {
        found = true;
        break;
      }
    }
    // (a hyphenated word's first part stands for it here: the rest is checked in the match)
    if (!found && step.hyphenated) for (const a of step.hyphenated.keys()) if (fs.has(a)) found = true;
    if (!found) return false;
  }
  return true;
}

function constraintsHold(doc: Doc, s: Sentence, t: Trigger, toks: number[], kb: Knowledge): boolean {
  if (t.requires?.length) {
    const lemmas = formsOfSentence(doc, s, compile(kb));
    if (!t.requires.some((r) => lemmas.has(r)) && !(t.pos === 'verb' && (armedReference(doc, toks[0], kb) || (t.type === 'ASSAULT' && (placeStruck(doc, toks[0]) || stateStrikes(doc, toks[0], kb)))))) return false;
  }
  if (t.blocks?.length) {
    const lo = Math.max(s.tokenStart, toks[0] - 3);
    const hi = Math.min(s.tokenEnd, toks[toks.length - 1] + 4);
    for (let k = lo; k < hi; k++) if (t.blocks.some((b) => forms(doc.tokens[k]).includes(b))) return false;
  }
  if (t.blocksNext?.length) {
    // (past a determiner: "called on the weekend")
    let k = toks[toks.length - 1] + 1;
    if (k < s.tokenEnd && doc.tokens[k].pos === 'DET') k++;
    if (k < s.tokenEnd && t.blocksNext.some((b) => forms(doc.tokens[k]).includes(b))) return false;
  }
  return true;
}


export const LIGHT_VERBS = new Set(['extend', 'grant', 'hold', 'conduct', 'launch', 'carry', 'begin', 'start', 'have', 'make', 'stage', 'mount', 'continue', 'resume', 'issue', 'impose', 'sign', 'reach', 'express', 'announce', 'order', 'step', 'intensify', 'escalate', 'lead', 'join', 'open', 'deliver', 'send', 'provide', 'offer', 'pledge', 'commit', 'call', 'oversee', 'supervise', 'direct', 'command', 'guide']);

/**
 * "ordered the expulsion of", "ordered strikes on": a bare light verb whose object is an event noun
 * is how that event was done, not an event of its own; the noun's event takes the verb's subject.
 */
export function dropLightVerbs(doc: Doc, ms: TriggerMatch[]): TriggerMatch[] {
  return ms.filter((m) => {
    if (m.c.length !== 1 || m.c.trigger.pos !== 'verb' || !LIGHT_VERBS.has(doc.tokens[m.head].lemma)) return true;
    return !ms.some((o) => o !== m && o.c.trigger.pos === 'noun' && o.tokens[0] > m.head && o.tokens[0] <= m.head + 4 &&
      doc.tokens.slice(m.head + 1, o.tokens[0]).every((x) => x.pos === 'DET' || x.pos === 'ADJ' || x.pos === 'NUM'));
  });
}

export const SPEECH_ACT_TYPES = new Set(['AGREE', 'REQUEST', 'THREATEN', 'REJECT', 'ACCUSE']);
/**
 * Whether verb k is the complement of verb v: an xcomp or ccomp, or a clause marked as one ("accused X
 * of violating"), not a bare participle adjunct (", accusing him of ...").
 */
function directComplement(doc: Doc, k: number, v: number): boolean {
  const t = doc.tokens[k];
  if (t.head !== v) return false;
  if (t.deprel === 'xcomp' || t.deprel === 'ccomp') return true;
  return t.deprel === 'advcl' && doc.tokens.some((x) => x.head === k && x.deprel === 'mark' && ['of', 'to', 'that'].includes(x.lemma));
}
/** Whether the verb k is a participle of result (", killing …") on the verb of v's direct complement. */
function resultOfComplement(doc: Doc, k: number, v: number): boolean {
  const t = doc.tokens[k];
  const up = t.head ?? -1;
  return t.xpos === 'VBG' && (t.deprel === 'advcl' || t.deprel === 'conj') && doc.tokens[k - 1]?.text === ',' && up >= 0 && directComplement(doc, up, v);
}

/**
 * The content of a speech act is not a second event: "threatened to strike" is a THREAT, not an
 * ASSAULT; "called for troops to withdraw" a REQUEST; "agreed to exchange prisoners" an AGREE;
 * "accused X of shelling" an ACCUSE (the shelling is only alleged).
 */
export function dropComplements(doc: Doc, ms: TriggerMatch[]): TriggerMatch[] {
  const heads = ms.filter((m) => SPEECH_ACT_TYPES.has(m.c.trigger.type));
  if (!heads.length) return ms;
  return ms.filter((m) => {
    const first = m.tokens[0];
    // (a speech act inside another's content is content too: "accused X of violating the ceasefire")
    const speechAct = SPEECH_ACT_TYPES.has(m.c.trigger.type);
    const head = heads.find((h) => {
      if (h === m) return false;
      // (not a verb coordinated with the speech act: "accused X of genocide and imposed sanctions")
      if (doc.tokens[m.head].deprel === 'conj' && doc.tokens[m.head].head === h.head) return false;
      // (only as the verb of its direct complement: "agreed to allow the deliveries following a
      // request by X" keeps the request, which is no part of what was agreed)
      if (speechAct && !directComplement(doc, m.head, h.head)) return false;
      // ("accused the army of bombing a market, killing 12 people": what the content's act did is content too)
      if (!speechAct && resultOfComplement(doc, m.head, h.head)) return true;
      const hl = h.tokens[h.tokens.length - 1];
      if (hl >= first) return false;
      // within a short distance, with no clause break and no second finite verb of its own subject
      if (first - hl > 10) return false;
      const between = doc.tokens.slice(hl + 1, first);
      if (between.some((t) => t.text === ';' || t.text === '.' || t.lemma === 'but' || t.lemma === 'while' || t.lemma === 'after')) return false;
      return between.some((t) => t.lemma === 'to' || t.lemma === 'of' || t.lemma === 'for' || t.lemma === 'that' || t.lemma === 'over');
    });
    // Only a verb complement is an act promised ("agreed to resign"); "agreed to a ceasefire" is the deal.
    if (head && m.c.trigger.pos === 'verb') head.complement ??= m.c.trigger.type;
    return !head;
  });
}

export const REACTION_TYPES = new Set(['ACCUSE', 'REJECT', 'SUPPORT']);
