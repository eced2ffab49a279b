// PETRARCH2's actors for the analysing pipeline, kept as the file's text and an index of where each
// name's record stands: read as objects, the 21,000 records take some 13 MB of every analysis thread's
// heap, and a lookup needs only the few records a name has. The generated file holds one record a
// line (see convert.ts); a record is read, and checked for the fields the lookup relies on, when
// asked for.
import { readFileSync } from 'node:fs';
import { nameKey } from './common.js';
import type { PetrarchActor } from './schema.js';
import type { ActorAt } from './index.js';

export const actorKey = (s: string) => nameKey(s).replace(/\./g, '').replace(/-/g, ' ').replace(/\s+/g, ' ');

/**
 * An actor with the roles that held on `day` (YYYY-MM-DD). Without a day no dated role is assumed. A
 * role with no end date is open only up to `knownUntil`: the dictionaries say nothing about later days.
 */
export function actorAt(actor: PetrarchActor, day: string | null, knownUntil: string): ActorAt {
  const roles = !day ? [] : (actor.roles ?? []).map(([code, from, to]) => ({ code, from, to })).filter((r) =>
    (!r.from || r.from <= day) && (r.to ? day <= r.to : day <= knownUntil));
  return { actor, roles, code: roles[0]?.code ?? actor.code ?? null, knownUntil };
}

export class PetrarchActorIndex {
  /** the file's bytes (one-byte text would double in a string wherever a name has an accent) */
  private bytes: Buffer;
  /** name key → byte offset of its record's line, or of each of its records' lines */
  private at = new Map<string, number | number[]>();
  readonly knownUntil: string;

  constructor(private file: string) {
    this.bytes = readFileSync(file);
    const until = /"knownUntil":\s*"(\d{4}-\d\d-\d\d)"/.exec(this.bytes.subarray(0, 4096).toString('utf8'));
    if (!until) throw new Error(`${file}: no knownUntil in the header: not a generated PETRARCH2 actor file`);
    this.knownUntil = until[1];
    const NL = 10;
    for (let i = this.bytes.indexOf('"records"') + 1; i > 0 && i < this.bytes.length; ) {
      const end = this.bytes.indexOf(NL, i);
      if (this.bytes[i] === NL) { i++; continue; }
      const r = this.record(i, end);
      if (r) {
        for (const n of [r.name, ...(r.aliases ?? [])]) {
          const k = actorKey(n);
          const had = this.at.get(k);
          if (had === undefined) this.at.set(k, i);
          else if (typeof had === 'number') { if (had !== i) this.at.set(k, [had, i]); }
          else if (!had.includes(i)) had.push(i);
        }
      }
      if (end < 0) break;
      i = end + 1;
    }
  }

  /** The record on the line at byte `offset`, or null for a line that holds none. */
  private record(offset: number, end = this.bytes.indexOf(10, offset)): PetrarchActor | null {
    const line = this.bytes.subarray(offset, end < 0 ? undefined : end).toString('utf8').trim().replace(/,$/, '');
    if (!line.startsWith('{')) return null;
    let r: PetrarchActor;
    try {
      r = JSON.parse(line) as PetrarchActor;
    } catch (err) {
      throw new Error(`${this.file}: record at byte ${offset}: ${(err as Error).message}`);
    }
    if (typeof r?.name !== 'string' || typeof r.kind !== 'string') throw new Error(`${this.file}: record at byte ${offset}: name and kind must be strings`);
    return r;
  }

  /** As PetrarchActors.lookup: the actors of this name, each with the roles that held on `day`. */
  lookup(name: string, day: string | null = null): ActorAt[] {
    const at = this.at.get(actorKey(name));
    const offsets = at === undefined ? [] : typeof at === 'number' ? [at] : at;
    return offsets.map((offset) => actorAt(this.record(offset)!, day, this.knownUntil));
  }
}
