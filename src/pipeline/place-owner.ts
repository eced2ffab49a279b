import type { Doc } from '../model/types.js';

/**
 * After the places stage: "Indian Kashmir", "Pakistani Kashmir", "Syrian Kurdistan": a region that
 * spans countries, and so has none, is the part of it that belongs to the country whose demonym
 * stands right before it.
 */
export function placeOwners(doc: Doc): void {
  for (const p of doc.places) {
    if (p.iso3 || p.featureType !== 'region') continue;
    const before = doc.mentions.find((m) => m.via === 'demonym' && m.end < p.start && /^\s+$/.test(doc.text.slice(m.end, p.start)));
    const e = before ? doc.entities.get(before.entityId) : undefined;
    if (e?.iso3) p.iso3 = e.iso3;
  }
}
