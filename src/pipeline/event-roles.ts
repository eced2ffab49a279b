/**
 * Roles the dependency relations alone do not give: a pronoun object, the target of a speech
 * act inside its complement, a threat's condition, a pronoun or group-noun subject or object
 * standing for an earlier actor, and the speaker of a quotation.
 */
import type { ActorRef, Doc, Sentence } from '../model/types.js';
import { parsedArgs, phraseGroup, type Args, type Group } from './event-args.js';
import { baseRel, caseWord, children, controller, governor, head, subject, toInfinitive } from '../syntax/tree.js';
import type { TriggerMatch } from './event-triggers.js';
import { entityOf, groupsIn } from './event-groups.js';
import { referent } from './event-coref.js';
import type { Knowledge } from '../knowledge/index.js';

/** Sectors whose words name a body acting for its owner ("its jets", "their troops"). */
/** EVENTWIRE_DEBUG, read once: a look-up of the environment costs more than the check it guards. */
const DEBUG = !!process.env.EVENTWIRE_DEBUG;
const ACTING_SECTORS = new Set(['GOV', 'MIL', 'COP', 'REB', 'SPY', 'LEG', 'JUD']);
const SPEECH_TARGET_TYPES = new Set(['THREATEN', 'REQUEST', 'REJECT', 'AGREE', 'ACCUSE']);
const OBJECT_PRONOUNS = new Set(['them', 'him', 'her', 'it']);
/** Verbs whose object is an attack fended off by the subject. */
const FEND_OFF = new Set(['repel', 'repulse', 'thwart', 'foil', 'withstand', 'resist', 'counter', 'intercept']);
/** Case words that give an act its reason or occasion: "following a request", "at the request of". */
const REASON_CASES = new Set(['following', 'after', 'at', 'upon', 'on']);

/**
 * A predicate's clausal complements ("threatened on Monday to break ...": an infinitive may be parsed
 * as an adverbial clause), and for a speech verb set after what was said ("X will suspend the treaty,
 * an official warned": the parse hangs the frame on the content) that content.
 */
function complements(doc: Doc, h: number): number[] {
  // (a conjunct only with a speaker of its own: "met Y and warned" is a second act of the same subject)
  const rel = doc.tokens[h].deprel ?? '';
  const said = (rel === 'parataxis' || (rel === 'conj' && children(doc, h, 'nsubj').length > 0)) && head(doc, h) >= 0 && head(doc, h) < h && (doc.tokens[head(doc, h)].upos ?? '') === 'VERB';
  return [...children(doc, h, 'xcomp', 'ccomp'), ...children(doc, h, 'advcl').filter((c) => toInfinitive(doc, c)), ...(said ? [head(doc, h)] : [])];
}

/** The pattern word that heads the others in the parse ("expulsion" in "expulsion of diplomats"). */
export function syntacticHead(doc: Doc, m: TriggerMatch): number {
  if (m.tokens.length === 1) return m.tokens[0];
  // ("police opened fire", "opened" read as the noun's modifier: a verb pattern's first word with a
  // subject of its own heads the act)
  if (m.c.trigger.pos === 'verb' && children(doc, m.tokens[0], 'nsubj').length) return m.tokens[0];
  return m.tokens.find((k) => !m.tokens.includes(doc.tokens[k].head ?? -1)) ?? m.head;
}

/**
 * The sector of the people a noun trigger names as those who act ("protesters", "rioters": a sector
 * word of eventwire's), or null for any other trigger.
 */
export function actorNounSector(doc: Doc, m: TriggerMatch, kb: Knowledge): string | null {
  if (m.c.trigger.pos !== 'noun') return null;
  const w = doc.tokens[syntacticHead(doc, m)];
  return kb.sectorOf(w)?.sector ?? null;
}

/** Arguments from the parse, plus what the relations alone do not say (see event-args.ts). */
export function argsFromParse(doc: Doc, s: Sentence, m: TriggerMatch, groups: Group[], kb: Knowledge): Args {
  const t = m.c.trigger;
  const h = syntacticHead(doc, m);
  // a pronoun or definite description, or a phrase owned by one ("its jets", "their forces")
  const resolve = (k: number): Group | null => {
    // (only a body acting for its owner: "its jets", "their forces", not "its neighbour")
    const w = doc.tokens[k];
    const body = ACTING_SECTORS.has(kb.sectorOf(w)?.sector ?? '');
    // (or what is done to something of someone's: "attacked their convoy" is done to them)
    const undergoes = /^(obj|iobj|obl|nsubj:pass)/.test(doc.tokens[k].deprel ?? '');
    // ("backed the regional bloc's efforts": or a description the coreference resolved)
    const owner = body || undergoes ? children(doc, k, 'nmod:poss').find((c) => doc.tokens[c].upos === 'PRON' || doc.tokens[c].pos === 'PRON' || !!referent(doc, c, kb)) : undefined;
    const r = referent(doc, k, kb) ?? (owner !== undefined ? referent(doc, owner, kb) : null);
    return r ? { mentions: r, from: k, to: k } : null;
  };
  const args = parsedArgs(doc, groups, t, m.tokens, h, resolve, actorNounSector(doc, m, kb) !== null);
  const toks = doc.tokens;
  // (the source's entities, and the groups of the sentence before in the same paragraph that name none of them)
  const sourceIds = new Set((args.source?.mentions ?? []).map((x) => entityOf(doc, x)?.id));
  const notSource = (g: Group) => !g.mentions.some((x) => sourceIds.has(entityOf(doc, x)?.id));
  const partiesBefore = () => (s.index > 0 && doc.sentences[s.index - 1].block === s.block ? groupsIn(doc, doc.sentences[s.index - 1]).filter(notSource) : []);
  const sameState = (g: Group) => {
    const home = new Set((args.source?.mentions ?? []).map((x) => entityOf(doc, x)).filter((e) => e?.iso3 && (e.kind === 'country' || e.kind === 'government' || /GOV$/.test(e.cameo ?? ''))).map((e) => e!.iso3));
    return home.size > 0 && g.mentions.every((x) => home.has(entityOf(doc, x)?.iso3 ?? null));
  };
  if (!args.target && t.pos === 'verb') {
    // "expelled 45 diplomats, accusing them of spying": a pronoun object stands for the last actor
    // named before the trigger other than the source.
    const pro = children(doc, h, 'obj').find((k) => OBJECT_PRONOUNS.has(toks[k].text.toLowerCase()));
    if (pro !== undefined) {
      // (a name that only qualifies a noun stands for what that noun names, in its number: "expelled
      // 45 Russian diplomats, accusing them" but not "looted the Rwandan embassy … police dispersed them")
      const plural = toks[pro].text.toLowerCase() === 'them';
      const agrees = (g: Group) => {
        if (g.from !== g.to || toks[g.to].deprel !== 'amod') return true;
        const noun = toks[toks[g.to].head ?? -1];
        return !noun || /^NNP?S$/.test(noun.xpos ?? '') === plural;
      };
      const before = groups.filter((g) => g.to < m.tokens[0] && g !== args.source && agrees(g));
      const g = before[before.length - 1];
      // "a meeting on the strikes, while Iran condemned them": a definite noun phrase of its own
      // after the actor is the nearer antecedent; the pronoun then stands for an event.
      const nearerNoun = g && toks.slice(g.to + 2, m.tokens[0]).some((x, i, xs) => x.pos === 'NOUN' && xs[i - 1]?.pos === 'DET' && !groups.some((o) => o.from <= g.to + 2 + i && g.to + 2 + i <= o.to));
      if (g && !nearerNoun) args.target = g;
      // ("Mali's junta expelled the French ambassador. It accused him of …": with no one named before
      // it in its own sentence, an object pronoun after a pronoun subject stands for the last party
      // other than that subject named in the sentence before, in the same paragraph)
      const subj = children(doc, h, 'nsubj')[0];
      if (!g && subj !== undefined && (toks[subj].upos ?? toks[subj].pos) === 'PRON') {
        const prev = partiesBefore();
        const last = prev[prev.length - 1];
        if (last && args.source) args.target = last;
      }
    }
  }
  // ("Maduro met the UN rights chief but rejected her call", "Belgrade rejected its demand": the owner
  // of what is refused or conceded is another party than the one refusing; a pronoun the document's
  // coreference gave the refuser stands for the last other party named before, in this sentence or
  // the one before in the same paragraph)
  if ((t.type === 'REJECT' || t.type === 'CONCEDE') && t.pos === 'verb') {
    const owned = [...children(doc, h, 'obj'), ...m.tokens].find((k) => children(doc, k, 'nmod:poss').some((c) => (toks[c].upos ?? toks[c].pos) === 'PRON'));
    const same = !args.target || args.target.mentions.every((x) => sourceIds.has(entityOf(doc, x)?.id));
    if (owned !== undefined && same && sourceIds.size) {
      const here = groups.filter((g) => g.to < m.tokens[0] && notSource(g));
      const prev = partiesBefore();
      // (in the sentence before, whoever made the call is its subject: "The EU urged Serbia to recognise Kosovo")
      const subjectOf = (g: Group) => toks.slice(g.from, g.to + 1).some((x) => /^nsubj/.test(x.deprel ?? ''));
      const last = here[here.length - 1] ?? prev.find(subjectOf) ?? prev[prev.length - 1];
      if (last) args.target = last;
    }
  }
  if (!args.target && SPEECH_TARGET_TYPES.has(t.type)) {
    // "threatened to shoot down U.S. aircraft", "warned that X would pay": a speech act with no
    // object of its own is aimed at the first actor of its complement, unless that is the speaker's own state.
    for (const c of [...complements(doc, h), ...children(doc, h, 'acl')]) {
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
    // (the condition may hang on any verb of the threatened act: "threatened to stop talks to reduce arms if X ...")
    const acts = [h];
    for (let i = 0; i < acts.length && i < 6; i++) acts.push(...complements(doc, acts[i]));
    const conds = acts.flatMap((k) => children(doc, k, 'advcl'))
      .filter((c) => children(doc, c, 'mark').some((mk) => ['if', 'unless'].includes(toks[mk].lemma)));
    for (const c of conds) {
      const subj = subject(doc, c);
      const g = subj ? phraseGroup(doc, groups, subj.token) : null;
      if (g && g !== args.source && !sameState(g)) args.target = g;
    }
  }
  // ("following" is often parsed as a verb taking the request as its object)
  const reason = REASON_CASES.has(caseWord(doc, h).split(' ')[0]) || (toks[h].deprel === 'obj' && REASON_CASES.has(toks[head(doc, h)]?.text.toLowerCase() ?? ''));
  if (!args.target && t.type === 'REQUEST' && t.pos === 'noun' && reason) {
    // "X allowed the deliveries following a request by Y", "X flew aid in at Y's request": a request
    // named as the reason of an act was addressed to whoever acted on it.
    // (the nearest verb above it whose subject names an actor: the parse may hang the phrase on a participle)
    let g: Group | null = null;
    for (let v = governor(doc, h); v >= 0 && !g; v = governor(doc, v)) {
      const subj = subject(doc, v) ?? controller(doc, v);
      g = subj && !subj.passive ? phraseGroup(doc, groups, subj.token) : null;
    }
    if (g && g !== args.source && !g.mentions.every((x) => args.source?.mentions.includes(x))) args.target = g;
  }
  if (!args.target && t.type === 'ASSAULT' && t.pos === 'noun' && baseRel(toks[h].deprel) === 'obj' && FEND_OFF.has(toks[head(doc, h)]?.lemma ?? '')) {
    // "its troops repelled an RSF attack": an attack fended off was aimed at whoever fended it off
    const subj = subject(doc, head(doc, h));
    const g = subj && !subj.passive ? phraseGroup(doc, groups, subj.token) ?? resolve(subj.token) : null;
    if (g && g !== args.source) args.target = g;
  }
  if (!args.target && args.source && t.pos === 'noun' && t.cameo === '045' && (['obl', 'nmod'].includes(baseRel(toks[h].deprel)) || children(doc, h, 'case').length > 0)) {
    // "X and Y exchanged prisoners after mediation by Z": a mediation set as the circumstance of an
    // act is between those who did it
    let v = head(doc, h);
    for (let n = 0; v >= 0 && n < 4 && toks[v].upos !== 'VERB'; n++) v = head(doc, v);
    const subj = v >= 0 ? subject(doc, v) ?? controller(doc, v) : null;
    const g = subj && !subj.passive ? phraseGroup(doc, groups, subj.token) : null;
    if (g && g !== args.source && !g.mentions.some((x) => args.source!.mentions.includes(x))) args.target = g;
  }
  if (DEBUG) process.stderr.write(`args ${toks[h].text}: ${toks.slice(s.tokenStart, s.tokenEnd).map((x) => `${x.text}/${x.deprel}>${x.head! >= 0 ? toks[x.head!].text : 'ROOT'}`).join(' ')}\n`);
  return args;
}

const QUOTE_OPEN = new Set(['“', '"', '‘']);
const QUOTE_CLOSE = new Set(['”', '"', '’']);

/** "“We call on all parties ...,” Chinese spokesperson Mao Ning said": the speaker is the source. */
export function quoteSpeaker(doc: Doc, s: Sentence, m: TriggerMatch, groups: Group[]): Group | null {
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

const OBJECT_GROUP_NOUNS = new Set(['group', 'militia', 'rebels', 'movement', 'organisation', 'organization', 'insurgents', 'militants']);
const NON_GROUP_KINDS = new Set(['person', 'country', 'government', 'media']);

/**
 * "Kigali denies backing the group": a definite group noun as the object stands for the nearest
 * armed group or organisation named shortly before.
 */
export function groupNounObject(doc: Doc, s: Sentence, m: TriggerMatch, clause: [number, number]): ActorRef | null {
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

/**
 * "… were killed in an attack, which local officials blamed on the ADF", "…, the group said, blaming
 * Israel for the attack": whom the sentence blames for an act it tells without its doer. The one
 * blamed "on", else the named object of "blame"; never a pronoun (those blamed may be the victims).
 */
export function blamedActor(doc: Doc, s: Sentence, groups: Group[]): Group | null {
  const toks = doc.tokens;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    if (toks[k].lemma !== 'blame' || (toks[k].upos ?? toks[k].pos) !== 'VERB') continue;
    if (children(doc, k, 'advmod').some((c) => ['not', 'never'].includes(toks[c].lemma))) continue;
    const on = children(doc, k, 'obl').find((c) => caseWord(doc, c) === 'on');
    const blamed = on ?? children(doc, k, 'obj').find((c) => (toks[c].upos ?? toks[c].pos) !== 'PRON');
    const g = blamed === undefined ? null : phraseGroup(doc, groups, blamed);
    if (g) return g;
  }
  return null;
}

const CLAIMING = new Set(['claim', 'take', 'assume', 'accept', 'bear']);
const ACT_NOUNS = new Set(['attack', 'bombing', 'blast', 'explosion', 'assault', 'strike', 'raid', 'ambush', 'killing', 'it']);

/**
 * "A suicide bombing killed two engineers, and the BLA claimed responsibility": who claims, in the
 * sentence or the one after it in the same paragraph, an act the sentence tells without its doer.
 * Only a bare claim ("claimed responsibility") or one for such an act ("for the attack", "for it");
 * never a denial ("no group has claimed responsibility").
 */
export function claimant(doc: Doc, s: Sentence): Group | null {
  const toks = doc.tokens;
  const next = doc.sentences[s.index + 1];
  for (const t of next && next.block === s.block && !next.headline ? [s, next] : [s]) {
    for (let k = t.tokenStart; k < t.tokenEnd; k++) {
      if (!CLAIMING.has(toks[k].lemma) || (toks[k].upos ?? toks[k].pos) !== 'VERB') continue;
      const obj = children(doc, k, 'obj').find((c) => toks[c].lemma === 'responsibility' || (toks[k].lemma === 'claim' && ACT_NOUNS.has(toks[c].lemma)));
      if (obj === undefined) continue;
      const what = [...children(doc, obj, 'nmod'), ...children(doc, k, 'obl')].filter((c) => caseWord(doc, c) === 'for');
      if (what.some((c) => !ACT_NOUNS.has(toks[c].lemma))) continue;
      if (children(doc, k, 'advmod').some((c) => ['not', 'never'].includes(toks[c].lemma))) continue;
      const subj = subject(doc, k);
      if (!subj || subj.passive || children(doc, subj.token, 'det').some((c) => toks[c].lemma === 'no')) continue;
      const g = phraseGroup(doc, groupsIn(doc, t), subj.token);
      if (g) return g;
    }
  }
  return null;
}
