import { readFileSync } from 'node:fs';
import { dataPath } from '../paths.js';

export interface NameCues {
  roleWords: Set<string>;
  orgWords: Set<string>;
  placeWords: Set<string>;
  placePrefixes: Set<string>;
  unitWords: Set<string>;
}

let cache: NameCues | null = null;

/** Word lists (lower case) that type an unknown capitalised name; kept as data in name-cues.json. */
export function nameCues(): NameCues {
  if (cache) return cache;
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(readFileSync(dataPath('name-cues.json'), 'utf8'));
  } catch {
    // Without the lists unknown names are typed by titles, given names and context alone.
  }
  const set = (k: string) => new Set(Array.isArray(data[k]) ? (data[k] as string[]).map((w) => w.toLowerCase()) : []);
  cache = { roleWords: set('roleWords'), orgWords: set('orgWords'), placeWords: set('placeWords'), placePrefixes: set('placePrefixes'), unitWords: set('unitWords') };
  return cache;
}
