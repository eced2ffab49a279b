/**
 * Reading the parse on the document: a token's dependents, its subject, objects and obliques (with
 * their case word), the clause it belongs to, the verb that governs a noun, and its conjuncts.
 * Token indices are into Doc.tokens; a sentence's root has head -1.
 */
import type { Doc, Token } from '../model/types.js';

/** The relation without its subtype: "nsubj:pass" → "nsubj". */
export const baseRel = (rel: string | undefined): string => {
  if (!rel) return '';
  const colon = rel.indexOf(':');
  return colon < 0 ? rel : rel.slice(0, colon);
};

function sentenceRange(doc: Doc, i: number): [number, number] {
  const s = doc.sentences[doc.tokens[i].sentence];
  return s ? [s.tokenStart, s.tokenEnd] : [i, i + 1];
}

/**
 * The parse read once per document: each token's dependents in text order, and each token's
 * relation with and without its subtype. Kept per token array (the tokens carry the heads) and
 * rebuilt when the array, its length or the sentences change; `parse` drops it when it writes the
 * heads (`forgetTree`), and a document not yet parsed is never indexed.
 */
interface TreeIndex {
  tokens: Token[];
  length: number;
  sentences: Doc['sentences'];
  kids: number[][];
  rel: string[];
  base: string[];
}

const NO_KIDS: number[] = [];
const indexes = new WeakMap<Token[], TreeIndex>();
/** the index read last (most calls in a row are on one document; it keeps that one token array alive) */
let last: TreeIndex | null = null;

/** Drops what was read of the parse of `doc`: whatever writes heads or relations (only `parse` does) calls it. */
export function forgetTree(doc: Doc): void {
  indexes.delete(doc.tokens);
  if (last?.tokens === doc.tokens) last = null;
}

function treeIndex(doc: Doc): TreeIndex | null {
  const tokens = doc.tokens;
  if (last && last.tokens === tokens && last.length === tokens.length && last.sentences === doc.sentences) return last;
  const known = indexes.get(tokens);
  if (known && known.length === tokens.length && known.sentences === doc.sentences) return (last = known);
  if (!isParsed(doc)) return null;
  const n = tokens.length;
  const kids: number[][] = new Array(n);
  const rel: string[] = new Array(n);
  const base: string[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const t = tokens[k];
    rel[k] = t.deprel ?? '';
    base[k] = baseRel(t.deprel);
    const h = t.head;
    if (h === undefined || h < 0 || h >= n || !Number.isInteger(h)) continue;
    // as the scan of the head's sentence finds it: only a dependent inside that sentence
    const [a, z] = sentenceRange(doc, h);
    if (k < a || k >= z) continue;
    (kids[h] ??= []).push(k);
  }
  for (let k = 0; k < n; k++) kids[k] ??= NO_KIDS;
  const index: TreeIndex = { tokens, length: n, sentences: doc.sentences, kids, rel, base };
  indexes.set(tokens, index);
  return (last = index);
}

/** Dependents of token i in text order, shared: not to be changed. */
function dependents(doc: Doc, i: number): readonly number[] {
  const index = Number.isInteger(i) && i >= 0 && i < doc.tokens.length ? treeIndex(doc) : null;
  return index ? index.kids[i] : scan(doc, i);
}

function scan(doc: Doc, i: number, rels: string[] = []): number[] {
  const [a, z] = sentenceRange(doc, i);
  const out: number[] = [];
  for (let k = a; k < z; k++) {
    const t = doc.tokens[k];
    if (t.head !== i) continue;
    if (rels.length && !rels.includes(t.deprel ?? '') && !rels.includes(baseRel(t.deprel))) continue;
    out.push(k);
  }
  return out;
}

/** Dependents of token i, in text order; only those whose relation is one of `rels` when given. */
export function children(doc: Doc, i: number, ...rels: string[]): number[] {
  const index = Number.isInteger(i) && i >= 0 && i < doc.tokens.length ? treeIndex(doc) : null;
  if (!index) return scan(doc, i, rels);
  const kids = index.kids[i];
  if (!rels.length) return kids.slice();
  const out: number[] = [];
  const { rel, base } = index;
  if (rels.length === 1) {
    const r = rels[0];
    for (const k of kids) if (rel[k] === r || base[k] === r) out.push(k);
  } else {
    for (const k of kids) if (rels.includes(rel[k]) || rels.includes(base[k])) out.push(k);
  }
  return out;
}

export function head(doc: Doc, i: number): number {
  return doc.tokens[i]?.head ?? -1;
}

/** The noun a chain of compounds modifies ("suicide car bombing": from "car" to "bombing"), else k. */
export function compoundHead(doc: Doc, k: number): number {
  let np = k;
  while (doc.tokens[np].deprel === 'compound' && head(doc, np) > np) np = head(doc, np);
  return np;
}

export function isParsed(doc: Doc): boolean {
  return doc.tokens.length > 0 && doc.tokens[0].head !== undefined;
}

/** The conjuncts of token i: the first conjunct and every token joined to it by `conj`, i excluded. */
export function conjuncts(doc: Doc, i: number): number[] {
  let first = i;
  while (doc.tokens[first].deprel === 'conj' && head(doc, first) >= 0) first = head(doc, first);
  const out: number[] = [];
  const walk = (k: number) => {
    if (k !== i) out.push(k);
    for (const c of children(doc, k, 'conj')) walk(c);
  };
  walk(first);
  return out.sort((a, b) => a - b);
}

const RELATIVE_WORDS = new Set(['who', 'which', 'that', 'whom']);

/**
 * "the minister who resigned": a relative word stands for the noun its clause modifies; any
 * other token stands for itself.
 */
export function antecedent(doc: Doc, k: number): number {
  if (!RELATIVE_WORDS.has(doc.tokens[k].text.toLowerCase())) return k;
  const clause = head(doc, k);
  const noun = clause >= 0 && baseRel(doc.tokens[clause].deprel) === 'acl' ? head(doc, clause) : -1;
  if (noun >= 0) return noun;
  // ", who fired tear gas" read as a coordinated clause: the relative word after a comma still stands
  // for the noun just before the comma
  const comma = doc.tokens[k - 1];
  const before = doc.tokens[k - 2];
  if (doc.tokens[k].deprel === 'nsubj' && comma?.text === ',' && before && k - 2 >= 0 && before.sentence === doc.tokens[k].sentence && ['NOUN', 'PROPN'].includes(before.upos ?? before.pos)) return k - 2;
  return k;
}

export interface Subject {
  token: number;
  /** nsubj:pass or csubj:pass: the subject undergoes the act */
  passive: boolean;
  /** found on another predicate: a shared subject of coordinated verbs, or a controlling one */
  inherited: boolean;
}

/**
 * The subject of a predicate: its own nsubj/csubj; else, for a verb coordinated with an earlier
 * one, that verb's subject; for an open complement ("vowed to strike"), the subject of the verb
 * it completes; for a relative clause whose relative word is not itself a subject, none.
 */
/** A past participle conjoined to a passive verb, with no auxiliary or subject of its own: passive too. */
export function sharesPassive(doc: Doc, i: number): boolean {
  const t = doc.tokens[i];
  if (t.deprel !== 'conj' || t.xpos !== 'VBN' || children(doc, i, 'aux', 'aux:pass', 'nsubj', 'nsubj:pass').length) return false;
  const h = head(doc, i);
  return h >= 0 && children(doc, h, 'aux:pass').length > 0;
}

export function subject(doc: Doc, i: number, depth = 0): Subject | null {
  const own = children(doc, i, 'nsubj', 'csubj')[0];
  if (own !== undefined) {
    const rel = doc.tokens[own].deprel ?? '';
    const passive = rel.endsWith(':pass');
    const ante = antecedent(doc, own);
    return { token: ante, passive, inherited: ante !== own };
  }
  if (depth > 8) return null;
  const t = doc.tokens[i];
  const h = head(doc, i);
  if (h < 0) return null;
  // ("forced police to fire", "urged Israel to halt": an infinitive after its verb's object has that object as subject)
  if (t.deprel === 'xcomp' && children(doc, i, 'mark').some((k) => doc.tokens[k].lemma === 'to')) {
    const object = children(doc, h, 'obj').find((k) => k < i);
    if (object !== undefined) return { token: antecedent(doc, object), passive: children(doc, i, 'aux:pass').length > 0, inherited: true };
  }
  if (t.deprel === 'conj' || t.deprel === 'xcomp') {
    const up = subject(doc, h, depth + 1);
    if (!up) return null;
    // A passive subject is not the subject of an active conjunct or complement; a bare participle
    // joined to a passive verb shares its auxiliaries ("no civilians had been injured or killed").
    const passiveHere = children(doc, i, 'aux:pass').length > 0 || sharesPassive(doc, i);
    return { token: up.token, passive: passiveHere, inherited: true };
  }
  if (t.deprel === 'acl:relcl' || t.deprel === 'acl') {
    // "the rebels who seized the town": the relative word is the subject, its antecedent the actor
    const rel = children(doc, i, 'nsubj', 'nsubj:pass')[0];
    if (rel !== undefined) return { token: h, passive: doc.tokens[rel].deprel === 'nsubj:pass', inherited: true };
    // "the town seized by rebels" / "troops deployed in the city": a reduced relative
    // (unless the noun heads the sentence, or the participle has an object: then the parser has
    // misread a main verb, "Israeli tanks shelled Rafah", as a modifier)
    if (t.deprel === 'acl' && (t.xpos === 'VBN' || t.xpos === 'VBD')) {
      const misread = governor(doc, i) < 0 || children(doc, i, 'obj').length > 0;
      return { token: h, passive: !misread, inherited: true };
    }
  }
  return null;
}

/** Direct and indirect objects of a predicate. */
export function objects(doc: Doc, i: number): number[] {
  return children(doc, i, 'obj', 'iobj');
}

export interface Oblique {
  token: number;
  relation: string;
  /** the lemma of its case marker ("by", "against", "in"), or "" */
  caseWord: string;
}

/** Obliques of a predicate (or nominal modifiers of a noun), each with its case word. */
export function obliques(doc: Doc, i: number): Oblique[] {
  return children(doc, i, 'obl', 'nmod').map((k) => ({ token: k, relation: doc.tokens[k].deprel ?? '', caseWord: caseWord(doc, k) }));
}

/** Whether clause v is an infinitive marked by "to" ("to strike positions", "to protest against"). */
export function toInfinitive(doc: Doc, v: number): boolean {
  return children(doc, v, 'mark').some((c) => doc.tokens[c].lemma === 'to');
}

/** The case marker of a nominal: "against" in "against the rebels", "of" in "of the army". */
export function caseWord(doc: Doc, i: number): string {
  const c = children(doc, i, 'case');
  if (!c.length) return '';
  return c.map((k) => doc.tokens[k].text.toLowerCase()).join(' ');
}

const CLAUSAL = new Set(['root', 'ccomp', 'xcomp', 'advcl', 'acl', 'csubj', 'parataxis']);

/** Whether a relation attaches a clause of its own (a complement, an adverbial or relative clause, …). */
export function opensClause(rel: string | undefined): boolean {
  return CLAUSAL.has(baseRel(rel));
}

/** The head of the clause token i is in: i itself when it heads one, else the nearest such ancestor. */
export function clauseOf(doc: Doc, i: number): number {
  let k = i;
  for (let guard = 0; guard < 64 && k >= 0; guard++) {
    const t = doc.tokens[k];
    if (isPredicate(t) || CLAUSAL.has(baseRel(t.deprel)) || head(doc, k) < 0) return k;
    k = head(doc, k);
  }
  return i;
}

function isPredicate(t: Token): boolean {
  return (t.upos ?? t.pos) === 'VERB';
}

/** The verb that governs a noun: up through nominal modifiers, appositions and conjuncts. */
export function governor(doc: Doc, i: number): number {
  let k = head(doc, i);
  for (let guard = 0; guard < 64 && k >= 0; guard++) {
    if (isPredicate(doc.tokens[k])) return k;
    k = head(doc, k);
  }
  return -1;
}

/** The first and last token of the subtree of token i (its phrase). */
export function span(doc: Doc, i: number): [number, number] {
  let lo = i;
  let hi = i;
  const stack = [i];
  while (stack.length) {
    const k = stack.pop()!;
    for (const c of dependents(doc, k)) {
      if (c < lo) lo = c;
      if (c > hi) hi = c;
      stack.push(c);
    }
  }
  return [lo, hi];
}

const SPANS_OF_TIME = new Set(['second', 'minute', 'hour', 'day', 'night', 'week', 'month', 'year', 'decade', 'time']);

/**
 * "fired tear gas at protesters demanding his resignation": a bare participle right after a plural
 * noun of its own head's object or oblique describes those people even where the parser hung it on
 * the verb (in the treebank a participle right after a noun is its `acl` four times in five). Not
 * after a comma, where it is the main clause's ("..., killing three"), nor after a span of time
 * ("spent hours reading").
 */
function modifiedPlural(doc: Doc, i: number, h: number): number {
  const n = i - 1;
  const noun = doc.tokens[n];
  if (!noun || !/^NNP?S$/.test(noun.xpos ?? '') || SPANS_OF_TIME.has(noun.lemma)) return -1;
  let x = n;
  for (let hops = 0; hops < 4; hops++) {
    if (!/^(obj|obl|nmod|iobj)/.test(doc.tokens[x].deprel ?? '')) return -1;
    const up = head(doc, x);
    if (up === h) return n;
    if (up < 0) return -1;
    x = up;
  }
  return -1;
}

/** Subordinators after which a participle or infinitive clause has the main clause's subject. */
const CONTROLLED_MARKS = new Set(['to', 'since', 'after', 'before', 'while', 'when', 'in', 'by', 'without', 'of', 'for', 'at', 'on', 'upon']);

/**
 * The understood subject of a non-finite clause that has none of its own: "deployed troops to
 * fight X" and "..., killing 25 people" act through the main clause's subject; "troops fighting
 * alongside X" through the noun the participle modifies; "a plan to fire missiles" and "using
 * drones to strike" through the subject of the verb whose object (or oblique) the noun is. A
 * passive main clause gives none: its subject undergoes the act.
 */
export function controller(doc: Doc, i: number, depth = 0): Subject | null {
  const t = doc.tokens[i];
  const h = head(doc, i);
  if (h < 0 || depth > 4 || children(doc, i, 'nsubj', 'nsubj:pass', 'csubj').length) return null;
  const rel = baseRel(t.deprel);
  const marks = children(doc, i, 'mark').map((k) => doc.tokens[k].lemma);
  const participle = t.xpos === 'VBG';
  const nonFinite = participle || marks.includes('to');
  if (!nonFinite || marks.some((m) => !CONTROLLED_MARKS.has(m))) return null;
  // (after a passive, an infinitive has the passive subject: "X was forced to withdraw", "X is
  // expected to meet"; a participle has the agent, which the caller reads)
  const fromVerb = (v: number): Subject | null => {
    const s = subject(doc, v) ?? controller(doc, v, depth + 1);
    return s && (!s.passive || marks.includes('to')) ? { token: s.token, passive: false, inherited: true } : null;
  };
  const hTok = doc.tokens[h];
  if (rel === 'advcl' && participle && !marks.length) {
    const noun = modifiedPlural(doc, i, h);
    if (noun >= 0) return { token: noun, passive: false, inherited: true };
  }
  // ("urged Rwanda to pull out", "called on the United States to pressure Israel": an infinitive
  // after a verb's object, or its "on" phrase, has that as its subject)
  // (the "on" phrase also when the parse reads the infinitive as one of purpose)
  if ((rel === 'xcomp' || rel === 'advcl') && marks.includes('to')) {
    const on = children(doc, h, 'obl').find((k) => k < i && ['on', 'upon'].includes(caseWord(doc, k)) && ['call', 'urge', 'prevail'].includes(hTok.lemma));
    const object = rel === 'xcomp' ? children(doc, h, 'obj').find((k) => k < i) ?? on : on;
    if (object !== undefined) return { token: object, passive: false, inherited: true };
  }
  // ("are due to meet": the head may be an adjective)
  if (rel === 'advcl' || rel === 'xcomp') return ['VERB', 'ADJ', 'AUX'].includes(hTok.upos ?? hTok.pos) ? fromVerb(h) : null;
  if (rel !== 'acl' || t.deprel === 'acl:relcl') return null;
  // "troops fighting alongside X": the modified noun acts; after a comma, a participle on a verb's
  // object is that verb's adjunct ("launched measures, using artillery": the launcher uses it)
  if (participle && !marks.length) {
    const gov = head(doc, h);
    let p = i - 1;
    while (p > h && /^["'”’]$/.test(doc.tokens[p].text)) p--;
    // (also a noun of an "including" phrase: "attacked embassies, including those of Rwanda, accusing …")
    const listed = ['including', 'include'].includes(caseWord(doc, h)) || children(doc, h, 'case').some((c) => doc.tokens[c].lemma === 'include');
    const set = p > h && doc.tokens[p].text === ',' && (baseRel(hTok.deprel) === 'obj' || listed) && gov >= 0 && (doc.tokens[gov].upos ?? doc.tokens[gov].pos) === 'VERB';
    return (set ? fromVerb(gov) : null) ?? { token: h, passive: false, inherited: true };
  }
  // "a vote by the Council to impose", "Moscow's decision to withdraw": the noun's own agent or owner
  // ("an al-Shabaab attempt to storm", "a Russian bid to seize": or a name or nationality before it)
  const named = (k: number) => (/^\p{Lu}/u.test(doc.tokens[k].text) && ['PROPN', 'ADJ'].includes(doc.tokens[k].upos ?? doc.tokens[k].pos)) ||
    doc.mentions.some((m) => m.start <= doc.tokens[k].start && doc.tokens[k].end <= m.end);
  const owner = children(doc, h, 'nmod:poss')[0] ?? children(doc, h, 'nmod').find((k) => caseWord(doc, k) === 'by') ??
    children(doc, h, 'compound', 'amod').find((k) => k < h && named(k));
  if (owner !== undefined && marks.includes('to')) return { token: owner, passive: false, inherited: true };
  // "a plan to fire", "artillery to strike": the noun's own verb's subject
  const nounRel = baseRel(hTok.deprel);
  const gov = head(doc, h);
  if (gov >= 0 && (nounRel === 'obj' || nounRel === 'obl') && (doc.tokens[gov].upos ?? doc.tokens[gov].pos) === 'VERB') return fromVerb(gov);
  return null;
}
