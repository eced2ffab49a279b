/**
 * Clauses and the lexical cues of modality and context: the clause a trigger sits in, hedges,
 * plans and denials read from the words before it, and the noun triggers that only name a topic or
 * refer back to an event told before.
 */
import type { Doc, Modality, Sentence } from '../model/types.js';
import type { TriggerMatch } from './event-triggers.js';
import { baseRel, caseWord, children } from '../syntax/tree.js';

const CLAUSE_BREAK = new Set([';', ':', '—']);

/** The token range of the clause around token i: it stops at semicolons, and at "according to". */
export const SUBORDINATORS = new Set(['after', 'before', 'when', 'while', 'because', 'since', 'as', 'although', 'though', 'once', 'until', 'whereas', 'if', 'unless']);

export const REL = new Set(['which', 'who', 'whom', 'where', 'whose']);

/**
 * The token range of the clause around token i. It ends at semicolons and dashes, at "according
 * to", and at a relative clause after a comma (", which ..."); a trigger inside a relative clause
 * ("..., which cites coverage of talks between X and Y") starts its clause at the pronoun.
 */
export function clauseOf(doc: Doc, s: Sentence, i: number): [number, number] {
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
const PLANNED = new Set(['will', 'would', 'shall', 'plan', 'planned', 'schedule', 'scheduled', 'proposed', 'mooted', 'due', 'set', 'intend', 'prepare', 'upcoming', "'ll", 'to be', 'decide', 'decision', 'pledge', 'promise', 'vow', 'aim', 'seek', 'agree', 'offer', 'propose', 'ready', 'willing']);
const SUPPOSING = new Set(['would', 'could', 'might', 'may', "'d"]);
const NEGATION = new Set(['not', "n't", 'never', 'no', 'deny', 'denied', 'refute', 'reject', 'dismiss', 'fail', 'failed']);

/** Verbs of a reporting clause ("…, the ministry said"; "residents said RSF fighters looted …"). */
export const REPORTING = new Set(['say', 'tell', 'report', 'add', 'claim', 'announce', 'confirm', 'write']);

// (and a cause that makes someone act: "forcing police to fire tear gas", "prompted troops to withdraw")
const ACHIEVED = new Set(['begin', 'start', 'continue', 'manage', 'resume', 'go', 'used', 'use', 'employ', 'try', 'attempt', 'seem', 'appear', 'vote',
  'force', 'prompt', 'compel', 'cause', 'lead', 'spur', 'provoke', 'drive']);

/** The verb a noun trigger depends on: the light verb before it ("open talks", "launch an attack"). */
export function lightOrGoverning(doc: Doc, i: number, clause: [number, number]): number {
  for (let k = i - 1; k >= Math.max(clause[0], i - 8); k--) {
    const t = doc.tokens[k];
    // "M23-led", "Iran-backed" are modifiers, not the governing verb.
    if (t.pos === 'VERB' && doc.tokens[k - 1]?.text !== '-') return k;
    // ("to protest their detention": a possessive pronoun stands in the phrase as a determiner does)
    if (!(t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'NUM' || t.pos === 'PROPN' || t.pos === 'VERB' || t.text === '-' || t.xpos === 'PRP$')) return -1;
  }
  return -1;
}

const ADVERBIAL_MARKS = new Set(['as', 'while', 'when', 'whereas', 'after', 'before', 'because', 'since', 'until', 'once', 'although', 'though']);

export function modalityOf(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number], hasFutureTime: boolean): Modality {
  const head = m.tokens[0];
  // Look back from the trigger to the start of its clause, at most eight tokens.
  const lo = Math.max(clause[0], head - 8);
  let modality: Modality = 'asserted';
  for (let k = head - 1; k >= lo; k--) {
    const t = doc.tokens[k];
    const low = t.text.toLowerCase();
    if (t.text === ',' && k < head - 3) break;
    // ("denied that its navy had harassed a vessel, accusing Georgetown of provocations": a participle
    // after a comma is an act of its own, not part of what the clause before denies)
    if (t.text === ',' && k === head - 1 && doc.tokens[head].xpos === 'VBG' && m.c.trigger.pos === 'verb') break;
    // ("police did not intervene as protesters occupied the square": the subordinator that opens the
    // trigger's own clause ends it; what stands before is another clause's)
    if (t.deprel === 'mark' && ADVERBIAL_MARKS.has(t.lemma)) break;
    // ("No group has claimed responsibility, but officials blamed X": nor does it cross into the
    // clause before a contrast or a comma and "and")
    if (t.lemma === 'but' || (t.lemma === 'and' && doc.tokens[k - 1]?.text === ',')) break;
    // (nor past the trigger's own subject: "will extend the sanctions it imposed in 2022")
    // (a passive's subject as well: "A Russian offer to mediate … was rebuffed by Pristina")
    // (whose "no" still denies what it underwent: "No demonstrators were arrested")
    if (t.head === m.head && t.deprel === 'nsubj:pass' && m.c.trigger.pos === 'verb' && children(doc, k, 'det').some((d) => doc.tokens[d].lemma === 'no')) return 'denied';
    if (t.head === m.head && (t.deprel === 'nsubj' || t.deprel === 'nsubj:pass') && m.c.trigger.pos === 'verb') break;
    // "denied shelling ... and accused": a coordinated verb does not inherit the denial
    if ((t.lemma === 'and' || t.lemma === 'but') && doc.tokens.slice(k + 1, head).every((x) => x.pos === 'ADV' || x.pos === 'AUX')) break;
    if (NEGATION.has(low) || NEGATION.has(t.lemma)) {
      // ("Teachers, who have not been paid for months, staged a strike": a negation inside a clause
      // that modifies a noun before the trigger negates that clause only)
      // (or in a verb coordinated with that clause's: "who fought … but were not party to the agreement")
      let v = t.head ?? -1;
      while (v >= 0 && doc.tokens[v].deprel === 'conj' && (doc.tokens[v].head ?? -1) >= 0 && doc.tokens[v].head! < v) v = doc.tokens[v].head!;
      const relative = v >= 0 && v < head && /^acl/.test(doc.tokens[v].deprel ?? '') && !governs(doc, v, head);
      // "denied shelling" and "did not attack" are denials; "no sooner" is not worth the risk.
      if ((low !== 'no' || t.pos === 'DET') && !relative) return 'denied';
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
    // ("An Iranian attack on shipping would send prices soaring": an event that is the subject of
    // what would or could happen is itself only supposed)
    const np = m.tokens[m.tokens.length - 1];
    const pred = doc.tokens[np].deprel === 'nsubj' ? doc.tokens[np].head ?? -1 : -1;
    if (pred >= 0 && children(doc, pred, 'aux').some((a) => SUPPOSING.has(doc.tokens[a].text.toLowerCase()))) return 'possible';
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
      const up = doc.tokens[v].head ?? -1;
      const gov = ['acl', 'xcomp', 'advcl'].includes(doc.tokens[v].deprel ?? '') && up >= 0 && up < v ? doc.tokens[up] : doc.tokens[v - 2];
      // "began to shell", "continued to attack", "managed to seize" report the act itself; so does a
      // vote to do it ("the Council voted to impose sanctions": a vote enacts).
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

/** Verbs whose subject undergoes or escapes the act its object names: "fled fighting", "faced attacks". */
export const UNDERGOING_VERBS = new Set(['flee', 'escape', 'evade', 'avoid', 'survive', 'dodge', 'fear', 'endure', 'suffer', 'face', 'experience', 'withstand', 'risk']);

/** "Refugees fled fighting in Darfur": a gerund its subject flees or suffers is no act of that subject's. */
export function isUndergone(doc: Doc, m: TriggerMatch): boolean {
  if (m.c.trigger.pos !== 'verb') return false;
  const v = doc.tokens[m.tokens[0]];
  const h = v.head ?? -1;
  return v.xpos === 'VBG' && h >= 0 && h < m.tokens[0] && ['xcomp', 'obj', 'ccomp'].includes(v.deprel ?? '') && UNDERGOING_VERBS.has(doc.tokens[h].lemma);
}

const USE_VERBS = new Set(['use', 'employ']);

/** "reservists to fight in Ukraine": an infinitive of purpose after a noun is no event of its own. */
export function isPurposeInfinitive(doc: Doc, m: TriggerMatch, clause: [number, number]): boolean {
  if (m.c.trigger.pos !== 'verb') return false;
  const v = m.tokens[0];
  const to = doc.tokens[v - 1];
  // (the noun the parse hangs the infinitive on, when it does: "a vote by the Council on Saturday to impose")
  const h = doc.tokens[v].head ?? -1;
  // ("voted on Friday to impose": an infinitive the parse hangs on a verb of intent is its content)
  if (h >= 0 && INTENT_VERBS.has(doc.tokens[h].lemma) && ['advcl', 'xcomp'].includes(doc.tokens[v].deprel ?? '')) return false;
  // ("forcing police to fire tear gas": what a cause makes someone do is that act)
  if (h >= 0 && CAUSE_VERBS.has(doc.tokens[h].lemma) && ['advcl', 'xcomp'].includes(doc.tokens[v].deprel ?? '')) return false;
  // ("using artillery and drones to strike positions": what a means is used for is what was done)
  if (h >= 0 && h < v && USE_VERBS.has(doc.tokens[h].lemma) && ['advcl', 'xcomp'].includes(doc.tokens[v].deprel ?? '')) return false;
  const noun = doc.tokens[v].deprel === 'acl' && h >= 0 && h < v ? doc.tokens[h] : doc.tokens[v - 2];
  if (!to || to.lemma !== 'to' || v - 2 < clause[0] || !noun) return false;
  // "deployed forces to the Sahel in 2013 to fight insurgents": after a noun, a name or a number the
  // infinitive gives a purpose.
  return (noun.pos === 'NOUN' || noun.pos === 'PROPN' || noun.pos === 'NUM') && !INTENT_NOUNS.has(noun.lemma);
}

const CAUSE_VERBS = new Set(['force', 'prompt', 'compel', 'cause', 'lead', 'spur', 'provoke', 'drive']);
const INTENT_VERBS = new Set(['vote', 'decide', 'agree', 'pledge', 'promise', 'vow', 'threaten', 'plan', 'move', 'offer', 'refuse', 'resolve', 'order', 'ask', 'urge']);
const INTENT_NOUNS = new Set(['vote', 'resolution', 'motion', 'decision', 'plan', 'agreement', 'deal', 'pledge', 'promise', 'order', 'bid', 'attempt', 'threat', 'call', 'offer', 'proposal', 'move', 'effort', 'right', 'vow', 'intention', 'readiness', 'willingness', 'request', 'demand', 'ultimatum']);



const TOPIC_VERBS = new Set(['discuss', 'address', 'debate', 'review', 'examine', 'consider', 'mull', 'weigh', 'study', 'raise', 'cover', 'focus']);

/** A noun trigger that is only what people talked about: "discussed aid deliveries to Gaza". */
export function isTopic(doc: Doc, m: TriggerMatch, clause: [number, number]): boolean {
  if (m.c.trigger.pos !== 'noun') return reportSubject(doc, m);
  const v = lightOrGoverning(doc, m.tokens[0], clause);
  if (v >= 0 && TOPIC_VERBS.has(doc.tokens[v].lemma)) return true;
  // ("recalled its ambassador for consultations": an envoy called home consults his own government)
  const last = m.tokens[m.tokens.length - 1];
  if (m.c.trigger.type === 'CONSULT' && doc.tokens[doc.tokens[last].head ?? -1]?.lemma === 'recall' && caseWord(doc, last) === 'for') return true;
  const prev = doc.tokens[m.tokens[0] - 1];
  if (prev && (prev.lemma === 'about' || prev.lemma === 'regarding' || prev.lemma === 'concerning')) return true;
  return reportSubject(doc, m) || characterisation(doc, m.head);
}

/** Verbs that say what something is: "called the detentions an attack", "described the raid as a massacre". */
const NAMING_VERBS = new Set(['call', 'describe', 'label', 'term', 'brand', 'deem', 'consider', 'characterise', 'characterize', 'dub', 'regard', 'view', 'see', 'condemn', 'denounce', 'decry', 'criticise', 'criticize', 'slam', 'reject', 'dismiss']);

/**
 * Whether noun k is only what someone calls a thing: the second object of a verb of naming ("called
 * the arrest an attack on democracy") or its "as" phrase ("described the raid as a massacre").
 */
function characterisation(doc: Doc, k: number): boolean {
  const t = doc.tokens[k];
  const v = t.head ?? -1;
  if (v < 0 || !NAMING_VERBS.has(doc.tokens[v].lemma)) return false;
  const rel = baseRel(t.deprel);
  if (rel === 'obl' || rel === 'advcl') return caseWord(doc, k) === 'as';
  return (rel === 'obj' || rel === 'xcomp') && children(doc, v, 'obj', 'xcomp').some((c) => c < k);
}

/**
 * "rejected a Human Rights Watch report on torture in Chechnya": what a report or study is on is its
 * subject matter, not an act of its authors (a verb pattern the parse reads as a noun too).
 */
function reportSubject(doc: Doc, m: TriggerMatch): boolean {
  const h = m.tokens[m.tokens.length - 1];
  const owner = doc.tokens[h].head ?? -1;
  return owner >= 0 && doc.tokens[h].upos === 'NOUN' && doc.tokens[h].deprel === 'nmod' && ['on', 'about', 'into'].includes(caseWord(doc, h)) && DOCUMENTS.has(doc.tokens[owner].lemma.toLowerCase());
}

/** Writings whose "on" phrase is their subject matter. */
const DOCUMENTS = new Set(['report', 'study', 'survey', 'documentary', 'book', 'article', 'paper', 'dossier', 'briefing', 'film', 'conference', 'seminar', 'workshop', 'exhibition', 'debate', 'hearing']);

export function isDefiniteReference(doc: Doc, s: Sentence, m: TriggerMatch): boolean {
  if (m.c.trigger.pos !== 'noun') return false;
  for (let k = m.tokens[0] - 1; k >= Math.max(s.tokenStart, m.tokens[0] - 7); k--) {
    const t = doc.tokens[k];
    if (t.lemma === 'the' || t.lemma === 'this' || t.lemma === 'that' || t.lemma === 'these' || t.lemma === 'its' || t.lemma === 'their') return true;
    const compound = t.pos === 'VERB' && doc.tokens[k - 1]?.text === '-';
    if (!(t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'NUM' || t.pos === 'PROPN' || t.text === '-' || compound)) return false;
  }
  return false;
}

/** Whether token a stands on the chain of heads above token d. */
function governs(doc: Doc, a: number, d: number): boolean {
  for (let k = doc.tokens[d].head ?? -1, n = 0; k >= 0 && n < 30; k = doc.tokens[k].head ?? -1, n++) if (k === a) return true;
  return false;
}
