import type { StoredArticleFull } from '../store/store.js';

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
