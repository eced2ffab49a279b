/**
 * Repairs of a greedy parse around passive participles and their by-phrases, each a rule the
 * treebank's trees keep. Counts are over the gold trees of UD English EWT train.
 */
import { dependents, isAncestor, MONTHS, openFinite, participleOnSubject, plainPhraseEnd, subjectRel, TIME_NOUNS } from './repair-subjects.js';

// In the treebank a `by` oblique of a participle that has a passive auxiliary, or that modifies a
// noun or clause ("a letter signed by the minister"), is the agent in 298 of 317 cases. A `by`
// phrase read as modifying the passive participle's own object or oblique ("were fought for
// security reasons by the US") is the participle's agent in 23 of 26. A `by` right after a
// participle opens a phrase that hangs on that participle in 269 of 276 cases (253 of them its
// agent) and never on a noun before it ("Journalist detained by Iranian authorities": the
// authorities are no modifier of the journalist).
const PARTICIPLE_USES = new Set(['acl', 'amod', 'advcl', 'xcomp', 'conj']);

export function passiveAgents(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  const passive = (h: number) => {
    if (h === 0 || xpos[h - 1] !== 'VBN') return false;
    if (PARTICIPLE_USES.has(deprels[h - 1].split(':')[0])) return true;
    for (let k = 1; k <= n; k++) if (heads[k - 1] === h && deprels[k - 1] === 'aux:pass') return true;
    return false;
  };
  const byPhrase = (d: number) => {
    for (let k = 1; k < d; k++) if (heads[k - 1] === d && deprels[k - 1] === 'case' && forms[k - 1].toLowerCase() === 'by') return k;
    return 0;
  };
  const hasAgent = (h: number) => deprels.some((r, k) => r === 'obl:agent' && heads[k] === h);
  for (let d = 1; d <= n; d++) {
    // ("shot dead by gunmen", "pushed back by troops": a by-phrase read as the modifier of the word
    // right after a participle hangs on the participle, as in all 20 such phrases of the treebank)
    const w = heads[d - 1];
    if (w > 1 && /^(obl|nmod|advmod)$/.test(deprels[d - 1]) && /^(JJ|RB|RP)$/.test(xpos[w - 1]) && xpos[w - 2] === 'VBN' && heads[w - 1] === w - 1 && byPhrase(d) === w + 1) {
      heads[d - 1] = w - 1;
      deprels[d - 1] = 'obl';
    }
    const h = heads[d - 1];
    if (deprels[d - 1] === 'obl' && passive(h) && byPhrase(d)) deprels[d - 1] = 'obl:agent';
    else if (deprels[d - 1] === 'nmod' && h > 0 && /^(obj|obl|iobj)$/.test(deprels[h - 1])) {
      const v = heads[h - 1];
      if (v > 0 && v < h && passive(v) && byPhrase(d) && !hasAgent(v)) {
        heads[d - 1] = v;
        deprels[d - 1] = 'obl:agent';
      }
    } else if (deprels[d - 1] === 'nmod' && h > 0 && h < d) {
      const by = byPhrase(d);
      const p = by - 1;
      if (by > 1 && p > h && passive(p) && !hasAgent(p)) {
        heads[d - 1] = p;
        deprels[d - 1] = 'obl:agent';
      }
    }
  }
}

/**
 * "You must wait to be approved, by the Government", "having its forces worn down by sanctions": a
 * by-phrase hung on a word before the nearest passive participle ahead of it, where that participle
 * has no agent and stands below the word, is the participle's agent. In the treebank a by-phrase
 * after a passive participle with no agent hangs on that participle 305 times, and on a word before
 * it 9 times (6 of them an agent shared by coordinated participles, "sent and / or received by its
 * employees", which the parser labels as agents already: only plain obliques and modifiers move).
 * Phrases of time, rate or means ("expired by the time") stay.
 */
export function agentOfNearerParticiple(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  for (let d = 1; d <= n; d++) {
    const x = heads[d - 1];
    if (x === 0 || !/^(obl|nmod)$/.test(deprels[d - 1]) || !/^(NN|PRP|CD)/.test(xpos[d - 1])) continue;
    let by = 0;
    for (let k = 1; k < d; k++) if (heads[k - 1] === d && deprels[k - 1] === 'case') by = forms[k - 1].toLowerCase() === 'by' ? k : -1;
    if (by <= 1 || x >= by || notAgent(heads, deprels, forms, d)) continue;
    let p = by - 1;
    while (p > x && xpos[p - 1] !== 'VBN') p--;
    if (p === x || !isAncestor(heads, x, p) || !passiveParticiple(heads, deprels, xpos, p)) continue;
    if (deprels.some((r, k) => r === 'obl:agent' && heads[k] === p)) continue;
    heads[d - 1] = p;
    deprels[d - 1] = 'obl:agent';
  }
}

/**
 * "accused by Afghan and Western leaders", "staffed by covert ops types": an agent followed at once
 * (past its own coordinated adjectives) by a noun that hangs bare on the same verb is that noun's
 * modifier; the noun heads the agent phrase. In the treebank no word after an agent's head noun
 * hangs on the agent's verb as a bare noun.
 */
export function agentSplit(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  for (let a = 1; a < n; a++) {
    if (deprels[a - 1] !== 'obl:agent' || !/^(NN|JJ)/.test(xpos[a - 1])) continue;
    const v = heads[a - 1];
    // (past the agent's own conjuncts and coordinators, "Afghan and Western",
    // and past the noun's own modifiers: "by army special forces units")
    let y = a + 1;
    while (y <= n && heads[y - 1] !== v && (isAncestor(heads, a, y) ? /^(cc|conj|punct)$/.test(deprels[y - 1]) : /^(NN|JJ)/.test(xpos[y - 1]))) y++;
    for (let k = a + 1; k < y && y <= n; k++) if (!isAncestor(heads, a, k) && !isAncestor(heads, y, k)) y = n + 1;
    if (y > n || heads[y - 1] !== v || !/^NN/.test(xpos[y - 1]) || !/^(obj|iobj|nsubj|nsubj:pass|obl|dep|appos)$/.test(deprels[y - 1])) continue;
    if (heads.some((h, k) => h === y && (deprels[k] === 'case' || k + 1 < a))) continue;
    if (heads.some((h, k) => h === a && k + 1 > y)) continue;
    heads[y - 1] = v;
    deprels[y - 1] = 'obl:agent';
    // (what opened the phrase, "by the", belongs to the noun now; the agent's own modifiers stay with it:
    // "by Duke Energy Vice President William Hall")
    for (let k = 1; k < a; k++) if (heads[k - 1] === a && /^(case|det|det:predet|nmod:poss)$/.test(deprels[k - 1])) heads[k - 1] = y;
    heads[a - 1] = y;
    deprels[a - 1] = /^JJ/.test(xpos[a - 1]) ? 'amod' : 'compound';
  }
}

function passiveParticiple(heads: number[], deprels: string[], xpos: string[], h: number): boolean {
  if (h === 0 || xpos[h - 1] !== 'VBN') return false;
  if (PARTICIPLE_USES.has(deprels[h - 1].split(':')[0])) return true;
  return heads.some((x, k) => x === h && deprels[k] === 'aux:pass');
}

/** Whether the by-phrase headed by d names a time, a rate or a means (see agentsThatAreNot). */
function notAgent(heads: number[], deprels: string[], forms: string[], d: number): boolean {
  const w = forms[d - 1].toLowerCase();
  const bare = !heads.some((h, k) => h === d && /^(det|nmod:poss|nummod|amod|compound)$/.test(deprels[k]));
  return TIME_WORDS.has(w) || YEAR.test(w) || (bare && MEANS_WORDS.has(w));
}

// (months, and the ends and hours of periods, beside the time nouns of repair-subjects.ts)
const TIME_WORDS = new Set([
  ...TIME_NOUNS, 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'noon', 'midnight', 'dawn', 'dusk', 'end', '%', 'percent',
]);
const YEAR = /^(1[5-9]|20)\d(\d|0s)$/;
// (ways and means, when the noun stands bare: "by force", "by boat", "by e-mail", "by mistake")
const MEANS_WORDS = new Set([
  'force', 'hand', 'mail', 'e-mail', 'email', 'phone', 'telephone', 'fax', 'post', 'car', 'bus', 'train', 'plane', 'air', 'sea',
  'land', 'road', 'rail', 'boat', 'foot', 'wire', 'accident', 'mistake', 'chance', 'default', 'design', 'far', 'now', 'then',
]);

/**
 * "freed by troops by Sunday evening", "extended by two weeks", "Prices increased by 5%", "taken
 * by force": a by-phrase that names a time, a rate or a way is no agent. In the treebank a `by`
 * phrase headed by a time noun, a month, a year, "end" or a percentage is an oblique 42 times, a
 * noun's modifier once and an agent never; one headed by a bare noun of means ("by e-mail", "by
 * force", "by mistake", "by far") is an oblique 33 times, a noun's modifier or a conjunct 3 times and
 * an agent once ("contacted by phone").
 */
export function agentsThatAreNot(heads: number[], deprels: string[], forms: string[]): void {
  for (let d = 1; d <= deprels.length; d++) {
    if (deprels[d - 1] === 'obl:agent' && notAgent(heads, deprels, forms, d)) deprels[d - 1] = 'obl';
  }
}

/**
 * "stop by your office", "on Al-Arabiya TV", "given directly to John": an agent is the "by" phrase
 * of a passive participle. In EWT train each of the 312 agents hangs on a past participle (VBN),
 * none on a verb with an active subject, and all but one have "by" before them (that one a relative
 * pronoun whose "by" is left at the clause's end, "that Ireland was gripped by"). An agent the
 * parser labels otherwise is a plain oblique.
 */
export function agentsWithoutPassive(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  for (let d = 1; d <= deprels.length; d++) {
    if (deprels[d - 1] !== 'obl:agent') continue;
    const by = heads.some((x, k) => x === d && k + 1 < d && deprels[k] === 'case' && forms[k].toLowerCase() === 'by');
    if (!by && !/^(WDT|WP)$/.test(xpos[d - 1])) deprels[d - 1] = 'obl';
  }
}

/**
 * "Two civilians shot by soldiers died in hospital": a participle right after its noun and right
 * before "by", read as the root with that noun as its subject, leaves the finite verb after the
 * by-phrase hanging on it without a subject of its own. In the treebank a root participle with no
 * auxiliary has a subject 5 times in 12,544 sentences, and never a finite clause with no subject, mark
 * or coordinator of its own; a noun with a participle and "by" right after it, and a finite verb
 * later, is that participle's noun (a reduced relative clause) 27 times in 29 and never the
 * participle's subject. The finite verb is the root, the noun its subject and the participle the
 * noun's modifier. (Without the "by", the rule fired once in EWT dev and test, and lost arcs there.)
 */
export function participleMadeRoot(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const r = heads.indexOf(0) + 1;
  if (r === 0 || xpos[r - 1] !== 'VBN' || forms[r]?.toLowerCase() !== 'by') return;
  const kids = dependents(heads);
  if (kids[r].some((k) => /^(aux|cop)/.test(deprels[k - 1]))) return;
  const s = kids[r].find((k) => k < r && deprels[k - 1].startsWith('nsubj'));
  if (s === undefined || !/^NN/.test(xpos[s - 1]) || plainPhraseEnd(kids, s, xpos, deprels) !== r - 1) return;
  const v = kids[r].find((c) => c > r && /^(conj|xcomp|ccomp|parataxis|advcl|dep)$/.test(deprels[c - 1]) && openFinite(kids, deprels, xpos, c));
  if (v === undefined) return;
  participleOnSubject(heads, deprels, kids, r, s, v);
  // (what the participle held outside its own phrase, the verb holds now)
  for (const k of kids[r]) if (k !== v && (k < s || k > v)) heads[k - 1] = v;
}

/**
 * "Under a deal signed in Pretoria on Nov. 2, the government and the TPLF agreed to …": a greedy parse
 * may make the participle of a fronted phrase the root, hang the subject on a noun inside that phrase
 * and leave the finite verb after it with no subject. In the treebank a root participle with no
 * auxiliary and no subject never has a finite verb after it with no subject, mark or coordinator of
 * its own (0 cases in EWT train). When the noun right before the participle hangs on it and, after
 * the last comma before the verb, one noun phrase hangs outside itself, that phrase is the verb's
 * subject, the verb the root, and the participle modifies its noun (a reduced relative clause).
 */
export function frontedParticipleRoot(heads: number[], deprels: string[], xpos: string[]): void {
  const r = heads.indexOf(0) + 1;
  if (r < 2 || xpos[r - 1] !== 'VBN' || heads[r - 2] !== r || !/^NN/.test(xpos[r - 2])) return;
  const kids = dependents(heads);
  if (kids[r].some((k) => /^(aux|cop|nsubj|csubj|expl)/.test(deprels[k - 1]))) return;
  const v = kids[r].find((c) => c > r && /^VB/.test(xpos[c - 1]) && openFinite(kids, deprels, xpos, c));
  if (v === undefined) return;
  let comma = v - 1;
  while (comma > r && xpos[comma - 1] !== ',') comma--;
  if (comma <= r) return;
  const outside: number[] = [];
  for (let w = comma + 1; w < v; w++) if (heads[w - 1] <= comma || heads[w - 1] >= v) outside.push(w);
  if (outside.length !== 1 || !/^(NN|PRP)/.test(xpos[outside[0] - 1]) || isAncestor(heads, outside[0], v)) return;
  const subj = outside[0];
  const d = r - 1;
  for (const k of kids[r]) if (k !== v && (k < d || k > comma)) heads[k - 1] = v;
  heads[v - 1] = 0;
  deprels[v - 1] = 'root';
  heads[d - 1] = v;
  heads[r - 1] = d;
  deprels[r - 1] = 'acl';
  heads[subj - 1] = v;
  deprels[subj - 1] = subjectRel(kids, deprels, v);
}

const TIME_PREPOSITIONS = new Set(['on', 'in', 'at', 'during', 'since', 'after', 'before', 'until', 'over']);

/**
 * "seized by the rebels on Sunday", "met Putin in March": a time phrase right after an agent, or
 * after a name or pronoun that is a verb's object or oblique, tells when the act took place; it does
 * not modify the actor. In the treebank such a phrase (on, in, at, during, since, after, before,
 * until or over a time noun, month or year) hangs on the verb in all 48 cases where it follows the
 * actor's noun at once. (After more of the actor's phrase, "by both leaders in Geneva on Thursday", it
 * does so in 8 of 10 cases only, and the one such repair on EWT train was wrong: not repaired.)
 */
export function timeAfterActor(heads: number[], deprels: string[], forms: string[], xpos: string[]): void {
  const n = heads.length;
  for (let m = 3; m <= n; m++) {
    const host = heads[m - 1];
    const w = forms[m - 1].toLowerCase();
    if (deprels[m - 1] !== 'nmod' || host >= m || !(TIME_NOUNS.has(w) || MONTHS.has(w) || YEAR.test(w))) continue;
    const c = host + 1;
    if (heads[c - 1] !== m || deprels[c - 1] !== 'case' || !TIME_PREPOSITIONS.has(forms[c - 1].toLowerCase())) continue;
    const v = heads[host - 1];
    const actor = deprels[host - 1] === 'obl:agent' || (/^(obj|obl|iobj)$/.test(deprels[host - 1]) && /^(NNP|NNPS|PRP)$/.test(xpos[host - 1]));
    if (!actor || v === 0 || !/^VB/.test(xpos[v - 1])) continue;
    heads[m - 1] = v;
    deprels[m - 1] = 'obl';
  }
}

/**
 * "ghost-written by adviser Karen Hughes", "drafted by envoy Steve Witkoff": a bare common noun right
 * before a name describes the name, which heads the phrase (in the treebank such a noun is the name's
 * descriptor, nmod:desc, 57 times and the head of an appositive name 6 times; after "by", 4 times and
 * once, and the name is never a dependent of the verb apart from the noun). Where the parse makes the
 * noun the agent and the name its apposition, or a second dependent of the verb, the name is the agent.
 */
export function describedAgent(heads: number[], deprels: string[], xpos: string[]): void {
  const n = heads.length;
  for (let a = 1; a < n; a++) {
    if (deprels[a - 1] !== 'obl:agent' || !/^NNS?$/.test(xpos[a - 1]) || xpos[a] !== 'NNP') continue;
    if (heads.some((h, k) => h === a && /^(det|nmod:poss|nummod)$/.test(deprels[k]))) continue;
    // the name: its run of proper nouns, and the one word of it that hangs outside it
    let end = a + 1;
    while (end < n && xpos[end] === 'NNP') end++;
    const outside = [];
    for (let k = a + 1; k <= end; k++) if (heads[k - 1] < a + 1 || heads[k - 1] > end) outside.push(k);
    if (outside.length !== 1) continue;
    const name = outside[0];
    const v = heads[a - 1];
    const apposition = heads[name - 1] === a && deprels[name - 1] === 'appos';
    const sibling = heads[name - 1] === v && !/^(conj|cc|punct)$/.test(deprels[name - 1]);
    if (!apposition && !sibling) continue;
    heads[name - 1] = v;
    deprels[name - 1] = 'obl:agent';
    heads[a - 1] = name;
    deprels[a - 1] = 'nmod:desc';
    // (the preposition, and whatever follows the name, belong to the name now)
    for (let k = 1; k <= n; k++) if (heads[k - 1] === a && (deprels[k - 1] === 'case' || k > end)) heads[k - 1] = name;
  }
}
