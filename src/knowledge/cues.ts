import { readFileSync } from 'node:fs';
import { dataPath } from '../paths.js';

export interface NameCues {
  roleWords: Set<string>;
  orgWords: Set<string>;
  placeWords: Set<string>;
  placePrefixes: Set<string>;
  unitWords: Set<string>;
  /** noun (or two-word noun) after "is a" → what the name before it is */
  kindNouns: Map<string, 'person' | 'place' | 'organisation'>;
  /** lemma of a verb after a name ("was born", "was founded") → what the name is */
  kindVerbs: Map<string, 'person' | 'organisation'>;
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
  // { kind: [words] } read as word → kind
  const byKind = <K extends string>(k: string, kinds: readonly K[]) => {
    const lists = (data[k] ?? {}) as Record<string, unknown>;
    const map = new Map<string, K>();
    for (const kind of kinds) {
      const list = lists[kind];
      if (Array.isArray(list)) for (const w of list) map.set(String(w).toLowerCase(), kind);
    }
    return map;
  };
  cache = {
    roleWords: set('roleWords'), orgWords: set('orgWords'), placeWords: set('placeWords'), placePrefixes: set('placePrefixes'), unitWords: set('unitWords'),
    kindNouns: byKind('kindNouns', ['person', 'place', 'organisation'] as const), kindVerbs: byKind('kindVerbs', ['person', 'organisation'] as const),
  };
  return cache;
}
