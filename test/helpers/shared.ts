// The large open benchmark sets live in ../shared/bench, beside the checkout, not in the repository:
// a fresh clone has no such folder. Tests that read them skip when it is absent, unless
// EVENTWIRE_REQUIRE_SHARED=1 (set by .ci/run), which makes the absence a failure.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { packageRoot } from '../../src/paths.js';

export const SHARED_REQUIRED = process.env.EVENTWIRE_REQUIRE_SHARED === '1';

/** A path inside ../shared/bench. */
export const sharedBench = (...parts: string[]) => join(resolve(packageRoot(), '..', 'shared', 'bench'), ...parts);

/** A suite over a ../shared/bench file: run when it exists, else skipped (or failed when required). */
export function describeWithShared(name: string, file: string, fn: () => void): void {
  if (existsSync(file)) return void describe(name, fn);
  const msg = `${file} is absent (the open benchmark sets sit in ../shared/bench beside the checkout)`;
  if (SHARED_REQUIRED) test(`${name}: benchmark data`, () => assert.fail(`${msg}, and EVENTWIRE_REQUIRE_SHARED=1 requires it`));
  else describe(name, { skip: `${msg}; set EVENTWIRE_REQUIRE_SHARED=1 to make this a failure` }, fn);
}
