// The CLI's event filters checked as the API checks its query parameters (src/api/params.ts, the
// same vocabularies): a bad
// value is a usage error naming the option and what it accepts, never an empty listing.
import { readFileSync } from 'node:fs';
import { MODALITIES, PLOVER_TYPES } from '../model/vocab.js';
import { dataPath } from '../paths.js';

/** A mistake in how a command was called: printed as one line, exit code `code` (2 by default). */
export class UsageError extends Error {
  constructor(message: string, readonly code = 2) {
    super(message);
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "Sudan" -> "SDN": a country named where its code was wanted, from the shipped country list. */
function countryCode(name: string): string | null {
  try {
    const data = JSON.parse(readFileSync(dataPath('countries.json'), 'utf8')) as { records: { id: string; name: string; aliases?: string[] }[] };
    const want = name.trim().toLowerCase();
    return data.records.find((c) => [c.name, ...(c.aliases ?? [])].some((n) => n.toLowerCase() === want))?.id ?? null;
  } catch {
    return null;
  }
}

/** Checks and normalises --type, --country, --modality, --since, --until, --limit and --min-sources in place. */
export function checkEventFilters(o: Record<string, any>): void {
  if (o.type !== undefined) {
    const t = String(o.type).toUpperCase();
    if (!(PLOVER_TYPES as readonly string[]).includes(t)) throw new UsageError(`--type ${o.type}: not a PLOVER type; one of ${PLOVER_TYPES.join(', ')}`);
    o.type = t;
  }
  if (o.country !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(o.country)) {
      const code = countryCode(o.country);
      throw new UsageError(`--country ${o.country}: expected an ISO 3166 alpha-3 code${code ? ` (${o.country} is ${code})` : ', such as SDN, UKR or USA'}`);
    }
    o.country = String(o.country).toUpperCase();
  }
  if (o.modality !== undefined && !(MODALITIES as readonly string[]).includes(o.modality)) {
    throw new UsageError(`--modality ${o.modality}: one of ${MODALITIES.join(', ')}`);
  }
  for (const k of ['since', 'until'] as const) {
    if (o[k] !== undefined && (!DAY.test(o[k]) || Number.isNaN(Date.parse(o[k])))) throw new UsageError(`--${k} ${o[k]}: expected a date YYYY-MM-DD`);
  }
  for (const [k, flag] of [['limit', '--limit'], ['minSources', '--min-sources']] as const) {
    if (o[k] !== undefined && (!Number.isInteger(o[k]) || o[k] < 1)) throw new UsageError(`${flag}: expected a whole number of at least 1`);
  }
}
