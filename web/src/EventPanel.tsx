// One event: type, modality, source → target, date, place, attribution, and the article text with
// the evidence highlighted (<mark>) and the other entity mentions marked.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { getJson, typeColor, type Article, type EventRow } from './api';

interface Detail { event: EventRow; article: { id: number; title: string | null; url: string | null; source: string | null; published: string | null } | null }
type Span = { start: number; end: number };

function merge(spans: Span[]): Span[] {
  const s = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push({ ...x });
  }
  return out;
}

/** Text from `from` to `to` with the mentions inside it wrapped. */
function withMentions(text: string, from: number, to: number, mentions: (Span & { entityId: string })[], actors: Set<string>): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let at = from;
  for (const m of mentions) {
    if (m.end <= from || m.start >= to || m.start < at) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    const end = Math.min(m.end, to);
    out.push(<span class={`mention${actors.has(m.entityId) ? ' actor' : ''}`} title={m.entityId}>{text.slice(m.start, end)}</span>);
    at = end;
  }
  if (at < to) out.push(text.slice(at, to));
  return out;
}

export function ArticleText({ article, evidence, actors }: { article: Article; evidence: Span[]; actors: Set<string> }) {
  const text = article.text;
  const mentions = [...(article.analysis?.mentions ?? [])].sort((a, b) => a.start - b.start);
  const marks = merge(evidence);
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start > at) parts.push(...withMentions(text, at, m.start, mentions, actors));
    parts.push(<mark>{withMentions(text, m.start, m.end, mentions, actors)}</mark>);
    at = m.end;
  }
  if (at < text.length) parts.push(...withMentions(text, at, text.length, mentions, actors));
  return <div class="article-text">{parts}</div>;
}

export function EventPanel({ id, onClose, onActor }: { id: string; onClose: () => void; onActor: (id: string) => void }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    setDetail(null); setArticle(null); setError(null);
    getJson<Detail>(`/api/events/${encodeURIComponent(id)}`)
      .then(async (d) => {
        if (!live) return;
        setDetail(d);
        if (d.article) { const a = await getJson<Article>(`/api/articles/${d.article.id}`); if (live) setArticle(a); }
      })
      .catch((e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [id]);
  useEffect(() => {
    ref.current?.querySelector('mark')?.scrollIntoView({ block: 'center' });
    ref.current?.querySelector('h2')?.focus();
  }, [article]);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!detail) return <p class="hint">Loading…</p>;
  const e = detail.event;
  const actorIds = new Set([...e.source, ...e.target].map((a) => a.id));
  const who = (xs: EventRow['source']) => xs.length
    ? xs.map((a, i) => <>{i ? ', ' : ''}<button type="button" class="link" onClick={() => onActor(a.id)}>{a.name}</button></>)
    : <span class="muted">—</span>;
  return (
    <div class="event-panel" ref={ref}>
      <div class="panel-head">
        <h2 tabIndex={-1}><span class="type" style={{ background: typeColor(e.type) }}>{e.type}</span>{e.mode ? <small> {e.mode}</small> : null}</h2>
        <button type="button" onClick={onClose} aria-label="Close event">✕</button>
      </div>
      <dl>
        <dt>Modality</dt><dd><span class={`badge m-${e.modality}`}>{e.modality}</span>{e.historical ? <span class="badge">historical</span> : null}</dd>
        <dt>Who</dt><dd class="who">{who(e.source)} → {who(e.target)}</dd>
        <dt>When</dt><dd>{e.date ? (e.date.from === e.date.to ? e.date.from : `${e.date.from} – ${e.date.to}`) + ` (${e.date.precision})` : 'undated'}</dd>
        <dt>Where</dt><dd>{e.place ? `${e.place.name}${e.place.iso3 ? ` (${e.place.iso3})` : ''}` : '—'}</dd>
        <dt>According to</dt>
        <dd>{e.attribution.length ? e.attribution.map((a) => <div class="attr">{a.name}{a.via.length ? <span class="muted">, citing {a.via.map((v) => v.name).join(', citing ')}</span> : null}</div>) : <span class="muted">the article itself</span>}</dd>
        <dt>Trigger</dt><dd>“{e.trigger.text}”</dd>
        {detail.article && <><dt>Article</dt><dd>{detail.article.url ? <a href={detail.article.url} rel="noreferrer noopener" target="_blank">{detail.article.title ?? detail.article.url}</a> : detail.article.title}
          <span class="muted"> {detail.article.source ?? ''} {detail.article.published?.slice(0, 10) ?? ''}</span></dd></>}
      </dl>
      <h3>Evidence in the article</h3>
      {article ? <ArticleText article={article} evidence={e.evidence} actors={actorIds} /> : <p class="hint">Loading the article…</p>}
    </div>
  );
}
