// An analyst's review of a report or merged event: confirm, reject, or correct its type, source,
// target, date or place (POST /api/corrections, which needs a write token: asked for once and kept).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, PLOVER_TYPES, getJson, postJson, setToken, type ActorRef, type EventRow, type Review } from './api';

type Correctable = Pick<EventRow, 'id' | 'type' | 'source' | 'target' | 'date' | 'place'> & { review?: Review };
type Field = 'type' | 'source' | 'target' | 'date' | 'place';

let entities: Promise<ActorRef[]> | null = null;
const knownActors = () => (entities ??= getJson<{ items: ActorRef[] }>('/api/entities?limit=1000').then((r) => r.items).catch(() => []));

const names = (xs: { name: string }[] | undefined) => xs?.map((x) => x.name).join(', ') || '—';
function was(field: string, o: Review['original']): string {
  switch (field) {
    case 'type': return o.type ?? '—';
    case 'source': return names(o.source);
    case 'target': return names(o.target);
    case 'date': return o.date ? `${o.date.from}${o.date.to !== o.date.from ? ` – ${o.date.to}` : ''}` : 'undated';
    case 'place': return o.place?.name ?? 'no place';
    default: return '';
  }
}

interface PlaceDraft { name: string; lat: string; lon: string; iso3: string }
interface Draft { value?: string; to?: string; place?: PlaceDraft }

/** The event's current value of a field, as the correction form shows it before anything is typed. */
function current(e: Correctable, f: Field): string {
  switch (f) {
    case 'type': return e.type;
    case 'source': return names(e.source).replace('—', '');
    case 'target': return names(e.target).replace('—', '');
    case 'date': return e.date?.from ?? '';
    default: return '';
  }
}
const placeDraft = (e: Correctable): PlaceDraft => e.place
  ? { name: e.place.name, lat: String(e.place.lat), lon: String(e.place.lon), iso3: e.place.iso3 ?? '' }
  : { name: '', lat: '', lon: '', iso3: '' };

export function ReviewBox({ event, onChanged }: { event: Correctable; onChanged: () => void }) {
  const [field, setField] = useState<Field>('source');
  // What the analyst has typed; a field left untouched shows the event's current value. Nothing is
  // copied into the form when it opens (a details 'toggle' event arrives later, as a task of its own,
  // and would overwrite what was typed meanwhile).
  const [draft, setDraft] = useState<Draft>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needToken, setNeedToken] = useState(false);
  const [tokenText, setTokenText] = useState('');
  const [actors, setActors] = useState<ActorRef[]>([]);
  useEffect(() => { knownActors().then(setActors); }, []);
  const r = event.review;
  const value = draft.value ?? current(event, field);
  const to = draft.to ?? (field === 'date' ? event.date?.to ?? '' : '');
  const place = draft.place ?? placeDraft(event);
  const setValue = (v: string) => setDraft((d) => ({ ...d, value: v }));
  const setTo = (v: string) => setDraft((d) => ({ ...d, to: v }));
  const setPlace = (p: PlaceDraft) => setDraft((d) => ({ ...d, place: p }));

  const send = async (f: string, v: unknown) => {
    setBusy(true); setError(null);
    try {
      await postJson('/api/corrections', { event: event.id, field: f, value: v, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote(''); setDraft({});
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setNeedToken(true);
      setError((e as Error).message);
    } finally { setBusy(false); }
  };
  const actorList = (text: string): ActorRef[] => text.split(',').map((s) => s.trim()).filter(Boolean).map((name) => {
    const known = actors.find((a) => a.name.toLowerCase() === name.toLowerCase() || a.id === name);
    return known ? { id: known.id, name: known.name, iso3: known.iso3 ?? null } : { id: `user:${name.toLowerCase().replace(/\s+/g, '-')}`, name, iso3: null };
  });
  const submit = (e: Event) => {
    e.preventDefault();
    if (field === 'type') return send('type', value || event.type);
    if (field === 'source' || field === 'target') return send(field, actorList(value));
    if (field === 'date') return value ? send('date', { from: value, to: to || value }) : setError('choose a day');
    if (!place.name.trim()) return send('place', null);
    return send('place', { name: place.name.trim(), lat: Number(place.lat), lon: Number(place.lon), iso3: place.iso3.trim().toUpperCase() || null });
  };
  const start = (f: Field) => { setField(f); setDraft({}); };
  return (
    <section class="review" aria-label="Review">
      <h3>Review</h3>
      <p class="review-status" data-status={r?.status ?? 'unreviewed'}>
        {r?.status ? <span class={`badge review-${r.status}`}>{r.status}</span> : <span class="badge">unreviewed</span>}
        {r ? <span class="muted"> {r.corrections} decision{r.corrections === 1 ? '' : 's'}, last by {r.by ?? 'unknown'} on {r.at.slice(0, 10)}</span> : null}
      </p>
      {r && r.corrected.length > 0 && (
        <ul class="corrected">
          {r.corrected.map((f) => <li><strong>{f}</strong> corrected <span class="muted">(the analysis said: {was(f, r.original)})</span></li>)}
        </ul>
      )}
      <div class="review-actions">
        <button type="button" class="confirm" disabled={busy || r?.status === 'confirmed'} onClick={() => send('status', 'confirmed')}>Confirm</button>
        <button type="button" class="reject" disabled={busy || r?.status === 'rejected'} onClick={() => send('status', 'rejected')}>Reject</button>
        <label class="grow">Note <input value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} placeholder="why (optional)" /></label>
      </div>
      <details class="correct">
        <summary>Correct a field</summary>
        <form onSubmit={submit} aria-label="Correct a field">
          <label>Field <select value={field} onChange={(e) => start((e.target as HTMLSelectElement).value as Field)}>
            {(['type', 'source', 'target', 'date', 'place'] as const).map((f) => <option value={f}>{f}</option>)}
          </select></label>
          {field === 'type' && <label>Type <select value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
            {PLOVER_TYPES.map((t) => <option value={t}>{t}</option>)}
          </select></label>}
          {(field === 'source' || field === 'target') && <label class="grow">Actors (comma-separated)
            <input list="known-actors" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} placeholder="e.g. Ukraine, Russia" />
            <datalist id="known-actors">{actors.slice(0, 500).map((a) => <option value={a.name} />)}</datalist>
          </label>}
          {field === 'date' && <>
            <label>From <input type="date" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} /></label>
            <label>To <input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
          </>}
          {field === 'place' && <>
            <label class="grow">Place (empty: none) <input value={place.name} onInput={(e) => setPlace({ ...place, name: (e.target as HTMLInputElement).value })} /></label>
            <label>Lat <input type="number" step="any" min="-90" max="90" size={7} value={place.lat} onInput={(e) => setPlace({ ...place, lat: (e.target as HTMLInputElement).value })} /></label>
            <label>Lon <input type="number" step="any" min="-180" max="180" size={7} value={place.lon} onInput={(e) => setPlace({ ...place, lon: (e.target as HTMLInputElement).value })} /></label>
            <label>ISO3 <input size={4} maxLength={3} value={place.iso3} onInput={(e) => setPlace({ ...place, iso3: (e.target as HTMLInputElement).value })} /></label>
          </>}
          <button type="submit" disabled={busy}>Save correction</button>
        </form>
      </details>
      {needToken && (
        <form class="token" onSubmit={(e) => { e.preventDefault(); setToken(tokenText.trim()); setNeedToken(false); setError(null); }}>
          <label class="grow">Write token (<code>eventwire token create</code>)
            <input type="password" value={tokenText} onInput={(e) => setTokenText((e.target as HTMLInputElement).value)} autoComplete="off" />
          </label>
          <button type="submit">Use token</button>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
