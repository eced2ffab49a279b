// One real-world event as several articles report it: how many independent sources, how its
// modality changed from report to report, every reported number side by side with who reported it,
// and each report's own evidence (opening a report shows it in its article).
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, typeBadge, type MergedDetail } from './api';
import { ActorLinks } from './EventPanel';
import { ReviewBox } from './ReviewBox';

const when = (d: MergedDetail['date']) => (d ? (d.from === d.to ? d.from : `${d.from} – ${d.to}`) : 'undated');

export function MergedPanel({ id, rev, onClose, onActor, onReport, onChanged }: {
  id: string; rev: number; onClose: () => void; onActor: (id: string) => void; onReport: (id: string) => void; onChanged: () => void;
}) {
  const [m, setM] = useState<MergedDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    getJson<MergedDetail>(`/api/merged-events/${encodeURIComponent(id)}`)
      .then((d) => live && setM(d))
      .catch((e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [id, rev]);
  useEffect(() => { ref.current?.querySelector('h2')?.focus(); }, [m?.id]);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!m || m.id !== id) return <p class="hint">Loading…</p>;
  const who = (xs: MergedDetail['source']) => <ActorLinks actors={xs} onActor={onActor} />;
  const c = m.counts;
  return (
    <div class="event-panel merged-panel" ref={ref}>
      <div class="panel-head">
        <h2 tabIndex={-1}><span class="type" style={typeBadge(m.type)}>{m.type}</span>{m.mode ? <small> {m.mode}</small> : null}</h2>
        <button type="button" onClick={onClose} aria-label="Close event">✕</button>
      </div>
      <dl>
        <dt>Modality</dt>
        <dd>
          <span class={`badge m-${m.modality}`}>{m.modality}</span>
          {m.modalityHistory.length > 1 && (
            <ol class="modality-history" aria-label="Modality over time">
              {m.modalityHistory.map((h) => <li><span class={`badge m-${h.modality}`}>{h.modality}</span> <span class="muted">from {h.first ?? 'undated'} · {h.reports} report{h.reports === 1 ? '' : 's'}</span></li>)}
            </ol>
          )}
        </dd>
        <dt>Who</dt><dd class="who">{who(m.source)} → {who(m.target)}</dd>
        <dt>When</dt><dd>{when(m.date)}</dd>
        <dt>Where</dt><dd>{m.place ? `${m.place.name}${m.place.iso3 ? ` (${m.place.iso3})` : ''}` : '—'}</dd>
        <dt>Sources</dt>
        <dd class="source-counts">{c.stories} independent {c.stories === 1 ? 'story' : 'stories'} · {c.outlets} outlet{c.outlets === 1 ? '' : 's'} · {c.reports} report{c.reports === 1 ? '' : 's'}</dd>
        {m.attribution.length > 0 && <><dt>According to</dt><dd>{m.attribution.map((a) => `${a.name} (${a.reports})`).join(', ')}</dd></>}
      </dl>
      <ReviewBox event={m} onChanged={onChanged} />
      {m.figures.length > 0 && <>
        <h3>Reported figures</h3>
        <table class="figures">
          <thead><tr><th>figure</th><th>number</th><th>according to</th><th>as of</th><th>reported by</th></tr></thead>
          <tbody>
            {m.figures.flatMap((f) => f.claims.map((cl, i) => (
              <tr class={f.conflict ? 'conflict' : ''}>
                {i === 0 && <th rowSpan={f.claims.length} scope="row">{f.kind}{f.place ? ` in ${f.place}` : ''}{f.conflict ? <div class="badge disputed">sources disagree: {f.min}–{f.max}</div> : null}</th>}
                <td>{cl.approximate ? '~' : ''}{cl.value.toLocaleString('en')}</td>
                <td>{cl.attribution ?? <span class="muted">not said</span>}</td>
                <td>{cl.asOf ?? <span class="muted">—</span>}</td>
                <td>{cl.outlets.join(', ') || '—'}<div class="muted">{cl.reports} report{cl.reports === 1 ? '' : 's'}, first {cl.published ?? 'undated'}</div></td>
              </tr>
            )))}
          </tbody>
        </table>
      </>}
      <h3>Reports ({m.reports.length})</h3>
      <ol class="reports">
        {m.reports.map((r) => (
          <li data-report={r.id}>
            <div><strong>{r.articleSource ?? 'unknown outlet'}</strong> <span class="muted">{r.published?.slice(0, 10) ?? 'undated'} · story {r.storyId ?? '—'}</span> <span class={`badge m-${r.modality}`}>{r.modality}</span></div>
            <div class="muted">{when(r.date)}{r.place ? ` · ${r.place.name}` : ''}{r.attribution.length ? ` · according to ${r.attribution.map((a) => a.name).join(', ')}` : ''}</div>
            {r.why && <div class="muted why">Merged because {r.why.text}</div>}
            {r.evidence.slice(0, 2).map((e) => <blockquote>{e.text}</blockquote>)}
            <button type="button" class="link" onClick={() => onReport(r.id)}>Read in the article: {r.articleTitle ?? r.articleUrl ?? `article ${r.articleId}`}</button>
          </li>
        ))}
      </ol>
    </div>
  );
}
