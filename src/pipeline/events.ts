import type {
  ActorRef, AttributionRef, Doc, Entity, EventRecord, Mention, Modality, Sentence, TimeMention, Token,
} from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Country, Trigger } from '../model/schema.js';
import { attributionIn, PUNCT_STOP } from './attribution.js';
import { mentionsIn, tokenAt } from './doc.js';
import { groupAt, parsedArgs, phraseGroup, TYPE_PREPS, type Args, type Group } from './event-args.js';
import { children, isParsed, subject } from '../syntax/tree.js';
import { structuralModality } from './event-modality.js';
import { paragraphDay } from './times.js';

// ------------------------------------------------------------------ trigger matching

interface Step {
  /** alternatives for this token, or null for a gap ("...") */
  alts: Set<string> | null;
}

interface Compiled {
  trigger: Trigger;
  steps: Step[];
  length: number;
}

interface TriggerMatch {
  c: Compiled;
  /** token indexes of the pattern's words */
  tokens: number[];
  /** the head: first token for verb patterns, last for noun patterns */
  head: number;
  /** for a speech act: the type of the event its complement names ("agreed to resign" → RETREAT) */
  complement?: string;
}

const compiledFor = new WeakMap<Knowledge, Map<string, Compiled[]>>();

function compile(kb: Knowledge): Map<string, Compiled[]> {
  let idx = compiledFor.get(kb);
  if (idx) return idx;
  idx = new Map();
  for (const t of kb.triggers) {
    const steps: Step[] = t.pattern.trim().split(/\s+/).map((w) => (w === '...' ? { alts: null } : { alts: new Set(w.split('|')) }));
    if (!steps.length || !steps[0].alts) continue;
    const c: Compiled = { trigger: t, steps, length: steps.filter((s) => s.alts).length };
    for (const first of steps[0].alts!) {
      const list = idx.get(first) ?? [];
      list.push(c);
      idx.set(first, list);
    }
  }
  for (const list of idx.values()) list.sort((a, b) => b.length - a.length || b.trigger.confidence - a.trigger.confidence);
  compiledFor.set(kb, idx);
  return idx;
}

const formCache = new WeakMap<Token, string[]>();

/** The forms a token may match a lexicon word by: lemma, lower-case text, and a plain de-inflection. */
function forms(t: Token): string[] {
  let f = formCache.get(t);
  if (!f) {
    f = computeForms(t);
    formCache.set(t, f);
  }
  return f;
}

function computeForms(t: Token): string[] {
  const low = t.text.toLowerCase().replace(/[’]/g, "'");
  const out = [t.lemma, low];
  if (/ies$/.test(low)) out.push(low.slice(0, -3) + 'y');
  if (/s$/.test(low) && !/ss$/.test(low)) out.push(low.slice(0, -1));
  if (/es$/.test(low)) out.push(low.slice(0, -2));
  if (/ed$/.test(low)) out.push(low.slice(0, -2), low.slice(0, -1));
  if (/ing$/.test(low)) out.push(low.slice(0, -3), low.slice(0, -3) + 'e');
  if (/en$/.test(low)) out.push(low.slice(0, -1), low.slice(0, -2)); // "retaken", "beaten"
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
    for (let g = 0; g <= gap && k < end; g++, k++) {
      const t = doc.tokens[k];
      if (tokenMatches(t, step.alts)) {
        found = k;
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

function findTriggers(doc: Doc, s: Sentence, kb: Knowledge): TriggerMatch[] {
  const idx = compile(kb);
  const found: TriggerMatch[] = [];
  const used = new Set<number>();
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    if (used.has(i)) continue;
    const t = doc.tokens[i];
    const cands = new Set<Compiled>();
    for (const f of forms(t)) for (const c of idx.get(f) ?? []) cands.add(c);
    const sorted = [...cands].sort((a, b) => b.length - a.length || b.trigger.confidence - a.trigger.confidence);
    for (const c of sorted) {
      const toks = matchAt(doc, c, i, s.tokenEnd);
      if (!toks) continue;
      if (toks.some((k) => used.has(k))) continue;
      if (!constraintsHold(doc, s, c.trigger, toks)) continue;
      const head = c.trigger.pos === 'verb' ? toks[0] : toks[toks.length - 1];
      // A verb pattern must sit on a verb; a noun pattern's head must not be a verb form.
      const ht = doc.tokens[head];
      if (c.trigger.pos === 'verb' && !isVerbLike(doc, head, s)) continue;
      if (c.trigger.pos === 'noun' && (ht.pos === 'VERB' && !/s$/.test(ht.text)) && !s.headline) continue;
      for (const k of toks) used.add(k);
      found.push({ c, tokens: toks, head });
      break;
    }
  }
  return found;
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
  // "..., warning that Paris would respond": an -ing word after a comma that opens a "that" clause
  // is a participle, whatever the tagger says.
  if (/ing$/.test(t.text) && before?.text === ',' && nextTok?.lemma === 'that' && i + 1 < s.tokenEnd) return true;
  // Title-case headlines tag everything PROPN; the tagger also calls some past participles ADJ.
  if (s.headline && (t.pos === 'PROPN' || t.pos === 'NOUN')) return true;
  if (t.pos === 'ADJ' && /ed$/.test(t.text)) return true;
  const prev = doc.tokens[i - 1];
  if (prev && i - 1 >= s.tokenStart && (prev.pos === 'AUX' || prev.lemma === 'to' || prev.pos === 'PART') && t.pos !== 'ADP') return true;
  return false;
}

const sentenceForms = new WeakMap<Sentence, Set<string>>();

function constraintsHold(doc: Doc, s: Sentence, t: Trigger, toks: number[]): boolean {
  let lemmas = sentenceForms.get(s);
  if (!lemmas) {
    lemmas = new Set<string>();
    for (let k = s.tokenStart; k < s.tokenEnd; k++) for (const f of forms(doc.tokens[k])) lemmas.add(f);
    sentenceForms.set(s, lemmas);
  }
  if (t.requires?.length && !t.requires.some((r) => lemmas.has(r))) return false;
  if (t.blocks?.length) {
    const lo = Math.max(s.tokenStart, toks[0] - 3);
    const hi = Math.min(s.tokenEnd, toks[toks.length - 1] + 4);
    for (let k = lo; k < hi; k++) if (t.blocks.some((b) => forms(doc.tokens[k]).includes(b))) return false;
  }
  return true;
}

// ------------------------------------------------------------------ actor groups

function tokenIndexAt(doc: Doc, s: Sentence, offset: number): number {
  for (let k = s.tokenStart; k < s.tokenEnd; k++) if (doc.tokens[k].end > offset) return k;
  return s.tokenEnd - 1;
}

const TITLE_WORDS = new Set(['president', 'minister', 'prime', 'foreign', 'defence', 'defense', 'secretary', 'leader', 'chancellor', 'king', 'emir', 'general', 'envoy', 'ambassador', 'spokesman', 'spokeswoman', 'chief', 'commander', 'state', 'of', 'deputy', 'vice', 'crown', 'prince', 'supreme']);

/**
 * Mentions in a sentence gathered into coordinated groups: "Russia, Iran, Turkey and Qatar",
 * "President Emmanuel Macron and German Chancellor Olaf Scholz". A demonym or country that
 * only modifies a following person or organisation ("German Chancellor Olaf Scholz",
 * "Iran's state-run IRNA") is folded into it.
 */
function groupsIn(doc: Doc, s: Sentence): Group[] {
  const ms = mentionsIn(doc, s.index);
  const items: { m: Mention; from: number; to: number }[] = ms.map((m) => ({ m, from: tokenIndexAt(doc, s, m.start), to: tokenIndexAt(doc, s, m.end - 1) }));
  // Drop modifiers absorbed by the next mention.
  const kept: typeof items = [];
  for (let n = 0; n < items.length; n++) {
    const cur = items[n];
    const nxt = items[n + 1];
    if (nxt) {
      const between = doc.tokens.slice(cur.to + 1, nxt.from);
      const onlyTitles = between.every((t) => TITLE_WORDS.has(t.text.toLowerCase()) || t.text === "'s" || t.text === '’s' || t.pos === 'ADJ' || t.text === '-' || t.lemma === 'state' || t.lemma === 'run' || t.lemma === 'news' || t.lemma === 'agency');
      const modifier = cur.m.via === 'demonym' || between.some((t) => t.text === "'s" || t.text === '’s') || (between.length > 0 && between.every((t) => TITLE_WORDS.has(t.text.toLowerCase()) || t.text === '-'));
      const nextIsSpecific = entityOf(doc, nxt.m)?.kind !== 'country';
      if (modifier && onlyTitles && nextIsSpecific && !between.some((t) => t.text === ',' || t.lemma === 'and')) {
        // The absorbed modifier's words now belong to the next mention's phrase.
        nxt.from = cur.from;
        continue;
      }
    }
    kept.push(cur);
  }
  const groups: Group[] = [];
  for (const it of kept) {
    const g = groups[groups.length - 1];
    if (g) {
      const between = doc.tokens.slice(g.to + 1, it.from);
      const coord = between.length > 0 && between.length <= 6 && between.some((t) => t.text === ',' || t.lemma === 'and' || t.lemma === 'or') &&
        between.every((t) => t.text === ',' || t.lemma === 'and' || t.lemma === 'or' || t.pos === 'DET' || TITLE_WORDS.has(t.text.toLowerCase()) || t.pos === 'ADJ' || (t.pos === 'PROPN' && /^[A-Z]/.test(t.text)));
      if (coord || between.length === 0) {
        g.mentions.push(it.m);
        g.to = it.to;
        continue;
      }
    }
    groups.push({ mentions: [it.m], from: it.from, to: it.to });
  }
  return groups;
}

function entityOf(doc: Doc, m: Mention): Entity | undefined {
  return doc.entities.get(m.entityId);
}

function refs(doc: Doc, g: Group | null | undefined): ActorRef[] {
  if (!g) return [];
  const out: ActorRef[] = [];
  for (const m of g.mentions) {
    const e = entityOf(doc, m);
    if (!e || e.kind === 'media' || out.some((o) => o.id === e.id)) continue;
    out.push({ id: e.id, name: e.name, iso3: e.iso3, kind: e.kind, cameo: e.cameo });
    // A person acting for an organisation: the organisation acts too (PLOVER codes the UN, not Guterres).
    const org = e.kind === 'person' && e.parent ? doc.entities.get(e.parent) : undefined;
    if (org && !out.some((o) => o.id === org.id)) out.push({ id: org.id, name: org.name, iso3: org.iso3, kind: org.kind, cameo: org.cameo });
  }
  return out;
}

// ------------------------------------------------------------------ clauses and cues

const CLAUSE_BREAK = new Set([';', ':', '—']);

/** The token range of the clause around token i: it stops at semicolons, and at "according to". */
const SUBORDINATORS = new Set(['after', 'before', 'when', 'while', 'because', 'since', 'as', 'although', 'though', 'once', 'until', 'whereas', 'if', 'unless']);

const REL = new Set(['which', 'who', 'whom', 'where', 'whose']);

/**
 * The token range of the clause around token i. It ends at semicolons and dashes, at "according
 * to", and at a relative clause after a comma (", which ..."); a trigger inside a relative clause
 * ("..., which cites coverage of talks between X and Y") starts its clause at the pronoun.
 */
function clauseOf(doc: Doc, s: Sentence, i: number): [number, number] {
  const toks = doc.tokens;
  let a = i;
  let comma = false;
  while (a > s.tokenStart && !CLAUSE_BREAK.has(toks[a - 1].text)) {
    const t = toks[a - 1];
    if (t.text === ',') comma = true;
    if (REL.has(t.lemma) && !comma && a - 1 > s.tokenStart && toks[a - 2].text === ',') {
      a--;
      break;
    }
    a--;
  }
  let b = i;
  while (b < s.tokenEnd - 1 && !CLAUSE_BREAK.has(toks[b + 1].text)) {
    const n1 = toks[b + 1], n2 = toks[b + 2];
    if (n1.lemma === 'accord' && n2?.lemma === 'to') break;
    if (n1.text === ',' && n2 && (REL.has(n2.lemma) || (n2.lemma === 'accord' && toks[b + 3]?.lemma === 'to'))) break;
    // ", a 26-year-old blogger whose ...": an apposition that opens a relative clause
    if (n1.text === ',' && n2 && n2.pos === 'DET') {
      let q = b + 3;
      while (q < s.tokenEnd && q < b + 10 && toks[q].text !== ',' && !REL.has(toks[q].lemma)) q++;
      if (q < s.tokenEnd && REL.has(toks[q].lemma)) break;
    }
    b++;
  }
  return [a, b];
}

const POSSIBLE = new Set(['could', 'may', 'might', 'possible', 'possibly', 'eye', 'consider', 'mull', 'weigh', 'reportedly', 'likely', 'perhaps', 'potential', 'expect', 'explore']);
const PLANNED = new Set(['will', 'would', 'shall', 'plan', 'schedule', 'due', 'set', 'intend', 'prepare', 'upcoming', "'ll", 'to be', 'decide', 'decision', 'pledge', 'promise', 'vow', 'aim', 'seek', 'agree', 'offer', 'propose', 'ready', 'willing']);
const NEGATION = new Set(['not', "n't", 'never', 'no', 'deny', 'denied', 'refute', 'reject', 'dismiss', 'fail', 'failed']);

const ACHIEVED = new Set(['begin', 'start', 'continue', 'manage', 'resume', 'go', 'used', 'try', 'attempt', 'seem', 'appear']);

/** The verb a noun trigger depends on: the light verb before it ("open talks", "launch an attack"). */
function lightOrGoverning(doc: Doc, i: number, clause: [number, number]): number {
  for (let k = i - 1; k >= Math.max(clause[0], i - 8); k--) {
    const t = doc.tokens[k];
    // "M23-led", "Iran-backed" are modifiers, not the governing verb.
    if (t.pos === 'VERB' && doc.tokens[k - 1]?.text !== '-') return k;
    if (!(t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'NUM' || t.pos === 'PROPN' || t.pos === 'VERB' || t.text === '-')) return -1;
  }
  return -1;
}

function modalityOf(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number], hasFutureTime: boolean): Modality {
  const head = m.tokens[0];
  // Look back from the trigger to the start of its clause, at most eight tokens.
  const lo = Math.max(clause[0], head - 8);
  let modality: Modality = 'asserted';
  for (let k = head - 1; k >= lo; k--) {
    const t = doc.tokens[k];
    const low = t.text.toLowerCase();
    if (t.text === ',' && k < head - 3) break;
    // "denied shelling ... and accused": a coordinated verb does not inherit the denial
    if ((t.lemma === 'and' || t.lemma === 'but') && doc.tokens.slice(k + 1, head).every((x) => x.pos === 'ADV' || x.pos === 'AUX')) break;
    if (NEGATION.has(low) || NEGATION.has(t.lemma)) {
      // "denied shelling" and "did not attack" are denials; "no sooner" is not worth the risk.
      if (low !== 'no' || t.pos === 'DET') return 'denied';
    }
    if (POSSIBLE.has(low) || POSSIBLE.has(t.lemma)) modality = 'possible';
    else if (modality === 'asserted' && (PLANNED.has(low) || PLANNED.has(t.lemma))) modality = 'planned';
  }
  // Noun triggers: "the talks could take place", "an attack is expected"
  if (m.c.trigger.pos === 'noun') {
    // "Any Russian attack on Ukraine would ...": a hypothetical event
    for (let k = m.tokens[0] - 1; k >= Math.max(clause[0], m.tokens[0] - 4); k--) {
      const w = doc.tokens[k].text.toLowerCase();
      if (w === 'any' || w === 'possible' || w === 'potential' || w === 'future') return 'possible';
      if (doc.tokens[k].pos === 'VERB') break;
    }
    for (let k = m.head + 1; k <= Math.min(clause[1], m.head + 4); k++) {
      const t = doc.tokens[k];
      const low = t.text.toLowerCase();
      if (POSSIBLE.has(low)) modality = 'possible';
      else if (modality === 'asserted' && (low === 'will' || t.lemma === 'schedule' || low === 'due')) modality = 'planned';
      if (t.pos === 'VERB' && t.lemma !== 'take' && t.lemma !== 'be') break;
    }
  }
  if (modality === 'asserted' && hasFutureTime) modality = 'planned';
  // An infinitive complement is not yet done: "agreed to exchange prisoners", "a decision to open talks".
  if (modality === 'asserted') {
    const v = m.c.trigger.pos === 'verb' ? head : lightOrGoverning(doc, m.tokens[0], clause);
    const to = v > clause[0] ? doc.tokens[v - 1] : null;
    if (to && to.lemma === 'to' && to.pos === 'PART') {
      const gov = doc.tokens[v - 2];
      // "began to shell", "continued to attack", "managed to seize" report the act itself.
      if (!gov || !ACHIEVED.has(gov.lemma)) modality = 'planned';
    }
  }
  if (s.headline) {
    const text = doc.text.slice(s.start, s.end);
    // Headlines that hedge ("– Reports", "Eye", "Mull") assert nothing.
    if (/[–—-]\s*(reports?|sources?|media)\s*$/i.test(text) || /\b(eye|eyes|mull|mulls|weigh|weighs|consider|considers)\b/i.test(text)) {
      modality = 'possible';
    }
  }
  return modality;
}

/** "reservists to fight in Ukraine": an infinitive of purpose after a noun is no event of its own. */
function isPurposeInfinitive(doc: Doc, m: TriggerMatch, clause: [number, number]): boolean {
  if (m.c.trigger.pos !== 'verb') return false;
  const v = m.tokens[0];
  const to = doc.tokens[v - 1];
  const noun = doc.tokens[v - 2];
  if (!to || to.lemma !== 'to' || v - 2 < clause[0] || !noun) return false;
  // "deployed forces to the Sahel in 2013 to fight insurgents": after a noun, a name or a number the
  // infinitive gives a purpose.
  return (noun.pos === 'NOUN' || noun.pos === 'PROPN' || noun.pos === 'NUM') && !INTENT_NOUNS.has(noun.lemma);
}

const INTENT_NOUNS = new Set(['vote', 'resolution', 'motion', 'decision', 'plan', 'agreement', 'deal', 'pledge', 'promise', 'order', 'bid', 'attempt', 'threat', 'call', 'offer', 'proposal', 'move', 'effort', 'right', 'vow', 'intention', 'readiness', 'willingness', 'request', 'demand', 'ultimatum']);


// ------------------------------------------------------------------ arguments

/** Prepositions that give an act its reason or occasion: "following a request", "at the request of". */
const REASON_PREPS = new Set(['following', 'after', 'at', 'upon', 'on']);

const LIGHT_VERBS = new Set(['hold', 'conduct', 'launch', 'carry', 'begin', 'start', 'have', 'make', 'stage', 'mount', 'continue', 'resume', 'issue', 'impose', 'sign', 'reach', 'express', 'announce', 'order', 'step', 'intensify', 'escalate', 'lead', 'join', 'open', 'deliver', 'send', 'provide', 'offer', 'pledge', 'commit', 'call']);

function groupBefore(groups: Group[], i: number, lo: number): Group | null {
  let best: Group | null = null;
  for (const g of groups) if (g.to < i && g.from >= lo) best = g;
  return best;
}

function findArgs(doc: Doc, s: Sentence, m: TriggerMatch, groups: Group[], clause: [number, number]): Args {
  const toks = doc.tokens;
  const t = m.c.trigger;
  const first = m.tokens[0];
  const last = m.tokens[m.tokens.length - 1];
  let source: Group | null = null;
  let target: Group | null = null;
  let passive = false;
  // Target: an actor after the trigger, directly (object) or after one of the trigger's prepositions.
  // The trigger's own prepositions, plus the ones every event of its type takes.
  const preps = new Set([...t.target.filter((x) => x !== 'obj'), ...(TYPE_PREPS[t.type] ?? [])]);
  const wantsObj = t.target.includes('obj') || t.target.length === 0;
  if (t.pos === 'verb' && last > first) {
    // An actor inside a gapped pattern is its object: "recognised a Palestinian state", "imposed sanctions on".
    const inside = groups.find((g) => g.from > first && g.to < last);
    if (inside) target = inside;
  }
  if (t.pos === 'noun' && last > first) {
    // "the expulsion of two Russian diplomats": an actor in the "of" phrase inside the pattern undergoes it
    const inside = groups.find((g) => {
      if (g.from <= first || g.to >= last) return false;
      let q = g.from - 1;
      while (q > first && (toks[q].pos === 'DET' || toks[q].pos === 'NUM' || toks[q].pos === 'ADJ')) q--;
      return toks[q].lemma === 'of';
    });
    if (inside) target = inside;
  }
  for (let k = last + 1; !target && k <= Math.min(clause[1], last + 8); k++) {
    const tk = toks[k];
    const g = groupAt(groups, k);
    if (g) {
      // The word before the phrase, skipping its determiners and modifiers ("for the Maduro government").
      let pi = g.from - 1;
      while (pi > last && (toks[pi].pos === 'DET' || toks[pi].pos === 'ADJ' || toks[pi].pos === 'NUM')) pi--;
      const prev = toks[pi];
      // "from the control of President Nicolás Maduro's government": the preposition may stand a few words back.
      let viaPrep = !!prev && preps.has(prev.lemma);
      const blockedPrep = !!prev && prev.pos === 'ADP' && !viaPrep && prev.lemma !== 'of';
      for (let q = pi - 1; !viaPrep && !blockedPrep && q > last && q >= g.from - 6; q--) {
        const w = toks[q];
        if (w.pos === 'VERB' || w.text === ',') break;
        if (preps.has(w.lemma) && w.pos === 'ADP') viaPrep = true;
        else if (w.pos === 'ADP' && w.lemma !== 'of') break;
      }
      // "killed one U.S. soldier", "assassinate outgoing Prime Minister Iyad Allawi"
      // ("killed approximately 30 al-Shabaab fighters": an adverb of degree before a number belongs to
      // it, and a name's hyphenated prefix to the name)
      const direct = g.from === last + 1 || (g.from <= last + 5 && toks.slice(last + 1, g.from).every((x, i, xs) => x.pos === 'DET' || x.pos === 'ADJ' || x.pos === 'NUM' || (x.pos === 'ADV' && xs[i + 1]?.pos === 'NUM') || x.text === '-' || (xs[i + 1]?.text === '-' && i + 2 === xs.length) || x.text === '“' || x.text === '"' || TITLE_WORDS.has(x.text.toLowerCase())));
      if (viaPrep || (wantsObj && direct && t.pos === 'verb')) {
        target = g;
        break;
      }
      if (prev?.lemma === 'by' && t.pos === 'noun') {
        source = g;
        continue;
      }
    }
    if (tk.pos === 'VERB' && k > last + 1 && !(tk.pos === 'VERB' && preps.has(tk.lemma))) break;
    if (tk.text === ';') break;
  }
  if (t.pos === 'verb') {
    // Passive: "was seized by HTS", "were arrested by police"
    const aux = toks[first - 1];
    const isPassive = aux && (aux.lemma === 'be' || aux.lemma === 'get') && /(ed|en|wn|n)$/.test(toks[first].text);
    if (isPassive) {
      for (let k = last + 1; k <= Math.min(clause[1], last + 6); k++) {
        if (toks[k].lemma === 'by') {
          const g = groupAt(groups, k + 1) ?? groupAt(groups, k + 2);
          if (g) {
            source = g;
            passive = true;
          }
          break;
        }
      }
      const subj = groupBefore(groups, first, clause[0]);
      if (passive || subj) {
        target = subj;
        passive = true;
      }
    } else {
      source = subjectOf(doc, s, first, groups, clause);
      // "a vote by the U.N. Security Council to impose sanctions": the agent of the noun acts.
      if (toks[first - 1]?.lemma === 'to') {
        const g = groups.find((x) => x.to === first - 2 && toks[x.from - 1]?.lemma === 'by') ?? groups.find((x) => x.to < first - 1 && x.to >= first - 4 && toks[x.from - 1]?.lemma === 'by');
        if (g) source = g;
      }
    }
  } else {
    // Noun trigger: a modifier before it ("Israeli air strikes", "the M23-led offensive", "Russia's offensive")
    const lo = Math.max(clause[0], first - 4);
    for (let k = first - 1; k >= lo; k--) {
      const g = groupAt(groups, k);
      if (g) {
        source = g;
        break;
      }
      const tk = toks[k];
      if (!(tk.pos === 'ADJ' || tk.pos === 'NOUN' || tk.pos === 'PROPN' || tk.text === '-' || tk.lemma === 'lead' || tk.lemma === 'back' || tk.text === "'s" || tk.pos === 'NUM' || tk.pos === 'VERB' && /ed$/.test(tk.text))) break;
    }
    // "an emergency meeting of Caribbean Community leaders": the actors in an "of" phrase take part.
    if (!source && toks[last + 1]?.lemma === 'of' && t.type !== 'ASSAULT' && t.type !== 'COERCE') {
      const g = groupAt(groups, last + 2) ?? groupAt(groups, last + 3);
      if (g) source = g;
    }
    // "during his visit to Israel": a possessive pronoun stands for the nearest fitting actor before it.
    if (!source) {
      let k = first - 1;
      while (k > s.tokenStart && (toks[k].pos === 'ADJ' || toks[k].pos === 'NOUN' || toks[k].text === '-')) k--;
      const pro = toks[k]?.text.toLowerCase();
      if (pro === 'his' || pro === 'her' || pro === 'their' || pro === 'its') {
        const before = groups.filter((g) => g.to < k);
        const person = (g: Group) => g.mentions.some((mm) => doc.entities.get(mm.entityId)?.kind === 'person');
        const pick = pro === 'his' || pro === 'her' ? [...before].reverse().find(person) : before[before.length - 1];
        if (pick) source = pick;
      }
    }
    // "talks between X and Y"
    if (!source) {
      const prep = toks[last + 1];
      if (prep?.lemma === 'between' || (prep?.lemma === 'among' && t.type === 'CONSULT')) {
        const g = groupAt(groups, last + 2) ?? groupAt(groups, last + 3) ?? groupAt(groups, last + 4);
        if (g && g.mentions.length >= 2) {
          const [a, ...rest] = g.mentions;
          source = { mentions: [a], from: g.from, to: g.from };
          target = { mentions: rest, from: g.from, to: g.to };
        }
      }
    }
    // Light verb or prepositional use: "X launched an offensive", "X slammed ... in a call with Y"
    if (!source) {
      const lv = lightVerbBefore(doc, s, first, clause);
      if (lv >= 0) source = subjectOf(doc, s, lv, groups, clause);
      else {
        const prev = toks[first - 1];
        const prev2 = toks[first - 2];
        if ((prev && ['in', 'during', 'after', 'at'].includes(prev.lemma)) || (prev2 && ['in', 'during', 'after', 'at'].includes(prev2.lemma) && prev.pos === 'DET')) {
          const v = mainVerbBefore(doc, s, first, clause);
          if (v >= 0) source = subjectOf(doc, s, v, groups, clause);
          else if (!isDefiniteReference(doc, s, m)) {
            // A fronted phrase: "In a phone call with X on Sunday, Y discussed ..." — Y is the source.
            // "After the meeting, Y said" refers back to a meeting told before: it has no source of its own.
            let comma = last + 1;
            while (comma <= clause[1] && toks[comma].text !== ',') comma++;
            let verb = comma + 1;
            while (verb <= clause[1] && toks[verb].pos !== 'VERB') verb++;
            if (verb <= clause[1]) source = groups.find((g) => g.from > comma && g.to < verb) ?? null;
          }
        }
      }
    }
  }
  // "Poland expelled 45 Russian diplomats, accusing them of spying": a pronoun object stands for the
  // last actor before the trigger other than the source.
  if (!target && t.pos === 'verb' && ['them', 'him', 'her', 'it'].includes(toks[last + 1]?.text.toLowerCase() ?? '')) {
    const before = groups.filter((g) => g.to < first && g !== source);
    const g = before[before.length - 1];
    // "a meeting of the Council on the strikes, while Iran condemned them": a definite noun phrase
    // of its own after the actor is the nearer antecedent; the pronoun then stands for an event.
    const nearerNoun = g && toks.slice(g.to + 2, first).some((x, i, xs) => x.pos === 'NOUN' && xs[i - 1]?.pos === 'DET' && !groupAt(groups, g.to + 2 + i));
    if (g && !nearerNoun) target = g;
  }
  // "threatened to shoot down U.S. aircraft", "urged Israel to ...": a speech act without an object of
  // its own takes the first actor of its complement.
  // A speech noun with its own "that" clause ("his warning that X would face ...") reads the same way.
  // (the tagger may call that "that" a pronoun; a relative "that" is followed by its verb instead)
  const nounClause = t.pos === 'noun' && toks[last + 1]?.lemma === 'that' && last + 2 <= clause[1] && !['VERB', 'AUX'].includes(toks[last + 2].pos);
  if (!target && (t.pos === 'verb' || nounClause) && ['THREATEN', 'REQUEST', 'REJECT', 'AGREE', 'ACCUSE'].includes(t.type)) {
    // "the minister warned that Paris would respond": a state speaking of itself is no target of its threat
    const state = (e: Entity | undefined) => !!e?.iso3 && (e.kind === 'country' || e.kind === 'government' || /GOV$/.test(e.cameo ?? ''));
    const home = new Set((source?.mentions ?? []).map((x) => entityOf(doc, x)).filter(state).map((e) => e!.iso3));
    for (let k = last + 1; k <= Math.min(clause[1], last + 10); k++) {
      const g = groupAt(groups, k);
      if (g && g !== source && home.size && g.mentions.every((x) => state(entityOf(doc, x)) && home.has(entityOf(doc, x)!.iso3))) break;
      if (g && g !== source) {
        target = g;
        break;
      }
      if (toks[k].text === ',' || REL.has(toks[k].lemma)) break;
      // "condemned the launch as a violation of Council resolutions": what the act is called is no target
      if (toks[k].lemma === 'as' && (toks[k].pos === 'ADP' || toks[k].pos === 'SCONJ')) break;
    }
  }
  // "Kyiv said tanks had crossed the border, a claim Moscow rejected": a reaction in an apposition to
  // the sentence answers whoever made the claim, the main clause's subject.
  if (!target && source && t.pos === 'verb' && REACTION_TYPES.has(t.type)) {
    const n = source.from - 1;
    if (toks[n]?.pos === 'NOUN' && toks[n - 1]?.pos === 'DET' && toks[n - 2]?.text === ',' && n - 2 > s.tokenStart) {
      let v = s.tokenStart;
      while (v < n - 2 && toks[v].pos !== 'VERB') v++;
      const claimant = v < n - 2 ? subjectOf(doc, s, v, groups, [s.tokenStart, v]) : null;
      if (claimant && claimant !== source) target = claimant;
    }
  }
  // "X allowed the deliveries following a request by Y", "X flew aid in at Y's request": a request
  // named only as the reason of an act was addressed to whoever acted on it.
  if (!target && t.pos === 'noun' && t.type === 'REQUEST') {
    let k = first - 1;
    while (k > clause[0] && first - k <= 5 && (toks[k].pos === 'DET' || toks[k].pos === 'ADJ' || toks[k].pos === 'PROPN' || toks[k].pos === 'PART' || toks[k].text === "'s" || toks[k].text === '’s')) k--;
    if (REASON_PREPS.has(toks[k].lemma) || REASON_PREPS.has(toks[k].text.toLowerCase())) {
      const v = mainVerbBefore(doc, s, k, clause);
      const subj = v >= 0 ? subjectOf(doc, s, v, groups, [clause[0], v]) : null;
      if (subj && subj !== source) target = subj;
    }
  }
  // "threatened to stop the talks if the United States deploys missiles": the threat is aimed at whoever
  // the condition asks to act or refrain.
  if (!target && t.type === 'THREATEN') {
    for (let k = last + 1; k < clause[1]; k++) {
      if (toks[k].lemma !== 'if' && toks[k].lemma !== 'unless') continue;
      const g = groupAt(groups, k + 1) ?? (toks[k + 1]?.pos === 'DET' ? groupAt(groups, k + 2) : null);
      const own = g && source && g.mentions.every((x) => source!.mentions.some((y) => entityOf(doc, y)?.iso3 && entityOf(doc, y)?.iso3 === entityOf(doc, x)?.iso3));
      if (g && g !== source && !own) target = g;
      break;
    }
  }
  // "Saudi Arabia hosted talks between X and Y": the participants consult; the host is a third party.
  if (t.type === 'CONSULT' && t.pos === 'verb' && t.mode === 'third-party') {
    for (let k = last + 1; k <= Math.min(clause[1], last + 3); k++) {
      if (toks[k].lemma !== 'between') continue;
      const g = groupAt(groups, k + 1) ?? groupAt(groups, k + 2);
      if (g && g.mentions.length >= 2) {
        source = { mentions: [g.mentions[0]], from: g.from, to: g.from };
        target = { mentions: g.mentions.slice(1), from: g.from, to: g.to };
      }
    }
  }
  if (source && target && source === target) target = null;
  return { source, target, passive };
}

const SPEECH_TARGET_TYPES = new Set(['THREATEN', 'REQUEST', 'REJECT', 'AGREE', 'ACCUSE']);
const OBJECT_PRONOUNS = new Set(['them', 'him', 'her', 'it']);

/** The pattern word that heads the others in the parse ("expulsion" in "expulsion of diplomats"). */
function syntacticHead(doc: Doc, m: TriggerMatch): number {
  if (m.tokens.length === 1) return m.tokens[0];
  return m.tokens.find((k) => !m.tokens.includes(doc.tokens[k].head ?? -1)) ?? m.head;
}

/** Arguments from the parse, plus what the relations alone do not say (see event-args.ts). */
function argsFromParse(doc: Doc, s: Sentence, m: TriggerMatch, groups: Group[]): Args {
  const t = m.c.trigger;
  const h = syntacticHead(doc, m);
  const args = parsedArgs(doc, groups, t, m.tokens, h);
  const toks = doc.tokens;
  const sameState = (g: Group) => {
    const home = new Set((args.source?.mentions ?? []).map((x) => entityOf(doc, x)).filter((e) => e?.iso3 && (e.kind === 'country' || e.kind === 'government' || /GOV$/.test(e.cameo ?? ''))).map((e) => e!.iso3));
    return home.size > 0 && g.mentions.every((x) => home.has(entityOf(doc, x)?.iso3 ?? null));
  };
  if (!args.target && t.pos === 'verb') {
    // "expelled 45 diplomats, accusing them of spying": a pronoun object stands for the last actor
    // named before the trigger other than the source.
    const pro = children(doc, h, 'obj').find((k) => OBJECT_PRONOUNS.has(toks[k].text.toLowerCase()));
    if (pro !== undefined) {
      const before = groups.filter((g) => g.to < m.tokens[0] && g !== args.source);
      const g = before[before.length - 1];
      // "a meeting on the strikes, while Iran condemned them": a definite noun phrase of its own
      // after the actor is the nearer antecedent; the pronoun then stands for an event.
      const nearerNoun = g && toks.slice(g.to + 2, m.tokens[0]).some((x, i, xs) => x.pos === 'NOUN' && xs[i - 1]?.pos === 'DET' && !groups.some((o) => o.from <= g.to + 2 + i && g.to + 2 + i <= o.to));
      if (g && !nearerNoun) args.target = g;
    }
  }
  if (!args.target && SPEECH_TARGET_TYPES.has(t.type)) {
    // "threatened to shoot down U.S. aircraft", "warned that X would pay": a speech act with no
    // object of its own is aimed at the first actor of its complement, unless that is the speaker's own state.
    for (const c of children(doc, h, 'xcomp', 'ccomp', 'acl')) {
      const subj = subject(doc, c);
      const cands = [...(subj && !subj.inherited ? [subj.token] : []), ...children(doc, c, 'obj', 'iobj'), ...children(doc, c, 'obl')];
      for (const k of cands) {
        const g = phraseGroup(doc, groups, k);
        if (g && g !== args.source && !sameState(g)) {
          args.target = g;
          break;
        }
      }
      if (args.target) break;
    }
  }
  if (!args.target && t.type === 'THREATEN') {
    // "threatened to stop the talks if the United States deploys missiles": aimed at whoever the
    // condition asks to act or refrain.
    const conds = [h, ...children(doc, h, 'xcomp', 'ccomp')].flatMap((k) => children(doc, k, 'advcl'))
      .filter((c) => children(doc, c, 'mark').some((mk) => ['if', 'unless'].includes(toks[mk].lemma)));
    for (const c of conds) {
      const subj = subject(doc, c);
      const g = subj ? phraseGroup(doc, groups, subj.token) : null;
      if (g && g !== args.source && !sameState(g)) args.target = g;
    }
  }
  if (process.env.EVENTWIRE_DEBUG) process.stderr.write(`args ${toks[h].text}: ${toks.slice(s.tokenStart, s.tokenEnd).map((x) => `${x.text}/${x.deprel}>${x.head! >= 0 ? toks[x.head!].text : 'ROOT'}`).join(' ')}\n`);
  return args;
}

function lightVerbBefore(doc: Doc, s: Sentence, i: number, clause: [number, number]): number {
  for (let k = i - 1; k >= Math.max(clause[0], i - 5); k--) {
    const t = doc.tokens[k];
    if (t.pos === 'VERB' && LIGHT_VERBS.has(t.lemma)) return k;
    if (t.pos === 'VERB' || t.text === ',') return -1;
  }
  return -1;
}

function mainVerbBefore(doc: Doc, s: Sentence, i: number, clause: [number, number]): number {
  for (let k = i - 1; k >= clause[0]; k--) if (doc.tokens[k].pos === 'VERB') return k;
  return -1;
}

/** The subject of the verb at token v: the nearest actor group before it in its clause, skipping appositions and relative clauses. */
function subjectOf(doc: Doc, s: Sentence, v: number, groups: Group[], clause: [number, number]): Group | null {
  const toks = doc.tokens;
  // Coordinated verbs share the subject: "X condemned the attack and called for ..."
  let lo = clause[0];
  // A participle clause ("..., with the EU condemning Russia") takes its own subject after "with".
  for (let k = v - 1; k >= clause[0]; k--) {
    if (toks[k].lemma === 'with' && /ing$/.test(toks[v].text)) {
      lo = k;
      break;
    }
    if (toks[k].lemma === 'which' || toks[k].lemma === 'who') {
      // "X, which cites ..." — the relative pronoun stands for the phrase right before it; when that
      // phrase is no actor ("guerrillas who overran it"), the verb has no known subject.
      if (k === v - 1) {
        const g = groupBefore(groups, k, s.tokenStart);
        const gap = g ? toks.slice(g.to + 1, k).filter((x) => x.text !== ',') : [];
        return g && gap.length === 0 ? g : null;
      }
      break;
    }
  }
  // "vowed to make X pay", "began to shell": an infinitive right after a verb has that verb's subject.
  if (toks[v - 1]?.lemma === 'to' && toks[v - 1].pos === 'PART' && v - 2 > lo && toks[v - 2].pos === 'VERB' && toks[v - 3]?.text !== '-') {
    return subjectOf(doc, s, v - 2, groups, clause);
  }
  // "X denied shelling ... and accused Y", "Poland expelled diplomats, accusing them ...": a verb
  // coordinated with an earlier one, or a participle after a comma, shares the earlier verb's subject.
  {
    let k = v - 1;
    while (k > lo && (toks[k].pos === 'ADV' || toks[k].pos === 'AUX')) k--;
    const joiner = toks[k];
    const participle = /ing$/.test(toks[v].text) && joiner?.text === ',';
    if (joiner && (joiner.lemma === 'and' || participle) && k > lo) {
      const isVerb = (u: number) => toks[u].pos === 'VERB' && toks[u - 1]?.text !== '-' && !/ing$/.test(toks[u].text) || toks[u].pos === 'VERB' && participle;
      // "warned that ... if a war broke out, and threatened X": after ", and" the verb joins the clause's
      // main verb, not one inside a "that" or "if" clause before it.
      const subordinate = (u: number) => {
        for (let q = u - 1; q >= lo && toks[q].text !== ','; q--) if (toks[q].pos === 'SCONJ') return true;
        return false;
      };
      const afterComma = toks[k - 1]?.text === ',';
      let u = k - 1;
      while (u >= lo && !(isVerb(u) && !(afterComma && joiner.lemma === 'and' && subordinate(u) && toks.slice(lo, u).some((x, i) => isVerb(lo + i))))) u--;
      if (u >= lo && u < k) {
        // The coordinated verb shares the first verb's subject, even when that one is no actor
        // ("A roadside bombing killed one soldier and wounded two others").
        return subjectOf(doc, s, u, groups, [lo, u]);
      }
    }
  }
  // A verb inside a subordinate clause ("..., after the authorities in Minsk forced ...") takes its
  // subject from that clause.
  for (let k = v - 1; k > lo; k--) {
    const t = toks[k];
    // ("known as", "described as", "such as" introduce names, not clauses)
    const asName = t.lemma === 'as' && (toks[k - 1]?.pos === 'VERB' || toks[k - 1]?.lemma === 'such');
    if (!asName && SUBORDINATORS.has(t.lemma) && (t.pos === 'SCONJ' || t.pos === 'ADP') && toks.slice(k + 1, v).some((x) => x.pos === 'NOUN' || x.pos === 'PROPN' || x.pos === 'PRON')) {
      lo = k;
      break;
    }
  }
  // ", who visited the Egyptian side of the crossing on Friday," is an aside: its actors are not the
  // subject of the verb after it.
  const asides: [number, number][] = [];
  for (let k = lo; k < v; k++) {
    if (toks[k].text === ',' && REL.has(toks[k + 1]?.lemma ?? '')) {
      let e = k + 2;
      while (e < v && toks[e].text !== ',') e++;
      if (e < v) asides.push([k, e]);
    }
  }
  let best: Group | null = null;
  let fallback: Group | null = null;
  for (const g of groups) {
    if (g.to >= v || g.from < lo) continue;
    if (asides.some(([a, b]) => g.from > a && g.to < b)) continue;
    // Skip groups inside a prepositional phrase that follows the real subject head ("in Sudan", "for Maduro"),
    // but keep "The foreign ministers of Russia, Iran ..." where "of" joins the subject.
    const prev = toks[g.from - 1];
    const prevPrev = toks[g.from - 2];
    // ... except the "with" that introduces a participle clause's own subject.
    const isWithSubject = (t: Token | undefined, idx: number) => !!t && (t.lemma === 'with' || SUBORDINATORS.has(t.lemma)) && idx === lo;
    const inPP = prev && prev.pos === 'ADP' && prev.lemma !== 'of' && g.from - 1 >= lo && !(prev.lemma === 'on' && prevPrev && prevPrev.pos === 'PUNCT') && !isWithSubject(prev, g.from - 1);
    const detPP = prevPrev && prevPrev.pos === 'ADP' && prevPrev.lemma !== 'of' && prev.pos === 'DET' && !isWithSubject(prevPrev, g.from - 2);
    if (inPP || detPP) {
      // "Thousands of trainee doctors in South Korea walked off the job": a place-like actor inside
      // the subject phrase stands in when nothing else does.
      const pp = inPP ? g.from - 1 : g.from - 2;
      if (['in', 'throughout', 'across', 'from'].includes(toks[pp]?.lemma ?? '') && (toks[pp - 1]?.pos === 'NOUN') && !groups.some((o) => o !== g && o.to < v && o.from > g.to)) fallback = g;
      continue;
    }
    // "The Turkish and Greek sides of the island of Cyprus agreed": an actor inside an "of" phrase
    // modifies the subject head; an earlier actor of the same noun phrase is the subject.
    if (best) {
      let q = g.from - 1;
      while (q > best.to && (toks[q].pos === 'DET' || toks[q].pos === 'ADJ' || toks[q].pos === 'NOUN' || toks[q].pos === 'PROPN' || toks[q].lemma === 'of' || (toks[q].pos === 'VERB' && /(ed|en)$/.test(toks[q].text)))) q--;
      const ofChain = q === best.to && toks.slice(best.to + 1, g.from).some((x) => x.lemma === 'of');
      if (ofChain) continue;
    }
    best = g;
  }
  if (!best && !fallback) {
    // "Niger, Mali and Burkina Faso announced that they were leaving": a pronoun subject stands for
    // the subject of the clause that introduces it.
    let k = v - 1;
    while (k > s.tokenStart && (toks[k].pos === 'AUX' || toks[k].pos === 'ADV' || toks[k].pos === 'PART')) k--;
    if (['they', 'it', 'he', 'she', 'we'].includes(toks[k]?.text.toLowerCase() ?? '')) {
      const before = groups.filter((g) => g.to < k);
      if (before.length) return before[0];
    }
  }
  return best ?? fallback;
}

// ------------------------------------------------------------------ dates, places

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The sentence's only time, when it is a day or two and not open ("on Friday", "yesterday"). */
function sentenceTime(doc: Doc, s: Sentence): TimeMention | null {
  const ts = doc.times.filter((t) => t.sentence === s.index && !t.open);
  if (ts.length !== 1) return null;
  const t = ts[0];
  if (t.precision !== 'day' || (Date.parse(t.to) - Date.parse(t.from)) / 86400000 > 1) return null;
  return !doc.anchor || t.to <= doc.anchor ? t : null;
}

function timeFor(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): TimeMention | null {
  const inSentence = doc.times.filter((t) => t.sentence === s.index);
  if (!inSentence.length) return null;
  const trig = doc.tokens[m.head];
  const cs = doc.tokens[clause[0]].start;
  const ce = doc.tokens[clause[1]].end;
  const pool = inSentence.filter((t) => t.start >= cs && t.end <= ce);
  if (!pool.length) return null;
  // The nearest time expression to the trigger.
  return pool.slice().sort((a, b) => Math.abs(a.start - trig.start) - Math.abs(b.start - trig.start))[0];
}

// ------------------------------------------------------------------ the stage

let counter = 0;

/** PLOVER events from every claim-bearing sentence, merged per article. */
export function events(doc: Doc, kb: Knowledge): void {
  counter = 0;
  const found: EventRecord[] = [];
  for (const s of doc.sentences) {
    if (!s.claim) continue;
    const triggers = dropComplements(doc, dropLightVerbs(doc, findTriggers(doc, s, kb)));
    if (!triggers.length) continue;
    const groups = groupsIn(doc, s);
    const attribution = attributionIn(doc, s, kb);
    for (const m of triggers) {
      const ev = buildEvent(doc, s, m, groups, attribution, kb);
      if (ev) found.push(ev);
    }
  }
  targetReactions(doc, found);
  for (const s of doc.sentences) {
    if (!s.claim || s.headline) continue;
    const ev = mustRequest(doc, s, kb);
    if (ev) found.push(ev);
  }
  doc.events = mergeEvents(doc, found).filter((e) => e.target.length || !aimless(e));
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
    const speaker = subjectOf(doc, s, say, groups, [s.tokenStart, say]);
    const addressee = groups.filter((g) => g.from > say && g.to < k).pop() ?? null;
    const source = refs(doc, speaker);
    const target = refs(doc, addressee).filter((x) => !source.some((y) => y.id === x.id));
    if (!source.length || !target.length) return null;
    const plover = kb.plover.get('REQUEST');
    return {
      id: `e${++counter}`, type: 'REQUEST', mode: null, context: null, cameo: plover?.cameo ?? '10',
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

/**
 * "ordered the expulsion of", "ordered strikes on": a bare light verb whose object is an event noun
 * is how that event was done, not an event of its own; the noun's event takes the verb's subject.
 */
function dropLightVerbs(doc: Doc, ms: TriggerMatch[]): TriggerMatch[] {
  return ms.filter((m) => {
    if (m.c.length !== 1 || m.c.trigger.pos !== 'verb' || !LIGHT_VERBS.has(doc.tokens[m.head].lemma)) return true;
    return !ms.some((o) => o !== m && o.c.trigger.pos === 'noun' && o.tokens[0] > m.head && o.tokens[0] <= m.head + 4 &&
      doc.tokens.slice(m.head + 1, o.tokens[0]).every((x) => x.pos === 'DET' || x.pos === 'ADJ' || x.pos === 'NUM'));
  });
}

const SPEECH_ACT_TYPES = new Set(['AGREE', 'REQUEST', 'THREATEN', 'REJECT', 'ACCUSE']);
const VOW_VERBS = new Set(['vow', 'swear', 'pledge', 'promise', 'threaten']);
const THREAT_TYPES = new Set(['ASSAULT', 'COERCE', 'SANCTION', 'PROTEST', 'MOBILIZE']);

/**
 * The content of a speech act is not a second event: "threatened to strike" is a THREAT, not an
 * ASSAULT; "called for troops to withdraw" a REQUEST; "agreed to exchange prisoners" an AGREE;
 * "accused X of shelling" an ACCUSE (the shelling is only alleged).
 */
function dropComplements(doc: Doc, ms: TriggerMatch[]): TriggerMatch[] {
  const heads = ms.filter((m) => SPEECH_ACT_TYPES.has(m.c.trigger.type));
  if (!heads.length) return ms;
  return ms.filter((m) => {
    if (SPEECH_ACT_TYPES.has(m.c.trigger.type) && heads.includes(m)) return true;
    const first = m.tokens[0];
    const head = heads.find((h) => {
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

function buildEvent(doc: Doc, s: Sentence, m: TriggerMatch, groups: Group[], attribution: AttributionRef[], kb: Knowledge): EventRecord | null {
  const t = m.c.trigger;
  const clause = clauseOf(doc, s, m.head);
  // Roles come from the parse; where it names no actor for a role (a misparse, or a pattern the
  // relations do not cover yet), the clause-window reading fills that role.
  let args: Args;
  if (!isParsed(doc)) args = findArgs(doc, s, m, groups, clause);
  else {
    const p = argsFromParse(doc, s, m, groups);
    // the window reading is needed only for a role the parse left empty
    const window = p.source && p.target ? p : findArgs(doc, s, m, groups, clause);
    const source = p.source ?? window.source;
    let target = p.target ?? window.target;
    if (target && source && target.mentions.every((x) => source.mentions.includes(x))) target = p.target && p.target !== source ? p.target : null;
    args = { source, target, passive: p.source ? p.passive : window.passive };
  }
  let source = refs(doc, args.source);
  let target = refs(doc, args.target);
  if (process.env.EVENTWIRE_DEBUG) process.stderr.write(`trigger ${t.id} @${doc.tokens[m.head].text} clause ${clause} source ${source.map((x) => x.id)} target ${target.map((x) => x.id)} groups ${groups.map((g) => `${g.from}-${g.to}:${g.mentions.map((x) => x.entityId)}`)}\n`);
  // "Kagame condemned the M23-led offensive": a definite event noun that is the object of another verb
  // refers to an event told elsewhere; it adds evidence to it, not a new event.
  const gov = t.pos === 'noun' ? lightOrGoverning(doc, m.tokens[0], clause) : -1;
  const referenced = gov >= 0 && isDefiniteReference(doc, s, m) && !LIGHT_VERBS.has(doc.tokens[gov].lemma);
  const anaphoric = referenced || (!source.length && isDefiniteReference(doc, s, m));
  if (!source.length && !anaphoric) {
    // "the group", "the alliance", "they": the most recent actor group of an earlier sentence.
    const pro = pronounSubject(doc, s, m, clause);
    if (pro) source = pro;
  }
  if (!source.length && !anaphoric) {
    const speaker = quoteSpeaker(doc, s, m, groups);
    if (speaker) source = refs(doc, speaker);
  }
  if (!source.length && !anaphoric && t.pos === 'verb') {
    const body = bareStateBody(doc, s, m, clause, kb);
    if (body) source = [body];
  }
  if (!source.length && !anaphoric) return null;
  if (isTopic(doc, m, clause) || isPurposeInfinitive(doc, m, clause)) return null;
  const place = placeFor(doc, s, m, clause);
  // A visit's host is the country visited: "Xi arrived in Moscow for a state visit".
  if (t.type === 'CONSULT' && t.mode === 'visit' && !target.length && place?.iso3 && !source.some((x) => x.iso3 === place.iso3)) {
    const c = kb.countries.get(place.iso3);
    if (c) target = [countryRef(c)];
  }
  if (!target.length && !anaphoric) {
    const np = groupNounObject(doc, s, m, clause);
    if (np && !source.some((x) => x.id === np.id)) target = [np];
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
  if (isParsed(doc)) {
    // The structure overrides a lexical "asserted", and any reading when it finds a denial.
    const structural = structuralModality(doc, syntacticHead(doc, m));
    if (structural && (modality === 'asserted' || structural === 'denied')) modality = structural;
  }
  // PLOVER: promised aid or cooperation is AGREE; an announced future retreat is CONCEDE.
  let type = t.type;
  let mode = t.mode ?? null;
  const clauseText = doc.tokens.slice(clause[0], clause[1] + 1);
  // PLOVER: a conflictual act announced for the future, or made conditional ("unless ..."), is a threat;
  // a failed or refused agreement is a rejection.
  const conditional = clauseText.some((x) => x.lemma === 'unless');
  let inferredThreat = false;
  if (!s.headline && ((modality === 'planned' && THREAT_TYPES.has(type)) || (conditional && (modality === 'planned' || modality === 'possible')))) {
    type = 'THREATEN';
    mode = null;
    modality = 'asserted';
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
  } else if (type === 'AGREE' && modality === 'denied') {
    type = 'REJECT';
    mode = null;
    modality = 'asserted';
  }
  if ((modality === 'planned' || modality === 'possible') && !s.headline) {
    if (type === 'AID' || type === 'COOPERATE') {
      type = 'AGREE';
      mode = null;
      modality = 'asserted';
    } else if (type === 'RETREAT' && modality === 'planned') {
      type = 'CONCEDE';
      mode = null;
      modality = 'asserted';
    }
  }
  let date: EventRecord['date'] = null;
  if (time) date = { from: time.from, to: time.to, precision: time.precision, basis: 'own' };
  else {
    // No time in the trigger's clause: the one time of its sentence, when it names a day of the past.
    const st = sentenceTime(doc, s);
    if (st) date = { from: st.from, to: st.to, precision: st.precision, basis: 'sentence' };
  }
  const pd = date ? null : paragraphDay(doc, s);
  if (pd) date = { from: pd.from, to: pd.to, precision: pd.precision, basis: 'paragraph' };
  if (!date && doc.anchor) date = { from: addDays(doc.anchor, -7), to: doc.anchor, precision: 'week', basis: 'article' };
  // "since July, when the president backed the plan": the clause names the moment the span began
  const began = !!time?.open && /^\s*,?\s*when\b[^;:]*$/i.test(doc.text.slice(time.end, doc.tokens[m.tokens[0]].start));
  if (time && began) date = { from: time.from, to: spanEnd(time), precision: time.precision, basis: 'own' };
  // "A week earlier, a missile struck ...": an event recalled beside the news is background; a day or
  // two before ("a day after Pyongyang threatened") is still the running story.
  const recalled = !!time && !!doc.anchor && RECALL.test(time.text) && !/\bdays?\b/i.test(time.text) && time.to < doc.anchor;
  const old = !!time && !!doc.anchor && (time.open && !began ? time.from < addDays(doc.anchor, -365) : date!.to < addDays(doc.anchor, -60));
  const historical = recalled || old;
  // Figures told after a recollection marker belong to the recalled event, those before it to the news.
  const recall = doc.times.find((x) => x.sentence === s.index && RECALL.test(x.text));
  const plover = kb.plover.get(type);
  const modeInfo = plover?.modes.find((x) => x.mode === mode);
  const acledSrc = modeInfo?.acled ?? plover?.acled ?? null;
  const ev: EventRecord = {
    id: `e${++counter}`,
    type,
    mode,
    context: t.context ?? null,
    cameo: t.cameo ?? modeInfo?.cameo ?? plover?.cameo ?? null,
    acled: acledSrc ? { eventType: acledSrc.event_type ?? null, subEventType: acledSrc.sub_event_type ?? null } : null,
    modality,
    historical,
    source,
    target,
    date,
    place,
    attribution: attribution.length ? attribution.map((r) => ({ ...r, via: [...r.via] })) : [{ name: doc.article.source ?? 'article', entityId: null, via: [] }],
    figures: doc.figures.filter((f) => f.sentence === s.index && (!recall || (time === recall) === (f.start >= recall.start))),
    evidence: [{ start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), sentence: s.index }],
    trigger: { text: doc.text.slice(doc.tokens[m.tokens[0]].start, doc.tokens[m.tokens[m.tokens.length - 1]].end), pattern: t.pattern, start: doc.tokens[m.tokens[0]].start, end: doc.tokens[m.tokens[m.tokens.length - 1]].end },
    confidence: Math.round(t.confidence * (source.length ? 1 : 0.6) * (s.headline ? 0.8 : 1) * 100) / 100,
  };
  draft.set(ev, { anaphoric, referenced, headline: s.headline, reaction: target.length ? undefined : reactsToEarlierEvent(doc, s, m, clause), inferredThreat });
  if (referenced) ev.date = null;
  return ev;
}

// a government in exile or an armed opposition speaks against its state, not for it
const stateLike = (x: ActorRef) => (x.kind === 'country' || x.kind === 'government' || x.kind === 'person') && !/(OPP|REB|INS)$/.test(x.cameo ?? '');

/** One actor, or two voices of one state; an opposition body of the same country is another side. */
function sameSide(x: ActorRef, y: ActorRef): boolean {
  return x.id === y.id || (!!x.iso3 && x.iso3 === y.iso3 && stateLike(x) && stateLike(y));
}

const REACTION_TYPES = new Set(['ACCUSE', 'REJECT', 'SUPPORT']);
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those']);

/**
 * "condemned the launch", "rejected the demand", "welcomed it": a verbal reaction whose object is a
 * definite noun phrase or a pronoun, with no actor in it, is aimed at an event told before.
 */
function reactsToEarlierEvent(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): Token | null | undefined {
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
function targetReactions(doc: Doc, found: EventRecord[]): void {
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
    const pick = named ?? candidates.find((o) => !SPEECH_ACT_TYPES.has(o.type) && o.type !== 'SUPPORT');
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

const RECALL = /^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:day|week|month|year)s?\s+(?:earlier|before|after)$/i;

/** The last day of the unit an open span starts in ("since July": the end of that July). */
function spanEnd(t: TimeMention): string {
  const [y, mo] = t.from.split('-').map(Number);
  const last = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).toISOString().slice(0, 10);
  if (t.precision === 'month') return last(y, mo);
  if (t.precision === 'year') return `${y}-12-31`;
  if (t.precision === 'decade') return `${y + 9}-12-31`;
  if (t.precision === 'week') return addDays(t.from, 6);
  return t.from;
}

const ORDER_OUT = new Set(['order', 'tell', 'give']);
const EXPEL = new Set(['expel', 'expulsion', 'kick']);

function expelsForeignAgents(doc: Doc, m: TriggerMatch, type: string, mode: string | null, source: ActorRef[], target: ActorRef[]): boolean {
  // (a deportation of another state's officials from occupied land stays a deportation)
  const word = forms(doc.tokens[m.tokens[0]]);
  const removal = (type === 'COERCE' && mode === 'deport' && word.some((f) => EXPEL.has(f))) || (type === 'REQUEST' && mode === 'yield' && word.some((f) => ORDER_OUT.has(f)));
  if (!removal || !target.length || !source.length) return false;
  const home = new Set(source.map((x) => x.iso3).filter(Boolean));
  return target.every((x) => x.kind === 'government' && !!x.iso3 && !home.has(x.iso3));
}


function countryRef(c: Country): ActorRef {
  return { id: c.id, name: c.name, iso3: c.id, kind: 'country', cameo: c.cameo ?? c.id };
}

const SAME_COUNTRY_TYPES = new Set(['COERCE', 'PROTEST', 'ASSAULT', 'MOBILIZE']);

/**
 * When the trigger's object or prepositional phrase is a place, not an actor ("shelled the city of
 * Kherson", "air strikes on Rafah", "left Niger", "visit Beijing"), the target is that place's
 * country. A state is not its own target, except where it acts on its own territory (crackdowns,
 * protests, attacks by armed groups).
 */
function placeTarget(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number], source: ActorRef[], kb: Knowledge): ActorRef | null {
  const t = m.c.trigger;
  const toks = doc.tokens;
  const last = m.tokens[m.tokens.length - 1];
  const physical = ['ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE', 'AID', 'RETREAT', 'SANCTION'].includes(t.type);
  const preps = new Set([...t.target.filter((x) => x !== 'obj'), ...(physical ? ['in', 'on', 'over', 'around', 'near', 'into', 'at', 'across', 'throughout'] : [])]);
  const wantsObj = t.target.includes('obj') || t.target.length === 0;
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
    const c = kb.countries.get(p.iso3);
    if (!c) continue;
    const sameCountry = source.some((x) => x.iso3 === c.id);
    if (sameCountry && !SAME_COUNTRY_TYPES.has(t.type)) return null;
    if (sameCountry && t.type === 'ASSAULT' && source.every((x) => x.kind === 'country' || x.kind === 'government' || x.kind === 'military')) return null;
    return countryRef(c);
  }
  return null;
}

/**
 * "Police in the capital have detained dozens": a state body named without its country is the
 * state the article is about (the country its actors and places name most).
 */
function bareStateBody(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number], kb: Knowledge): ActorRef | null {
  const toks = doc.tokens;
  for (let k = clause[0]; k < m.tokens[0]; k++) {
    const t = toks[k];
    const sec = kb.sectorWords.get(t.text.toLowerCase()) ?? kb.sectorWords.get(t.lemma);
    if (!sec || !['GOV', 'COP', 'MIL'].includes(sec.sector) || t.pos !== 'NOUN' && t.pos !== 'PROPN') continue;
    // only as the head of the subject: "Police", "The authorities", "Security forces in the capital"
    const before = toks.slice(clause[0], k).filter((x) => x.pos !== 'DET' && x.pos !== 'ADJ' && x.text !== ',');
    if (before.some((x) => x.pos === 'VERB' || x.pos === 'NOUN' || x.pos === 'PROPN')) return null;
    const iso3 = mainCountry(doc);
    const c = iso3 ? kb.countries.get(iso3) : undefined;
    if (!c) return null;
    const id = `${c.cameo ?? c.id}${sec.sector}`;
    return { id, name: `${c.name} (${sec.kind})`, iso3: c.id, kind: sec.kind as ActorRef['kind'], cameo: id };
  }
  return null;
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

const QUOTE_OPEN = new Set(['“', '"', '‘']);
const QUOTE_CLOSE = new Set(['”', '"', '’']);

/** "“We call on all parties ...,” Chinese spokesperson Mao Ning said": the speaker is the source. */
function quoteSpeaker(doc: Doc, s: Sentence, m: TriggerMatch, groups: Group[]): Group | null {
  const toks = doc.tokens;
  let open = -1;
  for (let k = m.tokens[0] - 1; k >= s.tokenStart; k--) {
    if (QUOTE_CLOSE.has(toks[k].text) && toks[k].text !== '"') return null;
    if (QUOTE_OPEN.has(toks[k].text)) {
      open = k;
      break;
    }
  }
  if (open < 0) return null;
  let close = -1;
  for (let k = m.tokens[m.tokens.length - 1] + 1; k < s.tokenEnd; k++) {
    if (QUOTE_CLOSE.has(toks[k].text)) {
      close = k;
      break;
    }
  }
  if (close < 0) return null;
  // the speech verb and its subject after the quote (or before the opening quote)
  for (let k = close + 1; k < s.tokenEnd; k++) {
    if (toks[k].pos === 'VERB' && ['say', 'tell', 'add', 'write', 'state', 'declare', 'announce'].includes(toks[k].lemma)) {
      return groups.find((g) => g.from > close && g.to < k) ?? groups.find((g) => g.from > k && g.from <= k + 6) ?? null;
    }
  }
  for (let k = open - 1; k >= s.tokenStart; k--) {
    if (toks[k].pos === 'VERB' && ['say', 'tell', 'add', 'write', 'state', 'declare', 'announce'].includes(toks[k].lemma)) {
      return groups.filter((g) => g.to < k).pop() ?? null;
    }
  }
  return null;
}

const TOPIC_VERBS = new Set(['discuss', 'address', 'debate', 'review', 'examine', 'consider', 'mull', 'weigh', 'study', 'raise', 'cover', 'focus']);

/** A noun trigger that is only what people talked about: "discussed aid deliveries to Gaza". */
function isTopic(doc: Doc, m: TriggerMatch, clause: [number, number]): boolean {
  if (m.c.trigger.pos !== 'noun') return false;
  const v = lightOrGoverning(doc, m.tokens[0], clause);
  if (v >= 0 && TOPIC_VERBS.has(doc.tokens[v].lemma)) return true;
  const prev = doc.tokens[m.tokens[0] - 1];
  return !!prev && (prev.lemma === 'about' || prev.lemma === 'regarding' || prev.lemma === 'concerning');
}

function isDefiniteReference(doc: Doc, s: Sentence, m: TriggerMatch): boolean {
  if (m.c.trigger.pos !== 'noun') return false;
  for (let k = m.tokens[0] - 1; k >= Math.max(s.tokenStart, m.tokens[0] - 7); k--) {
    const t = doc.tokens[k];
    if (t.lemma === 'the' || t.lemma === 'this' || t.lemma === 'that' || t.lemma === 'these' || t.lemma === 'its' || t.lemma === 'their') return true;
    const compound = t.pos === 'VERB' && doc.tokens[k - 1]?.text === '-';
    if (!(t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'NUM' || t.pos === 'PROPN' || t.text === '-' || compound)) return false;
  }
  return false;
}

const GROUP_NOUNS = new Set(['group', 'alliance', 'militia', 'rebels', 'coalition', 'movement', 'organisation', 'organization', 'government', 'regime', 'army', 'they', 'he', 'she', 'it']);

function pronounSubject(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): ActorRef[] | null {
  if (m.c.trigger.pos !== 'verb') return null;
  // The subject word just before the verb (allowing auxiliaries and adverbs)
  let k = m.tokens[0] - 1;
  while (k >= clause[0] && (doc.tokens[k].pos === 'AUX' || doc.tokens[k].pos === 'ADV' || doc.tokens[k].pos === 'PART')) k--;
  if (k < clause[0]) return null;
  const w = doc.tokens[k];
  if (!GROUP_NOUNS.has(w.lemma) && !GROUP_NOUNS.has(w.text.toLowerCase())) return null;
  const det = doc.tokens[k - 1];
  if (w.pos !== 'PRON' && !(det && (det.lemma === 'the'))) return null;
  // Nearest earlier mention of a fitting kind.
  const person = ['he', 'she'].includes(w.text.toLowerCase());
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    const mm = doc.mentions[i];
    if (mm.start >= doc.tokens[k].start) continue;
    if (mm.sentence < s.index - 2) break;
    const e = doc.entities.get(mm.entityId);
    if (!e) continue;
    if (person ? e.kind === 'person' : e.kind !== 'person' && e.kind !== 'media') {
      return [{ id: e.id, name: e.name, iso3: e.iso3, kind: e.kind, cameo: e.cameo }];
    }
  }
  return null;
}

const OBJECT_GROUP_NOUNS = new Set(['group', 'militia', 'rebels', 'movement', 'organisation', 'organization', 'insurgents', 'militants']);
const NON_GROUP_KINDS = new Set(['person', 'country', 'government', 'media']);

/**
 * "Kigali denies backing the group": a definite group noun as the object stands for the nearest
 * armed group or organisation named shortly before.
 */
function groupNounObject(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): ActorRef | null {
  if (m.c.trigger.pos !== 'verb') return null;
  const toks = doc.tokens;
  const k = m.tokens[m.tokens.length - 1] + 1;
  if (k + 1 > clause[1] || toks[k].lemma !== 'the' || !OBJECT_GROUP_NOUNS.has(toks[k + 1].lemma) && !OBJECT_GROUP_NOUNS.has(toks[k + 1].text.toLowerCase())) return null;
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    const mm = doc.mentions[i];
    if (mm.start >= toks[k].start) continue;
    if (mm.sentence < s.index - 3) break;
    const e = doc.entities.get(mm.entityId);
    if (e && !NON_GROUP_KINDS.has(e.kind)) return { id: e.id, name: e.name, iso3: e.iso3, kind: e.kind, cameo: e.cameo };
  }
  return null;
}

const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'into', 'on', 'around', 'throughout', 'from', 'to', 'towards', 'toward']);
const PLACE_VERBS = new Set(['take', 'be', 'hold', 'happen', 'occur', 'place', 'begin', 'start', 'continue', 'resume', 'convene', 'meet', 'land', 'arrive']);

/**
 * The event's own location: a place in the trigger's clause introduced by a locative preposition,
 * or a place the trigger names directly ("the Kharkiv offensive"). A place behind another verb
 * ("met ... to address the escalation in Syria") belongs to that verb, not to the event.
 */
function placeFor(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): EventRecord['place'] {
  const toks = doc.tokens;
  const all = doc.places.filter((p) => p.sentence === s.index && p.start >= toks[clause[0]].start && p.end <= toks[clause[1]].end);
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
    while (pi >= clause[0] && (toks[pi].pos === 'DET' || toks[pi].pos === 'ADJ' || toks[pi].pos === 'NUM')) pi--;
    const prep = toks[pi];
    const locative = !!prep && LOCATIVE.has(prep.lemma);
    const adjacent = ti < first && ti >= first - 3 && p.featureType !== 'country'; // "the Kharkiv offensive"
    if (!locative && !adjacent) continue;
    if (prep && (prep.lemma === 'to' || prep.lemma === 'from') && m.c.trigger.type !== 'CONSULT' && m.c.trigger.type !== 'RETREAT' && m.c.trigger.type !== 'MOBILIZE') continue;
    // "talks on Syria's future": "on" names a topic except for physical acts.
    if (prep?.lemma === 'on' && !['ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE'].includes(m.c.trigger.type)) continue;
    const after = toks[ti + 1];
    if (after && (after.text === "'s" || after.text === '’s') && after.start === p.end) continue;
    // No other verb between the trigger and the place.
    const lo = Math.min(ti, last + 1), hi = Math.max(ti, first);
    let blocked = false;
    for (let k = lo; k < hi; k++) {
      if (m.tokens.includes(k)) continue;
      const t = toks[k];
      if ((t.pos === 'VERB' && !PLACE_VERBS.has(t.lemma)) || REL.has(t.lemma)) blocked = true;
    }
    if (blocked) continue;
    const rank = ({ landmark: 0, city: 0, admin1: 1, region: 2, country: 3 } as Record<string, number>)[p.featureType] ?? 2;
    scored.push({ p, score: rank * 100 + Math.abs(ti - m.head) });
  }
  if (!scored.length) {
    // No place is tied to the trigger: a town or region named in the same clause is the best
    // guess for a physical act ("struck the Russian city of Belgorod", "police in the capital ...").
    if (!['ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE', 'AID', 'RETREAT', 'CONSULT'].includes(m.c.trigger.type)) return null;
    const near = inClause.filter((p) => p.featureType !== 'country' && p.featureType !== 'region')
      .sort((a, b) => Math.abs(a.start - toks[m.head].start) - Math.abs(b.start - toks[m.head].start))[0];
    return near ? { name: near.name, lat: near.lat, lon: near.lon, iso3: near.iso3, geonamesId: near.geonamesId, featureType: near.featureType } : null;
  }
  const best = scored.sort((a, b) => a.score - b.score)[0].p;
  return { name: best.name, lat: best.lat, lon: best.lon, iso3: best.iso3, geonamesId: best.geonamesId, featureType: best.featureType };
}


// ------------------------------------------------------------------ merging within an article

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
}
const draft = new WeakMap<EventRecord, DraftFlags>();
const flags = (e: EventRecord): DraftFlags => {
  let f = draft.get(e);
  if (!f) draft.set(e, (f = { anaphoric: false, referenced: false, headline: false }));
  return f;
};

const MODALITY_RANK: Record<Modality, number> = { asserted: 3, planned: 2, possible: 1, denied: 0 };

function overlapActors(a: ActorRef[], b: ActorRef[]): boolean {
  return a.some((x) => b.some((y) => x.id === y.id || (x.iso3 && x.iso3 === y.iso3)));
}

function actorKeys(xs: ActorRef[]): Set<string> {
  return new Set(xs.map((x) => x.iso3 ?? x.id));
}

/** At least half of the union of the two actor sets is shared. */
function similarActors(a: ActorRef[], b: ActorRef[]): boolean {
  const ka = actorKeys(a), kb = actorKeys(b);
  const union = new Set([...ka, ...kb]);
  let shared = 0;
  for (const k of ka) if (kb.has(k)) shared++;
  return union.size > 0 && shared / union.size >= 0.5;
}

function datesCompatible(a: EventRecord['date'], b: EventRecord['date']): boolean {
  if (!a || !b || a.basis === 'article' || b.basis === 'article') return true;
  return a.from <= b.to && b.from <= a.to;
}

/**
 * One event mentioned several times is one record: the headline's event and the body's, and a
 * later definite reference ("the talks", "the attack") and the event it refers back to.
 */
function mergeEvents(doc: Doc, evs: EventRecord[]): EventRecord[] {
  const out: EventRecord[] = [];
  for (const ev of evs) {
    const { anaphoric, referenced, headline } = flags(ev);
    let into: EventRecord | undefined;
    for (let i = out.length - 1; i >= 0; i--) {
      const o = out[i];
      if (o.type !== ev.type) continue;
      if (o.historical !== ev.historical) continue;
      if (o.mode && ev.mode && o.mode !== ev.mode && !anaphoric) continue;
      const lastSentence = o.evidence[o.evidence.length - 1].sentence;
      const near = ev.evidence[0].sentence - lastSentence <= 3;
      if (anaphoric && near && (!ev.target.length || overlapActors(o.target, ev.target))) { into = o; break; }
      if (referenced && ev.source.length && overlapActors(o.source, ev.source)) { into = o; break; }
      const headlinePair = flags(o).headline || headline;
      // Two reports of one event name (nearly) the same actors; a headline may name fewer.
      const sameActors = headlinePair ? overlapActors(o.source, ev.source) : similarActors(o.source, ev.source) && (!o.target.length || !ev.target.length || overlapActors(o.target, ev.target));
      // Far apart in the article, two mentions must also agree on the place to be one event.
      const placesAgree = !o.place || !ev.place || o.place.name === ev.place.name || o.place.iso3 === ev.place.iso3 && (o.place.featureType === 'country' || ev.place.featureType === 'country');
      if ((headlinePair || near || placesAgree) && sameActors && (!o.target.length || !ev.target.length || overlapActors(o.target, ev.target)) && datesCompatible(o.date, ev.date)) {
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
  if (b.place && rank(b.place) < rank(a.place)) a.place = b.place;
  for (const r of b.attribution) {
    if (r.entityId === null && !r.via.length && a.attribution.some((x) => x.entityId !== null)) continue;
    if (!a.attribution.some((x) => x.name === r.name)) a.attribution.push(r);
  }
  // The article's own source is only a default: drop it once somebody is credited.
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

function span(d: NonNullable<EventRecord['date']>): number {
  return (Date.parse(d.to) - Date.parse(d.from)) / 86400000;
}
