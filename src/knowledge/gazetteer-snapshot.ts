// The gazetteer as loaded, kept for the next process. Past the prebuilt city index, loading indexes
// some 5,400 other places (countries, admin-1 regions, places.json) and checks each region's point
// against the cities around it: about a tenth of a second of every start that analyses text, for a
// result that only changes with its inputs. So the first process that loads the shipped gazetteer
// writes what loading added to the cities (Gazetteer.saveState) beside this module, stamped with
// everything it was computed from; a later process whose inputs carry the same stamp restores it
// instead. A user knowledge folder, or a city index rebuilt in memory, is loaded as before and
// not kept. A test checks that a restored gazetteer equals a loaded one, field for field.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message } from '../model/types.js';
import { dataPath } from '../paths.js';
import type { CityIndexHeader } from './city-index.js';
import { cityIndexPath } from './city-index.js';

type Hits = number | number[];

/** What Gazetteer.load adds to the cities of the index: plain data, as JSON keeps it. */
export interface GazetteerState {
  n: number;
  /** the string columns and the numeric ones of the places after the cities */
  names: string[];
  ccs: string[];
  codes: string[];
  admins: string[];
  types: string[];
  lats: number[];
  lons: number[];
  pops: number[];
  gids: number[];
  flags: number[];
  /** cities whose point, population or flags loading changed: [index, lat, lon, population, flags] */
  cityEdits: [number, number, number, number, number][];
  renamed: [number, string][];
  iso3Override: [number, string][];
  /** the places built while loading, as they were then (countries keep theirs) */
  cache: [number, unknown][];
  byKey: [string, Hits][];
  prefixes: string[];
  byAcronym: [string, Hits][];
  gidMap: [number, number][];
  countries: [string, unknown][];
  iso3to2: [string, string][];
  demonyms: [string, string][];
  stopwords: string[];
  weak: string[];
  maxWords: number;
  messages: Message[];
}

const here = dirname(fileURLToPath(import.meta.url));
/** Where the shipped gazetteer's snapshot is kept: beside the compiled module. */
export const gazetteerSnapshotPath = (): string => join(here, 'gazetteer-snapshot.json');

/**
 * What the loaded gazetteer depends on: the compiled code that loads it and checks its records (by
 * content), and its data: the city index (with its header), the country-state-city lists and every
 * shipped knowledge file, by size and modification time (hashing their 12 MB would cost most of
 * what the snapshot saves; any rewrite of a file moves its time).
 */
function stamp(header: CityIndexHeader): string {
  const h = createHash('sha1');
  for (const m of ['gazetteer.js', 'gazetteer-snapshot.js', 'place-names.js', 'city-index.js', 'files.js', '../model/schema.js']) {
    h.update(m).update(readFileSync(join(here, m)));
  }
  const stat = (file: string) => {
    try {
      const s = statSync(file);
      return `${file} ${s.size} ${s.mtimeMs}\n`;
    } catch {
      return `${file} missing\n`;
    }
  };
  h.update(JSON.stringify(header)).update(stat(cityIndexPath()));
  const require = createRequire(import.meta.url);
  for (const asset of ['country.json', 'state.json']) {
    let file = asset;
    try {
      file = require.resolve(`country-state-city/lib/assets/${asset}`);
    } catch {
      /* stamped as missing */
    }
    h.update(stat(file));
  }
  for (const name of readdirSync(dataPath()).filter((n) => n.endsWith('.json')).sort()) h.update(stat(dataPath(name)));
  return h.digest('hex');
}

/** The snapshot of the shipped gazetteer over this city index: `read` gives the kept state, if still valid; `write` keeps one. */
export function gazetteerSnapshot(header: CityIndexHeader, path: string): {
  read(): GazetteerState | null;
  write(state: GazetteerState): void;
} {
  let current: string | null = null;
  const want = () => (current ??= stamp(header));
  return {
    read() {
      try {
        const kept = JSON.parse(readFileSync(path, 'utf8')) as { stamp: string; state: GazetteerState };
        return kept.stamp === want() ? kept.state : null;
      } catch {
        return null; // absent or unreadable: the gazetteer is loaded
      }
    },
    write(state) {
      // best effort: a read-only install loads the gazetteer every time
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, JSON.stringify({ stamp: want(), state }));
        renameSync(tmp, path);
      } catch {
        try {
          rmSync(tmp, { force: true });
        } catch {
          /* nothing to remove */
        }
      }
    },
  };
}
