import type { Doc } from './model/types.js';

export const EXTRACT_SCHEMA = 1;

/** The documented `eventwire extract` record for one article (see README, "extract output"). */
export function extractJson(doc: Doc): Record<string, unknown> {
  const a = doc.article;
  const mentionsBy = new Map<string, { start: number; end: number; text: string }[]>();
  for (const m of doc.mentions) {
    const list = mentionsBy.get(m.entityId) ?? [];
    list.push({ start: m.start, end: m.end, text: m.text });
    mentionsBy.set(m.entityId, list);
  }
  return {
    schema: EXTRACT_SCHEMA,
    article: { title: a.title, published: a.published, url: a.url, source: a.source, file: a.origin.file ?? null },
    text: doc.text,
    blocks: a.blocks,
    entities: [...doc.entities.values()].map((e) => ({
      id: e.id, name: e.name, kind: e.kind, iso3: e.iso3, role: e.role, cameo: e.cameo, linked: e.linked,
      mentions: mentionsBy.get(e.id) ?? [],
    })),
    places: doc.places.map((p) => ({ name: p.name, text: p.text, lat: p.lat, lon: p.lon, iso3: p.iso3, geonamesId: p.geonamesId, featureType: p.featureType, start: p.start, end: p.end, ...(p.refersTo ? { refersTo: p.refersTo } : {}) })),
    times: doc.times.map((t) => ({ text: t.text, start: t.start, end: t.end, from: t.from, to: t.to, precision: t.precision, rule: t.rule })),
    figures: doc.figures.map((f) => ({ kind: f.kind, value: f.value, min: f.min, max: f.max, approximate: f.approximate, asOf: f.asOf, attribution: f.attribution, start: f.start, end: f.end, text: f.text })),
    events: doc.events.map((e) => ({
      id: e.id, type: e.type, mode: e.mode, context: e.context, cameo: e.cameo, acled: e.acled, modality: e.modality, historical: e.historical,
      source: e.source.map((x) => ({ id: x.id, name: x.name, iso3: x.iso3 })),
      target: e.target.map((x) => ({ id: x.id, name: x.name, iso3: x.iso3 })),
      date: e.date, place: e.place, attribution: e.attribution.map((r) => ({ name: r.name, id: r.entityId, via: r.via.map((v) => v.name) })),
      figures: e.figures.map((f) => ({ kind: f.kind, value: f.value })),
      evidence: e.evidence.map((x) => ({ start: x.start, end: x.end, text: x.text })),
      trigger: e.trigger, confidence: e.confidence,
    })),
    messages: [...a.messages, ...doc.messages],
  };
}
