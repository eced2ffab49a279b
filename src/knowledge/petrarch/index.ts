// The PETRARCH2 knowledge eventwire imports (src/knowledge/data/petrarch/): verb patterns for the
// event stage, generic agent nouns, and a dated fallback for people and groups the knowledge base
// lacks. Each file is read on first use only.
//
// The files are generated (npm run import:petrarch), and their schemas (schema.ts) are checked where
// they are made: the importer refuses to write a file that does not fit, and a test checks the
// committed files. Checking them with zod at every start cost more than the rest of the event
// stage (0.12 s for verbs.json alone), so the reader here only checks the shape the code relies on.
import type {
  PetrarchActor, PetrarchActorFile, PetrarchAgent, PetrarchAgentFile, PetrarchBlock,
  PetrarchPattern, PetrarchVerb, PetrarchVerbFile,
} from './schema.js';
import { dataPath } from '../../paths.js';
import { PetrarchActorIndex, actorAt, actorKey } from './actor-index.js';
import { nameKey } from './common.js';
import { readPetrarchFile } from './read.js';

/** One verb pattern for one verb lemma, synonym sets expanded: what the event stage matches on a parse. */
export interface VerbPattern {
  /** `<block>:<verb line>` for the bare verb, `<block>:<verb line>:<pattern line>` for a pattern (lines of CAMEO.2.0.txt) */
  id: string;
  lemma: string;
  /** word joined before the verb ("wire" in wire-tap, "re" in re-arrest) */
  before?: string;
  /** particle or preposition belonging to the verb ("off" in cordon off, "for" in ask for, "up" in set up) */
  particle?: string;
  /** alternatives for the subject's phrase (pre-verb noun); the last word of each is the head */
  subject?: string[];
  /** alternatives for the first phrase after the verb: the object's head (or a complement: "set free") */
  object?: string[];
  /** prepositional phrases: the case word and alternatives for its noun (absent: any noun) */
  preps?: { case: string; object?: string[] }[];
  /** further phrases PETRARCH lists after the object (rare, TABARI leftovers) */
  more?: string[][];
  /** which slot holds the source or the target when it is not subject → object */
  roles?: { source?: string; target?: string };
  /** CAMEO code when the subject acts; null: the pattern codes no event (it cancels the verb's default) */
  cameo: string | null;
  plover?: string;
  mode?: string;
  context?: string;
  /** CAMEO code when the subject undergoes the act ("X appeared in court": the court acts on X) */
  passive?: string;
  passivePlover?: string;
  passiveMode?: string;
  /** the pattern's words in order, the verb in place of PETRARCH's `*`; `&name` is a synonym set */
  words: string[];
  block: string;
  line: number;
}

export interface Role {
  code: string;
  from: string | null;
  to: string | null;
}

export interface ActorAt {
  actor: PetrarchActor;
  /** dated roles that held on the day asked about; an open-ended role counts only up to `knownUntil` */
  roles: Role[];
  /** the code on that day: the first role that held, else the actor's undated code, else null */
  code: string | null;
  knownUntil: string;
}

const agentKey = (s: string) => s.toLowerCase().replace(/[-_\s]+/g, ' ').trim();


export class PetrarchVerbs {
  private byLemma = new Map<string, { block: PetrarchBlock; verb: PetrarchVerb }[]>();
  private cache = new Map<string, VerbPattern[]>();
  private expanded = new Map<string, string[]>();

  constructor(readonly file: PetrarchVerbFile) {
    for (const block of file.records) {
      for (const verb of block.verbs) {
        const list = this.byLemma.get(verb.lemma) ?? [];
        list.push({ block, verb });
        this.byLemma.set(verb.lemma, list);
      }
    }
  }

  lemmas(): string[] {
    return [...this.byLemma.keys()].sort();
  }

  /** Patterns for a verb lemma (lower case), the bare verb first in each block. */
  patterns(lemma: string): VerbPattern[] {
    const key = lemma.toLowerCase();
    let out = this.cache.get(key);
    if (out) return out;
    out = [];
    for (const { block, verb } of this.byLemma.get(key) ?? []) {
      const cameo = verb.cameo !== undefined ? verb.cameo : block.cameo;
      const coded = verb.cameo !== undefined ? verb : block;
      if (cameo || coded.passive) {
        out.push(this.entry(block, verb, { cameo, passive: coded.passive, plover: coded.plover, mode: coded.mode, context: coded.context,
          passivePlover: coded.passivePlover, passiveMode: coded.passiveMode, words: ['*'], line: verb.line }, true));
      }
      for (const p of block.patterns) out.push(this.entry(block, verb, p));
    }
    this.cache.set(key, out);
    return out;
  }

  private entry(block: PetrarchBlock, verb: PetrarchVerb, p: Omit<PetrarchPattern, 'cameo'> & { cameo: string | null }, bare = false): VerbPattern {
    const particle = [verb.particle, p.particle].filter(Boolean).join(' ');
    const head = [...(verb.before ? [verb.before] : []), verb.lemma, ...(verb.particle ? [verb.particle] : [])];
    const id = bare ? `${block.name}:${verb.line}` : `${block.name}:${verb.line}:${p.line}`;
    const e: VerbPattern = { id, lemma: verb.lemma, cameo: p.cameo, words: p.words.flatMap((w) => w === '*' ? head : [w]), block: block.name, line: p.line };
    if (verb.before) e.before = verb.before;
    if (particle) e.particle = particle;
    if (p.subject) e.subject = this.expand(p.subject);
    if (p.object) e.object = this.expand(p.object);
    if (p.preps) e.preps = p.preps.map((x) => x.object ? { case: x.case, object: this.expand(x.object) } : { case: x.case });
    if (p.more) e.more = p.more.map((m) => this.expand(m));
    if (p.roles) e.roles = p.roles;
    for (const k of ['plover', 'mode', 'context', 'passive', 'passivePlover', 'passiveMode'] as const) if (p[k]) e[k] = p[k];
    return e;
  }

  /** A phrase with its `&set` words replaced by every member of the set. */
  private expand(phrase: string): string[] {
    let out = this.expanded.get(phrase);
    if (out) return out;
    let forms = [''];
    for (const w of phrase.split(' ')) {
      const alts = w.startsWith('&') ? this.file.synsets[w.slice(1)] ?? [] : [w];
      forms = forms.flatMap((f) => alts.map((a) => (f ? `${f} ${a}` : a)));
    }
    out = [...new Set(forms)];
    this.expanded.set(phrase, out);
    return out;
  }
}

export class PetrarchAgents {
  private byNoun = new Map<string, PetrarchAgent>();
  constructor(readonly file: PetrarchAgentFile) {
    for (const a of file.records) {
      for (const k of [a.phrase, a.plural]) if (k && !this.byNoun.has(agentKey(k))) this.byNoun.set(agentKey(k), a);
    }
  }

  /** The agent a noun (singular or plural, possibly multi-word: "riot police") names. */
  of(noun: string): PetrarchAgent | null {
    return this.byNoun.get(agentKey(noun)) ?? null;
  }
}

export class PetrarchActors {
  private byName = new Map<string, PetrarchActor[]>();
  constructor(readonly file: PetrarchActorFile) {
    for (const a of file.records) {
      for (const n of [a.name, ...(a.aliases ?? [])]) {
        const k = actorKey(n);
        const list = this.byName.get(k) ?? [];
        if (!list.includes(a)) list.push(a);
        this.byName.set(k, list);
      }
    }
  }

  /**
   * Actors known by this name, each with the roles that held on `day` (YYYY-MM-DD). Without a
   * day no dated role is assumed. A role with no end date is open only up to `knownUntil`: the
   * dictionaries say nothing about later days.
   */
  lookup(name: string, day: string | null = null): ActorAt[] {
    return (this.byName.get(actorKey(name)) ?? []).map((actor) => actorAt(actor, day, this.file.knownUntil));
  }
}

let verbs: PetrarchVerbs | null = null;
let agents: PetrarchAgents | null = null;
let actors: PetrarchActors | null = null;

export const petrarchVerbs = () => (verbs ??= new PetrarchVerbs(readPetrarchFile(dataPath('petrarch', 'verbs.json'), 'petrarch-verbs')));
export const petrarchAgents = () => (agents ??= new PetrarchAgents(readPetrarchFile(dataPath('petrarch', 'agents.json'), 'petrarch-agents')));
export const petrarchActors = () => (actors ??= new PetrarchActors(readPetrarchFile(dataPath('petrarch', 'actors.json'), 'petrarch-actors')));

/** PETRARCH2's patterns for a verb lemma. eventwire's own triggers win where both speak: see `lexiconConflicts`. */
export const verbPatterns = (lemma: string): VerbPattern[] => petrarchVerbs().patterns(lemma);
/** The generic agent a noun names ("police" → COP, police), or null. */
export const agentOf = (noun: string): PetrarchAgent | null => petrarchAgents().of(noun);
let actorIndex: PetrarchActorIndex | null = null;
/**
 * People and groups the knowledge base lacks, by name, with the roles that held on `day` (from the
 * line index, which keeps the pipeline's threads from holding every record as an object).
 */
export const actorFallback = (name: string, day: string | null = null): ActorAt[] =>
  (actorIndex ??= new PetrarchActorIndex(dataPath('petrarch', 'actors.json'))).lookup(name, day);
export { lexiconConflicts, sectorConflicts } from './conflicts.js';
export { readPetrarchFile } from './read.js';
