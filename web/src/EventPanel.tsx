// One event: type, modality, source → target, date, place, attribution, and the article text with
// the evidence highlighted (<mark>) and the other entity mentions marked.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { getJson, typeBadge, type Article, type EventRow } from './api';
import { ReviewBox } from './ReviewBox';

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

type Tag = Span & { cls: string; title: string };

/** Text from `from` to `to` with the tagged spans inside it wrapped (mentions, places, times, figures). */
function withTags(text: string, from: number, to: number, tags: Tag[]): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let at = from;
  for (const m of tags) {
    if (m.end <= from || m.start >= to || m.start < at) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    const end = Math.min(m.end, to);
    out.push(<span class={m.cls} title={m.title}>{text.slice(m.start, end)}</span>);
    at = end;
  }
  if (at < to) out.push(text.slice(at, to));
  return out;
}

/** Every tagged span of the article, actor mentions first where spans overlap. */
function articleTags(article: Article, actors: Set<string>): Tag[] {
  const an = article.analysis;
  const tags: Tag[] = [];
  for (const m of an?.mentions ?? []) tags.push({ start: m.start, end: m.end, cls: `mention${actors.has(m.entityId) ? ' actor' : ''}`, title: m.entityId });
  for (const p of an?.places ?? []) tags.push({ start: p.start, end: p.end, cls: 'tag-place', title: `place: ${p.name}${p.iso3 ? ` (${p.iso3})` : ''}` });
  for (const t of an?.times ?? []) tags.push({ start: t.start, end: t.end, cls: 'tag-time', title: `time: ${t.from === t.to ? t.from : `${t.from} – ${t.to}`}` });
  for (const f of an?.figures ?? []) tags.push({ start: f.start, end: f.end, cls: 'tag-figure', title: `figure: ${f.kind} ${f.value}` });
  tags.sort((a, b) => a.start - b.start || (a.cls.startsWith('mention') ? -1 : 1));
  const kept: Tag[] = [];
  for (const t of tags) if (!kept.length || t.start >= kept[kept.length - 1].end) kept.push(t);
  return kept;
}

/** One block of text with the evidence marked (<mark>) and the tags inside. */
function blockParts(text: string, from: number, to: number, marks: Span[], tags: Tag[]): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let at = from;
  for (const m of marks) {
    if (m.end <= from || m.start >= to) continue;
    const s = Math.max(m.start, from), e = Math.min(m.end, to);
    if (s > at) parts.push(...withTags(text, at, s, tags));
    parts.push(<mark>{withTags(text, s, e, tags)}</mark>);
    at = e;
  }
  if (at < to) parts.push(...withTags(text, at, to, tags));
  return parts;
}

/**
 * The article as stored: block by block, non-claim blocks (captions, credits, related links,
 * bylines) set apart and labelled, actors, places, times and figures marked, the evidence in <mark>.
 */
export function ArticleText({ article, evidence, actors }: { article: Article; evidence: Span[]; actors: Set<string> }) {
  const text = article.text;
  const tags = articleTags(article, actors);
  const marks = merge(evidence);
  const blocks = article.blocks?.length ? article.blocks : [{ kind: 'paragraph', start: 0, end: text.length, claim: true }];
  return (
    <div class="article-text">
      {blocks.map((b) => (
        <p class={b.claim ? `block ${b.kind}` : `block nonclaim ${b.kind}`}>
          {!b.claim && <span class="block-label">{b.kind} · not a claim</span>}
          {blockParts(text, b.start, b.end, marks, tags)}
        </p>
      ))}
    </div>
  );
}

/** Actors as links that open the actor panel, or a dash. */
export function ActorLinks({ actors, onActor }: { actors: { id: string; name: string }[]; onActor: (id: string) => void }) {
  return actors.length
    ? <>{actors.map((a, i) => <>{i ? ', ' : ''}<button type="button" class="link" onClick={() => onActor(a.id)}>{a.name}</button></>)}</>
    : <span class="muted">—</span>;
}

export function EventPanel({ id, rev, onClose, onActor, onChanged }: {
  id: string; rev: number; onClose: () => void; onActor: (id: string) => void; onChanged: () => void;
}) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    getJson<Detail>(`/api/events/${encodeURIComponent(id)}`)
      .then(async (d) => {
        if (!live) return;
        setDetail(d);
        if (d.article && d.article.id !== article?.id) { const a = await getJson<Article>(`/api/articles/${d.article.id}`); if (live) setArticle(a); }
      })
      .catch((e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [id, rev]);
  useEffect(() => {
    ref.current?.querySelector('mark')?.scrollIntoView({ block: 'center' });
    ref.current?.querySelector('h2')?.focus();
  }, [article]);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!detail || detail.event.id !== id) return <p class="hint">Loading…</p>;
  const e = detail.event;
  const actorIds = new Set([...e.source, ...e.target].map((a) => a.id));
  const who = (xs: EventRow['source']) => <ActorLinks actors={xs} onActor={onActor} />;
  return (
    <div class="event-panel" ref={ref}>
      <div class="panel-head">
        <h2 tabIndex={-1}><span class="type" style={typeBadge(e.type)}>{e.type}</span>{e.mode ? <small> {e.mode}</small> : null}</h2>
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
      <ReviewBox event={e} onChanged={onChanged} />
      <h3>Evidence in the article</h3>
      {article ? <ArticleText article={article} evidence={e.evidence} actors={actorIds} /> : <p class="hint">Loading the article…</p>}
    </div>
  );
}
