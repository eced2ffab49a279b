/**
 * The token-window reading of an event's arguments: actors found by their position around the
 * trigger within its clause. It is no second way of reading roles but a fallback for parse errors,
 * used only for a role the parse left empty (event-args.ts is the reading): Title Case headlines
 * parsed as rows of nouns, subjects attached to the wrong verb, objects hung on a participle.
 */
import type { Doc, Entity, Sentence } from '../model/types.js';
import { backerOnly, groupAt, targetPreps, type Args, type Group } from './event-args.js';
import { REACTION_TYPES, type TriggerMatch } from './event-triggers.js';
import { TITLE_WORDS, entityOf } from './event-groups.js';
import { REL, REPORTING, isDefiniteReference } from './event-context.js';
import { lightVerbBefore, mainVerbBefore, subjectOf } from './event-window-subject.js';

/** Prepositions that give an act its reason or occasion: "following a request", "at the request of". */
const REASON_PREPS = new Set(['following', 'after', 'at', 'upon', 'on']);

/** Whether group g, with the nouns that end its phrase, is the subject of a reporting verb after it ("the U.S. military said"). */
function reportingSpeaker(toks: Doc['tokens'], g: Group, clause: [number, number]): boolean {
  let after = g.to + 1;
  while (after <= clause[1] && ['NOUN', 'PROPN', 'ADJ'].includes(toks[after].pos)) after++;
  const v = toks[after];
  return !!v && v.pos === 'VERB' && (REPORTING.has(v.lemma) || v.lemma === 'state');
}

export function parseErrorFallback(doc: Doc, s: Sentence, m: TriggerMatch, groups: Group[], clause: [number, number]): Args {
  const toks = doc.tokens;
  const t = m.c.trigger;
  const first = m.tokens[0];
  const last = m.tokens[m.tokens.length - 1];
  let source: Group | null = null;
  let target: Group | null = null;
  let passive = false;
  // Target: an actor after the trigger, directly (object) or after one of the trigger's prepositions.
  // The trigger's own prepositions, plus the ones every event of its type takes.
  const preps = targetPreps(t);
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
    // (a backer names no target: "declared war on the al-Qaeda-linked group")
    if (g && backerOnly(doc, g)) {
      k = g.to;
      continue;
    }
    if (g) {
      // The word before the phrase, skipping its determiners and modifiers ("for the Maduro government").
      let pi = g.from - 1;
      while (pi > last && (toks[pi].pos === 'DET' || toks[pi].pos === 'ADJ' || toks[pi].pos === 'NUM')) pi--;
      const prev = toks[pi];
      // "from the control of President Nicolás Maduro's government": the preposition may stand a few words back.
      let viaPrep = !!prev && preps.has(prev.lemma);
      const blockedPrep = !!prev && prev.pos === 'ADP' && !viaPrep && prev.lemma !== 'of';
      // (the speaker of a reporting clause set off by a comma is no target: "… on Monday, the U.S. military said")
      if (prev?.text === ',' && reportingSpeaker(toks, g, clause)) break;
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
    // (after a noun trigger, a participle right after it opens a clause of its own: "an attack blamed on X")
    if (tk.pos === 'VERB' && (k > last + 1 || (t.pos === 'noun' && tk.xpos === 'VBN')) && !(tk.pos === 'VERB' && preps.has(tk.lemma))) break;
    if (tk.text === ';') break;
  }
  if (t.pos === 'verb') {
    // A passive is read from the parse alone: its subject undergoes the act, and with no agent
    // there is no source to guess.
    const aux = toks[first - 1];
    const isPassive = aux && (aux.lemma === 'be' || aux.lemma === 'get') && /(ed|en|wn|n)$/.test(toks[first].text);
    if (isPassive) passive = true;
    else {
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
      // (a backer names no target: "declared war on the al-Qaeda-linked group")
      if (g && g !== source && backerOnly(doc, g)) {
        k = g.to;
        continue;
      }
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
  if (source && target && source === target) target = null;
  return { source, target, passive };
}
