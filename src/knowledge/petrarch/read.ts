// Reading a generated PETRARCH2 file at run time. The full schemas (schema.ts, zod) are checked
// where the files are made and by the tests; here each file is only checked for the shape the
// lookups rely on (its kind, its record lists and the fields they index by), which costs a pass
// over the records instead of a schema validation, and keeps zod out of the analysing commands.
import { readFileSync } from 'node:fs';
import type { PetrarchActorFile, PetrarchAgentFile, PetrarchVerbFile } from './schema.js';

interface Files {
  'petrarch-verbs': PetrarchVerbFile;
  'petrarch-agents': PetrarchAgentFile;
  'petrarch-actors': PetrarchActorFile;
}
export type PetrarchFileKind = keyof Files;

type Type = 'string' | 'number' | 'array' | 'object';
/** Required fields and their types; a nested record list is named by its field. */
interface Shape {
  fields: Record<string, Type>;
  lists?: Record<string, Shape>;
}

const SHAPES: Record<PetrarchFileKind, Shape> = {
  'petrarch-verbs': {
    fields: { synsets: 'object', records: 'array' },
    lists: {
      records: {
        fields: { name: 'string', verbs: 'array', patterns: 'array', line: 'number' },
        lists: {
          verbs: { fields: { lemma: 'string', line: 'number' } },
          patterns: { fields: { words: 'array', line: 'number' } },
        },
      },
    },
  },
  'petrarch-agents': {
    fields: { records: 'array' },
    lists: { records: { fields: { phrase: 'string', code: 'string', sector: 'string', kind: 'string' } } },
  },
  'petrarch-actors': {
    fields: { knownUntil: 'string', records: 'array' },
    lists: { records: { fields: { name: 'string', kind: 'string' } } },
  },
};

const typeOf = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

interface Compiled {
  fields: [string, Type][];
  lists: [string, Compiled][];
}
const compile = (s: Shape): Compiled => ({
  fields: Object.entries(s.fields),
  lists: Object.entries(s.lists ?? {}).map(([k, v]) => [k, compile(v)]),
});
const COMPILED = Object.fromEntries(Object.entries(SHAPES).map(([k, v]) => [k, compile(v)])) as Record<PetrarchFileKind, Compiled>;

/**
 * The first field that does not fit `shape`, as `path: expected …, found …`; null when all fit. The
 * path is only spelt out on the way back from a misfit: some 7,000 records fit on every start.
 */
function misfit(value: unknown, shape: Compiled): string | null {
  if (typeOf(value) !== 'object') return `: expected object, found ${typeOf(value)}`;
  const v = value as Record<string, unknown>;
  for (const [field, type] of shape.fields) {
    if (typeOf(v[field]) !== type) return `${field}: expected ${type}, found ${typeOf(v[field])}`;
  }
  for (const [field, item] of shape.lists) {
    const list = v[field] as unknown[];
    for (let i = 0; i < list.length; i++) {
      const bad = misfit(list[i], item);
      if (bad !== null) return `${field}.${i}${bad.startsWith(':') ? '' : '.'}${bad}`;
    }
  }
  return null;
}

/** Reads one generated file; an error names the file and the first field that does not fit. */
export function readPetrarchFile<K extends PetrarchFileKind>(file: string, kind: K): Files[K] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  const found = (raw as { kind?: unknown } | null)?.kind;
  if (found !== kind) throw new Error(`${file}: kind: expected "${kind}", found ${JSON.stringify(found)}`);
  const bad = misfit(raw, COMPILED[kind]);
  if (bad !== null) throw new Error(`${file}: ${bad.startsWith(':') ? '(file)' : ''}${bad}`);
  return raw as Files[K];
}
