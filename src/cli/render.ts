import type { MergedEvent } from '../model/types.js';
import type { MergedEventDetail, StoredArticleFull } from '../store/store.js';
import { mergeReasons } from '../merge/why.js';

/** A plain text table with columns padded to their widest cell (cells cut at 60 characters). */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (!rows.length) return '(none)';
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ');
    return s.length > 60 ? s.slice(0, 59) + '…' : s;
  };
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

interface Tag { start: number; end: number; label: string }

/**
 * The article as text: each block on its own, non-claim blocks marked, every tagged span followed
 * by its tag in brackets ("Doha[place QAT]"), then the events with their evidence.
 */
export function renderArticle(a: StoredArticleFull, color = false): string {
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const an = a.analysis;
  const tags: Tag[] = [];
  if (an) {
    const ents = new Map(an.entities.map((e) => [e.id, e]));
    for (const m of an.mentions) {
      const e = ents.get(m.entityId);
      tags.push({ start: m.start, end: m.end, label: `${e?.kind ?? 'entity'}${e?.iso3 ? ' ' + e.iso3 : ''}${e && !e.linked ? ' unlinked' : ''}` });
    }
    for (const p of an.places) tags.push({ start: p.start, end: p.end, label: `place ${p.iso3 ?? ''} ${p.lat.toFixed(2)},${p.lon.toFixed(2)}`.trim() });
    for (const t of an.times) tags.push({ start: t.start, end: t.end, label: `time ${t.from === t.to ? t.from : `${t.from}..${t.to}`}` });
    for (const f of an.figures) tags.push({ start: f.start, end: f.end, label: `figure ${f.kind} ${f.value}${f.approximate ? '~' : ''}` });
  }
  const lines: string[] = [];
  lines.push(bold(`#${a.id} ${a.title ?? '(untitled)'}`));
  lines.push(`published: ${a.published ?? 'date unknown'}   source: ${a.source ?? '-'}   url: ${a.url ?? '-'}   revision: ${a.revision}`);
  if (a.storyId !== null && a.storyId !== a.id) lines.push(`story: ${a.storyId} (a near-copy of article ${a.storyId}'s story)`);
  if (a.copies.length) lines.push(`also at: ${a.copies.map((c) => c.url).join(', ')}`);
  lines.push('');
  for (const b of a.blocks) {
    let text = a.text.slice(b.start, b.end);
    // Insert tags from the end so earlier offsets stay valid.
    const inBlock = tags.filter((t) => t.start >= b.start && t.end <= b.end).sort((x, y) => y.end - x.end || x.start - y.start);
    let lastStart = Infinity;
    for (const t of inBlock) {
      if (t.end > lastStart) continue;
      const s = t.start - b.start, e = t.end - b.start;
      text = text.slice(0, e) + dim(`[${t.label}]`) + text.slice(e);
      lastStart = t.start;
      void s;
    }
    const label = b.claim ? b.kind : `${b.kind}, not a claim`;
    lines.push(`${b.claim ? '  ' : '! '}[${label}] ${text}`);
  }
  if (an?.events.length) {
    lines.push('', bold(`events (${an.events.length})`));
    for (const e of an.events) {
      const date = e.date ? (e.date.from === e.date.to ? e.date.from : `${e.date.from}..${e.date.to}`) + (e.date.basis === 'article' ? ' (article window)' : '') : 'no date';
      lines.push(`- ${e.type}${e.mode ? '/' + e.mode : ''} [${e.modality}${e.historical ? ', historical' : ''}] ` +
        `${e.source.map((x) => x.name).join(' + ') || '?'} -> ${e.target.map((x) => x.name).join(' + ') || '-'}; ${date}` +
        `${e.place ? '; at ' + e.place.name : ''}; according to ${e.attribution.map((r) => r.name + (r.via.length ? ` citing ${r.via.map((v) => v.name).join(', ')}` : '')).join(', ')}`);
      for (const ev of e.evidence) lines.push(`    "${ev.text}" @${ev.start}-${ev.end}`);
    }
  }
  for (const m of a.messages) lines.push(dim(`${m.level}: ${m.message}`));
  return lines.join('\n');
}

function dateText(d: MergedEvent['date']): string {
  return d ? (d.from === d.to ? d.from : `${d.from}..${d.to}`) : '';
}

/** "killed 12–15 (sources disagree)": every figure kind with its reported range. */
function figuresText(m: MergedEvent): string {
  return m.figures.map((f) => `${f.kind}${f.place ? ` in ${f.place}` : ''} ${f.min === f.max ? f.min : `${f.min}–${f.max}`}${f.conflict ? ' (sources disagree)' : ''}`).join('; ');
}

/** "possible → planned → asserted", when the modality changed over the reports. */
function modalityText(m: MergedEvent): string {
  const steps = m.modalityHistory.map((h) => h.modality);
  return steps.length > 1 ? `${m.modality} (${steps.join(' → ')})` : m.modality;
}

export const MERGED_COLUMNS = ['id', 'date', 'type', 'modality', 'source', 'target', 'place', 'stories', 'outlets', 'reports', 'figures'];

/** One merged event as a table row. */
export function mergedCells(m: MergedEvent): Record<string, unknown> {
  return {
    id: m.id, date: dateText(m.date), type: m.type + (m.mode ? `/${m.mode}` : ''), modality: modalityText(m),
    source: m.source.map((x) => x.name).join(', '), target: m.target.map((x) => x.name).join(', '), place: m.place?.name ?? '',
    stories: m.counts.stories, outlets: m.counts.outlets, reports: m.counts.reports, figures: figuresText(m),
  };
}

/** Merged events with a place as GeoJSON points. */
export function mergedGeoJson(list: MergedEvent[]): string {
  const features = list.filter((m) => m.place).map((m) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [m.place!.lon, m.place!.lat] },
    properties: { ...mergedCells(m), place: m.place!.name, iso3: m.place!.iso3 },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** A merged event for reading: summary, modality over time, figures side by side, then every report. */
export function renderMerged(m: MergedEventDetail): string {
  const lines: string[] = [];
  lines.push(`${m.id}  ${m.type}${m.mode ? '/' + m.mode : ''}  ${dateText(m.date) || 'no date'}${m.place ? '  at ' + m.place.name : ''}`);
  lines.push(`${m.source.map((x) => x.name).join(' + ') || '?'} -> ${m.target.map((x) => x.name).join(' + ') || '-'}`);
  lines.push(`modality: ${m.modality}`);
  for (const h of m.modalityHistory) {
    lines.push(`  ${h.modality.padEnd(9)} ${h.reports} report(s), first ${h.first ?? 'undated'}${h.last !== h.first ? `, last ${h.last ?? 'undated'}` : ''}`);
  }
  const c = m.counts;
  lines.push(`sources: ${c.stories} independent stor${c.stories === 1 ? 'y' : 'ies'}, ${c.outlets} outlet(s), ${c.articles} article(s), ${c.reports} report(s)`);
  if (m.attribution.length) lines.push(`according to: ${m.attribution.map((a) => `${a.name} (${a.reports})`).join(', ')}`);
  for (const f of m.figures) {
    lines.push(`${f.kind}${f.place ? ` in ${f.place}` : ''}: ${f.min === f.max ? f.min : `${f.min} to ${f.max}`}${f.conflict ? ' — sources disagree' : ''}`);
    for (const cl of f.claims) {
      lines.push(`  ${String(cl.value).padStart(8)}${cl.approximate ? '~' : ' '} ${cl.attribution ? 'per ' + cl.attribution : 'unattributed'}` +
        `${cl.asOf ? ', as of ' + cl.asOf : ''}; ${cl.reports} report(s) from ${cl.outlets.join(', ') || 'unknown outlets'}, first ${cl.published ?? 'undated'}`);
    }
  }
  lines.push('', `reports (${m.reports.length})`);
  const why = mergeReasons(m.reports);
  for (const r of m.reports) {
    lines.push(`- ${r.id} [${r.modality}] ${r.published ?? 'undated'} ${r.articleSource ?? '-'} story ${r.storyId ?? '-'}: ${r.articleTitle ?? '(untitled)'}`);
    lines.push(`    ${dateText(r.date) || 'no date'}${r.place ? ' at ' + r.place.name : ''}; according to ${r.attribution.map((a) => a.name + (a.via.length ? ` citing ${a.via.map((v) => v.name).join(', ')}` : '')).join(', ') || '-'}`);
    if (m.reports.length > 1) lines.push(`    merged because ${why.get(r.id)!.text}`);
    for (const ev of r.evidence) lines.push(`    "${ev.text}"`);
  }
  return lines.join('\n');
}
