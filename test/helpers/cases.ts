import { existsSync, readFileSync } from 'node:fs';

export interface Case {
  id: string;
  published?: string;
  text: string;
  title?: string;
  expect?: any[];
  reject?: any[];
  note?: string;
}

/** Reads a JSON Lines file of test cases; a malformed line fails loudly with its number. */
export function loadCases(path: string): Case[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as Case];
    } catch (e) {
      throw new Error(`${path}:${i + 1}: ${(e as Error).message}`);
    }
  });
}

/**
 * Cases the current rules are known to get wrong, with the reason. They run as `todo` tests:
 * reported on every run, never hidden, and listed in the closing notes.
 */
export function knownGaps(kind: string): Record<string, string> {
  const path = 'test/cases/known-gaps.json';
  if (!existsSync(path)) return {};
  return (JSON.parse(readFileSync(path, 'utf8'))[kind] ?? {}) as Record<string, string>;
}
