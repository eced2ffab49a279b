// Names the knowledge base does not know may still be in PETRARCH2's actor dictionaries (17k
// people, 3k groups, with dated CAMEO codes). They give an unlinked name its country and sector,
// so that "President Levy Mwanawasa" acts for Zambia; they never make a name out of other words.
import type { EntityKind } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { actorFallback } from '../knowledge/petrarch/index.js';

export interface FallbackActor {
  kind: EntityKind;
  iso3: string | null;
  cameo: string;
  /** the person's role at the article's date, when the dictionary dates one */
  role: string | null;
}

const PERSON_ROLE: Record<string, string> = {
  GOV: 'official', MIL: 'military commander', REB: 'armed group leader', INS: 'armed group leader',
  OPP: 'opposition leader', LEG: 'legislator', JUD: 'judge',
};
const GROUP_KIND: Record<string, EntityKind> = {
  GOV: 'government', MIL: 'military', COP: 'police', REB: 'armed group', INS: 'armed group', OPP: 'opposition',
  MED: 'media', BUS: 'company', IGO: 'igo', NGO: 'ngo', IMG: 'armed group',
};

/**
 * The dictionary's reading of a name found in the text, or null. A person needs at least two words
 * and one country across all of their codes: a lone surname or a name shared by people of two
 * countries says nothing certain. International bodies and armed groups keep no country.
 */
export function fallbackActor(kb: Knowledge, name: string, kind: EntityKind, day: string | null): FallbackActor | null {
  if (kind === 'place') return null;
  const words = name.split(/\s+/).filter(Boolean);
  const found = actorFallback(name, day).filter((a) => !a.actor.plain && (a.actor.kind === 'person' ? words.length >= 2 : true));
  if (!found.length) return null;
  const countries = new Set<string>();
  for (const a of found) {
    for (const code of [a.actor.code, ...(a.actor.roles ?? []).map((r) => r[0])]) {
      if (code && kb.countries.has(code.slice(0, 3))) countries.add(code.slice(0, 3));
    }
  }
  const a = found[0];
  const code = a.code ?? a.actor.roles?.[0]?.[0] ?? null;
  if (!code) return null;
  const prefix = code.slice(0, 3);
  const sector = code.slice(3, 6);
  if (a.actor.kind === 'person' || (a.actor.kind === 'unknown' && kind === 'person')) {
    if (countries.size !== 1 || found.length > 1) return null;
    const iso3 = [...countries][0];
    return { kind: 'person', iso3, cameo: code.startsWith(iso3) ? code : iso3, role: a.roles.length ? PERSON_ROLE[sector] ?? null : null };
  }
  if (found.length > 1) return null;
  if (prefix === 'IGO' || prefix === 'NGO' || prefix === 'IMG') return { kind: GROUP_KIND[prefix], iso3: null, cameo: code, role: null };
  if (!kb.countries.has(prefix)) return null;
  return { kind: GROUP_KIND[sector] ?? 'organisation', iso3: prefix, cameo: code, role: null };
}
