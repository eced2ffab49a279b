import { existsSync, readFileSync } from 'node:fs';
import { test, type TestContext } from 'node:test';

export interface Case {
  id: string;
  published?: string;
  text: string;
  title?: string;
  expect?: any[];
  reject?: any[];
  /** each expected record is a different one: two acts told in one sentence are two records */
  distinct?: boolean;
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

/**
 * One test per case. A known gap runs as `todo` (its failure is shown, not counted); when it passes,
 * the test says so in a diagnostic line, so the gap list shrinks as the rules improve.
 */
export function caseTest(name: string, id: string, gap: string | undefined, body: (t: TestContext) => void): void {
  test(name, { todo: gap }, (t) => {
    body(t);
    if (gap) {
      t.diagnostic(`known gap now passes: remove "${id}" from test/cases/known-gaps.json`);
      process.stderr.write(`known gap now passes: ${id}\n`);
    }
  });
}
