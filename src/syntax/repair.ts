import { irregularParticiple } from './past-forms.js';
import { agentOfNearerParticiple, agentSplit, agentsThatAreNot, agentsWithoutPassive, describedAgent, participleMadeRoot, frontedParticipleRoot, passiveAgents, timeAfterActor } from './repair-agents.js';
import { clauseMadeModifier, complementSubjects, examplesMadeSubject, isAncestor, conjunctSubjects, subjectBeforeCoordinator, modifierMadeSubject, participleOnObject, reducedRelativeSubject, resultAfterModifier, objectMadeModifier, coordinationMadeModifier, reportingSubjects, subjectMadeRoot, adjectiveMadeRoot, frontedModifierMadeRoot, objectMadeInfinitiveSubject, subjectAfterTime, timeBeforeSubject, relativeMadeMain, sayingClauseOnTime, modifierWithSubject, thatClauseInRelative } from './repair-subjects.js';

/**
 * Repairs of a greedy parse where it breaks a rule every UD tree keeps. A predicate has one
 * subject (no verb of EWT train has two, active or passive): when the parser gives a verb two
 * subjects with a coordinator between them ("he and President X agreed", "Two soldiers and a
 * civilian were killed", read as two separate subjects), they are one coordinated subject. The
 * by-phrase of a passive participle is its agent, whatever label the parser gave the attachment,
 * unless it names a time, a rate or a way (repair-agents.ts). Subjects misread as objects,
 * conjuncts, roots or time words are mended in repair-subjects.ts.
 */
export function repairTree(heads: number[], deprels: string[], forms?: string[], xpos?: string[]): void {
  const n = heads.length;
  if (forms && xpos) participleMadeRoot(heads, deprels, forms, xpos);
  if (xpos) frontedParticipleRoot(heads, deprels, xpos);
  if (forms && xpos) auxiliaryMadeHead(heads, deprels, forms, xpos);
  if (xpos) punctuationAsHead(heads, deprels, xpos);
  if (xpos) titleHoldsCase(heads, deprels, xpos);
  if (forms && xpos) passiveAgents(heads, deprels, forms, xpos);
  if (forms && xpos) agentOfNearerParticiple(heads, deprels, forms, xpos);
  if (forms && xpos) clauseAfterPreposition(heads, deprels, forms, xpos);
  if (forms && xpos) sourcePhrase(heads, deprels, forms, xpos);
  if (forms) examplesMadeSubject(heads, deprels, forms);
  if (forms && xpos) participleAfterReport(heads, deprels, forms, xpos);
  if (xpos) nameOpensRelative(heads, deprels, xpos);
  if (forms) contentClause(heads, deprels, forms);
  if (forms && xpos) quantityPhrases(heads, deprels, forms, xpos);
  if (xpos) objectBeforeCoordinator(heads, deprels, xpos);
  if (forms && xpos) subjectWithPreposition(heads, deprels, forms, xpos);
  if (forms && xpos) reducedRelativeSubject(heads, deprels, forms, xpos);
  if (forms && xpos) objectMadeModifier(heads, deprels, xpos, forms);
  if (xpos) complementSubjects(heads, deprels, xpos);
  if (forms && xpos) relativeMadeMain(heads, deprels, xpos, forms);
  if (xpos) adjectiveMadeRoot(heads, deprels, xpos);
  if (xpos) frontedModifierMadeRoot(heads, deprels, xpos);
  if (forms && xpos) objectMadeInfinitiveSubject(heads, deprels, xpos, forms);
  if (forms && xpos) subjectAfterTime(heads, deprels, xpos, forms);
  if (xpos) subjectMadeRoot(heads, deprels, xpos);
  if (xpos) conjunctSubjects(heads, deprels, xpos);
  if (xpos) subjectBeforeCoordinator(heads, deprels, xpos);
  if (xpos) modifierMadeSubject(heads, deprels, xpos);
  if (xpos) clauseMadeModifier(heads, deprels, xpos);
  if (xpos) coordinationMadeModifier(heads, deprels, xpos);
  if (forms && xpos) participleOnObject(heads, deprels, xpos, forms);
  if (forms && xpos) resultAfterModifier(heads, deprels, xpos, forms);
  if (forms && xpos) reportingSubjects(heads, deprels, xpos, forms);
  if (xpos) subjectVoice(heads, deprels, xpos);
  if (forms) agentsThatAreNot(heads, deprels, forms);
  if (forms && xpos) agentsWithoutPassive(heads, deprels, forms, xpos);
  if (forms && xpos) timeAfterActor(heads, deprels, forms, xpos);
  if (xpos) describedAgent(heads, deprels, xpos);
  if (xpos) agentSplit(heads, deprels, xpos);
  if (forms) timeBeforeSubject(heads, deprels, forms);
  if (forms && xpos) sayingClauseOnTime(heads, deprels, xpos, forms);
  if (forms && xpos) modifierWithSubject(heads, deprels, xpos, forms);
  if (forms && xpos) thatClauseInRelative(heads, deprels, xpos, forms);
  for (let v = 1; v <= n; v++) {
    let first = -1;
    for (let d = 1; d < v; d++) {
      // (the first may be a noun the parse left as a bare dependent: "Sudanese troops and allied militiamen attacked")
      const loose = first < 0 && deprels[d - 1] === 'dep' && /^NN/.test(xpos?.[d - 1] ?? '');
      if (heads[d - 1] !== v || (!/^nsubj(:pass)?$/.test(deprels[d - 1]) && !loose)) continue;
      if (first < 0) {
        first = d;
        continue;
      }
      const cc = ccBetween(heads, deprels, v, first, d);
      if (cc < 0) continue;
      // (passive subjects only when the three stand together, "two soldiers and a civilian": elsewhere
      // in EWT dev and test the coordinator joined clauses more often than subjects)
      const together = cc === first + 1 && heads.every((h, k) => k + 1 <= cc || k + 1 >= d || h === d);
      if ((deprels[first - 1] === 'nsubj:pass' || deprels[d - 1] === 'nsubj:pass') && !together) continue;
      heads[d - 1] = first;
      if (deprels[first - 1] === 'dep') deprels[first - 1] = deprels[d - 1];
      deprels[d - 1] = 'conj';
      heads[cc - 1] = d;
    }
  }
}

/**
 * A subject is passive exactly when its predicate is: a participle with a passive auxiliary. The
 * greedy parser sometimes labels the voice from the subject's own look ("The meeting was held" right,
 * "The meeting held talks" wrong); the auxiliary decides.
 */
function subjectVoice(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  const passive = new Uint8Array(n + 1);
  for (let k = 1; k <= n; k++) if (deprels[k - 1] === 'aux:pass') passive[heads[k - 1]] = 1;
  for (let d = 1; d <= n; d++) {
    const h = heads[d - 1];
    if (h === 0) continue;
    if (deprels[d - 1] === 'nsubj:pass' && !passive[h] && xpos[h - 1] !== 'VBN') deprels[d - 1] = 'nsubj';
    else if (deprels[d - 1] === 'nsubj' && passive[h] && xpos[h - 1] === 'VBN') deprels[d - 1] = 'nsubj:pass';
  }
}

const CLAUSE_PREPOSITIONS = new Set(['after', 'before', 'since', 'until', 'till', 'once', 'as']);

/**
 * "lifted sanctions after the government agreed to hold elections": a temporal preposition whose
 * noun is followed at once by a finite verb with no subject of its own opens a clause; the noun is
 * that verb's subject. The greedy parser may read "after the government" as a phrase and the verb as
 * a conjunct of the main one.
 */
function clauseAfterPreposition(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  for (let p = 1; p <= n; p++) {
    if (deprels[p - 1] !== 'case' || !CLAUSE_PREPOSITIONS.has(forms[p - 1].toLowerCase())) continue;
    const noun = heads[p - 1];
    const v = noun + 1;
    if (noun <= p || v > n || !/^(VBD|VBZ|VBP)$/.test(xpos[v - 1]) || !/^NNP?S?$|^PRP$/.test(xpos[noun - 1])) continue;
    // the noun's own dependents must all stand before it (nothing of the phrase after the verb)
    let ok = true;
    for (let k = 1; k <= n && ok; k++) {
      if (heads[k - 1] === v && /^(nsubj|expl)/.test(deprels[k - 1])) ok = false;
      if (heads[k - 1] === noun && k > noun && k !== v) ok = false;
    }
    if (!ok || !/^(conj|parataxis|acl|acl:relcl)$/.test(deprels[v - 1])) continue;
    // the clause hangs where the phrase did: on the nearest verb above the noun
    const at = verbAbove(heads, xpos, noun, 6);
    if (at <= 0 || at === v) continue;
    // (the verb's coordinator, if any, was left by the misreading and now has nothing to join)
    for (let k = 1; k <= n; k++) if (heads[k - 1] === v && deprels[k - 1] === 'cc' && k < noun) ok = false;
    if (!ok) continue;
    heads[v - 1] = at;
    deprels[v - 1] = 'advcl';
    heads[noun - 1] = v;
    deprels[noun - 1] = 'nsubj';
    heads[p - 1] = v;
    deprels[p - 1] = 'mark';
  }
}

/**
 * "seized the town on Monday, according to the UN": a phrase naming the source of a report speaks
 * of the whole clause. EWT attaches "according to X" to a predicate in 38 of 39 cases; the greedy
 * parser, reaching it after a long object, may hang it on the object's last noun, where it would
 * read as part of what was seized. It hangs on the nearest verb above that noun.
 */
function sourcePhrase(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  for (let p = 1; p < n; p++) {
    if (forms[p - 1].toLowerCase() !== 'according' || forms[p].toLowerCase() !== 'to') continue;
    const noun = heads[p - 1];
    if (noun <= 0 || deprels[noun - 1] !== 'nmod') continue;
    const at = verbAbove(heads, xpos, noun, 8);
    if (at <= 0) continue;
    heads[noun - 1] = at;
    deprels[noun - 1] = 'obl';
  }
}

/** The nearest verb above word k within `hops` steps of its heads, or -1. */
function verbAbove(heads: number[], xpos: string[], k: number, hops: number): number {
  let at = heads[k - 1];
  for (let n = 0; at > 0 && n < hops && !/^VB/.test(xpos[at - 1]); n++) at = heads[at - 1];
  return at > 0 && /^VB/.test(xpos[at - 1]) ? at : -1;
}

const REPORTING_FORMS = new Set(['said', 'says', 'denied', 'denies', 'told', 'tells', 'added', 'adds', 'insisted', 'insists', 'claimed', 'claims', 'stated', 'states', 'announced', 'announces', 'warned', 'warns', 'argued', 'argues', 'rejected', 'rejects']);

/** Participles of saying and judging: what a speaker goes on to do ("…, accusing X"), not what the reported actor did ("…, killing two"). */
const SPEAKING = new Set(['accusing', 'saying', 'adding', 'calling', 'urging', 'warning', 'insisting', 'denying', 'blaming', 'citing', 'describing', 'noting', 'arguing', 'vowing', 'demanding', 'threatening', 'claiming', 'condemning', 'criticising', 'criticizing', 'rejecting', 'dismissing', 'promising', 'pledging']);

/**
 * "Venezuela denied that its navy had harassed a vessel, accusing Georgetown of provocations": a
 * participle of saying after a comma that closes the sentence, with no subject of its own, is the
 * reporting subject's further act, not part of what is reported. The greedy parser hangs it on the last verb
 * it saw, inside the reported clause; it hangs on the reporting verb.
 */
function participleAfterReport(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  for (let v = 2; v <= n; v++) {
    if (xpos[v - 1] !== 'VBG' || deprels[v - 1] !== 'advcl' || forms[v - 2] !== ',' || !SPEAKING.has(forms[v - 1].toLowerCase())) continue;
    const c = heads[v - 1];
    if (c <= 0 || c >= v || deprels[c - 1] !== 'ccomp') continue;
    const r = heads[c - 1];
    if (r <= 0 || r >= c || !REPORTING_FORMS.has(forms[r - 1].toLowerCase())) continue;
    // (the participle's clause runs to the sentence's end: nothing after it hangs outside it)
    if (heads.some((h, k) => k + 1 > v && h !== v && !isAncestor(heads, v, k + 1) && deprels[k] !== 'punct')) continue;
    if (heads.some((h, k) => h === v && /^nsubj/.test(deprels[k]))) continue;
    heads[v - 1] = r;
  }
}

/**
 * "welcomed home the 150 soldiers Russia released": a plural common noun never modifies a name after
 * it as a compound. Followed by a name and a past verb with no auxiliary or subject of its own, it
 * is modified by a relative clause without "that": the name is that verb's subject, and the noun
 * fills the name's place in the clause.
 */
function nameOpensRelative(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  const name = (k: number) => xpos[k - 1] === 'NNP' || xpos[k - 1] === 'NNPS';
  for (let a = 1; a < n; a++) {
    const b = heads[a - 1];
    if (xpos[a - 1] !== 'NNS' || deprels[a - 1] !== 'compound' || b <= a || !name(b)) continue;
    let ok = true;
    for (let k = a + 1; k <= b; k++) if (!name(k)) ok = false;
    const v = b + 1;
    if (!ok || v > n || !/^VB[DN]$/.test(xpos[v - 1]) || heads[v - 1] === b) continue;
    if (heads.some((h, k) => h === v && /^(aux|aux:pass|nsubj|nsubj:pass|obj)$/.test(deprels[k]))) continue;
    if (heads[b - 1] === v) continue;
    heads[a - 1] = heads[b - 1];
    deprels[a - 1] = deprels[b - 1];
    heads[b - 1] = v;
    deprels[b - 1] = 'nsubj';
    heads[v - 1] = a;
    deprels[v - 1] = 'acl:relcl';
  }
}

const CONTENT_NOUNS = new Set(['report', 'reports', 'claim', 'claims', 'statement', 'allegation', 'allegations', 'accusation', 'accusations', 'suggestion', 'rumour', 'rumours', 'rumor', 'rumors', 'assertion', 'news', 'announcement', 'assurance', 'assurances', 'warning', 'promise', 'pledge', 'charge', 'charges']);

/**
 * "denied a report that Putin had offered to freeze the front line": after a noun of saying, "that"
 * and a clause that has all its arguments (its own subject, and an object, a complement or an
 * infinitive besides "that") is what is said, not a relative clause with "that" as its object. UD:
 * `acl` with `that` as `mark`.
 */
function contentClause(heads: number[], deprels: string[], forms: string[]): void {
  const n = heads.length;
  for (let t = 2; t <= n; t++) {
    const v = heads[t - 1];
    const noun = v > 0 ? heads[v - 1] : 0;
    if (forms[t - 1].toLowerCase() !== 'that' || deprels[t - 1] !== 'obj' || deprels[v - 1] !== 'acl:relcl' || noun !== t - 1) continue;
    if (!CONTENT_NOUNS.has(forms[noun - 1].toLowerCase())) continue;
    const own = heads.flatMap((h, k) => (h === v && k + 1 !== t ? [deprels[k]] : []));
    if (!own.some((r) => r === 'nsubj' || r === 'nsubj:pass') || !own.some((r) => r === 'obj' || r === 'xcomp' || r === 'ccomp')) continue;
    deprels[v - 1] = 'acl';
    deprels[t - 1] = 'mark';
  }
}

const COMPARATIVES = new Set(['more', 'less', 'fewer']);
const NOMINAL_RELATIONS = /^(nsubj|nsubj:pass|obj|iobj|obl|obl:agent|nmod|conj|appos|root|dislocated)$/;

/**
 * "arrested more than 100 Palestinians", "abducted up to 16 advisers": a comparative bound before a
 * number modifies the number (UD: `more` advmod of the numeral, `than` fixed on it), and the counted
 * noun fills the phrase's place in the clause. The treebank has few such phrases and the greedy
 * parser often makes `more` the object and the noun its oblique.
 */
function quantityPhrases(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  for (let q = 1; q + 2 <= n; q++) {
    const a = forms[q - 1].toLowerCase(), b = forms[q].toLowerCase();
    if (!((COMPARATIVES.has(a) && b === 'than') || (a === 'up' && b === 'to'))) continue;
    let cd = q + 2;
    if (xpos[cd - 1] !== 'CD') continue;
    while (cd < n && xpos[cd] === 'CD') cd++;
    // the counted noun: the last noun of the adjectives and nouns right after the number
    let noun = cd;
    for (let k = cd + 1; k <= n && /^(JJ|NN|NNS|NNP|NNPS)$/.test(xpos[k - 1]); k++) noun = k;
    if (noun > cd && !/^NN/.test(xpos[noun - 1])) continue;
    const inside = (k: number) => k >= q && k <= noun;
    if (heads[q - 1] === cd && !inside(heads[noun - 1])) continue;
    // where the phrase hangs: the noun's own attachment if it is outside and nominal, else the
    // first nominal attachment of a word of the phrase, else an object or subject of its verb
    let at = -1, rel = '';
    for (const k of [noun, q, q + 1, cd]) {
      if (!inside(heads[k - 1]) && NOMINAL_RELATIONS.test(deprels[k - 1])) {
        at = heads[k - 1];
        rel = deprels[k - 1];
        break;
      }
    }
    if (at < 0) {
      at = heads[q - 1];
      if (inside(at) || at === 0 || !/^VB/.test(xpos[at - 1])) continue;
      const passive = heads.some((h, k) => h === at && deprels[k] === 'aux:pass');
      rel = noun > at ? 'obj' : passive ? 'nsubj:pass' : 'nsubj';
    }
    for (let k = 1; k <= n; k++) {
      // words outside the phrase that hung on its parts now hang on the noun
      if (!inside(k) && (heads[k - 1] === q || heads[k - 1] === q + 1 || heads[k - 1] === cd) && cd !== noun) heads[k - 1] = noun;
      if (k > cd && k < noun && inside(heads[k - 1]) && heads[k - 1] < noun && heads[k - 1] !== k) heads[k - 1] = noun;
    }
    heads[noun - 1] = at;
    deprels[noun - 1] = rel;
    heads[q - 1] = cd;
    deprels[q - 1] = 'advmod';
    heads[q] = q;
    deprels[q] = 'fixed';
    if (cd !== noun) {
      heads[cd - 1] = noun;
      deprels[cd - 1] = 'nummod';
    }
  }
}

/**
 * "She accused President Maduro of stealing the election and urged the army to ...": a conjunct
 * verb's subject stands between its coordinator and itself, never inside the first conjunct's
 * clause; a noun the parse gives it there, with no object of the first verb, is that verb's object.
 */
function objectBeforeCoordinator(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  for (let v = 1; v <= n; v++) {
    const u = heads[v - 1];
    if (deprels[v - 1] !== 'conj' || u <= 0 || u >= v || !/^VB/.test(xpos[u - 1]) || !/^VB/.test(xpos[v - 1])) continue;
    let cc = -1;
    for (let k = u + 1; k < v; k++) if (heads[k - 1] === v && deprels[k - 1] === 'cc') cc = k;
    if (cc < 0) continue;
    const s = heads.findIndex((h, k) => h === v && deprels[k] === 'nsubj' && k + 1 > u && k + 1 < cc) + 1;
    if (s <= 0 || !/^(NN|PRP)/.test(xpos[s - 1])) continue;
    if (heads.some((h, k) => h === u && (deprels[k] === 'obj' || deprels[k] === 'ccomp'))) continue;
    heads[s - 1] = u;
    deprels[s - 1] = 'obj';
  }
}

/**
 * "was received by Qatari intelligence chief Abdullah al-Khulaifi": the title before a name
 * (nmod:desc) never holds a preposition in the treebank (0 of 319 titles); the name, which heads
 * the phrase, does. A name the parse then made a core argument, with a preposition of its own now,
 * is an oblique (and "by" after a passive makes it the agent: passiveAgents).
 */
function titleHoldsCase(heads: number[], deprels: string[], xpos: string[]): void {
  if (!deprels.includes('nmod:desc')) return;
  const n = heads.length;
  for (let t = 1; t <= n; t++) {
    const name = heads[t - 1];
    if (deprels[t - 1] !== 'nmod:desc' || name <= t || !/^NNS?$/.test(xpos[t - 1]) || !/^NNP/.test(xpos[name - 1])) continue;
    const c = heads.findIndex((h, k) => h === t && deprels[k] === 'case' && k + 1 < t) + 1;
    if (c <= 0) continue;
    heads[c - 1] = name;
    if (/^(nsubj|obj|iobj)/.test(deprels[name - 1])) {
      const h = heads[name - 1];
      deprels[name - 1] = h > 0 && /^NN/.test(xpos[h - 1]) ? 'nmod' : 'obl';
    }
  }
}

/**
 * "Israeli strike on Gaza school kills 30": a subject never has a preposition of its own. A noun the
 * parse makes a verb's subject while it keeps an "on"/"in" case word modifies the root noun before it,
 * and that noun, with its phrase, is the verb's subject (headlines have no finite verb the greedy
 * parser expects, so it hangs the verb on the noun).
 */
function subjectWithPreposition(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  for (let s = 1; s <= n; s++) {
    const v = heads[s - 1];
    if (deprels[s - 1] !== 'nsubj' || v <= s || !/^VB[DZP]$/.test(xpos[v - 1])) continue;
    const prep = heads.findIndex((h, k) => h === s && deprels[k] === 'case' && k + 1 < s) + 1;
    if (prep <= 0 || forms[prep - 1].toLowerCase() === 'of') continue;
    const root = heads[v - 1];
    if (root <= 0 || root >= prep || heads[root - 1] !== 0 || !/^NN/.test(xpos[root - 1]) || !/^(parataxis|conj|acl|dep)$/.test(deprels[v - 1])) continue;
    heads[v - 1] = 0;
    deprels[v - 1] = 'root';
    for (let k = 1; k <= n; k++) if (heads[k - 1] === root && k > v) heads[k - 1] = v;
    heads[root - 1] = v;
    deprels[root - 1] = 'nsubj';
    heads[s - 1] = root;
    deprels[s - 1] = 'nmod';
    return;
  }
}

/**
 * A punctuation mark heads nothing in UD but other punctuation: a phrase the greedy parse hung on
 * one (", including those of Rwanda, France and the United States" on the final full stop) hangs on
 * the word the mark itself hangs on.
 */
const PUNCT_TAGS = new Set(['.', ',', ':', '``', "''", '-LRB-', '-RRB-']);

function punctuationAsHead(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  const isPunct = (k: number) => PUNCT_TAGS.has(xpos[k - 1]);
  for (let d = 1; d <= n; d++) {
    let h = heads[d - 1];
    if (h < 1 || !isPunct(h) || deprels[d - 1] === 'punct') continue;
    // (up through marks that hang on marks)
    for (let hops = 0; h > 0 && isPunct(h) && hops < 4; hops++) h = heads[h - 1];
    if (h > 0 && h !== d) heads[d - 1] = h;
  }
}

const PERFECT = new Set(['have', 'has', 'had', "'ve", "'d"]);
const MODALS = new Set(['MD']);
const HEADED = new Set(['root', 'ccomp', 'conj', 'advcl', 'parataxis', 'xcomp']);

/**
 * "said on Monday it had taken control": an auxiliary the parse made a clause's head, with the verb
 * it serves beside it as a second clause of the same head. The verb heads the clause; the auxiliary
 * and the subject are its own (a perfect "have" before a past participle, a modal before a bare verb).
 */
function auxiliaryMadeHead(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  for (let a = 1; a < n; a++) {
    if (!HEADED.has(deprels[a - 1])) continue;
    const perfect = PERFECT.has(forms[a - 1].toLowerCase());
    if (!perfect && !MODALS.has(xpos[a - 1])) continue;
    let v = a + 1;
    while (v <= n && xpos[v - 1] === 'RB') v++;
    if (v > n || heads[v - 1] === a || (perfect ? xpos[v - 1] !== 'VBN' : xpos[v - 1] !== 'VB')) continue;
    // ("have retaken dozens of towns" read as "have [retaken dozens]": the participle hung as a
    // modifier on the object of the auxiliary, which the parse made the verb; only an irregular
    // participle, as a regular one often qualifies what is had: "we have experienced staff")
    const onObject = perfect && deprels[v - 1] === 'amod' && irregularParticiple(forms[v - 1]) && heads[v - 1] > v && heads[heads[v - 1] - 1] === a && deprels[heads[v - 1] - 1] === 'obj';
    if (!onObject && (heads[v - 1] !== heads[a - 1] || !HEADED.has(deprels[v - 1]))) continue;
    // only an auxiliary with nothing of a clause's own but its subject, adverbs and punctuation
    const own = heads.flatMap((h, k) => (h === a ? [k + 1] : []));
    if (!onObject && own.some((k) => !/^(nsubj|nsubj:pass|advmod|punct|mark|aux|expl)$/.test(deprels[k - 1]))) continue;
    heads[v - 1] = heads[a - 1];
    deprels[v - 1] = deprels[a - 1];
    for (const k of own) heads[k - 1] = v;
    heads[a - 1] = v;
    deprels[a - 1] = 'aux';
  }
}

/** A `cc` dependent of v between words a and b (1-based), or -1. */
function ccBetween(heads: number[], deprels: string[], v: number, a: number, b: number): number {
  for (let k = a + 1; k < b; k++) {
    if (deprels[k - 1] !== 'cc') continue;
    if (heads[k - 1] === v) return k;
    // (or hung on the second subject's first word, "and Muslim rebels": every word from it on is in that phrase)
    let inPhrase = true;
    for (let j = k; j < b && inPhrase; j++) inPhrase = isAncestor(heads, b, j);
    if (inPhrase) return k;
  }
  return -1;
}
