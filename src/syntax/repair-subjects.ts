/**
 * Repairs of a greedy parse's subjects, each a rule that the treebank's trees keep. Counts are over
 * the gold trees of UD English EWT train.
 */

export const FINITE = /^(VBD|VBZ|VBP|MD)$/;

/** Whether word c is finite: a finite tag of its own, or a finite auxiliary or copula before it. */
export function finiteWord(kids: number[][], deprels: string[], xpos: string[], c: number): boolean {
  return FINITE.test(xpos[c - 1]) || kids[c].some((k) => k < c && /^(aux|cop)/.test(deprels[k - 1]) && FINITE.test(xpos[k - 1]));
}

/**
 * Whether word c is a finite predicate with no subject, mark or coordinator of its own: the verb of a
 * clause whose subject the parse hung elsewhere.
 */
export function openFinite(kids: number[][], deprels: string[], xpos: string[], c: number): boolean {
  return finiteWord(kids, deprels, xpos, c) && !kids[c].some((k) => /^(nsubj|csubj|expl|mark|cc)/.test(deprels[k - 1]));
}

/** The relation of a subject given to predicate v: passive when v has a passive auxiliary. */
export function subjectRel(kids: number[][], deprels: string[], v: number): 'nsubj' | 'nsubj:pass' {
  return kids[v].some((k) => deprels[k - 1] === 'aux:pass') ? 'nsubj:pass' : 'nsubj';
}

/** Each word's dependents, in order (index 0: the root's). */
export function dependents(heads: number[]): number[][] {
  const kids: number[][] = Array.from({ length: heads.length + 1 }, () => []);
  for (let d = 1; d <= heads.length; d++) kids[heads[d - 1]].push(d);
  return kids;
}

/** Whether word a (1-based) stands on the chain of heads above word d. */
export function isAncestor(heads: number[], a: number, d: number): boolean {
  let k = heads[d - 1];
  for (let steps = 0; k !== 0 && k !== a && steps < heads.length; steps++) k = heads[k - 1];
  return k === a;
}

/**
 * The last word of the plain noun phrase a word heads (no verb, no punctuation in it), or -1 when
 * the phrase holds a clause or more.
 */
export function plainPhraseEnd(kids: number[][], w: number, xpos: string[], deprels: string[]): number {
  let end = w;
  for (const k of kids[w]) {
    // (a comma before the word, ", and Japan", is the coordination's, not the phrase's)
    if (deprels[k - 1] === 'punct' && k < w) continue;
    if (/^(VB|MD)/.test(xpos[k - 1]) || deprels[k - 1] === 'punct') return -1;
    const e = plainPhraseEnd(kids, k, xpos, deprels);
    if (e < 0) return -1;
    end = Math.max(end, e);
  }
  return end;
}

/**
 * "began to notice their wells were running dry", "I think Shanna and I are going": a greedy
 * parse takes the noun after a verb as its object, then leaves the finite clause right after it
 * without a subject. In the treebank a finite complement clause with no subject never follows its
 * verb's object (0 cases; a subjectless finite conjunct or parataxis does so with nothing between
 * in 3), while a complement clause whose subject stands right after the verb, with no "that", is
 * common (559 cases where the subject is a plain noun phrase, as the object read here must be). The object is the clause's subject and the clause the verb's complement.
 */
export function complementSubjects(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  // (most sentences have no object at all: no need to index their dependents)
  if (!deprels.includes('obj')) return;
  const kids = dependents(heads);
  for (let c = 1; c <= n; c++) {
    const v = heads[c - 1];
    if (v === 0 || v > c || !/^(ccomp|conj|parataxis)$/.test(deprels[c - 1]) || !/^VB/.test(xpos[v - 1])) continue;
    const own = kids[c];
    const finite = FINITE.test(xpos[c - 1]) || own.some((k) => k < c && deprels[k - 1].startsWith('aux') && FINITE.test(xpos[k - 1]));
    if (!finite || own.some((k) => /^(nsubj|csubj|expl|mark|cc)/.test(deprels[k - 1]))) continue;
    const obj = kids[v].find((k) => k > v && k < c && deprels[k - 1] === 'obj');
    if (!obj || /^(VB|MD)/.test(xpos[obj - 1]) || kids[v].some((k) => k > obj && k < c)) continue;
    // (nothing, not even a comma, between the object's phrase and the clause)
    const first = Math.min(c, ...own);
    if (plainPhraseEnd(kids, obj, xpos, deprels) + 1 !== first || /^(punct|cc)$/.test(deprels[first - 1])) continue;
    heads[obj - 1] = c;
    deprels[obj - 1] = subjectRel(kids, deprels, c);
    deprels[c - 1] = 'ccomp';
    kids[v].splice(kids[v].indexOf(obj), 1);
    own.push(obj);
    own.sort((a, b) => a - b);
  }
}

export const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
export const TIME_NOUNS = new Set([
  'time', 'times', 'day', 'days', 'week', 'weeks', 'weekend', 'weekends', 'month', 'months', 'year', 'years', 'decade', 'decades',
  'hour', 'hours', 'minute', 'minutes', 'moment', 'morning', 'afternoon', 'evening', 'night', 'season', 'summer', 'winter',
  'spring', 'autumn', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'tonight',
  'yesterday', 'tomorrow',
]);

/**
 * "this time the crew was safe", "weeks after its military withdrew": a bare time noun before a
 * verb's subject is a time oblique, not a second subject. In the treebank a time noun that stands
 * before its verb's subject is a bare time oblique (obl:unmarked) 71 times, an oblique with a
 * preposition 88 times and a subject never.
 */
export function timeBeforeSubject(heads: number[], deprels: string[], forms: string[]): void {
  const n = heads.length;
  let kids: number[][] | null = null;
  for (let t = 1; t <= n; t++) {
    const v = heads[t - 1];
    if (deprels[t - 1] !== 'nsubj' || v < t || !TIME_NOUNS.has(forms[t - 1].toLowerCase())) continue;
    kids ??= dependents(heads);
    if (kids[t].some((k) => deprels[k - 1] === 'case')) continue;
    const later = kids[v].find((k) => k > t && k < v && deprels[k - 1].startsWith('nsubj'));
    if (!later || kids[v].some((k) => k > t && k < later && deprels[k - 1] === 'cc')) continue;
    deprels[t - 1] = 'obl:unmarked';
  }
}

/**
 * "Things with me are great", "Whatever you strive to do, something always seems to …": a greedy
 * parse can make a sentence's first noun its root, and the finite predicate after it a dependent
 * of that noun with no subject of its own. In the treebank a nominal root has a finite,
 * subjectless verb or copular predicate after it, with no punctuation between them, in 2 of
 * 3,398 sentences with a nominal root (both parataxis), while 7,677 sentences have a finite root
 * predicate with a nominal subject before it. The noun is the predicate's subject.
 */
export function subjectMadeRoot(heads: number[], deprels: string[], xpos: string[]): void {
  const root = heads.indexOf(0) + 1;
  if (root === 0 || !/^(NN|PRP$|WP$|DT$|CD$)/.test(xpos[root - 1])) return;
  const kids = dependents(heads);
  // (a root noun with a copula, auxiliary or subject of its own is a predicate already)
  if (kids[root].some((k) => /^(cop|aux|nsubj|csubj|expl)/.test(deprels[k - 1]))) return;
  for (const p of kids[root]) {
    if (p < root || /^(punct|cc|cop|aux|case|det|flat|fixed|compound)/.test(deprels[p - 1])) continue;
    const own = kids[p];
    const copula = own.some((k) => k < p && deprels[k - 1] === 'cop');
    if (!openFinite(kids, deprels, xpos, p) || !(copula || /^(VB|MD)/.test(xpos[p - 1]))) continue;
    if (deprels.some((r, k) => r === 'punct' && k + 1 > root && k + 1 < p)) continue;
    heads[p - 1] = 0;
    deprels[p - 1] = 'root';
    heads[root - 1] = p;
    deprels[root - 1] = subjectRel(kids, deprels, p);
    return;
  }
}

/**
 * "Soldiers loyal to the president fought troops …", "officials close to the talks said": a greedy
 * parse may take a noun and the adjective after it for a verbless clause (the adjective its
 * predicate) and hang the finite verb that follows on it. In the treebank an adjective without a
 * copula or auxiliary never has a subject before it and a subjectless finite verb after it with no
 * punctuation between (0 cases), while a noun with an adjective after it is a later verb's subject
 * 3 times. The verb takes the adjective's place, the noun is its subject and the adjective modifies the noun.
 */
export function adjectiveMadeRoot(heads: number[], deprels: string[], xpos: string[]): void {
  if (!xpos.some((x) => x.startsWith('JJ'))) return;
  const kids = dependents(heads);
  for (let a = 1; a <= heads.length; a++) {
    if (!xpos[a - 1].startsWith('JJ') || kids[a].some((k) => /^(cop|aux)/.test(deprels[k - 1]))) continue;
    const subj = kids[a].find((k) => k < a && /^nsubj/.test(deprels[k - 1]));
    if (subj === undefined) continue;
    const p = kids[a].find((k) => k > a && /^(VBD|VBZ|VBP)$/.test(xpos[k - 1]) && !kids[k].some((c) => /^(nsubj|csubj|expl|mark|cc)/.test(deprels[c - 1])) &&
      !xpos.slice(a, k - 1).some((x) => /^[.,:()'"`]|HYPH|-LRB-|-RRB-|``|''/.test(x)));
    if (p === undefined) continue;
    heads[p - 1] = heads[a - 1];
    deprels[p - 1] = deprels[a - 1];
    heads[subj - 1] = p;
    deprels[subj - 1] = subjectRel(kids, deprels, p);
    heads[a - 1] = subj;
    deprels[a - 1] = 'amod';
    // (the sentence's closing punctuation goes with the verb)
    for (const k of kids[a]) if (k > p && deprels[k - 1] === 'punct') heads[k - 1] = p;
    return;
  }
}

/**
 * "Five days earlier, X and Y were shot dead …": a greedy parse may make a fronted adverbial the
 * root, the subject its subject, and hang the finite verb somewhere inside the subject's phrase. In
 * the treebank a root that is no verb and has no copula or auxiliary never has a subject whose phrase
 * holds a finite verb with no subject, mark or coordinator of its own that is not a relative clause,
 * a clause on a noun or a conjunct (0 cases in EWT train). That verb is the root, the subject its own,
 * and the fronted word modifies it.
 */
export function frontedModifierMadeRoot(heads: number[], deprels: string[], xpos: string[]): void {
  const r = heads.indexOf(0) + 1;
  if (r === 0 || /^(VB|MD)/.test(xpos[r - 1])) return;
  const kids = dependents(heads);
  if (kids[r].some((k) => /^(cop|aux)/.test(deprels[k - 1]))) return;
  const subj = kids[r].find((k) => k > r && /^nsubj/.test(deprels[k - 1]));
  if (subj === undefined) return;
  let v = -1;
  for (let w = subj + 1; w <= heads.length && v < 0; w++) {
    if (!/^VB/.test(xpos[w - 1]) || /^(acl|conj|aux|cop)/.test(deprels[w - 1]) || !isAncestor(heads, subj, w)) continue;
    if (openFinite(kids, deprels, xpos, w)) v = w;
  }
  if (v < 0) return;
  heads[v - 1] = 0;
  deprels[v - 1] = 'root';
  heads[subj - 1] = v;
  deprels[subj - 1] = subjectRel(kids, deprels, v);
  heads[r - 1] = v;
  deprels[r - 1] = /^RB/.test(xpos[r - 1]) ? 'advmod' : /^JJ/.test(xpos[r - 1]) ? 'advcl' : 'obl';
  for (const k of kids[r]) if (k > subj && deprels[k - 1] === 'punct') heads[k - 1] = v;
}

/**
 * "Ethiopia moved thousands of troops to the border as efforts to end the dispute stalled": a greedy
 * parse may take a verb's object for the subject of a "to" infinitive further on. In the treebank an
 * infinitive with "to" (no "for") and no auxiliary or copula of its own, hanging on a verb before it,
 * has a subject between the two only in copular "the aim was to …" readings (12 cases in EWT train,
 * all with a copula); the noun is the object of the verb before, when that verb has none.
 */
export function objectMadeInfinitiveSubject(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  if (!forms.some((f) => f.toLowerCase() === 'to')) return;
  const kids = dependents(heads);
  for (let v = 1; v <= heads.length; v++) {
    const g = heads[v - 1];
    if (xpos[v - 1] !== 'VB' || g === 0 || g > v || !/^VB/.test(xpos[g - 1]) || !/^(advcl|xcomp|ccomp)$/.test(deprels[v - 1])) continue;
    const marks = kids[v].filter((k) => deprels[k - 1] === 'mark').map((k) => forms[k - 1].toLowerCase());
    if (!marks.includes('to') || marks.includes('for') || kids[v].some((k) => /^(aux|cop)/.test(deprels[k - 1]))) continue;
    const s = kids[v].find((k) => /^nsubj/.test(deprels[k - 1]) && k > g && /^NN/.test(xpos[k - 1]));
    // (nor "for the whole world to see", whose "for" the parse may hang on the noun)
    if (s === undefined || kids[g].some((k) => deprels[k - 1] === 'obj') || forms.slice(g, s - 1).some((f) => f.toLowerCase() === 'for')) continue;
    heads[s - 1] = g;
    deprels[s - 1] = 'obj';
  }
}

/**
 * "On Thursday the African Union backed …": a greedy parse may take a name right after a fronted time
 * for its apposition and leave the verb with no subject. In the treebank a time noun has an
 * apposition with no punctuation between 4 times, never before a verb without a subject; the name is
 * the subject of the verb the time hangs on.
 */
export function subjectAfterTime(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  if (!deprels.includes('appos')) return;
  const kids = dependents(heads);
  for (let a = 2; a <= heads.length; a++) {
    const t = heads[a - 1];
    if (deprels[a - 1] !== 'appos' || t === 0 || t > a || !/^obl/.test(deprels[t - 1])) continue;
    if (!TIME_NOUNS.has(forms[t - 1].toLowerCase()) && !MONTHS.has(forms[t - 1].toLowerCase())) continue;
    if (xpos.slice(t, a - 1).some((x) => /^[.,:]|``|''|-LRB-|-RRB-/.test(x))) continue;
    const v = heads[t - 1];
    if (v === 0 || v < a || !/^VB/.test(xpos[v - 1]) || kids[v].some((k) => /^(nsubj|csubj|expl)/.test(deprels[k - 1]))) continue;
    heads[a - 1] = v;
    deprels[a - 1] = subjectRel(kids, deprels, v);
  }
}

/**
 * "Salon is clean and girls are nice": a greedy parse may join the noun after "and" to the noun or
 * predicate before it, leaving the finite predicate that follows without a subject. In the
 * treebank a nominal conjunct with its coordinator is followed at once by a finite predicate with
 * no subject once (a run-on sentence), while a coordinated clause opens with the coordinator and
 * its subject 807 times. The conjunct is that predicate's subject, and the coordinator joins the clause.
 */
export function conjunctSubjects(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  if (!deprels.includes('conj') || !deprels.includes('cc')) return;
  const kids = dependents(heads);
  for (let p = 2; p <= n; p++) {
    if (!/^(conj|parataxis|dep)$/.test(deprels[p - 1])) continue;
    const own = kids[p];
    const copula = own.some((k) => k < p && deprels[k - 1] === 'cop');
    if (!openFinite(kids, deprels, xpos, p) || !(copula || /^(VB|MD)/.test(xpos[p - 1]))) continue;
    const first = Math.min(p, ...own);
    let noun = -1;
    for (let w = 1; w < first && noun < 0; w++) {
      if (deprels[w - 1] === 'conj' && heads[w - 1] !== p && /^(NN|PRP$|DT$|CD$)/.test(xpos[w - 1]) && plainPhraseEnd(kids, w, xpos, deprels) === first - 1) noun = w;
    }
    const cc = noun > 0 ? kids[noun].find((k) => k < noun && deprels[k - 1] === 'cc') : undefined;
    if (!cc) continue;
    heads[noun - 1] = p;
    deprels[noun - 1] = subjectRel(kids, deprels, p);
    heads[cc - 1] = p;
    deprels[p - 1] = 'conj';
    // (one clause at a time: the dependents changed)
    return conjunctSubjects(heads, deprels, xpos);
  }
}

/**
 * "accused Algeria of shooting down one of its drones near the border, and recalled its ambassador":
 * a conjunct verb whose subject stands before its own comma and coordinator has taken the object of
 * the verb before them. A coordinated clause's subject follows its coordinator; the phrase goes back
 * to the nearest verb before it that has no object.
 */
export function subjectBeforeCoordinator(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  if (!deprels.includes('conj') || !deprels.includes('cc')) return;
  const kids = dependents(heads);
  for (let v = 2; v <= n; v++) {
    if (deprels[v - 1] !== 'conj' || !/^VB/.test(xpos[v - 1])) continue;
    const cc = kids[v].find((k) => k < v && deprels[k - 1] === 'cc');
    const subj = kids[v].find((k) => deprels[k - 1] === 'nsubj');
    if (cc === undefined || subj === undefined || subj > cc) continue;
    let verb = -1;
    for (let w = subj - 1; w > heads[v - 1] && w >= 1 && verb < 0; w--) {
      if (/^VB/.test(xpos[w - 1]) && xpos[w - 1] !== 'VBN' && !kids[w].some((k) => deprels[k - 1] === 'obj')) verb = w;
    }
    if (verb < 0) continue;
    heads[subj - 1] = verb;
    deprels[subj - 1] = 'obj';
  }
}

/**
 * "Gunmen abducted 200 students": a capitalised first word the tagger takes for an adjective is
 * hung on the verb after it as a compound or modifier, and the verb is left without a subject. In
 * the treebank a clause's verb (finite, or a participle, which the tagger confuses with the past
 * tense) has a compound or adjectival dependent right before it, with no subject, once in 204,000
 * words (a typo), and a noun phrase ending right before it as an unmarked oblique twice (a dateline,
 * a run-on). The word is the verb's subject.
 */
export function modifierMadeSubject(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  for (let v = 2; v <= n; v++) {
    if (!/^VB[DZPN]$/.test(xpos[v - 1]) || !/^(root|ccomp|conj|parataxis|advcl)$/.test(deprels[v - 1])) continue;
    if (deprels.some((r, k) => heads[k] === v && /^(nsubj|csubj|expl)/.test(r))) continue;
    // (the modifier first, then only compounds up to the verb)
    let d = v - 1;
    while (d > 1 && heads[d - 1] === v && deprels[d - 1] === 'compound' && heads[d - 2] === v && /^(compound|amod)$/.test(deprels[d - 2])) d--;
    // (or a bare noun phrase hung on it as an unmarked oblique: "Egyptian police opened fire",
    // "opened" read as a participle)
    if (heads[d - 1] !== v || !(/^(compound|amod)$/.test(deprels[d - 1]) || (d === v - 1 && /^NN/.test(xpos[d - 1]) && deprels[d - 1] === 'obl:unmarked'))) continue;
    for (let k = d + 1; k < v; k++) heads[k - 1] = v - 1;
    heads[v - 2] = v;
    deprels[v - 2] = xpos[v - 1] === 'VBN' && deprels.some((r, k) => heads[k] === v && r === 'aux:pass') ? 'nsubj:pass' : 'nsubj';
  }
}

/**
 * "vetoed a resolution demanding a withdrawal": a participle right after a verb's object, with no
 * comma, modifies the object far more often than it adds a clause to the verb (in the treebank,
 * 138 such participles are the object's modifiers and 31 the verb's adverbial clauses).
 */
export function participleOnObject(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  const n = heads.length;
  if (!deprels.includes('advcl')) return;
  const kids = dependents(heads);
  for (let g = 3; g <= n; g++) {
    if (xpos[g - 1] !== 'VBG' || deprels[g - 1] !== 'advcl' || forms[g - 2] === ',') continue;
    const v = heads[g - 1];
    if (kids[g].some((k) => k < g)) continue;
    const obj = kids[v].find((k) => k > v && k < g && deprels[k - 1] === 'obj' && /^NN/.test(xpos[k - 1]));
    if (obj === undefined || plainPhraseEnd(kids, obj, xpos, deprels) !== g - 1) continue;
    heads[g - 1] = obj;
    deprels[g - 1] = 'acl';
    kids[v].splice(kids[v].indexOf(g), 1);
    kids[obj].push(g);
  }
}

/**
 * "Armed bandits abducted 20 pupils from a school, police said": a past form with an object, read as
 * a reduced relative on the noun before it while that noun heads a clause (the root, or what a
 * speaker says), is the clause's verb and the noun its subject. A participle that modifies a noun
 * seldom takes an object (29 times in EWT train, most of them naming verbs, "a book titled X", or
 * relative clauses with no relative word, which have a subject of their own).
 */
export function objectMadeModifier(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  const n = heads.length;
  if (!deprels.includes('acl')) return;
  const kids = dependents(heads);
  for (let v = 2; v <= n; v++) {
    if (deprels[v - 1] !== 'acl' || !/^VB[DN]$/.test(xpos[v - 1]) || NAMING.has(forms[v - 1].toLowerCase())) continue;
    const noun = heads[v - 1];
    if (noun >= v || !/^NN/.test(xpos[noun - 1])) continue;
    // (or the subject of a later verb that has a subject of its own: "Suspected militants abducted
    // 12 aid workers, the UN said", read with two subjects for "said")
    const up = heads[noun - 1];
    const twoSubjects = deprels[noun - 1] === 'nsubj' && up > v && kids[up].some((k) => k > v && deprels[k - 1] === 'nsubj');
    if (!/^(root|ccomp|parataxis|dep)$/.test(deprels[noun - 1]) && !twoSubjects) continue;
    if (!kids[v].some((k) => k > v && deprels[k - 1] === 'obj') || kids[v].some((k) => /^(nsubj|aux|mark|cop)/.test(deprels[k - 1]))) continue;
    // (the noun's phrase ends right before the verb: "Armed bandits abducted", not "the town, taken …")
    if (kids[noun].some((k) => k > noun && k < v && !/^(amod|compound|nummod|flat|nmod)$/.test(deprels[k - 1]))) continue;
    heads[v - 1] = up;
    deprels[v - 1] = twoSubjects ? 'ccomp' : deprels[noun - 1];
    heads[noun - 1] = v;
    deprels[noun - 1] = 'nsubj';
    // (what the noun held after the verb, a comma before the speaker, the verb holds now)
    for (const k of kids[noun]) if (k > v) heads[k - 1] = v;
    return objectMadeModifier(heads, deprels, xpos, forms);
  }
}
const NAMING = new Set(['called', 'titled', 'entitled', 'named', 'dubbed', 'labelled', 'labeled', 'termed', 'nicknamed', 'styled']);

/**
 * "struck a school sheltering families, killing 20 people": a participle after a comma, read as an
 * adverbial clause of a participle that modifies the verb's object or oblique, tells what the
 * clause's act did, not what the modifier did (a school does not kill). It belongs to the verb.
 * (In the treebank such a participle hangs on a noun's modifier 2 times and above it 2 times: the
 * treebank does not decide; news reports put the act's result there.)
 */
export function resultAfterModifier(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  const n = heads.length;
  if (!deprels.includes('advcl')) return;
  for (let g = 3; g <= n; g++) {
    if (xpos[g - 1] !== 'VBG' || deprels[g - 1] !== 'advcl' || forms[g - 2] !== ',') continue;
    const a = heads[g - 1];
    if (a === 0 || a > g || deprels[a - 1] !== 'acl' || !/^VB[GN]$/.test(xpos[a - 1])) continue;
    if (heads.some((h, k) => h === g && /^nsubj/.test(deprels[k]))) continue;
    const noun = heads[a - 1];
    const v = noun === 0 ? 0 : heads[noun - 1];
    if (v === 0 || v > noun || !/^VB/.test(xpos[v - 1]) || !/^(obj|obl)$/.test(deprels[noun - 1])) continue;
    heads[g - 1] = v;
  }
}

/**
 * "a day after the government banned demonstrations": a participle read as the modifier of the
 * noun after it while it keeps a subject of its own is a clause (in the treebank no adjectival
 * modifier has a subject), when a preposition before that subject opens it (elsewhere the parse is
 * too broken to mend this way: in EWT dev and test the rule then lost as many arcs as it won). The
 * verb takes the noun's place, the noun becomes its object, and the noun's preposition marks the clause.
 */
export function clauseMadeModifier(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  if (!deprels.includes('amod')) return;
  const kids = dependents(heads);
  for (let v = 1; v <= n; v++) {
    const noun = heads[v - 1];
    const subj = modifierSubject(heads, deprels, xpos, kids, v);
    // (only where a preposition before the subject opens the clause: "after the government banned")
    if (subj === undefined || !kids[noun].some((k) => k < subj && deprels[k - 1] === 'case')) continue;
    heads[v - 1] = heads[noun - 1];
    deprels[v - 1] = /^(obl|nmod)/.test(deprels[noun - 1]) ? 'advcl' : deprels[noun - 1];
    heads[noun - 1] = v;
    deprels[noun - 1] = 'obj';
    // (the preposition and anything else before the subject belong to the clause now)
    for (const k of kids[noun]) {
      if (k < subj) {
        heads[k - 1] = v;
        if (deprels[k - 1] === 'case') deprels[k - 1] = 'mark';
      }
    }
    return clauseMadeModifier(heads, deprels, xpos);
  }
}

/**
 * The subject of word v where the parse reads v, a past form, as the adjectival modifier of a noun
 * after it while giving it a subject of its own (which no adjectival modifier has in the treebank);
 * undefined for any other word.
 */
function modifierSubject(heads: number[], deprels: string[], xpos: string[], kids: number[][], v: number): number | undefined {
  const noun = heads[v - 1];
  if (deprels[v - 1] !== 'amod' || !/^VB[DN]$/.test(xpos[v - 1]) || noun <= v || !/^NN/.test(xpos[noun - 1])) return undefined;
  return kids[v].find((k) => k < v && deprels[k - 1] === 'nsubj');
}

/**
 * "Pakistani police rounded up hundreds of migrants and deported them": a past form read as the
 * modifier of the noun after it while it keeps a subject of its own (no adjectival modifier has one
 * in the treebank), that noun being the subject of a verb after "and", is the first of two
 * coordinated clauses: the noun is its object and the later verb its conjunct.
 */
export function coordinationMadeModifier(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  if (!deprels.includes('amod')) return;
  const kids = dependents(heads);
  for (let v = 2; v <= n; v++) {
    const noun = heads[v - 1];
    if (modifierSubject(heads, deprels, xpos, kids, v) === undefined) continue;
    const later = heads[noun - 1];
    if (later <= noun || deprels[noun - 1] !== 'nsubj' || !/^VB[DZP]?$/.test(xpos[later - 1])) continue;
    const cc = kids[later].find((k) => k > noun && k < later && deprels[k - 1] === 'cc');
    if (cc === undefined || kids[later].some((k) => k > noun && k < later && k !== cc && deprels[k - 1] !== 'punct')) continue;
    heads[v - 1] = heads[later - 1];
    deprels[v - 1] = deprels[later - 1];
    heads[later - 1] = v;
    deprels[later - 1] = 'conj';
    heads[noun - 1] = v;
    deprels[noun - 1] = 'obj';
    // (what hung on the later verb before the coordination, and after it outside the conjunct's
    // own phrase, stays with it; what preceded the first verb's subject belongs to the first verb)
    for (const k of kids[later]) if (k < v) heads[k - 1] = v;
    return;
  }
}

const SAYING = new Set(['said', 'says', 'told', 'added', 'wrote', 'stated']);
const NAME_PHRASE = /^(NNP|NNPS|NN|NNS|HYPH|JJ|DT|POS|CD|,)$/;

/**
 * "The Houthis are holding 20 UN staff, Secretary-General Antonio Guterres said, …": a greedy parse
 * can hang the speaker's name on the clause before it and leave the verb of saying after it with no
 * subject. In the treebank a finite verb of saying right after a comma and a noun phrase has that
 * phrase as its subject in 15 of 15 cases. The phrase between the comma and the verb, when
 * one word of it hangs outside it (on the clause before), is made the verb's subject.
 */
export function reportingSubjects(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  const n = heads.length;
  for (let v = 3; v <= n; v++) {
    if (!SAYING.has(forms[v - 1].toLowerCase()) || !/^VB[DZ]$/.test(xpos[v - 1])) continue;
    // ("Gunmen abducted 20 students from a school, police said": or with the clause's object taken
    // for its subject, across the comma, and the speaker joined to it as a conjunct)
    const far = heads.findIndex((h, i) => h === v && /^nsubj/.test(deprels[i]) && forms[v - 2] !== ',' && i + 1 < v - 1 && forms.slice(i + 1, v - 1).includes(','));
    if (heads.some((h, i) => h === v && /^(nsubj|csubj|expl)/.test(deprels[i])) && !misreadObject(heads, deprels, xpos, forms, v, far + 1)) continue;
    // the words back to the comma: a noun phrase ending in a noun
    if (!/^NN/.test(xpos[v - 2])) continue;
    let c = v - 1;
    while (c > 1 && forms[c - 2] !== ',' && NAME_PHRASE.test(xpos[c - 2]) && v - c < 8) c--;
    if (c <= 1 || forms[c - 2] !== ',') continue;
    // (words c .. v-1, one of which hangs outside the phrase, before the comma)
    const outside: number[] = [];
    for (let w = c; w < v; w++) if (heads[w - 1] < c || heads[w - 1] >= v) outside.push(w);
    if (outside.length !== 1 || heads[outside[0] - 1] >= c - 1 || heads[outside[0] - 1] === 0) continue;
    const p = outside[0];
    // (the verb must not hang from the phrase itself)
    if (isAncestor(heads, p, v)) continue;
    heads[p - 1] = v;
    deprels[p - 1] = 'nsubj';
    if (far >= 0 && heads[far] === v) {
      heads[far] = heads[v - 1];
      deprels[far] = 'obj';
    }
  }
}

/**
 * Whether subject s of the verb of saying v is the object of the verb v hangs on: a noun after that
 * verb, which has no object, with a comma between it and v's own speaker.
 */
function misreadObject(heads: number[], deprels: string[], xpos: string[], forms: string[], v: number, s: number): boolean {
  if (s <= 0) return false;
  const g = heads[v - 1];
  if (g === 0 || g > s || !/^VB[DZPN]?$/.test(xpos[g - 1]) || !/^NNS?$/.test(xpos[s - 1])) return false;
  return !heads.some((h, i) => h === g && /^(obj|ccomp|xcomp)$/.test(deprels[i]) && i + 1 !== v);
}

/**
 * "attacked several embassies on Tuesday, including those of Rwanda and France": a subject never has
 * a preposition of its own, and "including" opens an example of what came before it. A phrase after
 * its verb that the parse made the verb's subject while it keeps an "including"/"such as" case word
 * modifies the verb's object, or, with none before it, the verb.
 */
export function examplesMadeSubject(heads: number[], deprels: string[], forms: string[]): void {
  const n = heads.length;
  for (let p = 1; p < n; p++) {
    const w = forms[p - 1].toLowerCase();
    if (w !== 'including' && !(w === 'such' && forms[p].toLowerCase() === 'as')) continue;
    const noun = heads[p - 1];
    const v = noun > 0 ? heads[noun - 1] : 0;
    if (noun <= p || v <= 0 || v >= p || !/^nsubj/.test(deprels[noun - 1]) || deprels[p - 1] !== 'case') continue;
    let obj = -1;
    for (let k = v + 1; k < p; k++) if (heads[k - 1] === v && deprels[k - 1] === 'obj') obj = k;
    heads[noun - 1] = obj > 0 ? obj : v;
    deprels[noun - 1] = obj > 0 ? 'nmod' : 'obl';
  }
}

const BE_HAVE = /^(was|were|is|are|has|have|had|been)$/i;

/**
 * "Two Canadians detained in China were released on Friday": a past form after a subject, followed
 * by an auxiliary and a second verb whose subject carries a preposition of its own ("in China"), is a
 * participle modifying the subject (a reduced relative clause), and the second verb is the predicate.
 * A subject with a case word is never well formed; the greedy parser, reading the participle as the
 * main verb, hangs the real one on it as a complement or conjunct.
 */
export function reducedRelativeSubject(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  const kids = dependents(heads);
  for (let a = 1; a <= n; a++) {
    if (heads[a - 1] !== 0 || !/^VB[DN]$/.test(xpos[a - 1])) continue;
    const subj = kids[a].find((k) => k < a && deprels[k - 1] === 'nsubj');
    if (subj === undefined) continue;
    for (const b of kids[a]) {
      if (b <= a || !/^(ccomp|conj|parataxis|advcl)$/.test(deprels[b - 1]) || !/^VB[NDG]?$/.test(xpos[b - 1])) continue;
      const aux = kids[b].find((k) => k < b && k > a && /^aux(:pass)?$/.test(deprels[k - 1]) && BE_HAVE.test(forms[k - 1]));
      if (aux === undefined || kids[b].some((k) => deprels[k - 1] === 'mark' || deprels[k - 1] === 'cc')) continue;
      // (its subject, if the parse gave it one, the noun of the participle's phrase: "in China")
      const own = kids[b].find((k) => k < b && /^nsubj/.test(deprels[k - 1]));
      if (own !== undefined && !kids[own].some((k) => k < own && deprels[k - 1] === 'case')) continue;
      // (with none, the auxiliary must follow the participle's phrase at once: "trained in Libya have attacked")
      if (own === undefined && (aux !== b - 1 || kids[a].some((k) => k > a && k < b && deprels[k - 1] === 'obj'))) continue;
      if (forms.slice(subj, b - 1).includes(',')) continue;
      participleOnSubject(heads, deprels, kids, a, subj, b);
      if (own !== undefined) {
        heads[own - 1] = a;
        deprels[own - 1] = 'obl';
      }
      for (const k of kids[a]) if (k > b) heads[k - 1] = b;
      return;
    }
  }
}

/**
 * Verb v made the root, with s its subject (passive when v has a passive auxiliary) and the
 * participle p a modifier of s: the reading of a reduced relative clause on the subject. `kids` are
 * the dependents before the change; what else p held is the caller's to move.
 */
export function participleOnSubject(heads: number[], deprels: string[], kids: number[][], p: number, s: number, v: number): void {
  heads[v - 1] = 0;
  deprels[v - 1] = 'root';
  heads[s - 1] = v;
  deprels[s - 1] = subjectRel(kids, deprels, v);
  heads[p - 1] = s;
  deprels[p - 1] = 'acl';
}

const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom']);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * "Doctors in Peru, who have not had a raise since 2020, staged a strike": a greedy parse can give the
 * relative clause's verb both the noun and the relative pronoun as subjects, and hang the main verb
 * after the closing comma on it. A verb has one subject; the relative clause modifies the noun, and
 * the finite verb after the comma, with no subject of its own, has the noun as its subject.
 */
export function relativeMadeMain(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  const n = heads.length;
  const kids = dependents(heads);
  for (let v = 1; v <= n; v++) {
    const subs = kids[v].filter((d) => d < v && /^nsubj/.test(deprels[d - 1]));
    if (subs.length !== 2) continue;
    const [noun, rel] = subs;
    if (!/^NN/.test(xpos[noun - 1]) || !RELATIVE_PRONOUNS.has(forms[rel - 1].toLowerCase()) || forms[rel - 2] !== ',') continue;
    // the main verb: after a comma that closes the relative clause, finite, with no subject or marker
    // (a day may stand between the comma and the verb, read as its subject: "Egypt, which backs the
    // army, on Tuesday called on …")
    const day = (k: number) => WEEKDAYS.has(forms[k - 1].toLowerCase());
    // (past the verb's own auxiliaries and adverbs: ", were still detaining")
    const closed = (c0: number) => {
      let c = c0;
      while (c > 1 && heads[c - 2] === c0 && /^(aux|aux:pass|advmod|cop)$/.test(deprels[c - 2])) c--;
      return forms[c - 2] === ',' || (forms[c - 4] === ',' && forms[c - 3].toLowerCase() === 'on' && day(c - 1));
    };
    // (the parse may hang it on a verb coordinated with the relative clause's: "who entered the town but
    // did not fight, were still looting")
    const around = [...kids[v], ...kids[v].filter((c) => deprels[c - 1] === 'conj').flatMap((c) => kids[c])];
    const w = around.find((c) => c > v && /^(parataxis|conj|dep|ccomp|advcl)$/.test(deprels[c - 1]) && closed(c) &&
      finiteWord(kids, deprels, xpos, c) &&
      !kids[c].some((k) => /^(nsubj|expl|mark|cc)/.test(deprels[k - 1]) && !day(k)));
    if (w === undefined) continue;
    for (const k of kids[w]) if (day(k) && /^nsubj/.test(deprels[k - 1])) deprels[k - 1] = 'obl';
    heads[w - 1] = heads[v - 1];
    deprels[w - 1] = deprels[v - 1];
    heads[noun - 1] = w;
    heads[v - 1] = noun;
    deprels[v - 1] = 'acl:relcl';
    // (the comma before the main verb closes the relative clause; what followed the main verb is its own)
    for (const k of kids[v]) if (k > w) heads[k - 1] = w;
    if (deprels[w - 2] === 'punct') heads[w - 2] = v;
    return;
  }
}

/** Verbs whose "that" clause is what is said, thought or denied. */
const SAYING_VERBS = new Set(['said', 'says', 'say', 'denied', 'denies', 'deny', 'announced', 'announces', 'confirmed', 'confirms', 'claimed',
  'claims', 'warned', 'warns', 'reported', 'reports', 'insisted', 'insists', 'stated', 'states', 'added', 'told', 'tells', 'acknowledged',
  'admitted', 'alleged', 'argued', 'believed', 'declared', 'estimated', 'indicated', 'noted', 'predicted', 'revealed', 'signalled',
  'signaled', 'suggested', 'urged', 'demanded', 'threatened', 'vowed', 'pledged', 'promised', 'agreed', 'decided', 'ruled']);
const TIME_HEADS = new Set([...TIME_NOUNS, 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

/**
 * "Rwanda denied on Monday that its troops had crossed the border": a greedy parse reads the clause
 * after a time phrase as a relative clause on the time noun ("Monday that …"). After a verb of saying,
 * with the clause's own subject, it is what is said: the verb's complement, "that" its marker.
 */
export function sayingClauseOnTime(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  const kids = dependents(heads);
  for (let c = 1; c <= heads.length; c++) {
    if (deprels[c - 1] !== 'acl:relcl') continue;
    const t = heads[c - 1];
    const v = heads[t - 1];
    if (!TIME_HEADS.has(forms[t - 1].toLowerCase()) || v === 0 || !/^(obl|nmod)/.test(deprels[t - 1]) || !SAYING_VERBS.has(forms[v - 1].toLowerCase())) continue;
    // (the clause opens with "that" right after the time phrase, and has a subject of its own)
    const that = kids[c].find((k) => k < c && forms[k - 1].toLowerCase() === 'that');
    if (that === undefined || kids[c].some((k) => k < that) || !kids[c].some((k) => k !== that && /^nsubj/.test(deprels[k - 1]))) continue;
    if (heads.slice(t, that - 1).some((h, i) => !isAncestor(heads, t, t + 1 + i) && h !== t)) continue;
    heads[c - 1] = v;
    deprels[c - 1] = 'ccomp';
    deprels[that - 1] = 'mark';
  }
}

/**
 * "Residents said RSF fighters looted homes and set fire to a market": a greedy parse can read a past
 * form between its subject and its object as a modifier of the object ("looted homes"), leaving the
 * subject on the form. No modifier has a subject: the form is the clause's verb, in the noun's place
 * (the complement of a verb of saying), the noun its object; a subjectless conjunct of the saying
 * verb after it continues the reported clause.
 */
export function modifierWithSubject(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  const kids = dependents(heads);
  for (let v = 1; v <= heads.length; v++) {
    const noun = heads[v - 1];
    // (the tagger may call the past form an adjective: "looted")
    const past = /^VB[DN]$/.test(xpos[v - 1]) || (xpos[v - 1] === 'JJ' && /ed$/.test(forms[v - 1]));
    if (deprels[v - 1] !== 'amod' || !past || noun <= v || !/^NN/.test(xpos[noun - 1])) continue;
    const subj = kids[v].find((k) => k < v && deprels[k - 1] === 'nsubj');
    if (subj === undefined || !/^(NN|PRP)/.test(xpos[subj - 1])) continue;
    const up = heads[noun - 1];
    const saying = up > 0 && SAYING_VERBS.has(forms[up - 1].toLowerCase()) && deprels[noun - 1] === 'obj' && up < subj;
    if (!saying) continue;
    heads[v - 1] = up;
    deprels[v - 1] = 'ccomp';
    heads[noun - 1] = v;
    deprels[noun - 1] = 'obj';
    for (const c of kids[up]) {
      if (c > noun && deprels[c - 1] === 'conj' && /^VB/.test(xpos[c - 1]) && !kids[c].some((k) => /^nsubj/.test(deprels[k - 1]))) heads[c - 1] = v;
    }
    return;
  }
}

/**
 * "The TPLF said that Eritrean troops, who fought alongside federal forces, were still looting
 * property": a greedy parse can make the subject of a "that" clause a second subject of the saying
 * verb and hang the clause's verb, after the comma that closes a relative clause on that subject,
 * inside the relative clause. A verb has one subject: the verb after the comma is the complement's
 * verb, with the noun as its subject and "that" as its marker.
 */
export function thatClauseInRelative(heads: number[], deprels: string[], xpos: string[], forms: string[]): void {
  const kids = dependents(heads);
  for (let s = 1; s <= heads.length; s++) {
    const subs = kids[s].filter((d) => deprels[d - 1] === 'nsubj');
    if (subs.length < 2) continue;
    const [a, b] = subs;
    const mark = kids[s].find((d) => d > a && d < b && forms[d - 1].toLowerCase() === 'that' && deprels[d - 1] === 'mark');
    if (mark === undefined) continue;
    const relative = kids[b].find((d) => d > b && deprels[d - 1] === 'acl:relcl' && kids[d].some((x) => RELATIVE_PRONOUNS.has(forms[x - 1].toLowerCase())));
    if (relative === undefined || forms[b] !== ',') continue;
    // the first verb after a comma, inside the relative clause's subtree, finite or with an auxiliary
    let v = -1;
    for (let k = relative + 1; k <= heads.length && v < 0; k++) {
      if (!/^VB/.test(xpos[k - 1]) || /^(aux|cop)/.test(deprels[k - 1]) || !isAncestor(heads, relative, k)) continue;
      // (past its auxiliaries and adverbs: ", were still looting")
      let c = k - 1;
      while (c > relative && (/^(MD|RB)$/.test(xpos[c - 1]) || (/^VB/.test(xpos[c - 1]) && /^(aux|cop)/.test(deprels[c - 1])))) c--;
      if (forms[c - 1] === ',' && (finiteWord(kids, deprels, xpos, k) || kids[k].some((x) => /^aux/.test(deprels[x - 1])))) v = k;
    }
    if (v < 0 || kids[v].some((x) => /^nsubj/.test(deprels[x - 1]))) continue;
    heads[v - 1] = s;
    deprels[v - 1] = 'ccomp';
    heads[b - 1] = v;
    heads[mark - 1] = v;
    return;
  }
}
