// `npm run import:petrarch [-- --dir DIR --mapping FILE --out DIR --report FILE]`: regenerates
// src/knowledge/data/petrarch/*.json from PETRARCH2's dictionaries and writes the conflicts report.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Knowledge } from '../index.js';
import { dataPath, packageRoot } from '../../paths.js';
import { inVocabulary } from '../../pipeline/segment.js';
import { nameKey } from './common.js';
import { convert, type KbView, type PetrarchInputs } from './convert.js';
import { conflictsMarkdown, lexiconConflicts, sectorConflicts } from './conflicts.js';
import { PetrarchAgents, PetrarchVerbs } from './index.js';
import { PETRARCH_FILE_SCHEMAS, PetrarchAgentFileSchema, PetrarchVerbFileSchema, schemaMisfit } from './schema.js';

export const ACTOR_FILES = [
  { name: 'Phoenix.Countries.actors.txt', which: 'countries' },
  { name: 'Phoenix.International.actors.txt', which: 'international' },
  { name: 'Phoenix.MilNonState.actors.txt', which: 'milnonstate' },
] as const;

/** What the converter needs from eventwire's shipped knowledge base. */
export function kbView(kb: Knowledge): KbView {
  const knownNames = new Set<string>();
  const add = (...names: (string | null | undefined)[]) => { for (const n of names) if (n) knownNames.add(nameKey(n)); };
  for (const c of kb.countries.values()) add(c.name, ...c.aliases, ...c.demonyms, c.capital, ...c.capitalAliases);
  for (const i of kb.institutions.values()) add(i.name, ...i.aliases);
  for (const o of kb.organisations.values()) add(o.name, ...o.aliases);
  for (const p of kb.people.values()) add(p.name, ...p.aliases, p.surnameAlone ? p.surname : null);
  const ploverModes = new Map([...kb.plover.values()].map((t) => [t.type, new Set(t.modes.map((m) => m.mode))]));
  const sectorKinds = new Map<string, string>();
  for (const s of kb.sectors) if (!sectorKinds.has(s.sector)) sectorKinds.set(s.sector, s.kind);
  return { ploverModes, sectorKinds, knownNames, plainWord: inVocabulary };
}

function readInput(path: string): { name: string; text: string } {
  if (!existsSync(path)) throw new Error(`PETRARCH2 input not found: ${path} (pass --dir or --mapping)`);
  return { name: basename(path), text: decode(readFileSync(path)) };
}

/** UTF-8, except lines that are not valid UTF-8 (the Countries file mixes in Latin-1 lines). */
export function decode(buf: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(buf);
  } catch {
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i < buf.length && buf[i] !== 0x0a) continue;
      const line = buf.subarray(start, i);
      try { lines.push(utf8.decode(line)); } catch { lines.push(line.toString('latin1')); }
      start = i + 1;
    }
    return lines.join('\n');
  }
}

export function readInputs(dir: string, mapping: string): PetrarchInputs {
  return {
    verbs: readInput(join(dir, 'CAMEO.2.0.txt')),
    agents: readInput(join(dir, 'Phoenix.agents.txt')),
    actors: ACTOR_FILES.map((f) => ({ ...readInput(join(dir, f.name)), which: f.which })),
    mapping: readInput(mapping),
    licence: readInput(join(dir, 'LICENSE')),
  };
}

function option(argv: string[], flag: string, fallback: string): string {
  const at = argv.indexOf(flag);
  if (at < 0) return fallback;
  const v = argv[at + 1];
  if (!v || v.startsWith('--')) throw new Error(`${flag} needs a value`);
  return v;
}

export function main(argv: string[]): number {
  const root = packageRoot();
  const dir = option(argv, '--dir', join(root, '..', 'shared', 'data', 'petrarch2'));
  const mapping = option(argv, '--mapping', join(root, '..', 'shared', 'bench', 'plover-gsr', 'CAMEO2PLOVER-2021.txt'));
  const out = option(argv, '--out', dataPath('petrarch'));
  const report = option(argv, '--report', join(root, 'docs', 'petrarch-conflicts.md'));

  const kb = Knowledge.load();
  const result = convert(readInputs(dir, mapping), kbView(kb));
  // The files are checked against their schemas here, once, so that loading them need not be.
  for (const [name, text] of Object.entries(result.files)) {
    const bad = schemaMisfit(JSON.parse(text), PETRARCH_FILE_SCHEMAS[name as keyof typeof PETRARCH_FILE_SCHEMAS]);
    if (bad) throw new Error(`${name} does not fit its schema, nothing written: ${bad}`);
  }
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(result.files)) {
    writeFileSync(join(out, name), text);
    console.log(`${join(out, name)}: ${Buffer.byteLength(text)} bytes`);
  }
  for (const [file, counts] of Object.entries(result.counts)) console.log(`${file}: ${JSON.stringify(counts)}`);

  const verbs = new PetrarchVerbs(PetrarchVerbFileSchema.parse(JSON.parse(result.files['verbs.json'])));
  const agents = new PetrarchAgents(PetrarchAgentFileSchema.parse(JSON.parse(result.files['agents.json'])));
  const lex = lexiconConflicts(kb.triggers, verbs);
  const sec = sectorConflicts(kb.sectors, agents);
  writeFileSync(report, conflictsMarkdown(lex, sec));
  console.log(`${report}: ${lex.conflicts.length} trigger conflicts (${lex.agreements} agreeing pairs), ${sec.conflicts.length} sector conflicts`);

  // Codes the table lacks are listed once; line-level notes (skipped or adjusted lines) one a line.
  const unmapped = result.messages.filter((m) => m.line === 0).map((m) => m.message.split(' ')[1]);
  if (unmapped.length) console.log(`CAMEO codes without a PLOVER type in the table (patterns keep the CAMEO code): ${unmapped.join(' ')}`);
  const notes = result.messages.filter((m) => m.line > 0);
  if (notes.length) console.log(`${notes.length} dictionary lines were skipped or adjusted:`);
  for (const m of notes) console.log(`  ${m.file}:${m.line}: ${m.message}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`import:petrarch: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
