// An analyst's review of events: confirmations, rejections and corrected fields, stored in table
// `corrections` and applied to the event rows, so that lists, filters, exports and the API all see
// the corrected values. Written once for both databases as store operations (src/merge/engine.ts).
//
// Corrections outlive what they correct:
// - A report's corrections name its id and an anchor (the article's URL, or its content hash, and the
//   first evidence span): when a revision of the article is analysed again, the report with the same
//   evidence takes them over.
// - A merged event's corrections name its id and the reports it had: after `merge --rebuild` or a
//   split, an id that is gone is followed to the merged event that now holds most of those reports.
// - Applied values are written over the analysis's, which are kept in the record (`review.original`)
//   so that a merge adding a report, or a later correction, starts from what the analysis said.
import type { Correction, CorrectionField, EventRecord, Review } from '../model/types.js';
import type { NewCorrection } from '../model/schema.js';
import { parseJson, resave, resummarise, type Op, type Sql } from '../merge/engine.js';

type Row = Record<string, any>;
const q = (sql: string, ...args: unknown[]): Sql => ({ sql, args });

export class ReviewError extends Error {}

/** Merged event ids start with "m"; report ids are ARTICLE-EVENT. */
export const isMergedId = (id: string) => id.startsWith('m');

/** The fields a record and a merged summary share, which corrections change. */
type Correctable = Pick<EventRecord, 'type' | 'mode' | 'cameo' | 'acled' | 'source' | 'target' | 'date' | 'place'> & { review?: Review };

/** A record as the analysis (or the merge) gave it: corrections taken back out. */
export function uncorrected<T extends Correctable>(rec: T): T {
  if (!rec.review) return rec;
  const { review, ...rest } = rec;
  return { ...rest, ...review.original } as T;
}

function correctionRow(r: Row): Correction {
  return {
    id: Number(r.id), kind: r.kind, event: r.target, field: r.field, value: JSON.parse(r.value), who: r.who ?? null,
    note: r.note ?? null, createdAt: r.created_at,
  };
}

/** An event's corrections, oldest first. */
export function* correctionsOf(id: string): Op<Correction[]> {
  return (yield q('SELECT * FROM corrections WHERE target = ? ORDER BY id', id)).map(correctionRow);
}

/**
 * A record with its corrections applied in order (the latest decision on a field wins); the values
 * replaced are kept in `review.original`. A corrected type clears the mode and the CAMEO and ACLED
 * codes, which were derived from the old one.
 */
export function corrected<T extends Correctable>(base: T, cs: Correction[]): T {
  if (!cs.length) return base;
  const out = { ...base } as T;
  const original: Review['original'] = {};
  const corrected = new Set<CorrectionField>();
  let status: Review['status'] = null;
  const keep = (k: keyof Review['original']) => { if (!(k in original)) (original as Record<string, unknown>)[k] = base[k]; };
  for (const c of cs) {
    const v = c.value as never;
    switch (c.field) {
      case 'status': status = v; continue;
      case 'type':
        for (const k of ['type', 'mode', 'cameo', 'acled'] as const) keep(k);
        out.type = v;
        if (v !== base.type) Object.assign(out, { mode: null, cameo: null, acled: null });
        else Object.assign(out, { mode: base.mode, cameo: base.cameo, acled: base.acled });
        break;
      case 'date': {
        keep('date');
        const d = v as { from: string; to: string };
        out.date = { from: d.from, to: d.to, precision: d.from === d.to ? 'day' : 'unknown', basis: 'own' };
        break;
      }
      case 'place': {
        keep('place');
        const p = v as NonNullable<EventRecord['place']> | null;
        out.place = p ? { name: p.name, lat: p.lat, lon: p.lon, iso3: p.iso3 ?? null, geonamesId: null, ...(p.featureType ? { featureType: p.featureType } : {}) } : null;
        break;
      }
      default:
        keep(c.field);
        out[c.field] = v;
    }
    corrected.add(c.field);
  }
  const last = cs[cs.length - 1];
  out.review = { status, corrected: [...corrected], original, by: last.who, at: last.createdAt, corrections: cs.length };
  return out;
}

/**
 * Stores a correction of a report or merged event and applies it. Throws ReviewError when the event
 * does not exist (a report of a superseded article counts as gone).
 */
export function* addCorrection(c: NewCorrection, who: string | null): Op<Correction> {
  const kind = isMergedId(c.event) ? 'merged' : 'report';
  let doc: string | null = null;
  let anchor: unknown;
  if (kind === 'report') {
    const row = (yield q(`SELECT e.record, a.url, a.content_hash FROM events e JOIN articles a ON a.id = e.article_id
      WHERE e.id = ? AND a.current = ?`, c.event, true))[0];
    if (!row) throw new ReviewError(`no event ${c.event}`);
    const rec = uncorrected(parseJson<EventRecord>(row.record));
    doc = row.url ?? row.content_hash;
    anchor = { evidence: rec.evidence[0]?.text ?? null, type: rec.type };
  } else {
    if (!(yield q('SELECT id FROM merged_events WHERE id = ?', c.event)).length) throw new ReviewError(`no merged event ${c.event}`);
    anchor = { reports: (yield q('SELECT id FROM events WHERE canonical_id = ? ORDER BY id', c.event)).map((r) => r.id as string) };
  }
  const createdAt = new Date().toISOString();
  yield q(`INSERT INTO corrections (kind, target, field, value, doc, anchor, who, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    kind, c.event, c.field, JSON.stringify(c.value ?? null), doc, JSON.stringify(anchor), who, c.note ?? null, createdAt);
  const id = Number((yield q('SELECT MAX(id) AS id FROM corrections WHERE target = ?', c.event))[0].id);
  if (kind === 'report') yield* applyReport(c.event);
  else yield* resave(c.event);
  return { id, kind, event: c.event, field: c.field, value: c.value ?? null, who, note: c.note ?? null, createdAt };
}

/**
 * Writes a report's row from its analysis and its corrections (record, filter columns, actors), and
 * summarises its merged event again.
 */
export function* applyReport(id: string): Op<void> {
  const row = (yield q('SELECT record, canonical_id FROM events WHERE id = ?', id))[0];
  if (!row) return;
  const rec = corrected(uncorrected(parseJson<EventRecord>(row.record)), yield* correctionsOf(id));
  yield q(`UPDATE events SET type = ?, mode = ?, date_from = ?, date_to = ?, place_name = ?, lat = ?, lon = ?, place_iso3 = ?,
      review = ?, record = ? WHERE id = ?`,
  rec.type, rec.mode, rec.date?.from ?? null, rec.date?.to ?? null, rec.place?.name ?? null, rec.place?.lat ?? null,
  rec.place?.lon ?? null, rec.place?.iso3 ?? null, rec.review?.status ?? null, JSON.stringify(rec), id);
  yield q('DELETE FROM event_actors WHERE event_id = ?', id);
  for (const [side, list] of [['source', rec.source], ['target', rec.target]] as const) {
    for (const a of list) yield q('INSERT INTO event_actors (event_id, side, entity_id, iso3) VALUES (?, ?, ?, ?)', id, side, a.id, a.iso3 ?? null);
  }
  if (row.canonical_id) yield* resummarise(row.canonical_id);
}

/**
 * After an article's events are written: corrections made to the reports of an earlier analysis of
 * the same document (its URL, or its content) move to the report with the same evidence and type
 * (else the same evidence), and are applied.
 */
export function* reanchorReports(articleId: number, doc: string): Op<void> {
  const cs = yield q(`SELECT target, anchor FROM corrections WHERE doc = ? AND kind = 'report' ORDER BY id`, doc);
  if (!cs.length) return;
  const events = (yield q('SELECT id, record FROM events WHERE article_id = ?', articleId))
    .map((r) => ({ id: r.id as string, rec: uncorrected(parseJson<EventRecord>(r.record)) }));
  const done = new Set<string>();
  for (const c of cs) {
    if (done.has(c.target)) continue;
    done.add(c.target);
    let id: string | null = events.some((e) => e.id === c.target) ? c.target : null;
    if (!id) {
      const live = yield q('SELECT 1 AS x FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ? AND a.current = ?', c.target, true);
      if (live.length) continue;
      const a = JSON.parse(c.anchor) as { evidence: string | null; type: string };
      const same = events.filter((e) => a.evidence !== null && e.rec.evidence[0]?.text === a.evidence);
      id = (same.find((e) => e.rec.type === a.type) ?? same[0])?.id ?? null;
      if (!id) continue;
      yield q(`UPDATE corrections SET target = ? WHERE target = ? AND kind = 'report'`, id, c.target);
    }
    yield* applyReport(id);
  }
}

/**
 * After merged events were rebuilt or split: corrections of a merged event that no longer exists
 * follow the merged event now holding most of its reports (ties: the smaller id), and are applied.
 */
export function* retargetMerged(): Op<void> {
  const rows = yield q(`SELECT c.target, c.anchor FROM corrections c WHERE c.kind = 'merged'
    AND NOT EXISTS (SELECT 1 FROM merged_events m WHERE m.id = c.target) ORDER BY c.id DESC`);
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.target)) continue;
    seen.add(r.target);
    const reports = (JSON.parse(r.anchor) as { reports: string[] }).reports;
    if (!reports.length) continue;
    const counts = new Map<string, number>();
    for (const x of yield q(`SELECT canonical_id FROM events WHERE id IN (${reports.map(() => '?').join(', ')}) AND canonical_id IS NOT NULL`, ...reports)) {
      counts.set(x.canonical_id, (counts.get(x.canonical_id) ?? 0) + 1);
    }
    const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    if (!best) continue;
    yield* moveMergedCorrections(r.target, best);
  }
}

/** Moves a merged event's corrections to another merged event, and rewrites both rows. */
export function* moveMergedCorrections(from: string, to: string): Op<void> {
  if (!(yield q(`SELECT 1 AS x FROM corrections WHERE target = ? AND kind = 'merged'`, from)).length) return;
  yield q(`UPDATE corrections SET target = ? WHERE target = ? AND kind = 'merged'`, to, from);
  yield* resave(from);
  yield* resave(to);
}

/** Corrections, newest first: of one event, or all. */
export function* listCorrections(event?: string, limit = 1000): Op<Correction[]> {
  const rows = event
    ? yield q('SELECT * FROM corrections WHERE target = ? ORDER BY id DESC LIMIT ?', event, limit)
    : yield q('SELECT * FROM corrections ORDER BY id DESC LIMIT ?', limit);
  return rows.map(correctionRow);
}
