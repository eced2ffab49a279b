import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The package root (where package.json is), whether running from src/ or dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('eventwire: cannot find package root');
    dir = up;
  }
  root = dir;
  return dir;
}

export const dataPath = (...parts: string[]) => join(packageRoot(), 'src', 'knowledge', 'data', ...parts);
