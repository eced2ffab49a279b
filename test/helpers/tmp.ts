import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'eventwire-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// The fixture article and its hand-made reference reading ship in examples/, so a fresh clone tests itself.
export const FIXTURE = 'examples/moscowtimes-2024-12-03-syria-talks.md';
export const GOLD = 'examples/moscowtimes-2024-12-03-syria-talks.json';
