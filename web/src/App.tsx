// The analyst's desk: the map (the largest panel), the timeline and the actor network under it, the
// event list (or the review queue) and the selected event, actor or report beside it. The filters and
// the selection live in the URL query string; the map, timeline, network, list and exports all read
// the same filters.
import { memo } from 'preact/compat';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { getBlob, getJson, MODALITIES, prefetchJson, PLOVER_TYPES, typeBadge, type ListedEvent, type MapPoints, type Network, type Timeline } from './api';
import { TimelineChart } from './Timeline';
import { MapView, mapStarted } from './MapView';
import { NETWORK_MAX, NETWORK_TOP, NetworkChart } from './NetworkChart';
import { layoutNetwork } from './network-layout';
import { EventPanel } from './EventPanel';
import { ActorPanel } from './ActorPanel';
import { MergedPanel } from './MergedPanel';
import { SHOWN } from './first-view';

const FILTER_KEYS = ['type', 'modality', 'country', 'q', 'actor', 'since', 'until', 'bbox', 'review', 'unplaced'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;
/** merged: one row per real-world event (the default); reports: one row per article's report */
type View = 'merged' | 'reports';
/** the list: events in date order, or the review queue (unreviewed, lowest confidence first) */
type ListMode = 'events' | 'queue';
interface UrlState { filters: Filters; event: string | null; view: View; list: ListMode }

/** the longest the first answers wait for the map to start before they are drawn */
const MAP_FIRST_MS = 1500;
/**
 * The list's first page fills the list card a few times over; later pages are larger, asked for as
 * the list is scrolled near its end (or with "Load more"). Fewer rows to send, parse and build first.
 */
const FIRST_PAGE = 50;
const PAGE = 200;
const REVIEW_LABELS: Record<string, string> = { notrejected: 'not rejected', unreviewed: 'unreviewed', confirmed: 'confirmed', rejected: 'rejected' };
const EXPORTS = [['csv', 'CSV'], ['acled', 'ACLED'], ['geojson', 'GeoJSON'], ['plover', 'PLOVER JSON']] as const;

function readUrl(): UrlState {
  const p = new URLSearchParams(location.search);
  const filters: Filters = {};
  for (const k of FILTER_KEYS) { const v = p.get(k); if (v) filters[k] = v; }
  return {
    filters, event: p.get('event'), view: p.get('view') === 'reports' ? 'reports' : 'merged',
    list: p.get('list') === 'queue' ? 'queue' : 'events',
  };
}

function writeUrl(s: UrlState, push: boolean): void {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (s.filters[k]) p.set(k, s.filters[k]!);
  if (s.view !== 'merged') p.set('view', s.view);
  if (s.list !== 'events') p.set('list', s.list);
  if (s.event) p.set('event', s.event);
  const url = `${location.pathname}${p.size ? '?' + p : ''}`;
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
}

const qs = (f: Filters, omit: string[] = []) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && !omit.includes(k)) p.set(k, v);
  return p.toString();
};

const listPathOf = (s: UrlState) => s.list === 'queue' ? `/api/review-queue?view=${s.view}&`
  : `${s.view === 'merged' ? '/api/merged-events' : '/api/events'}?`;

/** What the map, the list, the timeline and the network ask the API for, for the URL's state. */
function viewPaths(s: UrlState) {
  const fkey = qs(s.filters);
  return {
    // events of one place and type as one point with their count: asked first, as the map takes longest to draw
    map: `/api/map?view=${s.view}&group=1&${fkey}`,
    list: `${listPathOf(s)}limit=${FIRST_PAGE}&${fkey}`,
    // the timeline shows the whole range, the selected dates highlighted
    timeline: `/api/stats/timeline?interval=day&view=${s.view}&${qs(s.filters, ['since', 'until'])}`,
    // at most as many actors as the network can show, without each tie's event ids or counts by type
    // (the chart colours a tie by its cooperative and conflictual counts)
    network: `/api/network?view=${s.view}&top=${NETWORK_MAX}&edgeEvents=0&byType=0&${fkey}`,
  };
}

/**
 * The first view's answers asked for before the desk is first rendered (main.tsx), for the desk to
 * take when it asks: its first rendering (the filter bar's date fields alone are tens of
 * milliseconds) then goes on while the server answers, and the map's events come sooner.
 */
export function askFirstView(): void {
  for (const path of Object.values(viewPaths(readUrl()))) prefetchJson(path);
}

export function App() {
  const [state, setState] = useState<UrlState>(readUrl);
  const [events, setEvents] = useState<ListedEvent[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | number | null>(null);
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [net, setNet] = useState<Network | null>(null);
  const [points, setPoints] = useState<MapPoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rev, setRev] = useState(0);
  const [exporting, setExporting] = useState<string | null>(null);
  const [draft, setDraft] = useState({ country: state.filters.country ?? '', q: state.filters.q ?? '' });

  useEffect(() => {
    const onPop = () => { const s = readUrl(); setState(s); setDraft({ country: s.filters.country ?? '', q: s.filters.q ?? '' }); };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const update = (patch: Partial<UrlState>, push = true) => {
    setState((s) => { const n = { ...s, ...patch }; writeUrl(n, push); return n; });
  };
  const setFilter = (patch: Filters) => {
    const filters = { ...state.filters, ...patch };
    for (const k of Object.keys(filters) as (keyof Filters)[]) if (!filters[k]) delete filters[k];
    update({ filters });
  };

  /** the first view's count of panels drawn, for the network's chart to count itself in */
  const netDrawn = useRef<(() => void) | null>(null);
  const fkey = qs(state.filters);
  const listPath = listPathOf(state);
  // Each panel draws as soon as its own answer is there: the list does not wait for the map's points.
  // Asked as soon as the desk is rendered, not after the browser's first paint (where an effect would
  // wait: on a busy machine a first paint with its fonts is a few hundred milliseconds).
  useLayoutEffect(() => {
    let live = true;
    setError(null);
    let pending = 3;
    // the list, the timeline and the network drawn: the first view, timed by the browser test (Performance API)
    const drawn = () => { if (--pending === 0) requestAnimationFrame(() => performance.mark('desk-rendered')); };
    const fail = (e: Error) => live && setError(e.message);
    // the list, timeline and network are asked for now, and drawn once the map has started (at once
    // after the first view); the map's own events go to it as soon as they come. Each answer is drawn
    // in a task of its own, one after the other: between them the page's thread takes the map's
    // worker's answers and draws the map's frames, which one long task of all three panels held up.
    let turn = mapStarted(MAP_FIRST_MS);
    const inTurn = <T,>(answer: Promise<T>) => answer.then((r) => (turn = turn.then(() => new Promise<void>((go) => setTimeout(go, 0)))).then(() => r));
    const paths = viewPaths(state);
    getJson<MapPoints>(paths.map)
      .then((mp) => { if (live) setPoints(mp); }).catch(fail);
    inTurn(getJson<{ items: ListedEvent[]; total: number; next: string | number | null }>(paths.list))
      .then((ev) => { if (!live) return; setEvents(ev.items); setTotal(ev.total); setNext(ev.next); drawn(); }).catch(fail);
    inTurn(getJson<Timeline>(paths.timeline))
      .then((tl) => { if (!live) return; setTimeline(tl); drawn(); }).catch(fail);
    // the network is drawn once its layout is (NetworkChart's onDrawn), which its worker starts on
    // as soon as the answer comes
    netDrawn.current = drawn;
    inTurn(getJson<Network>(paths.network).then((nw) => { layoutNetwork(nw, NETWORK_TOP, 'all'); return nw; }))
      .then((nw) => { if (live) setNet(nw); }).catch(fail);
    return () => { live = false; };
  }, [fkey, state.view, state.list, rev]);

  // The next page of the list it was asked for (the filters may change meanwhile), one at a time; the
  // same function on every render (it reads the list's state through a ref), so the list is not diffed again.
  const listNow = useRef({ listPath, fkey, next });
  listNow.current = { listPath, fkey, next };
  const loading = useRef<string | number | null>(null);
  const more = useCallback(async () => {
    const { listPath: path, fkey: key, next: from } = listNow.current;
    if (from === null || loading.current === from) return;
    loading.current = from;
    const page = typeof from === 'number' ? `offset=${from}` : `cursor=${encodeURIComponent(from)}`;
    try {
      const r = await getJson<{ items: ListedEvent[]; next: string | number | null }>(`${path}limit=${PAGE}&${page}&${key}`);
      const now = listNow.current;
      if (now.listPath !== path || now.fkey !== key || now.next !== from) return;
      setEvents((xs) => [...xs, ...r.items]); setNext(r.next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      loading.current = null;
    }
  }, []);

  // Exactly what the filters show, through the export endpoint, saved as a file.
  const download = async (format: string) => {
    setExporting(format);
    try {
      const blob = await getBlob(`/api/export?format=${format}&view=${state.view}&${fkey}`);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `eventwire-${state.view === 'merged' ? 'merged-events' : 'events'}.${format === 'geojson' ? 'geojson' : format === 'plover' ? 'json' : 'csv'}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(null);
    }
  };

  // the same function on every render (update only sets state), so the list is not diffed again for it
  const select = useCallback((id: string | null) => update({ event: id }), []);
  // an actor (network node, actor link, co-actor) filters the list and opens its panel
  const showActor = (id: string) => update({ filters: { ...state.filters, actor: id }, event: null });
  const onSubmit = (e: Event) => { e.preventDefault(); setFilter({ country: draft.country.trim().toUpperCase(), q: draft.q.trim() }); };
  const active = Object.entries(state.filters).filter(([, v]) => v);
  const refresh = () => setRev((r) => r + 1);
  const noun = state.view === 'merged' ? 'event' : 'report';
  const chip = (k: string, v: string) => k === 'bbox' ? `area: ${v}` : k === 'unplaced' ? 'without a place' : k === 'review' ? `review: ${REVIEW_LABELS[v] ?? v}` : `${k}: ${v}`;

  return (
    <div class="desk">
      <header>
        <h1>eventwire <span>analyst's desk</span></h1>
        <form class="filters" onSubmit={onSubmit} aria-label="Filters">
          <label>Type
            <select value={state.filters.type ?? ''} onChange={(e) => setFilter({ type: (e.target as HTMLSelectElement).value })}>
              <option value="">any</option>
              {PLOVER_TYPES.map((t) => <option value={t}>{t}</option>)}
            </select>
          </label>
          <label>Modality
            <select value={state.filters.modality ?? ''} onChange={(e) => setFilter({ modality: (e.target as HTMLSelectElement).value })}>
              <option value="">any</option>
              {MODALITIES.map((t) => <option value={t}>{t}</option>)}
            </select>
          </label>
          <label>Review
            <select value={state.filters.review ?? ''} onChange={(e) => setFilter({ review: (e.target as HTMLSelectElement).value })}>
              <option value="">any</option>
              {Object.entries(REVIEW_LABELS).map(([v, l]) => <option value={v}>{l}</option>)}
            </select>
          </label>
          <label>From
            <input type="date" value={state.filters.since ?? ''} onChange={(e) => setFilter({ since: (e.target as HTMLInputElement).value })} />
          </label>
          <label>To
            <input type="date" value={state.filters.until ?? ''} onChange={(e) => setFilter({ until: (e.target as HTMLInputElement).value })} />
          </label>
          <label>Country
            <input value={draft.country} size={4} maxLength={3} placeholder="ISO3" onInput={(e) => setDraft({ ...draft, country: (e.target as HTMLInputElement).value })} />
          </label>
          <label class="grow">Text
            <input type="search" value={draft.q} placeholder="words in the evidence, actors, place" onInput={(e) => setDraft({ ...draft, q: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="submit">Apply</button>
          {active.length > 0 && (
            <button type="button" onClick={() => { setDraft({ country: '', q: '' }); update({ filters: {} }); }}>Clear all</button>
          )}
        </form>
        <p class="counts" aria-live="polite">{total} {state.list === 'queue' ? `unreviewed ${noun}` : noun}{total === 1 ? '' : 's'}{active.length ? ' matching' : ''}</p>
      </header>
      {active.length > 0 && (
        <ul class="chips" aria-label="Active filters">
          {active.map(([k, v]) => (
            <li><button type="button" onClick={() => setFilter({ [k]: '' })} aria-label={`remove filter ${chip(k, v)}`}>{chip(k, v)} ✕</button></li>
          ))}
        </ul>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <main class="layout">
        <section class="card map-card" aria-labelledby="h-map">
          <h2 id="h-map" class="visually-hidden">Events on the map</h2>
          <MapView points={points} selected={state.event} onSelect={select} onArea={(bbox) => setFilter({ bbox, unplaced: '' })}
            onUnplaced={() => update({ filters: { ...state.filters, bbox: '', unplaced: '1' }, list: 'events' })} />
        </section>
        <section class="card timeline-card" aria-labelledby="h-timeline">
          {timeline && <TimelineChart data={timeline} since={state.filters.since} until={state.filters.until}
            onRange={(since, until) => setFilter({ since, until })} />}
        </section>
        <section class="card network-card" aria-labelledby="h-net">
          {net && <NetworkChart data={net} actor={state.filters.actor} onActor={showActor}
            onDrawn={() => { const drawn = netDrawn.current; netDrawn.current = null; drawn?.(); }} />}
        </section>
        <div class="side">
          <section class="card list-card" aria-labelledby="h-list">
            <div class="card-head">
              <h2 id="h-list">{state.list === 'queue' ? 'Review queue' : 'Events'}</h2>
              <div class="seg" role="group" aria-label="List">
                <button type="button" aria-pressed={state.view === 'merged'} onClick={() => update({ view: 'merged', event: null })}
                  title="one row per real-world event, with its sources">merged</button>
                <button type="button" aria-pressed={state.view === 'reports'} onClick={() => update({ view: 'reports', event: null })}
                  title="one row per article's report">reports</button>
                <button type="button" aria-pressed={state.list === 'queue'} onClick={() => update({ list: state.list === 'queue' ? 'events' : 'queue' })}
                  title="unreviewed events, lowest confidence first">review queue</button>
              </div>
            </div>
            <div class="export" role="group" aria-label="Export what the filters show">
              <span class="muted">Export:</span>
              {EXPORTS.map(([f, label]) => (
                <button type="button" data-format={f} disabled={exporting !== null} onClick={() => download(f)}>{exporting === f ? '…' : label}</button>
              ))}
            </div>
            <EventList events={events} selected={state.event} onSelect={select} queue={state.list === 'queue'} onMore={next !== null ? more : null} />
          </section>
          <aside class="card panel" aria-label={state.event ? 'Selected event' : state.filters.actor ? 'Selected actor' : 'Details'}>
            {state.event && isMerged(state.event) ? <MergedPanel id={state.event} rev={rev} onClose={() => select(null)} onActor={showActor} onReport={select} onChanged={refresh} />
              : state.event ? <EventPanel id={state.event} rev={rev} onClose={() => select(null)} onActor={showActor} onChanged={refresh} />
              : state.filters.actor ? <ActorPanel id={state.filters.actor} onClose={() => setFilter({ actor: '' })} onActor={showActor} />
              : <p class="hint">Select an event in the list or on the map to read its evidence and review it, or an actor in the network.</p>}
          </aside>
        </div>
      </main>
    </div>
  );
}

const actors = (xs: { name: string }[]) => xs.map((x) => x.name).join(', ') || '—';
/** Merged event ids start with "m"; report ids are ARTICLE-EVENT. */
const isMerged = (id: string) => id.startsWith('m');

/** Not drawn again when another panel's answer comes (its props unchanged). */
const EventList = memo(function EventList({ events, selected, onSelect, queue, onMore }: {
  events: ListedEvent[]; selected: string | null; onSelect: (id: string) => void; queue: boolean; onMore: (() => void) | null;
}) {
  if (!events.length) return <p class="hint">{queue ? 'Nothing left to review here.' : 'No events match.'}</p>;
  return (
    <ol class="events">
      {events.map((e, i) => (
        <li key={e.id}>
          <button type="button" class={`event-row${selected === e.id ? ' selected' : ''}${e.review?.status ? ` review-${e.review.status}` : ''}`} data-event={e.id}
            aria-current={selected === e.id ? 'true' : undefined} onClick={() => onSelect(e.id)}>
            <span class="type" style={typeBadge(e.type)}>{e.type}</span>
            <span class="who" elementtiming={i === 0 ? SHOWN.list : undefined}>{actors(e.source)} → {actors(e.target)}</span>
            <span class="meta">{e.date?.from ?? 'undated'}{e.place ? ` · ${e.place.name}` : ''} · <em class={`modality m-${e.modality}`}>{e.modality}</em>
              {e.counts && <> · <span class="sources" title={`${e.counts.outlets} outlet(s), ${e.counts.reports} report(s)`}>{e.counts.stories} source{e.counts.stories === 1 ? '' : 's'}</span></>}
              {queue && <> · confidence {e.confidence.toFixed(2)}</>}
              {e.review?.status && <> · <span class={`badge review-${e.review.status}`}>{e.review.status}</span></>}
              {e.review && e.review.corrected.length > 0 && <> · <span class="badge corrected" title={`corrected: ${e.review.corrected.join(', ')}`}>corrected</span></>}
            </span>
          </button>
        </li>
      ))}
      {onMore && <li class="more-row"><MoreRows onMore={onMore} /></li>}
    </ol>
  );
});

/**
 * "Load more" as the list's last row, pressed by itself when it is scrolled into view (an
 * IntersectionObserver: not while the list's own scrolling hides it), so that the list reads on in
 * pages without building every row at once.
 */
function MoreRows({ onMore }: { onMore: () => void }) {
  const el = useRef<HTMLButtonElement>(null);
  const cb = useRef(onMore);
  cb.current = onMore;
  useEffect(() => {
    const io = new IntersectionObserver((es) => { if (es.some((e) => e.isIntersecting)) cb.current(); });
    io.observe(el.current!);
    return () => io.disconnect();
  }, []);
  return <button ref={el} type="button" class="more" onClick={() => onMore()}>Load more</button>;
}
