import { existsSync } from 'node:fs';
import type { Message } from '../model/types.js';
import type {
  Country, Institution, KnowledgeKind, Organisation, Person, PloverType, Sector, Trigger,
} from '../model/schema.js';
import { dataPath } from '../paths.js';
import { KNOWLEDGE_KINDS, readKnowledgeFolder, type CheckedFile } from './files.js';

export type NameTarget =
  | { kind: 'country'; id: string }
  | { kind: 'demonym'; id: string }
  | { kind: 'capital'; id: string }
  | { kind: 'institution'; id: string }
  | { kind: 'person'; id: string }
  | { kind: 'surname'; id: string }
  | { kind: 'organisation'; id: string };

export interface NameEntry {
  /** the folded surface form */
  surface: string;
  target: NameTarget;
  via: string;
}

/** Folds one character to its base letter when that keeps the length (ğ → g, é → e), so offsets survive. */
export function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return ch;
  const d = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (d.length === 1) return d;
  if (ch === '’' || ch === 'ʼ' || ch === '‘') return "'";
  if (ch === '‐' || ch === '‑' || ch === '–') return '-';
  return ch;
}

const ASCII = /^[\x00-\x7f]*$/;

export function fold(text: string): string {
  // most names are plain ASCII, which folding leaves as it is
  if (ASCII.test(text)) return text;
  let out = '';
  for (const ch of text) {
    // Astral characters are kept as they are: folding only applies to the BMP, one unit each.
    out += ch.length === 1 ? foldChar(ch) : ch;
  }
  return out;
}

const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

export interface KnowledgeOptions {
  /** extra folders with user knowledge files, read after the shipped ones */
  extraDirs?: string[];
}

/**
 * The knowledge base, loaded and indexed once. Every surface form of every record goes into one
 * name index keyed by its first characters, so a lookup at a token costs a few string comparisons.
 */
export class Knowledge {
  countries = new Map<string, Country>();
  institutions = new Map<string, Institution>();
  people = new Map<string, Person>();
  organisations = new Map<string, Organisation>();
  sectors: Sector[] = [];
  /** lower-case sector word (possibly multi-word) → sector */
  sectorWords = new Map<string, Sector>();

  /** The sector a word names, by its form and then by its lemma ("protesters", "police"). */
  sectorOf(w: { text: string; lemma: string }): Sector | undefined {
    return this.sectorWords.get(w.text.toLowerCase()) ?? this.sectorWords.get(w.lemma);
  }
  triggers: Trigger[] = [];
  plover = new Map<string, PloverType>();
  messages: Message[] = [];
  loadMs = 0;
  private names = new Map<string, NameEntry[]>();
  /**
   * The same entries for look-ups (built by index()): names of five or more characters by their
   * first five, and the shorter ones by their first three (or both of two), each list longest first
   * as in `names`. A name's first three letters alone leave up to 190 candidates ("Uni...").
   */
  private longNames = new Map<string, NameEntry[]>();
  private shortNames = new Map<string, NameEntry[]>();
  /** trigger id → its index in `triggers` */
  private triggerAt = new Map<string, number>();
  /** surface, kind and id of every entry in `names`, to add each once */
  private named = new Set<string>();

  static load(opts: KnowledgeOptions = {}): Knowledge {
    const t0 = performance.now();
    const kb = new Knowledge();
    const dirs = [dataPath(), ...(opts.extraDirs ?? [])];
    for (const dir of dirs) {
      if (!existsSync(dir)) {
        kb.messages.push({ level: 'error', code: 'knowledge-missing', message: `knowledge folder not found: ${dir}`, file: dir });
        continue;
      }
      for (const f of readKnowledgeFolder(dir)) kb.loadFile(f);
    }
    kb.index();
    kb.loadMs = performance.now() - t0;
    return kb;
  }

  private loadFile(f: CheckedFile): void {
    const file = f.file;
    if (f.error !== null) {
      this.messages.push({ level: 'error', code: 'bad-json', message: `${file}: not valid JSON: ${f.error}`, file });
      return;
    }
    // Files of other kinds (gazetteer extras and the like) are read by their own modules.
    const kind = f.kind as KnowledgeKind;
    if (!f.records || !KNOWLEDGE_KINDS.has(kind)) return;
    for (const b of f.bad) {
      const field = b.path || '(record)';
      this.messages.push({ level: 'warning', code: 'bad-record', message: `${file}: record ${b.i}: ${field}: ${b.message}`, file, field, line: b.i });
    }
    for (const { rec } of f.records) {
      switch (kind) {
        case 'countries': this.countries.set(rec.id, rec); break;
        case 'institutions': this.institutions.set(rec.id, rec); break;
        case 'people': this.people.set(rec.id, rec); break;
        case 'organisations': this.organisations.set(rec.id, rec); break;
        case 'sectors': this.sectors.push(rec); break;
        case 'triggers': {
          // a trigger of a later file replaces the one with its id, in its place
          const at = this.triggerAt.get(rec.id);
          if (at !== undefined) this.triggers[at] = rec;
          else this.triggerAt.set(rec.id, this.triggers.push(rec) - 1);
          break;
        }
        case 'plover': this.plover.set(rec.type, rec); break;
      }
    }
  }

  private add(surface: string, target: NameTarget, via: string): void {
    let s = fold(surface.trim());
    if (/^the\s/i.test(s)) s = s.slice(4);
    if (s.length < 2) return;
    const seen = `${s}\u0000${target.kind}\u0000${target.id}`;
    if (this.named.has(seen)) return;
    this.named.add(seen);
    const key = s.slice(0, Math.min(3, s.length));
    const list = this.names.get(key);
    if (list) list.push({ surface: s, target, via });
    else this.names.set(key, [{ surface: s, target, via }]);
  }

  private index(): void {
    for (const c of this.countries.values()) {
      this.add(c.name, { kind: 'country', id: c.id }, 'name');
      for (const a of c.aliases) this.add(a, { kind: 'country', id: c.id }, 'alias');
      for (const d of c.demonyms) this.add(d, { kind: 'demonym', id: c.id }, 'demonym');
      if (c.capital) this.add(c.capital, { kind: 'capital', id: c.id }, 'capital');
      for (const a of c.capitalAliases) this.add(a, { kind: 'capital', id: c.id }, 'capital');
    }
    for (const i of this.institutions.values()) {
      this.add(i.name, { kind: 'institution', id: i.id }, 'name');
      for (const a of i.aliases) this.add(a, { kind: 'institution', id: i.id }, 'alias');
    }
    for (const o of this.organisations.values()) {
      this.add(o.name, { kind: 'organisation', id: o.id }, 'name');
      for (const a of o.aliases) this.add(a, { kind: 'organisation', id: o.id }, 'alias');
    }
    for (const p of this.people.values()) {
      this.add(p.name, { kind: 'person', id: p.id }, 'name');
      for (const a of p.aliases) this.add(a, { kind: 'person', id: p.id }, 'alias');
      if (p.surname) this.add(p.surname, { kind: 'surname', id: p.id }, 'surname');
    }
    for (const s of this.sectors) for (const w of s.words) this.sectorWords.set(w.toLowerCase(), s);
    for (const list of this.names.values()) list.sort((a, b) => b.surface.length - a.surface.length);
    for (const [key, list] of this.names) {
      for (const e of list) {
        const [k, into] = e.surface.length >= 5 ? [e.surface.slice(0, 5), this.longNames] : [key, this.shortNames];
        const to = into.get(k);
        if (to) to.push(e);
        else into.set(k, [e]);
      }
    }
  }

  /**
   * Names that start at `pos` in `folded` (the folded document text), longest first, each ending at
   * a word boundary.
   */
  lookupAt(folded: string, pos: number): NameEntry[] {
    const out: NameEntry[] = [];
    // (the names of five or more characters, then those of three or four, then those of two:
    // longest first, and in their order in `names` among equals)
    for (const [n, list] of [[5, this.longNames.get(folded.slice(pos, pos + 5))], [3, this.shortNames.get(folded.slice(pos, pos + 3))], [2, this.shortNames.get(folded.slice(pos, pos + 2))]] as const) {
      if (!list) continue;
      for (const e of list) {
        if (n === 2 ? e.surface.length !== 2 : e.surface.length < 3) continue;
        if (!folded.startsWith(e.surface, pos)) continue;
        const after = folded[pos + e.surface.length];
        if (isWordChar(after) && !/[.]$/.test(e.surface)) continue;
        out.push(e);
      }
    }
    return out.sort((a, b) => b.surface.length - a.surface.length);
  }

  /** The role a person held on `day`, if any. */
  roleAt(person: Person, day: string | null): Person['roles'][number] | null {
    if (!day) return null;
    for (const r of person.roles) {
      if ((!r.from || r.from <= day) && (!r.to || day <= r.to)) return r;
    }
    return null;
  }
}

let shared: Knowledge | null = null;
let sharedKey = '';

/** The process-wide knowledge base (reloaded only when the extra folders change). */
export function knowledge(opts: KnowledgeOptions = {}): Knowledge {
  const envDir = process.env.EVENTWIRE_KNOWLEDGE;
  const extra = [...(opts.extraDirs ?? []), ...(envDir ? [envDir] : [])];
  const key = extra.join('|');
  if (!shared || key !== sharedKey) {
    shared = Knowledge.load({ extraDirs: extra });
    sharedKey = key;
  }
  return shared;
}
