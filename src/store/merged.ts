// Rows of the event tables as records, the same for both stores.
import type { EventRecord, MergedEvent } from '../model/types.js';
import { parseJson } from '../merge/engine.js';
import { present, type MergeState } from '../merge/summary.js';
import type { MergedEventDetail, MergedReport, StoredEvent } from './store.js';

type Row = Record<string, any>;

/** A per-article event (a report) with its article. */
export function reportRow(r: Row): StoredEvent {
  return {
    ...parseJson<EventRecord>(r.record),
    articleId: r.article_id, articleUrl: r.url, articleTitle: r.title, articleSource: r.source, published: r.published,
    mergedId: r.canonical_id ?? null,
  };
}

/** A merged event; its counts from the row's columns. */
export function mergedRow(r: Row): MergedEvent {
  const m = present(parseJson<MergeState>(r.record));
  m.counts = { reports: Number(r.reports), articles: Number(r.articles), stories: Number(r.stories), outlets: Number(r.outlets) };
  return m;
}

/** A merged event with its reports, earliest publication first (undated articles first, then by id). */
export function mergedDetail(m: Row, reports: Row[]): MergedEventDetail {
  const list: MergedReport[] = reports.map((r) => ({ ...reportRow(r), storyId: r.story_id ?? null }));
  list.sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.articleId - b.articleId ||
    a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...mergedRow(m), reports: list };
}
