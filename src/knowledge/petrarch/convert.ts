// Turns PETRARCH2's dictionaries into eventwire's generated knowledge files. Pure: texts in,
// JSON texts out, so the same inputs always give the same bytes.
import { createHash } from 'node:crypto';
import { nameKey, stableJson, type ImportMessage } from './common.js';
import { parseCameoPlover, ploverFor } from './cameo-plover.js';
import { parseVerbDictionary } from './verbs.js';
import { parseAgents } from './agents.js';
import { parseActors, type ActorFile } from './actors.js';
import type { PetrarchActor, PetrarchAgent, PetrarchBlock, PetrarchPattern, PetrarchVerb } from './schema.js';

export interface PetrarchInputs {
  /** file name → text; the names are the dictionaries' own (CAMEO.2.0.txt …) */
  verbs: { name: string; text: string };
  agents: { name: string; text: string };
  actors: { name: string; text: string; which: ActorFile }[];
  mapping: { name: string; text: string };
  licence: { name: string; text: string };
}

/** What the converter needs to know of eventwire's own knowledge base. */
export interface KbView {
  /** PLOVER type → the modes eventwire lists for it (plover.json) */
  ploverModes: Map<string, Set<string>>;
  /** CAMEO sector → eventwire kind (sectors.json) */
  sectorKinds: Map<string, string>;
  /** name keys (see `nameKey`) of every person, organisation, institution and country eventwire knows */
  knownNames: Set<string>;
  /** whether a lower-case word is ordinary English vocabulary (marks names like "Black Friday") */
  plainWord?: (word: string) => boolean;
}

export interface Converted {
  files: { 'verbs.json': string; 'agents.json': string; 'actors.json': string };
  counts: { verbs: Record<string, number>; agents: Record<string, number>; actors: Record<string, number> };
  messages: ImportMessage[];
}

export const GENERATOR = 'eventwire npm run import:petrarch (src/knowledge/petrarch/import.ts)';
const SOURCE = 'PETRARCH2 dictionaries, Open Event Data Alliance (https://github.com/openeventdata/petrarch2)';
const MAPPING = { source: 'CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8 (https://github.com/openeventdata/PLOVER)', licence: 'CC BY-SA 4.0', copyright: 'Copyright 2016 Open Event Data Alliance' };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Keys in a fixed order, absent ones left out: the JSON does not depend on how a record was built. */
function ordered<T extends object>(rec: T, keys: (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const k of keys) if (rec[k] !== undefined) out[k] = rec[k];
  return out as T;
}

const VERB_KEYS: (keyof PetrarchVerb)[] = ['lemma', 'before', 'particle', 'forms', 'cameo', 'passive', 'plover', 'mode', 'context', 'passivePlover', 'passiveMode', 'line'];
const PATTERN_KEYS: (keyof PetrarchPattern)[] = ['subject', 'particle', 'object', 'preps', 'more', 'roles', 'cameo', 'passive', 'plover', 'mode', 'context', 'passivePlover', 'passiveMode', 'words', 'line'];
const BLOCK_KEYS: (keyof PetrarchBlock)[] = ['name', 'cameo', 'passive', 'plover', 'mode', 'context', 'passivePlover', 'passiveMode', 'verbs', 'patterns', 'line'];

export function licenceCopyright(licence: string): string {
  return licence.split(/\r?\n/).map((l) => l.trim()).find((l) => /^Copyright/i.test(l)) ?? 'unknown';
}

export function convert(input: PetrarchInputs, kb: KbView): Converted {
  const messages: ImportMessage[] = [];
  const copyright = licenceCopyright(input.licence.text);
  const header = (kind: string, files: { name: string; text: string }[], counts: Record<string, number>) => ({
    kind, source: SOURCE, licence: 'MIT', copyright, generator: GENERATOR,
    inputs: files.map((f) => ({ file: f.name, sha256: sha256(f.text) })), counts,
  });

  // Verbs: every CAMEO code gets its PLOVER type, mode and context where the table gives them.
  const table = parseCameoPlover(input.mapping.text, input.mapping.name, messages);
  const dict = parseVerbDictionary(input.verbs.text, input.verbs.name, messages);
  const unmapped = new Set<string>();
  const annotate = <T extends { cameo?: string | null; passive?: string; plover?: string; mode?: string; context?: string; passivePlover?: string; passiveMode?: string }>(rec: T): T => {
    if (rec.cameo) {
      const p = ploverFor(table, rec.cameo, kb.ploverModes);
      if (p) Object.assign(rec, p); else unmapped.add(rec.cameo);
    }
    if (rec.passive) {
      const p = ploverFor(table, rec.passive, kb.ploverModes);
      if (p) { rec.passivePlover = p.plover; if (p.mode) rec.passiveMode = p.mode; } else unmapped.add(rec.passive);
    }
    return rec;
  };
  const blocks = dict.blocks.map((b) => ordered(annotate({
    ...b,
    verbs: b.verbs.map((v) => ordered(annotate(v), VERB_KEYS)),
    patterns: b.patterns.map((p) => ordered(annotate(p), PATTERN_KEYS)),
  }), BLOCK_KEYS));
  for (const code of [...unmapped].sort()) messages.push({ file: input.mapping.name, line: 0, message: `CAMEO ${code} has no PLOVER type in the table` });
  const verbCounts = {
    blocks: blocks.length,
    verbs: blocks.reduce((n, b) => n + b.verbs.length, 0),
    lemmas: new Set(blocks.flatMap((b) => b.verbs.map((v) => v.lemma))).size,
    patterns: blocks.reduce((n, b) => n + b.patterns.length, 0),
    patternsWithPlover: blocks.reduce((n, b) => n + b.patterns.filter((p) => p.plover || p.passivePlover).length, 0),
    synsets: Object.keys(dict.synsets).length,
    transformationsSkipped: dict.transformations,
    unmappedCodes: unmapped.size,
  };
  const synsets = Object.fromEntries(Object.entries(dict.synsets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const verbsJson = stableJson({ ...header('petrarch-verbs', [input.verbs, input.mapping], verbCounts), mapping: MAPPING }, blocks, { synsets });

  // Agents.
  const agents = parseAgents(input.agents.text, input.agents.name, kb.sectorKinds, messages)
    .map((a) => ordered(a, ['phrase', 'plural', 'code', 'prefix', 'sector', 'kind', 'line'] as (keyof PetrarchAgent)[]));
  const agentCounts = { agents: agents.length, withPlural: agents.filter((a) => a.plural).length, sectors: new Set(agents.map((a) => a.sector)).size };
  const agentsJson = stableJson(header('petrarch-agents', [input.agents], agentCounts), agents);

  // Actors: only what eventwire does not know, and not the country entries (names, cities, demonyms).
  const actorCounts: Record<string, number> = { read: 0, countryOrPlace: 0, noCode: 0, companies: 0, known: 0, kept: 0, people: 0, groups: 0, unknownKind: 0, plainNames: 0, roles: 0, openRoles: 0 };
  const kept: PetrarchActor[] = [];
  let knownUntil = '';
  for (const f of input.actors) {
    const parsed = parseActors(f.text, f.name, f.which, messages);
    if (parsed.latestDay && parsed.latestDay > knownUntil) knownUntil = parsed.latestDay;
    for (const a of parsed.records) {
      actorCounts.read++;
      const codes = [a.code, ...(a.roles ?? []).map((r) => r[0])].filter((c): c is string => !!c);
      if (!codes.length) { actorCounts.noCode++; continue; }
      if (codes.every((c) => c.length === 3) && a.kind !== 'person') { actorCounts.countryOrPlace++; continue; }
      // Listed businesses (MNC…) are left to companies.json, which keeps those political news needs.
      if (codes.every((c) => c.startsWith('MNC'))) { actorCounts.companies++; continue; }
      if ([a.name, ...(a.aliases ?? [])].some((n) => kb.knownNames.has(nameKey(n)))) { actorCounts.known++; continue; }
      // A short name of ordinary words reads as a phrase too ("Black Friday", "Human Rights First").
      const words = a.name.toLowerCase().split(/[^\p{L}']+/u).filter((w) => w && !['of', 'the', 'for', 'and', 'in'].includes(w));
      if (a.kind !== 'person' && kb.plainWord && words.length && words.length <= 3 && words.every(kb.plainWord)) a.plain = true;
      kept.push(ordered(a as PetrarchActor, ['name', 'aliases', 'kind', 'code', 'roles', 'plain']));
    }
  }
  for (const a of kept) {
    actorCounts.kept++;
    if (a.kind === 'person') actorCounts.people++; else if (a.kind === 'group') actorCounts.groups++; else actorCounts.unknownKind++;
    if (a.plain) actorCounts.plainNames++;
    actorCounts.roles += a.roles?.length ?? 0;
    actorCounts.openRoles += a.roles?.filter((r) => !r[2]).length ?? 0;
  }
  const actorsJson = stableJson({ ...header('petrarch-actors', input.actors, actorCounts), knownUntil: knownUntil || '1900-01-01' }, kept);

  return {
    files: { 'verbs.json': verbsJson, 'agents.json': agentsJson, 'actors.json': actorsJson },
    counts: { verbs: verbCounts, agents: agentCounts, actors: actorCounts },
    messages,
  };
}
