// One figure, one event. The events stage gives every event the figures of its sentence, so two acts
// told in one sentence ("air strikes killed 12 and destroyed 30 buildings") both carried the toll and
// every sum over events counted it twice; and a toll told in the next sentence ("Six people were
// dead, officials said.") reached no event at all. This stage settles both after the events stage.
import type { Doc, EventRecord, Figure, FigureKind } from '../model/types.js';

/** The event types a kind of figure counts the victims or subjects of. */
const COUNTS: Partial<Record<FigureKind, Set<string>>> = {
  killed: new Set(['ASSAULT']), injured: new Set(['ASSAULT']), missing: new Set(['ASSAULT', 'COERCE']),
  arrested: new Set(['COERCE']), detained: new Set(['COERCE']),
};
// Acts against things: they carry no toll of people.
const NOT_VICTIMS = new Set(['destroy']);

function fits(f: Figure, e: EventRecord): boolean {
  const types = COUNTS[f.kind];
  return !types || (types.has(e.type) && !NOT_VICTIMS.has(e.mode ?? ''));
}

/** Of the events that carry a figure, the one it counts: a fitting type, then the act told just before it. */
function owner(f: Figure, evs: EventRecord[]): EventRecord {
  const pool = evs.some((e) => fits(f, e)) ? evs.filter((e) => fits(f, e)) : evs;
  const before = pool.filter((e) => e.trigger.start <= f.start).sort((a, b) => b.trigger.start - a.trigger.start);
  if (before.length) return before[0];
  return [...pool].sort((a, b) => a.trigger.start - b.trigger.start)[0];
}

export function linkFigures(doc: Doc): void {
  const carriers = new Map<Figure, EventRecord[]>();
  for (const e of doc.events) for (const f of e.figures) carriers.set(f, [...(carriers.get(f) ?? []), e]);
  for (const [f, evs] of carriers) {
    if (evs.length < 2) continue;
    const keep = owner(f, evs);
    for (const e of evs) if (e !== keep) e.figures = e.figures.filter((x) => x !== f);
  }
  // A toll in a sentence that reports no act of its own counts the act of the sentence before it, in
  // the same paragraph.
  const withEvents = new Set(doc.events.flatMap((e) => e.evidence.map((x) => x.sentence)));
  for (const f of doc.figures) {
    if (carriers.has(f) || !COUNTS[f.kind] || withEvents.has(f.sentence)) continue;
    const s = doc.sentences[f.sentence];
    const prev = doc.sentences[f.sentence - 1];
    if (!s || !prev || prev.block !== s.block) continue;
    const evs = doc.events.filter((e) => !e.historical && fits(f, e) && e.evidence.some((x) => x.sentence === prev.index));
    if (evs.length) owner(f, evs).figures.push(f);
  }
}
