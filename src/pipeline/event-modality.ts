/**
 * What the sentence's structure says about whether an event happened: the content of a demand, a
 * plan or a proposal is not a fact; a condition ("if", "unless") or a question asserts nothing;
 * a negation on the trigger, on its light verb, or a "failed to" / "denied" above it denies it.
 * Reporting verbs ("said", "announced") pass the modality of what they report through unchanged.
 */
import type { Doc, Modality } from '../model/types.js';
import { baseRel, children, head } from '../syntax/tree.js';

/** Verbs and nouns whose complement is wanted, planned or proposed, not done. */
const INTENT = new Set([
  'demand', 'call', 'urge', 'ask', 'want', 'wish', 'propose', 'plan', 'intend', 'seek', 'aim', 'hope',
  'request', 'push', 'press', 'appeal', 'insist', 'prepare', 'envision', 'envisage', 'consider', 'threaten',
  'vow', 'pledge', 'promise', 'offer', 'decide', 'agree', 'expect', 'need', 'recommend', 'suggest', 'order',
  'plot', 'attempt', 'try', 'mull', 'weigh', 'propose', 'proposal', 'plan', 'demand', 'call', 'bid', 'effort',
]);
/** Verbs whose object is talked over, not done ("discussed new sanctions", "weighed military aid"). */
const DELIBERATE = new Set(['discuss', 'debate', 'consider', 'weigh', 'mull', 'examine', 'study', 'explore', 'review', 'contemplate']);
/** Complement-taking verbs that report a done act ("began to shell", "managed to seize"). */
const ACHIEVED = new Set(['begin', 'start', 'continue', 'manage', 'resume', 'keep', 'go', 'stop', 'cease', 'attempt', 'try']);
const DENY = new Set(['deny', 'refute', 'fail', 'reject', 'dismiss', 'refuse', 'decline', 'retract']);

/** "denied shelling", "refused to meet", "ruled out negotiating": a governor that says an act is not done. */
function denies(doc: Doc, gov: number): boolean {
  const lemma = doc.tokens[gov].lemma.toLowerCase();
  return DENY.has(lemma) || (lemma === 'rule' && children(doc, gov, 'compound:prt').some((c) => doc.tokens[c].lemma === 'out'));
}
// (an obligation, "must leave", "should withdraw", is no more a fact than a possibility)
const HEDGE = new Set(['could', 'may', 'might', 'can', 'must', 'should', 'ought']);
const FUTURE = new Set(['will', 'would', 'shall', "'ll", 'wo']);
const NEGATIONS = new Set(['not', "n't", 'never']);
/** Markers of a clause that states a condition, not a fact. */
export const CONDITION_MARKS = new Set(['if', 'unless', 'whether']);
/** Auxiliaries that open an inverted condition ("Should Russia use …", "Were the talks to fail …"). */
const INVERTED = new Set(['should', 'were', 'had']);

/** Whether clause k is a condition: marked by "if" / "unless", or inverted ("Should X attack, …"). */
export function isCondition(doc: Doc, k: number): boolean {
  if (baseRel(doc.tokens[k].deprel) !== 'advcl') return false;
  const marks = children(doc, k, 'mark');
  if (marks.some((c) => doc.tokens[c].lemma === 'if' || doc.tokens[c].lemma === 'unless')) return true;
  // "would continue until Israel ends its offensive": the end of a promised or threatened course is
  // a condition too (not "fought until the army withdrew")
  const gov = head(doc, k);
  if (marks.some((c) => doc.tokens[c].lemma === 'until') && gov >= 0 && children(doc, gov, 'aux').some((a) => doc.tokens[a].xpos === 'MD')) return true;
  if (marks.length) return false;
  const subj = children(doc, k, 'nsubj', 'nsubj:pass')[0];
  return subj !== undefined && children(doc, k, 'aux', 'aux:pass', 'cop').some((a) => a < subj && INVERTED.has(doc.tokens[a].text.toLowerCase()));
}

/** Whether token k stands in a condition clause, or in a clause joined to one. */
function withinCondition(doc: Doc, k: number): boolean {
  for (let step = 0; step < 8 && k >= 0; step++) {
    if (isCondition(doc, k)) return true;
    const rel = baseRel(doc.tokens[k].deprel);
    if (rel !== 'conj' && rel !== 'xcomp' && rel !== 'ccomp') return false;
    k = head(doc, k);
  }
  return false;
}

/** The condition clause set on predicate k ("X will respond [if Y attacks]"), or -1. */
export function conditionOf(doc: Doc, k: number): number {
  return children(doc, k, 'advcl').find((c) => isCondition(doc, c)) ?? -1;
}

function negated(doc: Doc, k: number): boolean {
  return negatedVerb(doc, k) || children(doc, k, 'det').some((c) => doc.tokens[c].text.toLowerCase() === 'no');
}

function negatedVerb(doc: Doc, k: number): boolean {
  return children(doc, k, 'advmod').some((c) => NEGATIONS.has(doc.tokens[c].text.toLowerCase()));
}

/** A verb in the simple past, or with a past auxiliary of its own ("had fled", "was shelled"). */
function pastFinite(doc: Doc, k: number): boolean {
  if (doc.tokens[k].xpos === 'VBD') return true;
  return children(doc, k, 'aux', 'aux:pass').some((c) => doc.tokens[c].xpos === 'VBD' && !HEDGE.has(doc.tokens[c].text.toLowerCase()) && !FUTURE.has(doc.tokens[c].text.toLowerCase()));
}

/**
 * The modality the parse gives an event at token h, or null when the structure says nothing
 * beyond what the lexical rules read. Walks up from the trigger through complements and
 * adverbial clauses, at most eight steps.
 */
export function structuralModality(doc: Doc, h: number, namesActors = false): Modality | null {
  // ("if Ukraine did not restore the rights": a negated condition denies nothing)
  // ("No protesters were detained during the rally": a noun that names the actors of a protest says
  // with "no" that none of them underwent what follows, not that they did not protest)
  if (namesActors ? negatedVerb(doc, h) : negated(doc, h)) return withinCondition(doc, h) ? 'possible' : 'denied';
  let k = h;
  let result: Modality | null = null;
  for (let step = 0; step < 8; step++) {
    const rel = doc.tokens[k].deprel ?? '';
    const aux = children(doc, k, 'aux').map((c) => doc.tokens[c].text.toLowerCase());
    if (aux.some((a) => HEDGE.has(a))) result ??= 'possible';
    else if (aux.some((a) => FUTURE.has(a))) result ??= 'planned';
    if (baseRel(rel) === 'advcl' && (isCondition(doc, k) || children(doc, k, 'mark').some((c) => CONDITION_MARKS.has(doc.tokens[c].lemma)))) return 'possible';
    // A clause in the past tense of its own ("…, where rebels seized the city") tells a fact, whatever
    // the clause it hangs from plans or hedges.
    // (so does a relative clause with its own subject: "will extend the sanctions it imposed in 2022")
    // (a participle with a subject of its own and no auxiliary can only be a past tense the tagger misread)
    // (not a clause that says what a noun of saying holds, "a report that Putin had offered", marked by "that")
    const ownSubject = baseRel(rel) === 'acl' && children(doc, k, 'nsubj').length > 0 && !children(doc, k, 'mark').length;
    if ((baseRel(rel) === 'advcl' || ownSubject) && (pastFinite(doc, k) || (ownSubject && doc.tokens[k].xpos === 'VBN' && !children(doc, k, 'aux', 'aux:pass').length))) break;
    // "asked whether X was ready to withdraw": an embedded question asserts nothing
    if (rel === 'ccomp' && children(doc, k, 'mark').some((c) => ['whether', 'if'].includes(doc.tokens[c].lemma))) return 'possible';
    const gov = head(doc, k);
    if (gov < 0) {
      const s = doc.sentences[doc.tokens[k].sentence];
      if (s && doc.tokens[s.tokenEnd - 1]?.text === '?') return 'possible';
      break;
    }
    const g = doc.tokens[gov];
    const glemma = g.lemma.toLowerCase();
    const complement = rel === 'xcomp' || rel === 'ccomp' || (rel === 'acl' && (g.upos ?? g.pos) === 'NOUN');
    // (a gerund right after its governor is its object, however the parse hangs it: "ruled out negotiating")
    const gerund = baseRel(rel) === 'advcl' && doc.tokens[k].xpos === 'VBG' && !children(doc, k, 'mark').length && k > gov && k - gov <= 2;
    if (complement || rel === 'obj' || gerund) {
      if (denies(doc, gov)) return 'denied';
      if (complement && negated(doc, gov) && (rel === 'xcomp' || ACHIEVED.has(glemma))) return 'denied';
      if (DELIBERATE.has(glemma)) return 'possible';
      if (complement && INTENT.has(glemma) && !ACHIEVED.has(glemma)) return result ?? 'planned';
    }
    // "a plan under which X would withdraw": what a plan or proposal provides is not asserted,
    // nor promised by its actors
    if (rel === 'acl:relcl' && INTENT.has(glemma) && (g.upos ?? g.pos) === 'NOUN') return 'possible';
    // Only complements, clauses and the conjuncts of a clause carry modality up; a noun's head does not.
    if (!complement && baseRel(rel) !== 'advcl' && rel !== 'obj' && !(rel === 'conj' && (g.upos ?? g.pos) === 'VERB')) break;
    k = gov;
  }
  return result;
}

/**
 * The verb or noun of intent whose complement the event at h is ("Iran demanded that Israel stop its
 * attacks": demanded), or -1: whoever holds that intent is not always the one who would act.
 */
export function intentGovernor(doc: Doc, h: number): number {
  let k = h;
  for (let step = 0; step < 8; step++) {
    const rel = doc.tokens[k].deprel ?? '';
    const gov = head(doc, k);
    if (gov < 0) return -1;
    const g = doc.tokens[gov];
    const complement = rel === 'xcomp' || rel === 'ccomp' || (rel === 'acl' && (g.upos ?? g.pos) === 'NOUN');
    if (complement && INTENT.has(g.lemma.toLowerCase()) && !ACHIEVED.has(g.lemma.toLowerCase())) return gov;
    if (!complement && rel !== 'obj' && !(rel === 'conj' && (g.upos ?? g.pos) === 'VERB')) return -1;
    k = gov;
  }
  return -1;
}

/** Whether the event at h is what a verb of deliberation talks over ("discussed further military aid", "is considering sending"). */
export function deliberated(doc: Doc, h: number): boolean {
  const gov = head(doc, h);
  return gov >= 0 && ['obj', 'xcomp', 'ccomp'].includes(doc.tokens[h].deprel ?? '') && DELIBERATE.has(doc.tokens[gov].lemma.toLowerCase());
}
