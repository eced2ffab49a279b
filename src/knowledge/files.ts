// Knowledge files, read and checked once for the knowledge base and the gazetteer alike: every *.json
// of a folder is parsed, and each record of a checked kind validated against its schema in
// src/model/schema.ts; a bad record is kept aside with its index, field and reason.
//
// Checking the shipped files means loading zod and validating some 5,000 records, about 0.15 s of
// every start-up. So the checked shipped files are kept in a snapshot beside this module
// (checked-knowledge.json, written by the first process that checks them): a shipped file whose
// size and modification time, or else content hash, are in the snapshot, stamped with this
// module's and the schemas' compiled code, is taken from it (unread, when its size and time match),
// and zod is not loaded unless some file needs checking. A file edited since, a user
// folder, or a snapshot from other schemas is checked as before. Files with a bad record or bad
// JSON are never kept, so their messages come from a real check. Within a process each file is
// checked once; its records are shared between the callers and are read-only.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeKind } from '../model/schema.js';
import { dataPath } from '../paths.js';

type SchemaModule = typeof import('../model/schema.js');

export interface CheckedFile {
  file: string;
  /** "countries", "people", "places" …, or null */
  kind: string | null;
  /** the file's top-level fields other than its records (word lists, descriptions …); null when not JSON */
  data: Record<string, unknown> | null;
  /** the records that passed, in file order, with their index in the file; null unless the file has a list of records of a checked kind */
  records: { i: number; rec: any }[] | null;
  /** the records that did not: index, field path ('' for the record itself) and zod's message */
  bad: { i: number; path: string; message: string }[];
  /** why the file is not JSON */
  error: string | null;
  /** checked in this process, or taken from a snapshot of an earlier check */
  source: 'checked' | 'snapshot';
}

// The knowledge base's kinds (KNOWLEDGE_SCHEMAS' keys: the compiler checks the list is complete).
const KINDS: Record<KnowledgeKind, true> = { countries: true, institutions: true, sectors: true, people: true, organisations: true, triggers: true, plover: true };
export const KNOWLEDGE_KINDS: ReadonlySet<string> = new Set(Object.keys(KINDS));
/** The kinds whose records are checked: the knowledge base's, and the gazetteer's places. */
const CHECKED_KINDS = new Set([...KNOWLEDGE_KINDS, 'places']);

// The schema module (and zod with it) loads on the first check. require() of an ES module is what
// keeps the callers synchronous; a Node without it loads the module up front instead.
const require = createRequire(import.meta.url);
let schemaModule: SchemaModule | null = (process.features as { require_module?: boolean }).require_module
  ? null
  : await import('../model/schema.js');
const schemas = (): SchemaModule => (schemaModule ??= require('../model/schema.js') as SchemaModule);

function check(file: string, text: string): CheckedFile {
  const out: CheckedFile = { file, kind: null, data: null, records: null, bad: [], error: null, source: 'checked' };
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    out.error = (err as Error).message;
    return out;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    out.data = {};
    return out;
  }
  const { records, ...rest } = parsed as Record<string, unknown>;
  out.data = rest;
  out.kind = typeof parsed.kind === 'string' ? parsed.kind : null;
  if (!out.kind || !CHECKED_KINDS.has(out.kind) || !Array.isArray(records)) {
    if (records !== undefined) out.data.records = records;
    return out;
  }
  out.records = [];
  const good = out.records;
  const s = schemas();
  const schema = out.kind === 'places' ? s.PlaceSchema : s.KNOWLEDGE_SCHEMAS[out.kind as KnowledgeKind];
  records.forEach((raw, i) => {
    const r = schema.safeParse(raw);
    if (r.success) good.push({ i, rec: r.data });
    else out.bad.push({ i, path: r.error.issues[0]?.path.join('.') ?? '', message: r.error.issues[0]?.message ?? 'invalid' });
  });
  return out;
}

// ------------------------------------------------------------------ the snapshot of shipped files

type Kept = Omit<CheckedFile, 'file' | 'source'>;

interface Snapshot {
  stamp: string;
  files: Record<string, { hash: string; stat: string; checked: Kept }>;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Where the shipped files' snapshot is kept: beside the compiled module. */
export const shippedSnapshotPath = (): string => join(here, 'checked-knowledge.json');
const hashOf = (text: string): string => createHash('sha1').update(text).digest('hex');
// Any rewrite of a file moves its time; reading and hashing the 1.5 MB of shipped files cost a
// sixth of loading the knowledge base.
const statOf = (file: string): string => {
  const s = statSync(file);
  return `${s.size} ${s.mtimeMs}`;
};

/** What a snapshot's checks depend on: this module's and the schemas' compiled code. */
function stamp(): string {
  const h = createHash('sha1');
  for (const f of [fileURLToPath(import.meta.url), fileURLToPath(new URL('../model/schema.js', import.meta.url))]) h.update(readFileSync(f));
  return h.digest('hex');
}

const snapshots = new Map<string, Snapshot | null>();

function readSnapshot(path: string): Snapshot | null {
  let s = snapshots.get(path);
  if (s !== undefined) return s;
  s = null;
  try {
    const read = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    if (read.stamp === stamp()) s = read;
  } catch {
    /* absent or unreadable: the files are checked */
  }
  snapshots.set(path, s);
  return s;
}

/** Keeps a folder's checked files for the next process (best effort: a read-only install skips it). */
function writeSnapshot(path: string, files: Folder): void {
  const s: Snapshot = { stamp: stamp(), files: {} };
  for (const { name, hash, stat, checked } of files) {
    if (checked.error !== null || checked.bad.length) continue;
    const { file: _file, source: _source, ...kept } = checked;
    s.files[name] = { hash, stat, checked: kept };
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(s));
    renameSync(tmp, path);
    snapshots.set(path, s);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing to remove */
    }
  }
}

// ------------------------------------------------------------------ reading a folder

const cache = new Map<string, { hash: string; checked: CheckedFile }>();
type Folder = { name: string; hash: string; stat: string; checked: CheckedFile }[];

/** One file, read and checked now (no snapshot, no cache). */
export function checkKnowledgeFile(file: string): CheckedFile {
  return check(file, readFileSync(file, 'utf8'));
}

/**
 * Every *.json of a folder (by name), read and checked; [] when the folder does not exist.
 * `snapshot` names the snapshot file that keeps the folder's checked files (the shipped folder's
 * by default; null for none).
 */
export function readKnowledgeFolder(dir: string, snapshot: string | null = dir === dataPath() ? shippedSnapshotPath() : null): CheckedFile[] {
  if (!existsSync(dir)) return [];
  const out: Folder = [];
  let missed = false;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const kept = snapshot ? readSnapshot(snapshot)?.files[name] : undefined;
    const stat = snapshot ? statOf(file) : '';
    if (kept && kept.stat === stat) {
      out.push({ name, hash: kept.hash, stat, checked: { file, source: 'snapshot', ...kept.checked } });
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const hash = hashOf(text);
    // (missed: the same content with another time, kept again with its new time)
    missed = true;
    if (kept && kept.hash === hash) {
      out.push({ name, hash, stat, checked: { file, source: 'snapshot', ...kept.checked } });
      continue;
    }
    let hit = cache.get(file);
    if (!hit || hit.hash !== hash) cache.set(file, (hit = { hash, checked: check(file, text) }));
    out.push({ name, stat, ...hit });
  }
  if (snapshot && missed) writeSnapshot(snapshot, out);
  return out.map((f) => f.checked);
}
