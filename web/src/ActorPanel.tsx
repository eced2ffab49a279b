// One actor: name, kind, country, role, its events per month (a small bar chart) and its co-actors
// (click one to move to it), from GET /api/entities/:id. The event list is filtered by the actor.
import { useEffect, useState } from 'preact/hooks';
import { getJson, type EntityDetail } from './api';

const CW = 320;
const CH = 90;
const MAX_MONTHS = 120;

/** Events per month, gaps between the first and last month filled with zeros. */
export function perMonth(timeline: EntityDetail['timeline']): { month: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const b of timeline) {
    if (!/^\d{4}-\d{2}/.test(b.date)) continue;
    const m = b.date.slice(0, 7);
    counts.set(m, (counts.get(m) ?? 0) + Object.values(b.counts).reduce((s, v) => s + v, 0));
  }
  const months = [...counts.keys()].sort();
  if (!months.length) return [];
  const out: { month: string; n: number }[] = [];
  let [y, mo] = months[0].split('-').map(Number);
  const last = months[months.length - 1];
  for (let i = 0; i < MAX_MONTHS; i++) {
    const key = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}`;
    out.push({ month: key, n: counts.get(key) ?? 0 });
    if (key >= last) return out;
    mo++; if (mo > 12) { mo = 1; y++; }
  }
  // too long a span to draw every month: only the months with events
  return months.map((m) => ({ month: m, n: counts.get(m)! }));
}

function MonthChart({ data }: { data: { month: string; n: number }[] }) {
  const max = Math.max(1, ...data.map((d) => d.n));
  const bw = CW / data.length;
  const top = 12, base = CH - 16;
  return (
    <svg class="actor-chart" viewBox={`0 0 ${CW} ${CH}`} role="img" aria-label={`Events per month: ${data.map((d) => `${d.month} ${d.n}`).join(', ')}`}>
      <line x1={0} x2={CW} y1={base} y2={base} class="grid" stroke="#ccc" />
      {data.map((d, i) => {
        const h = ((base - top) * d.n) / max;
        return (
          <g class="month">
            <rect x={i * bw + bw * 0.1} width={Math.max(1, bw * 0.8)} y={base - h} height={h} fill="#4a6fa5"><title>{`${d.month}: ${d.n} event(s)`}</title></rect>
            {d.n > 0 && bw >= 14 && <text class="axis" x={i * bw + bw / 2} y={base - h - 2} text-anchor="middle">{d.n}</text>}
          </g>
        );
      })}
      <text class="axis" x={0} y={CH - 3}>{data[0].month}</text>
      {data.length > 1 && <text class="axis" x={CW} y={CH - 3} text-anchor="end">{data[data.length - 1].month}</text>}
    </svg>
  );
}

export function ActorPanel({ id, onClose, onActor }: { id: string; onClose: () => void; onActor: (id: string) => void }) {
  const [detail, setDetail] = useState<EntityDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setDetail(null); setError(null);
    getJson<EntityDetail>(`/api/entities/${encodeURIComponent(id)}`)
      .then((d) => live && setDetail(d))
      .catch((e: Error) => live && setError(/: 404/.test(e.message) ? `No known actor “${id}”; the list is filtered by it as text.` : e.message));
    return () => { live = false; };
  }, [id]);
  const head = (title: string) => (
    <div class="panel-head">
      <h2 tabIndex={-1}>{title}</h2>
      <button type="button" onClick={onClose} aria-label="Close actor and remove the actor filter">✕</button>
    </div>
  );
  if (error) return <div class="actor-panel">{head(id)}<p class="hint" role="status">{error}</p></div>;
  if (!detail) return <p class="hint">Loading…</p>;
  const { entity, coActors } = detail;
  const months = perMonth(detail.timeline);
  const undated = detail.timeline.filter((b) => !/^\d{4}-\d{2}/.test(b.date)).reduce((s, b) => s + Object.values(b.counts).reduce((x, y) => x + y, 0), 0);
  return (
    <div class="actor-panel" data-actor={entity.id}>
      {head(entity.name)}
      <dl>
        <dt>Kind</dt><dd>{entity.kind ?? <span class="muted">—</span>}</dd>
        <dt>Country</dt><dd>{entity.iso3 ?? <span class="muted">—</span>}</dd>
        <dt>Role</dt><dd>{entity.role ?? <span class="muted">—</span>}</dd>
        <dt>Events</dt><dd>{detail.events.length}{entity.articles ? <span class="muted"> in {entity.articles} article{entity.articles === 1 ? '' : 's'}</span> : null}</dd>
      </dl>
      <h3>Events per month</h3>
      {months.length ? <MonthChart data={months} /> : <p class="hint">No dated events.</p>}
      {undated > 0 && <p class="note">{undated} undated event{undated === 1 ? '' : 's'} not shown.</p>}
      <h3>Co-actors</h3>
      {coActors.length ? (
        <ul class="co-actors" aria-label="Co-actors">
          {coActors.map((a) => (
            <li><button type="button" data-actor={a.id} onClick={() => onActor(a.id)}
              aria-label={`${a.name}: ${a.events} shared event(s); show this actor`}>{a.name} <span class="muted">{a.events}</span></button></li>
          ))}
        </ul>
      ) : <p class="hint">No co-actors.</p>}
      <p class="note">The event list is filtered by this actor; select an event to read its evidence.</p>
    </div>
  );
}
