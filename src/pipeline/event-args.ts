/**
 * Who did what to whom, read from the dependency parse: the trigger's subject is the source, its
 * object or an oblique whose case word fits the event type the target; a passive's agent is the
 * source and its subject the target; a noun trigger takes its possessor, modifier or "by" phrase as
 * source and its "on"/"against" phrase as target, or the subject of the verb it is the object of
 * ("launched an offensive"). Coordination shares arguments, a relative clause acts through its
 * antecedent, and a phrase reached only through "according to" or a reporting verb is never an
 * argument: reporting is attribution.
 */
import type { Doc, Mention } from '../model/types.js';
import { lightUse, lightVerbOf } from './event-targets.js';
import { definiteNoun } from './event-triggers.js';
import { UNDERGOING_VERBS } from './event-context.js';
import { antecedent, baseRel, caseWord, children, compoundHead, controller, head, span, sharesPassive, subject, toInfinitive, type Subject } from '../syntax/tree.js';

export interface Group {
  mentions: Mention[];
  /** first and last token index of the group */
  from: number;
  to: number;
  /** named only as where the phrase's head is ("passengers from a bus in Nigeria"), not as the head itself */
  located?: boolean;
}

export interface Args {
  source: Group | null;
  target: Group | null;
  passive: boolean;
}

export interface ArgTrigger {
  pos: 'verb' | 'noun' | string;
  type: string;
  /** the trigger's own target prepositions, and "obj" when it takes a direct object */
  target: string[];
  mode?: string | null;
  cameo?: string | null;
  undergoes?: boolean;
}

/** Prepositions that introduce the target of every event of a type. */
export const TYPE_PREPS: Record<string, string[]> = {
  ASSAULT: ['on', 'against', 'from', 'at', 'into'],
  COERCE: ['against', 'on'],
  SANCTION: ['on', 'against'],
  ACCUSE: ['against'],
  THREATEN: ['against'],
  PROTEST: ['against'],
  CONSULT: ['with'],
  AID: ['to', 'for'],
  REQUEST: ['on', 'to'],
  // ("pull its troops out of Somalia")
  RETREAT: ['from', 'out of'],
};

/** The prepositions that introduce a trigger's target: its own, and those of every event of its type. */
export function targetPreps(trigger: ArgTrigger): Set<string> {
  const preps = new Set([...trigger.target.filter((x) => x !== 'obj'), ...(TYPE_PREPS[trigger.type] ?? [])]);
  // ("arrested on charges of …", "his arrest on an ICC warrant": what an arrest is "on" is its grounds)
  if (trigger.mode === 'arrest' && !trigger.target.includes('on')) preps.delete('on');
  return preps;
}

/** Types whose "of" phrase names who undergoes the act ("the expulsion of two diplomats"). */
const OF_TARGET = new Set(['ASSAULT', 'COERCE', 'SANCTION', 'RETREAT', 'ACCUSE', 'REJECT', 'SUPPORT']);
/** Modes of a noun whose owner undergoes it when no "of" phrase names who does ("his arrest"). */
const POSSESSOR_UNDERGOES = new Set(['arrest', 'release', 'abduct', 'deport', 'expel']);
/** The same by CAMEO code, for nouns the lexicon gives no mode: arrest, release, abduction, expulsion. */
const POSSESSOR_UNDERGOES_CAMEO = new Set(['173', '0841', '181', '174']);
/** Modes whose "of" phrase names who acts: "the withdrawal of Russian troops", "the resignation of the minister". */
const OF_DOER_MODES = new Set(['withdraw', 'disarm', 'resign']);
/** Types whose act falls on what its target owns ("the closure of Russia's consulate"). */
const OWNED_TARGET = new Set(['ASSAULT', 'COERCE', 'SANCTION']);
/** Case words of an oblique that sets the scene of the main act ("in a phone call with X, Y said"). */
const FRAME_CASES = new Set(['in', 'during', 'after', 'at']);
const MEETING_TYPES = new Set(['CONSULT', 'AGREE', 'COOPERATE']);
const FOLLOWERS = new Set(['supporter', 'follower', 'loyalist', 'partisan', 'sympathiser', 'sympathizer', 'devotee']);
const PERSONAL = new Set(['he', 'she', 'they', 'it', 'him', 'her', 'them', 'we', 'us', 'i', 'me', 'you']);
/** "Iranian-backed", "al-Qaeda-linked", "IS-affiliated": who stands behind or beside a group is not the group. */
const BACKING = new Set(['back', 'support', 'sponsor', 'fund', 'finance', 'arm', 'train', 'equip', 'supply', 'link', 'ally', 'align', 'affiliate', 'associate', 'tie', 'inspire']);

/** Whether group g only says who backs the noun after it ("the al-Qaeda-linked group", "Iran-backed militias"). */
export function backerOnly(doc: Doc, g: Group): boolean {
  const dash = doc.tokens[g.to + 1], word = doc.tokens[g.to + 2];
  return dash?.text === '-' && !!word && BACKING.has(word.lemma) && word.xpos === 'VBN';
}
/**
 * The countries that back the people noun k names ("fighters backed by the United States",
 * "Iranian-backed militias"): never the country those people act for.
 */
export function backerCountries(doc: Doc, k: number): Set<string> {
  const out = new Set<string>();
  const toks = doc.tokens;
  // (a state body may back its own people: "militias backed by the government", "by Khartoum")
  const add = (a: number, z: number) => countriesInSpan(doc, a, z, out, true);
  for (const c of children(doc, k, 'acl', 'amod', 'compound')) {
    if (!BACKING.has(toks[c].lemma) || toks[c].xpos !== 'VBN') continue;
    // "backed by X": the agent phrase; "X-backed": the words before the participle
    for (const a of children(doc, c, 'obl:agent', 'obl')) add(...span(doc, a));
    if (c < k) add(span(doc, c)[0], c);
  }
  return out;
}

/**
 * Adds to `out` the countries of the actors named from token a to token z; `statesOnly`: only
 * countries named as such, not their bodies or their capitals.
 */
export function countriesInSpan(doc: Doc, a: number, z: number, out: Set<string>, statesOnly = false): Set<string> {
  const from = doc.tokens[a].start, to = doc.tokens[z].end;
  for (const m of doc.mentions) {
    const e = doc.entities.get(m.entityId);
    if (!e?.iso3 || m.start < from || m.end > to) continue;
    if (!statesOnly || (e.kind === 'country' && m.via !== 'capital')) out.add(e.iso3);
  }
  return out;
}

/** Relations inside a noun phrase that still name the phrase's own referent or its owner. */
const PHRASE_RELS = new Set(['compound', 'flat', 'amod', 'nmod:poss', 'appos', 'nmod', 'det:poss', 'nummod']);

const FORCE_KINDS = new Set(['police', 'military']);

/** Whether the phrase at k names only a state's police or armed forces. */
function stateForces(doc: Doc, groups: Group[], k: number): boolean {
  const g = phraseGroup(doc, groups, k);
  return !!g && g.mentions.length > 0 && g.mentions.every((m) => FORCE_KINDS.has(doc.entities.get(m.entityId)?.kind ?? ''));
}

export function groupAt(groups: Group[], k: number): Group | null {
  return groups.find((g) => g.from <= k && k <= g.to) ?? null;
}

function join(a: Group | null, b: Group | null): Group | null {
  if (!a) return b;
  if (!b || a === b) return a;
  const mentions = [...a.mentions, ...b.mentions.filter((m) => !a.mentions.includes(m))];
  return { mentions, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}

/**
 * The actors a nominal phrase names: the mention group at its head, else one inside its own
 * modifiers (a compound, an adjective of nationality, a possessor, an apposition, an "of" phrase:
 * "the foreign ministers of Russia and Iran"), joined with those of its conjuncts. Modifiers that
 * merely locate the phrase ("doctors in Seoul") are read only when nothing else names it.
 */
export function phraseGroup(doc: Doc, groups: Group[], k: number, depth = 0, withLocated = true): Group | null {
  if (k < 0 || depth > 4) return null;
  let g = groupAt(groups, k);
  if (!g) {
    let located: Group | null = null;
    let modifier: Group | null = null;
    for (const c of children(doc, k)) {
      const rel = doc.tokens[c].deprel ?? '';
      if (!PHRASE_RELS.has(rel) && !rel.startsWith('nmod')) continue;
      // "Iranian-backed militias": the backer is not the phrase's referent (who leads, does: "Saudi-led coalition")
      if ((rel === 'amod' || rel === 'compound') && BACKING.has(doc.tokens[c].lemma) && doc.tokens[c].xpos === 'VBN') continue;
      const cw = caseWord(doc, c);
      // ("supporters of cleric Moqtada al-Sadr stormed …": his followers act, not he)
      if (rel.startsWith('nmod') && cw === 'of' && FOLLOWERS.has(doc.tokens[k].lemma.toLowerCase())) continue;
      const found = phraseGroup(doc, groups, c, depth + 1);
      if (!found) continue;
      if (rel.startsWith('nmod') && rel !== 'nmod:poss' && cw && cw !== 'of') {
        located ??= found;
        continue;
      }
      // "his Turkish counterpart Hakan Fidan": a nationality only qualifies the named actor
      if ((rel === 'amod' || rel === 'compound') && found.mentions.every((m) => m.via === 'demonym')) {
        modifier = join(modifier, found);
        continue;
      }
      // ("Mondlane's lawyer Elvino Dias": the owner of a noun that names its own actor by apposition,
      // one whose state is known, is not that actor; "Kim's aide, Kim Yong Chol" acts for Kim's state)
      const named = (a: number) => groupAt(groups, a)?.mentions.every((m) => !!doc.entities.get(m.entityId)?.iso3);
      if (rel === 'nmod:poss' && children(doc, k, 'appos').some(named)) {
        modifier = join(modifier, found);
        continue;
      }
      g = join(g, found);
    }
    g ??= modifier ?? (withLocated && located ? { ...located, located: true } : null);
  }
  for (const c of children(doc, k, 'conj')) {
    if (g && c >= g.from && c <= g.to) continue;
    g = join(g, phraseGroup(doc, groups, c, depth + 1));
  }
  return g;
}

/** Verbs whose subject suffers an act: "soldiers died in fighting with X". */
const VICTIM_VERBS = new Set(['die', 'perish']);
/** Event nouns of fighting whose "with" phrase names the other party. */
const FIGHT_NOUNS = new Set(['clash', 'fighting', 'fight', 'battle', 'skirmish', 'firefight', 'gunfight', 'exchange', 'confrontation']);

/** Whether the subject of predicate v undergoes an act rather than doing it ("were killed", "died"). */
export function suffers(doc: Doc, v: number): boolean {
  if (v < 0) return false;
  if (VICTIM_VERBS.has(doc.tokens[v].lemma) || children(doc, v, 'aux:pass', 'nsubj:pass').length > 0 || sharesPassive(doc, v)) return true;
  // "a British couple detained in Afghanistan": the noun a passive participle modifies underwent it
  // (an object's or oblique's modifier only: on a subject, "X and Y agreed in Jeddah ..., Z said",
  // the participle is as often a misread main verb)
  if (doc.tokens[v].deprel !== 'acl' || !subject(doc, v)?.passive) return false;
  let n = head(doc, v);
  while (n >= 0 && doc.tokens[n].deprel === 'conj') n = head(doc, n);
  return n >= 0 && /^(obj|iobj|obl|nmod)/.test(doc.tokens[n].deprel ?? '');
}

/** The party named in "in clashes with X" on a predicate: the side its subject fought. */
function opponent(doc: Doc, groups: Group[], v: number): Group | null {
  const n = opponentPhrase(doc, v);
  return n >= 0 ? phraseGroup(doc, groups, n) : null;
}

/** The "with" phrase of the fighting predicate v is set in ("killed in clashes with X"), or -1. */
export function opponentPhrase(doc: Doc, v: number): number {
  for (const c of children(doc, v, 'obl')) {
    if (!FRAME_CASES.has(caseWord(doc, c)) || !FIGHT_NOUNS.has(doc.tokens[c].lemma)) continue;
    for (const n of children(doc, c, 'nmod')) if (caseWord(doc, n) === 'with') return n;
  }
  return -1;
}

/** Verbs whose subject judges, reports or looks into an act that someone else did. */
const REACTION_VERBS = new Set(['condemn', 'denounce', 'criticise', 'criticize', 'welcome', 'praise', 'hail', 'applaud', 'deplore', 'decry', 'mourn', 'investigate', 'deny', 'blame', 'report', 'confirm', 'witness', 'document', 'describe', 'record']);

/**
 * Whether the subject of verb v does the act its object noun names: "Russia launched an offensive",
 * "EU leaders discussed new sanctions", but not "the governor condemned the attack" (a reaction),
 * nor, past a light verb, a definite act told before ("X recalled the talks").
 */
export function ownAct(doc: Doc, v: number, definite: boolean): boolean {
  const lemma = doc.tokens[v].lemma;
  if (lightUse(doc, v)) return true;
  return !definite && !REACTION_VERBS.has(lemma) && !UNDERGOING_VERBS.has(lemma);
}

const CLAIM_VERBS = new Set(['claim', 'accept', 'admit', 'take', 'assume', 'bear']);

/** The verb by which someone owns an act: "claimed the attack", "took responsibility for the bombing"; else -1. */
export function claimedBy(doc: Doc, np: number): number {
  let gov = head(doc, np);
  const rel = baseRel(doc.tokens[np].deprel);
  if (gov >= 0 && rel === 'nmod' && doc.tokens[gov].lemma === 'responsibility' && caseWord(doc, np) === 'for' && baseRel(doc.tokens[gov].deprel) === 'obj') gov = head(doc, gov);
  else if (rel !== 'obj' || doc.tokens[gov]?.lemma !== 'claim') return -1;
  return gov >= 0 && CLAIM_VERBS.has(doc.tokens[gov].lemma) ? gov : -1;
}

const isPronoun = (doc: Doc, k: number) => PERSONAL.has(doc.tokens[k].text.toLowerCase());

function obliqueWith(doc: Doc, v: number, preps: Set<string>, groups: Group[]): Group | null {
  for (const c of children(doc, v, 'obl', 'nmod')) {
    const cw = caseWord(doc, c);
    if (!preps.has(cw) && !preps.has(cw.split(' ').pop() ?? '')) continue;
    const g = phraseGroup(doc, groups, c);
    if (g) return g;
  }
  return null;
}

/**
 * "killed by a roadside bomb planted by al-Shabaab", "hit by drones that Ukraine launched": an agent
 * that names only a weapon names its user in the clause that describes it: the "by" phrase of a
 * participle, or the subject of a relative clause.
 */
function launcher(doc: Doc, agent: number | undefined, argGroup: (k: number | undefined) => Group | null): Group | null {
  if (agent === undefined) return null;
  for (const c of children(doc, agent, 'acl', 'acl:relcl')) {
    const by = children(doc, c, 'obl:agent')[0] ?? children(doc, c, 'obl').find((o) => caseWord(doc, o) === 'by');
    const subj = doc.tokens[c].deprel === 'acl:relcl' ? children(doc, c, 'nsubj').find((k) => !RELATIVE_PRONOUNS.has(doc.tokens[k].lemma)) : undefined;
    const g = argGroup(by ?? subj);
    if (g) return g;
  }
  return null;
}
const RELATIVE_PRONOUNS = new Set(['that', 'which', 'who']);

/** The "by" phrase of the act a request names: its object, its "for" phrase or its pattern's noun. */
function nominalAgent(doc: Doc, h: number, tokens: number[]): number | undefined {
  const named = [...children(doc, h, 'obj'), ...children(doc, h, 'obl').filter((o) => caseWord(doc, o) === 'for'), ...tokens.filter((k) => k !== h)];
  for (const n of named) {
    const by = children(doc, n, 'nmod').find((c) => caseWord(doc, c) === 'by');
    if (by !== undefined) return by;
  }
  return undefined;
}

/** Who is to do what verb h asks: the subject of its "that" or "to" clause, or its "for X to" phrase. */
function addressee(doc: Doc, h: number, argGroup: (k: number | undefined) => Group | null): Group | null {
  const toClauses = children(doc, h, 'xcomp', 'advcl').filter((c) => c > h && toInfinitive(doc, c));
  for (const c of [...children(doc, h, 'ccomp').filter((x) => x > h), ...toClauses]) {
    const subj = children(doc, c, 'nsubj')[0];
    const g = subj !== undefined && subj > h ? argGroup(subj) : null;
    if (g) return g;
  }
  for (const o of children(doc, h, 'obl')) {
    if (caseWord(doc, o) !== 'for' || !toClauses.some((c) => c > o)) continue;
    const g = argGroup(o);
    if (g) return g;
  }
  return null;
}

/**
 * "filed a case accusing X", "issued a statement condemning X": a participle that modifies an object
 * noun naming no actor (a document, a statement) is done by whoever made it, the governing verb's
 * subject; a noun that names actors ("troops fighting alongside X") does it itself (controller).
 */
const ISSUING = new Set(['file', 'issue', 'release', 'publish', 'send', 'submit', 'sign', 'adopt', 'pass', 'draft', 'introduce', 'table', 'deliver', 'lodge', 'bring', 'present', 'write', 'make', 'post', 'put']);

function documentIssuer(doc: Doc, groups: Group[], h: number): Subject | null {
  const t = doc.tokens[h];
  if (t.deprel !== 'acl' || t.xpos !== 'VBG' || children(doc, h, 'mark', 'nsubj').length) return null;
  const noun = head(doc, h);
  if (noun < 0 || noun > h || baseRel(doc.tokens[noun].deprel) !== 'obj' || phraseGroup(doc, groups, noun, 0, false)) return null;
  // (only who makes it: "vetoed a resolution calling for X" leaves the call to the resolution's authors)
  const v = head(doc, noun);
  if (v < 0 || !ISSUING.has(doc.tokens[v].lemma)) return null;
  const subj = subject(doc, v);
  return subj && !subj.passive ? { token: subj.token, passive: false, inherited: true } : null;
}

/** Modifiers that say a thing is other states' ("foreign embassies", "Western ships"). */
const OTHERS = new Set(['foreign', 'western', 'overseas', 'international']);

/** Whether token k is reached through "according to" or is the subject of a reporting frame. */
function isReporter(doc: Doc, k: number): boolean {
  return caseWord(doc, k).endsWith('to') && children(doc, k, 'case').some((c) => doc.tokens[c].lemma === 'accord');
}

/** The actor a pronoun or definite description at a token stands for (event-coref.ts). */
export type Resolve = (k: number) => Group | null;

/**
 * `namesActors`: the trigger noun names the people who act ("protesters", "rioters"); the verb it
 * stands under is done by someone else ("police dispersed the protesters"), so only the noun's own
 * modifiers say who they are.
 */
export function parsedArgs(doc: Doc, groups: Group[], trigger: ArgTrigger, tokens: number[], h: number, resolve?: Resolve, namesActors = false): Args {
  const preps = targetPreps(trigger);
  const wantsObj = trigger.target.includes('obj') || trigger.target.length === 0;
  let source: Group | null = null;
  let target: Group | null = null;
  let passive = false;
  const argGroup = (k: number | undefined) => {
    if (k === undefined || k < 0 || isReporter(doc, k)) return null;
    const a = antecedent(doc, k);
    // ("attacked their convoy in Pakistan": the owner the pronoun stands for before a place in the phrase)
    // (or a description of one told before: "backed the regional bloc's efforts")
    const owned = children(doc, a, 'nmod:poss').some((c) => (doc.tokens[c].upos ?? doc.tokens[c].pos) === 'PRON' || definiteNoun(doc, c)) && !phraseGroup(doc, groups, a, 0, false);
    // ("The Arakan Army, an ethnic armed group fighting the junta": a description set beside a
    // name, as its apposition, is that name)
    const named = baseRel(doc.tokens[a].deprel) === 'appos' && head(doc, a) >= 0 ? phraseGroup(doc, groups, head(doc, a), 0, false) : null;
    return (owned ? resolve?.(a) : null) ?? phraseGroup(doc, groups, a) ?? named ?? resolve?.(a) ?? null;
  };
  // a pronoun is an argument only through what it resolves to
  // ("he and President X agreed" is left to the window reading, which takes the whole coordination)
  const named = (k: number) => !isPronoun(doc, k) || (!!resolve && !children(doc, k, 'conj').length);
  // "talks between X and Y": the first party is the source, the others the target.
  const split = (k: number | undefined) => {
    const g = argGroup(k);
    if (!g || g.mentions.length < 2) return null;
    return { source: { mentions: [g.mentions[0]], from: g.from, to: g.from }, target: { mentions: g.mentions.slice(1), from: g.from, to: g.to } };
  };
  // (a verb pattern the tagger reads as a noun, as in headlines: "Sanctions on X", "Satellite Launch Fails")
  const nominal = trigger.pos === 'noun' || ['NOUN', 'PROPN'].includes(doc.tokens[h].upos ?? '');
  if (!nominal) {
    const subj = documentIssuer(doc, groups, h) ?? subject(doc, h) ?? controller(doc, h);
    passive = !!subj?.passive || children(doc, h, 'aux:pass').length > 0 || !!trigger.undergoes;
    const subjTok = subj && named(subj.token) ? subj.token : undefined;
    if (passive) {
      target = argGroup(subjTok);
      // (any "by" phrase on the verb: the parser may call it an object, or even a parataxis)
      const agent = children(doc, h, 'obl:agent')[0] ?? children(doc, h, 'obl', 'obj', 'nmod', 'parataxis', 'dep').find((c) => c > h && doc.tokens[span(doc, c)[0]].lemma === 'by') ??
        (trigger.undergoes ? [h, ...tokens].flatMap((k) => children(doc, k, 'obl', 'nmod')).find((c) => caseWord(doc, c) === 'from') : undefined);
      // "were killed in clashes with X": with no agent, the other side of the fighting acts
      source = argGroup(agent) ?? launcher(doc, agent, argGroup) ?? opponent(doc, groups, h);
    } else {
      source = argGroup(subjTok);
      // ("wounded in shelling by Russian forces": a gerund with no subject, used as a noun, has its
      // doer in a "by" phrase)
      if (!subj && doc.tokens[h].xpos === 'VBG') source ??= argGroup(children(doc, h, 'obl', 'nmod').find((c) => caseWord(doc, c) === 'by'));
      // ("called for a full withdrawal by Russian forces from Ukraine", "demanded an admission by
      // Moscow": a request is addressed to whoever is to do the act it names)
      if (trigger.type === 'REQUEST') target ??= argGroup(nominalAgent(doc, h, tokens));
      if (wantsObj) for (const o of children(doc, h, 'obj', 'iobj')) target ??= argGroup(o);
      // ("the three Israeli hostages Hamas freed": a relative clause with a subject of its own and no
      // object has the noun it modifies as its object)
      if (wantsObj && !target && /^acl/.test(doc.tokens[h].deprel ?? '') && subj && !subj.inherited && !children(doc, h, 'obj', 'ccomp', 'xcomp').length && head(doc, h) < h) target = argGroup(head(doc, h));
      // ("attacked several foreign embassies, including those of Rwanda and France": an object said
      // to be other states' but naming none is aimed at those its examples name, wherever the parse
      // hung them; not "struck buildings in Kyiv, including two embassies", aimed at where they stand)
      // ("police attacked and set fire to the radio stations", "stormed and looted the embassy": a verb
      // with no object of its own shares what the verb coordinated after it acts on)
      if (wantsObj && !target && !children(doc, h, 'obj', 'ccomp', 'xcomp').length) {
        const next = children(doc, h, 'conj').find((c) => c > h && (doc.tokens[c].upos ?? doc.tokens[c].pos) === 'VERB' && !children(doc, c, 'nsubj', 'nsubj:pass').length);
        if (next !== undefined) {
          const aimed = children(doc, next, 'obl').filter((o) => ['to', 'on', 'at', 'against'].includes(caseWord(doc, o)));
          for (const o of [...children(doc, next, 'obj'), ...aimed]) target ??= argGroup(o);
        }
      }
      if (wantsObj && !target) {
        for (const o of children(doc, h, 'obj').filter((x) => children(doc, x, 'amod').some((a) => OTHERS.has(doc.tokens[a].lemma.toLowerCase())))) {
          const examples = [...children(doc, o, 'nmod', 'appos'), ...children(doc, h, 'obl', 'nmod')].find((c) => c > o && caseWord(doc, c) === 'including');
          target ??= argGroup(examples);
        }
      }
    }
    // "demanded that Israel stop ...", "called for Israel to allow ...": a request is addressed to
    // whoever is to do what it asks
    if (!target && trigger.type === 'REQUEST') target = addressee(doc, h, argGroup);
    // The pattern's other words carry the target too: "imposed sanctions on X", "opened fire on X".
    // ("imposed a naval blockade against X": the phrase may hang on the object noun)
    for (const k of [h, ...tokens.filter((x) => x !== h), ...children(doc, h, 'obj')]) {
      if (target) break;
      target = obliqueWith(doc, k, preps, groups);
    }
    // ("stood with its ally": the pattern's own preposition before a phrase that names no one but refers)
    // ("declared war on the group": the phrase may hang on the pattern's noun)
    for (const c of [...children(doc, h, 'obl'), ...tokens.filter((x) => x !== h).flatMap((x) => children(doc, x, 'nmod'))]) {
      if (target || !resolve) break;
      if (children(doc, c, 'case').some((x) => tokens.includes(x)) || preps.has(caseWord(doc, c))) target = resolve(c);
    }
    // "Saudi Arabia hosted talks between X and Y": the participants consult; the host is a third party.
    if (trigger.mode === 'third-party') {
      for (const o of children(doc, h, 'obj')) {
        const between = split(children(doc, o, 'nmod').find((c) => caseWord(doc, c) === 'between'));
        if (between) return { ...between, passive: false };
      }
    }
  } else {
    for (const c of children(doc, h)) {
      const rel = doc.tokens[c].deprel ?? '';
      const cw = caseWord(doc, c);
      // ("questioned the basis for his detention", "Duterte's arrest", "their abduction": the owner of
      // an arrest, release, abduction, deportation or expulsion, with no "of" phrase, undergoes it)
      if (rel === 'nmod:poss' && (POSSESSOR_UNDERGOES.has(trigger.mode ?? '') || POSSESSOR_UNDERGOES_CAMEO.has(trigger.cameo ?? '')) && !children(doc, h, 'nmod').some((k) => caseWord(doc, k) === 'of')) {
        if (!tokens.includes(c)) target ??= argGroup(c);
      } else if (rel === 'nmod:poss' || rel === 'compound' || rel === 'amod' || (rel.startsWith('nmod') && cw === 'by')) {
        if (!tokens.includes(c) || groupAt(groups, c)) source ??= argGroup(c);
      } else if (rel.startsWith('nmod') && cw === 'of' && tokens.includes(c)) {
        // ("the lifting of all US sanctions on Syria": the pattern's own noun after "of" holds them;
        // but what a hostile act falls on is owned by its target: "the closure of Russia's consulate",
        // "the expulsion of Russia's diplomats")
        for (const d of children(doc, c, 'nmod:poss', 'compound')) {
          if (tokens.includes(d)) continue;
          if (OWNED_TARGET.has(trigger.type)) target ??= argGroup(d);
          else source ??= argGroup(d);
        }
        target ??= obliqueWith(doc, c, preps, groups);
      } else if (rel.startsWith('nmod') && cw === 'of') {
        if (OF_TARGET.has(trigger.type) && !OF_DOER_MODES.has(trigger.mode ?? '')) target ??= argGroup(c);
        else source ??= argGroup(c);
      } else if (rel.startsWith('nmod') && cw === 'between') {
        const between = split(c);
        if (between) ({ source, target } = between);
      }
    }
    target ??= obliqueWith(doc, h, preps, groups);
    // "North Korea's satellite launch", "the junta's conscription law": a noun that modifies another
    // takes its arguments through the phrase it is part of
    const np = compoundHead(doc, h);
    if (!source && np !== h) {
      for (const c of children(doc, np, 'nmod:poss', 'compound')) if (c !== h && !tokens.includes(c)) source ??= argGroup(c);
    }
    // "X claimed (responsibility for) the attack": the claimant owns the act, told before or not
    const claimant = claimedBy(doc, np);
    if (!source && claimant >= 0) {
      const subj = subject(doc, claimant);
      if (subj && !subj.passive && named(subj.token)) source = argGroup(subj.token);
    }
    if (!source && !namesActors) {
      // "Russia launched an offensive", "the two leaders held talks": the light verb's subject acts;
      // "in a call with X, Y discussed ...": so does the subject of the clause the noun is set in.
      let gov = head(doc, np);
      const rel = doc.tokens[np].deprel ?? '';
      // (an oblique the parser hung on a noun belongs to the clause's verb)
      while (rel === 'obl' && gov >= 0 && (doc.tokens[gov].upos ?? '') !== 'VERB' && baseRel(doc.tokens[gov].deprel) !== 'root') gov = head(doc, gov);
      // ("After the meeting, X said": a definite event noun in an oblique refers back to an event
      // told before; its actors are not the speaker's.)
      const definite = definiteNoun(doc, np);
      // (Only a frame the act happens in: "in a call with X", "during talks", not "cracked down on
      // protests", whose object phrase is the act's target, not its own.)
      // ("after talks with X, Y said": Y took part; "suspended talks after an attack on a base": an
      // act that came before is the reason for the clause's act, not the subject's own doing.)
      const cw = caseWord(doc, np);
      const frame = rel === 'obl' && !definite && FRAME_CASES.has(cw) && (cw !== 'after' || MEETING_TYPES.has(trigger.type));
      // "soldiers died in fighting with X", "were wounded in a clash with X": the fighting's other
      // party is the source and those who suffered it the target
      const suffered = frame && trigger.type === 'ASSAULT' && suffers(doc, gov);
      // ("rode a bus to Lahore for a landmark visit to Pakistan", "arrived in Moscow on a state visit":
      // the meeting a journey is made for is the traveller's)
      const errand = rel === 'obl' && !definite && (cw === 'for' || cw === 'on') && MEETING_TYPES.has(trigger.type);
      if (suffered) {
        source = opponent(doc, groups, gov);
        const subj = subject(doc, gov);
        if (source && subj && named(subj.token)) target ??= argGroup(subj.token);
      } else if (gov >= 0 && ((rel === 'obj' && ownAct(doc, gov, definite)) || frame || errand || rel === 'xcomp' || lightVerbOf(doc, np) === gov)) {
        const subj = subject(doc, gov);
        // ("police shot dead 30 people during protests": the state's forces act on the protest, not in it)
        const forces = frame && trigger.type === 'PROTEST' && !!subj && stateForces(doc, groups, subj.token);
        if (subj && !subj.passive && named(subj.token) && !forces) source = argGroup(subj.token);
        if (!target && rel === 'obj') target = obliqueWith(doc, gov, preps, groups);
      }
    }
  }
  if (source && target && (source === target || target.mentions.every((m) => source!.mentions.includes(m)))) target = null;
  return { source, target, passive };
}
