/**
 * The country an article is about: the one its states, their people and bodies, and its towns name
 * most, by a clear lead. Asked by the actors, attribution and events stages; worked out once per
 * document, after the places stage, when its mentions and places no longer change.
 */
import type { Doc } from '../model/types.js';

const mainCountryCache = new WeakMap<Doc, string | null>();

export function mainCountry(doc: Doc): string | null {
  if (mainCountryCache.has(doc)) return mainCountryCache.get(doc)!;
  const count = new Map<string, number>();
  for (const m of doc.mentions) {
    const e = doc.entities.get(m.entityId);
    // (a news agency says nothing of where the story is: "told Reuters")
    if (e?.kind === 'media') continue;
    if (e?.iso3 && (e.kind === 'country' || e.kind === 'government')) count.set(e.iso3, (count.get(e.iso3) ?? 0) + 2);
    // (the people and bodies of a state the article names: "Maduro", "the opposition leader")
    else if (e?.iso3) count.set(e.iso3, (count.get(e.iso3) ?? 0) + 1);
  }
  for (const p of doc.places) if (p.iso3 && p.featureType !== 'country') count.set(p.iso3, (count.get(p.iso3) ?? 0) + 1);
  const best = [...count].sort((a, b) => b[1] - a[1])[0];
  // Only a clear leader counts.
  const second = [...count].sort((a, b) => b[1] - a[1])[1];
  const iso3 = best && (!second || best[1] >= second[1] * 1.5) ? best[0] : null;
  mainCountryCache.set(doc, iso3);
  return iso3;
}
