// The analyst's desk: timeline, map, actor network, event list and the event panel. The filters
// and the selected event live in the URL query string.
import { useEffect, useState } from 'preact/hooks';
import { getJson, MODALITIES, PLOVER_TYPES, typeColor, type ListedEvent, type Network, type Timeline } from './api';
import { TimelineChart } from './Timeline';
import { WorldMap } from './WorldMap';
import { NetworkChart } from './NetworkChart';
import { EventPanel } from './EventPanel';
import { ActorPanel } from './ActorPanel';
import { MergedPanel } from './MergedPanel';

const FILTER_KEYS = ['type', 'modality', 'country', 'q', 'actor', 'since', 'until', 'bbox'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;
/** merged: one row per real-world event (the default); reports: one row per article's report */
type View = 'merged' | 'reports';
interface UrlState { filters: Filters; event: string | null; interval: 'day' | 'week'; view: View }

function readUrl(): UrlState {
  const p = new URLSearchParams(location.search);
  const filters: Filters = {};
  for (const k of FILTER_KEYS) { const v = p.get(k); if (v) filters[k] = v; }
  return { filters, event: p.get('event'), interval: p.get('interval') === 'week' ? 'week' : 'day', view: p.get('view') === 'reports' ? 'reports' : 'merged' };
}

function writeUrl(s: UrlState, push: boolean): void {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (s.filters[k]) p.set(k, s.filters[k]!);
  if (s.interval !== 'day') p.set('interval', s.interval);
  if (s.view !== 'merged') p.set('view', s.view);
  if (s.event) p.set('event', s.event);
  const url = `${location.pathname}${p.size ? '?' + p : ''}`;
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
}

const qs = (f: Filters, omit: string[] = []) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && !omit.includes(k)) p.set(k, v);
  return p.toString();
};

export function App() {
  const [state, setState] = useState<UrlState>(readUrl);
  const [events, setEvents] = useState<ListedEvent[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [net, setNet] = useState<Network | null>(null);
  const [error, setError] = useState<string | null>(null);
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

  const fkey = qs(state.filters);
  const listPath = state.view === 'merged' ? '/api/merged-events' : '/api/events';
  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([
      getJson<{ items: ListedEvent[]; total: number; next: string | null }>(`${listPath}?limit=200&${fkey}`),
      // the timeline shows the whole range, the selected dates highlighted
      getJson<Timeline>(`/api/stats/timeline?interval=${state.interval}&view=${state.view}&${qs(state.filters, ['since', 'until'])}`),
      getJson<Network>(`/api/network?view=${state.view}&${fkey}`),
    ]).then(([ev, tl, nw]) => {
      if (!live) return;
      setEvents(ev.items); setTotal(ev.total); setNext(ev.next); setTimeline(tl); setNet(nw);
    }).catch((e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [fkey, state.interval, state.view]);

  const more = async () => {
    if (!next) return;
    const r = await getJson<{ items: ListedEvent[]; next: string | null }>(`${listPath}?limit=200&cursor=${next}&${fkey}`);
    setEvents((xs) => [...xs, ...r.items]); setNext(r.next);
  };

  const select = (id: string | null) => update({ event: id });
  // an actor (network node, actor link, co-actor) filters the list and opens its panel
  const showActor = (id: string) => update({ filters: { ...state.filters, actor: id }, event: null });
  const onSubmit = (e: Event) => { e.preventDefault(); setFilter({ country: draft.country.trim().toUpperCase(), q: draft.q.trim() }); };
  const active = Object.entries(state.filters).filter(([, v]) => v);

  return (
    <div class="desk">
      <header>
        <h1>eventwire <span>analyst's desk</span></h1>
        <p class="counts" aria-live="polite">{total} {state.view === 'merged' ? 'event' : 'report'}{total === 1 ? '' : 's'}{active.length ? ' matching' : ''}</p>
      </header>
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
      {active.length > 0 && (
        <ul class="chips" aria-label="Active filters">
          {active.map(([k, v]) => (
            <li><button type="button" onClick={() => setFilter({ [k]: '' })} aria-label={`remove filter ${k} ${v}`}>{k === 'bbox' ? 'area' : k}: {v} ✕</button></li>
          ))}
        </ul>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <main>
        <div class="views">
          <section class="card" aria-labelledby="h-timeline">
            <div class="card-head">
              <h2 id="h-timeline">Timeline</h2>
              <div class="seg" role="group" aria-label="Interval">
                {(['day', 'week'] as const).map((i) => (
                  <button type="button" aria-pressed={state.interval === i} onClick={() => update({ interval: i })}>{i}</button>
                ))}
              </div>
            </div>
            {timeline && <TimelineChart data={timeline} since={state.filters.since} until={state.filters.until}
              onRange={(since, until) => setFilter({ since, until })} />}
          </section>
          <section class="card" aria-labelledby="h-map">
            <h2 id="h-map">Map</h2>
            <WorldMap events={events} selected={state.event} onSelect={select} onArea={(bbox) => setFilter({ bbox })} />
          </section>
          <section class="card" aria-labelledby="h-net">
            <h2 id="h-net">Actor network</h2>
            {net && <NetworkChart data={net} actor={state.filters.actor} onActor={showActor} />}
          </section>
          <section class="card" aria-labelledby="h-list">
            <div class="card-head">
              <h2 id="h-list">Events</h2>
              <div class="seg" role="group" aria-label="List">
                <button type="button" aria-pressed={state.view === 'merged'} onClick={() => update({ view: 'merged', event: null })}
                  title="one row per real-world event, with its sources">merged</button>
                <button type="button" aria-pressed={state.view === 'reports'} onClick={() => update({ view: 'reports', event: null })}
                  title="one row per article's report">reports</button>
              </div>
            </div>
            <EventList events={events} selected={state.event} onSelect={select} />
            {next && <button type="button" class="more" onClick={more}>Load more</button>}
          </section>
        </div>
        <aside class="panel" aria-label={state.event ? 'Selected event' : state.filters.actor ? 'Selected actor' : 'Details'}>
          {state.event && isMerged(state.event) ? <MergedPanel id={state.event} onClose={() => select(null)} onActor={showActor} onReport={select} />
            : state.event ? <EventPanel id={state.event} onClose={() => select(null)} onActor={showActor} />
            : state.filters.actor ? <ActorPanel id={state.filters.actor} onClose={() => setFilter({ actor: '' })} onActor={showActor} />
            : <p class="hint">Select an event in the list or on the map to read its evidence, or an actor in the network.</p>}
        </aside>
      </main>
    </div>
  );
}

const actors = (xs: { name: string }[]) => xs.map((x) => x.name).join(', ') || '—';
/** Merged event ids start with "m"; report ids are ARTICLE-EVENT. */
const isMerged = (id: string) => id.startsWith('m');

function EventList({ events, selected, onSelect }: { events: ListedEvent[]; selected: string | null; onSelect: (id: string) => void }) {
  if (!events.length) return <p class="hint">No events match.</p>;
  return (
    <ol class="events">
      {events.map((e) => (
        <li key={e.id}>
          <button type="button" class={`event-row${selected === e.id ? ' selected' : ''}`} data-event={e.id}
            aria-current={selected === e.id ? 'true' : undefined} onClick={() => onSelect(e.id)}>
            <span class="type" style={{ background: typeColor(e.type) }}>{e.type}</span>
            <span class="who">{actors(e.source)} → {actors(e.target)}</span>
            <span class="meta">{e.date?.from ?? 'undated'}{e.place ? ` · ${e.place.name}` : ''} · <em class={`modality m-${e.modality}`}>{e.modality}</em>
              {e.counts && <> · <span class="sources" title={`${e.counts.outlets} outlet(s), ${e.counts.reports} report(s)`}>{e.counts.stories} source{e.counts.stories === 1 ? '' : 's'}</span></>}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}

