/**
 * The syntax model file: the tagger's and the parser's weights in one compact binary.
 *
 *   "EWSYNTAX" · u32 format version · u32 header length · JSON header · sections · u32 checksum
 *
 * Each section is one sparse perceptron: u32 keys[features], u8 row lengths[features],
 * u8 classes[entries], i16 quantised weights[entries] (weight = q × scale, scale in the header).
 * Then, if the header counts any, the word clusters: u32 word hashes, u16 fine, u8 coarse clusters.
 * Little-endian throughout; the checksum is FNV-1a over every byte before it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { SparseModel, type SparseRuntime } from './sparse.js';
import type { TaggerModel } from './tagger.js';
import type { ParserModel } from './parser.js';
import { WordClusters, type ClustersRuntime } from './clusters.js';
import { readSyntaxTables, writeSyntaxTables } from './model-tables.js';

const MAGIC = 'EWSYNTAX';
export const FORMAT_VERSION = 2;

export interface SyntaxModel {
  meta: SyntaxMeta;
  tagger: TaggerModel;
  parser: ParserModel;
}

export interface SyntaxMeta {
  source: string;
  licence: string;
  /** scores and settings recorded at training time */
  training: Record<string, unknown>;
}

interface Header extends SyntaxMeta {
  xposNames: string[];
  uposNames: string[];
  labels: string[];
  leftLabels: number[];
  rightLabels: number[];
  sections: { name: string; classes: number; features: number; entries: number; scale: number }[];
  /** number of word clusters stored after the sections (0: none) */
  clusters: number;
}

export class SyntaxModelError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`syntax model ${file}: ${reason}`);
    this.name = 'SyntaxModelError';
  }
}

function fnv(bytes: Uint8Array, end: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Quantises one sparse model; weights that round to zero are dropped. Rows are written in the
 * order of their slot in the loader's hash table, so loading fills the table front to back.
 */
function quantise(m: SparseModel, minQ: number) {
  let max = 0;
  for (const w of m.weight) if (Math.abs(w * m.scale) > max) max = Math.abs(w * m.scale);
  const scale = max > 0 ? max / 32767 : 1;
  const rows: { key: number; cls: number[]; q: number[] }[] = [];
  const rowKeys = m.keys();
  for (let r = 0; r < m.features; r++) {
    const row = { key: rowKeys[r], cls: [] as number[], q: [] as number[] };
    for (let j = m.rowStart[r]; j < m.rowStart[r + 1]; j++) {
      const v = Math.round((m.weight[j] * m.scale) / scale);
      if (Math.abs(v) < minQ) continue;
      row.cls.push(m.cls[j]);
      row.q.push(v);
    }
    if (row.q.length) rows.push(row);
  }
  const mask = SparseModel.capacityFor(rows.length) - 1;
  rows.sort((a, b) => (a.key & mask) - (b.key & mask) || a.key - b.key);
  return {
    scale,
    keys: rows.map((r) => r.key),
    lens: rows.map((r) => r.q.length),
    cls: rows.flatMap((r) => r.cls),
    q: rows.flatMap((r) => r.q),
  };
}

/**
 * The model as bytes. `minQ` prunes: weights whose quantised magnitude is below it are dropped
 * (1 keeps every weight that does not round to zero).
 */
export function encodeModel(model: SyntaxModel, minQ = 1): Buffer {
  if (![model.tagger.xpos, model.tagger.upos, model.parser.moves, model.parser.labeler].every((m) => m.writable)) {
    throw new Error('a syntax model shared from another thread has only its scoring tables and cannot be written');
  }
  const parts = [
    { name: 'xpos', m: model.tagger.xpos },
    { name: 'upos', m: model.tagger.upos },
    { name: 'moves', m: model.parser.moves },
    { name: 'labels', m: model.parser.labeler },
  ].map((p) => ({ name: p.name, classes: p.m.classes, ...quantise(p.m, minQ) }));
  const header: Header = {
    ...model.meta,
    xposNames: model.tagger.xposNames,
    uposNames: model.tagger.uposNames,
    labels: model.parser.labels,
    leftLabels: [...model.parser.leftLabels],
    rightLabels: [...model.parser.rightLabels],
    sections: parts.map((p) => ({ name: p.name, classes: p.classes, features: p.keys.length, entries: p.q.length, scale: p.scale })),
    clusters: model.tagger.clusters?.keys.length ?? 0,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const chunks: Buffer[] = [Buffer.from(MAGIC, 'ascii')];
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    return b;
  };
  chunks.push(u32(FORMAT_VERSION), u32(json.length), json);
  for (const p of parts) {
    chunks.push(Buffer.from(Uint32Array.from(p.keys).buffer));
    chunks.push(Buffer.from(Uint8Array.from(p.lens)));
    chunks.push(Buffer.from(Uint8Array.from(p.cls)));
    const q = Buffer.alloc(p.q.length * 2);
    p.q.forEach((v, i) => q.writeInt16LE(v, i * 2));
    chunks.push(q);
  }
  const wc = model.tagger.clusters;
  if (wc) {
    chunks.push(Buffer.from(wc.keys.buffer, wc.keys.byteOffset, wc.keys.byteLength));
    chunks.push(Buffer.from(wc.fine.buffer, wc.fine.byteOffset, wc.fine.byteLength));
    chunks.push(Buffer.from(wc.coarse.buffer, wc.coarse.byteOffset, wc.coarse.byteLength));
  }
  const body = Buffer.concat(chunks);
  return Buffer.concat([body, u32(fnv(body, body.length))]);
}

export function decodeModel(bytes: Uint8Array, file = '<model>'): SyntaxModel {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 20 || buf.toString('ascii', 0, 8) !== MAGIC) throw new SyntaxModelError(file, 'not an eventwire syntax model (bad magic bytes)');
  const version = buf.readUInt32LE(8);
  // Version 1 is version 2 without word clusters.
  if (version !== FORMAT_VERSION && version !== 1) throw new SyntaxModelError(file, `format version ${version}, this eventwire reads versions 1 and ${FORMAT_VERSION}`);
  const stored = buf.readUInt32LE(buf.length - 4);
  if (fnv(buf, buf.length - 4) !== stored) throw new SyntaxModelError(file, 'checksum mismatch (the file is truncated or corrupt)');
  const jsonLen = buf.readUInt32LE(12);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 16, 16 + jsonLen));
  } catch {
    throw new SyntaxModelError(file, 'unreadable header');
  }
  let at = 16 + jsonLen;
  // Byte arrays are views into the file; wider ones are copied only where the file leaves them unaligned.
  const take = (n: number, align = 1) => {
    if (at + n > buf.length - 4) throw new SyntaxModelError(file, 'a section runs past the end of the file');
    const start = buf.byteOffset + at;
    at += n;
    if (start % align === 0) return new Uint8Array(buf.buffer, start, n);
    const copy = new Uint8Array(n);
    copy.set(buf.subarray(at - n, at));
    return copy;
  };
  const models = new Map<string, SparseModel>();
  for (const s of header.sections) {
    const kb = take(s.features * 4, 4);
    const keys = new Uint32Array(kb.buffer, kb.byteOffset, s.features);
    const lens = take(s.features);
    const cls = take(s.entries);
    const qb = take(s.entries * 2, 2);
    const q = new Int16Array(qb.buffer, qb.byteOffset, s.entries);
    const rowStart = new Uint32Array(s.features + 1);
    for (let r = 0; r < s.features; r++) rowStart[r + 1] = rowStart[r] + lens[r];
    if (rowStart[s.features] !== s.entries) throw new SyntaxModelError(file, `section ${s.name}: row lengths do not add up to its entries`);
    for (let i = 0; i < s.entries; i++) if (cls[i] >= s.classes) throw new SyntaxModelError(file, `section ${s.name}: class ${cls[i]} out of range`);
    models.set(s.name, new SparseModel(s.classes, keys, rowStart, cls, q, s.scale));
  }
  let clusters: WordClusters | undefined;
  if ((header.clusters ?? 0) > 0) {
    const n = header.clusters;
    const kb = take(n * 4, 4);
    const fb = take(n * 2, 2);
    const cb = take(n);
    clusters = new WordClusters(new Uint32Array(kb.buffer, kb.byteOffset, n), new Uint16Array(fb.buffer, fb.byteOffset, n), cb);
  }
  const need = (name: string) => {
    const m = models.get(name);
    if (!m) throw new SyntaxModelError(file, `section ${name} is missing`);
    return m;
  };
  return {
    meta: { source: header.source, licence: header.licence, training: header.training },
    tagger: { xposNames: header.xposNames, uposNames: header.uposNames, xpos: need('xpos'), upos: need('upos'), clusters },
    parser: {
      labels: header.labels,
      leftLabels: Int32Array.from(header.leftLabels),
      rightLabels: Int32Array.from(header.rightLabels),
      moves: need('moves'),
      labeler: need('labels'),
      clusters,
    },
  };
}

function existing(file: string): string {
  if (!existsSync(file)) throw new SyntaxModelError(file, 'file not found (run `npm run train:parser` to build it)');
  return file;
}

export const DEFAULT_MODEL = () => join(packageRoot(), 'models', 'en-ewt-parser.bin');

let loaded: { file: string; model: SyntaxModel } | null = null;

/**
 * The syntax model, read once per process on first use (only stages that parse pay for it).
 * `EVENTWIRE_SYNTAX_MODEL` names another file.
 */
export function syntaxModel(file = process.env.EVENTWIRE_SYNTAX_MODEL || DEFAULT_MODEL()): SyntaxModel {
  if (loaded && loaded.file === file) return loaded.model;
  const model = decodeModel(readFileSync(existing(file)), file);
  loaded = { file, model };
  return model;
}

/**
 * The model to parse with: the one this thread has read or been given, else the scoring tables
 * alone (syntaxRuntime), which the shipped model keeps between processes. Parsing needs no rows.
 */
export function parsingModel(file = process.env.EVENTWIRE_SYNTAX_MODEL || DEFAULT_MODEL()): SyntaxModel {
  if (!(loaded && loaded.file === file)) installSyntaxModel(syntaxRuntime(file));
  return loaded!.model;
}

/** The model's scoring tables without its rows: in shared memory, for analysis threads. */
export interface SyntaxRuntime {
  file: string;
  meta: SyntaxMeta;
  xposNames: string[];
  uposNames: string[];
  labels: string[];
  leftLabels: Int32Array;
  rightLabels: Int32Array;
  xpos: SparseRuntime;
  upos: SparseRuntime;
  moves: SparseRuntime;
  labeler: SparseRuntime;
  clusters: ClustersRuntime | null;
}

let runtime: SyntaxRuntime | null = null;

/**
 * Reads the model once and keeps only its scoring tables, which live in shared memory: a process
 * that analyses on several threads hands them to each (installSyntaxModel) instead of every
 * thread reading and building its own copy.
 */
export function syntaxRuntime(file = process.env.EVENTWIRE_SYNTAX_MODEL || DEFAULT_MODEL()): SyntaxRuntime {
  if (runtime && runtime.file === file) return runtime;
  const keep = file === DEFAULT_MODEL() && !(loaded && loaded.file === file);
  if (keep && installKeptTables(file)) return runtime!;
  const m = loaded && loaded.file === file ? loaded.model : decodeModel(readFileSync(existing(file)), file);
  runtime = {
    file,
    meta: m.meta,
    xposNames: m.tagger.xposNames,
    uposNames: m.tagger.uposNames,
    labels: m.parser.labels,
    leftLabels: m.parser.leftLabels,
    rightLabels: m.parser.rightLabels,
    xpos: m.tagger.xpos.runtime(),
    upos: m.tagger.upos.runtime(),
    moves: m.parser.moves.runtime(),
    labeler: m.parser.labeler.runtime(),
    clusters: m.tagger.clusters?.runtime() ?? null,
  };
  // This thread scores with the same tables; the rows and the file bytes can go.
  installSyntaxModel(runtime);
  if (keep) writeSyntaxTables(file, runtime);
  return runtime;
}

/** Installs the shipped model's tables as an earlier process kept them (model-tables.ts), if it did. */
function installKeptTables(file: string): boolean {
  const kept = readSyntaxTables(file);
  if (!kept) return false;
  runtime = kept;
  installSyntaxModel(kept);
  return true;
}

/**
 * The shipped model's scoring tables, installed now if an earlier process kept them: false when
 * they would have to be built (first run, another model named), which a caller may do on a thread.
 */
export function installKeptSyntaxModel(): boolean {
  const file = process.env.EVENTWIRE_SYNTAX_MODEL || DEFAULT_MODEL();
  if (loaded && loaded.file === file) return true;
  return file === DEFAULT_MODEL() && installKeptTables(file);
}

/** Makes this thread's syntax model the one whose tables another thread built. */
export function installSyntaxModel(r: SyntaxRuntime): void {
  const clusters = r.clusters ? WordClusters.fromRuntime(r.clusters) : undefined;
  const model: SyntaxModel = {
    meta: r.meta,
    tagger: { xposNames: r.xposNames, uposNames: r.uposNames, xpos: SparseModel.fromRuntime(r.xpos), upos: SparseModel.fromRuntime(r.upos), clusters },
    parser: {
      labels: r.labels,
      leftLabels: r.leftLabels,
      rightLabels: r.rightLabels,
      moves: SparseModel.fromRuntime(r.moves),
      labeler: SparseModel.fromRuntime(r.labeler),
      clusters,
    },
  };
  loaded = { file: r.file, model };
}
