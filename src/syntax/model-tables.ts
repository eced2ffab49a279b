// The shipped syntax model's scoring tables, kept between processes. Building them from the model
// file (checking its 20 MB, then hashing 1.3 million rows into open-addressing tables) is the
// largest single cost of a command that parses one sentence, about 0.25 s, for tables that only
// change with the model file and the code that builds them. So the first process that builds the
// shipped model's tables writes them, byte for byte, beside this module; a later process whose
// model file and code carry the same stamp reads them back into shared memory (one 33 MB read)
// instead. A model named by EVENTWIRE_SYNTAX_MODEL or a path of a test's is built as before.
//
//   "EWTABLES" · u32 header length · JSON header (stamp, names, each table's kind and byte length)
//   · zero padding to 8 · the tables' bytes, in the header's order
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SparseRuntime } from './sparse.js';
import type { SyntaxRuntime } from './model-io.js';

const MAGIC = 'EWTABLES';
const here = dirname(fileURLToPath(import.meta.url));
/** Where the shipped model's tables are kept: beside the compiled module. */
export const syntaxTablesPath = (): string => join(here, 'syntax-tables.bin');

const SECTIONS = ['xpos', 'upos', 'moves', 'labeler'] as const;

interface Header extends Omit<SyntaxRuntime, 'file' | 'leftLabels' | 'rightLabels' | (typeof SECTIONS)[number] | 'clusters'> {
  stamp: string;
  leftLabels: number[];
  rightLabels: number[];
  sections: (Omit<SparseRuntime, 'table' | 'entries'> & { table: number; entries: number; signed: boolean })[];
  /** byte length of the clusters' slots and values (0: no clusters) */
  clusters: number;
}

/**
 * What the tables depend on: the model file (by size and modification time; hashing its 20 MB
 * would cost a third of what the snapshot saves, and any rewrite of the file moves its time) and
 * the compiled code that reads it and builds them.
 */
function stamp(model: string): string {
  const h = createHash('sha1');
  for (const m of ['model-io.js', 'model-tables.js', 'sparse.js', 'clusters.js']) h.update(m).update(readFileSync(join(here, m)));
  const s = statSync(model);
  return h.update(`${model} ${s.size} ${s.mtimeMs}`).digest('hex');
}

const align8 = (n: number) => (n + 7) & ~7;

/** The kept tables of `model`, in shared memory, if the snapshot at `path` was made from it; else null. */
export function readSyntaxTables(model: string, path = syntaxTablesPath()): SyntaxRuntime | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // never written, or not readable: the tables are built
  }
  try {
    const size = fstatSync(fd).size;
    const lead = Buffer.alloc(12);
    if (readSync(fd, lead, 0, 12, 0) !== 12 || lead.toString('latin1', 0, 8) !== MAGIC) return null;
    const headerEnd = 12 + lead.readUInt32LE(8);
    if (headerEnd > size) return null;
    const hb = Buffer.alloc(headerEnd - 12);
    readSync(fd, hb, 0, hb.length, 12);
    const h = JSON.parse(hb.toString('utf8')) as Header;
    if (h.stamp !== stamp(model)) return null;
    const at = align8(headerEnd);
    const body = h.sections.reduce((n, s) => n + s.table + s.entries, 0) + 2 * h.clusters;
    if (size !== at + body) return null; // cut short, or written by other code
    const bytes = new SharedArrayBuffer(body);
    const view = new Uint8Array(bytes);
    for (let done = 0; done < body;) {
      const n = readSync(fd, view, done, body - done, at + done);
      if (n <= 0) return null;
      done += n;
    }
    let offset = 0;
    const take = <T>(make: (b: SharedArrayBuffer, o: number, n: number) => T, byteLength: number): T => {
      const t = make(bytes, offset, byteLength / 4);
      offset += byteLength;
      return t;
    };
    const tables = h.sections.map(({ table, entries, signed, ...s }): SparseRuntime => ({
      ...s,
      table: take((b, o, n) => (signed ? new Int32Array(b, o, n) : new Uint32Array(b, o, n)), table),
      entries: entries ? take((b, o, n) => new Int32Array(b, o, n), entries) : null,
    }));
    const clusters = h.clusters
      ? { slots: take((b, o, n) => new Uint32Array(b, o, n), h.clusters), vals: take((b, o, n) => new Uint32Array(b, o, n), h.clusters) }
      : null;
    const [xpos, upos, moves, labeler] = tables;
    return {
      file: model, meta: h.meta, xposNames: h.xposNames, uposNames: h.uposNames, labels: h.labels,
      leftLabels: Int32Array.from(h.leftLabels), rightLabels: Int32Array.from(h.rightLabels),
      xpos, upos, moves, labeler, clusters,
    };
  } catch {
    return null; // unreadable: the tables are built
  } finally {
    closeSync(fd);
  }
}

/** Keeps the tables built from `model` for the next process (best effort: a read-only install builds them every time). */
export function writeSyntaxTables(model: string, rt: SyntaxRuntime, path = syntaxTablesPath()): void {
  const parts: Uint8Array[] = [];
  const bytesOf = (t: Int32Array | Uint32Array) => {
    parts.push(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
    return t.byteLength;
  };
  const sections = SECTIONS.map((name) => {
    const { table, entries, ...s } = rt[name];
    return { ...s, signed: table instanceof Int32Array, table: bytesOf(table), entries: entries ? bytesOf(entries) : 0 };
  });
  const clusters = rt.clusters ? bytesOf(rt.clusters.slots) : 0;
  if (rt.clusters) bytesOf(rt.clusters.vals);
  const header: Header = {
    stamp: stamp(model), meta: rt.meta, xposNames: rt.xposNames, uposNames: rt.uposNames, labels: rt.labels,
    leftLabels: [...rt.leftLabels], rightLabels: [...rt.rightLabels], sections, clusters,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(align8(12 + json.length));
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(json.length, 8);
  json.copy(lead, 12);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([lead, ...parts]));
    renameSync(tmp, path);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing to remove */
    }
  }
}
