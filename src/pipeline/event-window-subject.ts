/**
 * The subject of a verb by position in the token window: the nearest actor group before it in
 * its clause, skipping appositions, prepositional phrases and relative clauses.
 */
import type { Doc, Sentence, Token } from '../model/types.js';
import type { Group } from './event-args.js';
import { LIGHT_VERBS } from './event-triggers.js';
import { REL, SUBORDINATORS } from './event-context.js';

function groupBefore(groups: Group[], i: number, lo: number): Group | null {
  let best: Group | null = null;
  for (const g of groups) if (g.to < i && g.from >= lo) best = g;
  return best;
}

export function lightVerbBefore(doc: Doc, s: Sentence, i: number, clause: [number, number]): number {
  for (let k = i - 1; k >= Math.max(clause[0], i - 5); k--) {
    const t = doc.tokens[k];
    if (t.pos === 'VERB' && LIGHT_VERBS.has(t.lemma)) return k;
    if (t.pos === 'VERB' || t.text === ',') return -1;
  }
  return -1;
}

export function mainVerbBefore(doc: Doc, s: Sentence, i: number, clause: [number, number]): number {
  for (let k = i - 1; k >= clause[0]; k--) if (doc.tokens[k].pos === 'VERB') return k;
  return -1;
}

/** The subject of the verb at token v: the nearest actor group before it in its clause, skipping appositions and relative clauses. */
export function subjectOf(doc: Doc, s: Sentence, v: number, groups: Group[], clause: [number, number]): Group | null {
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
