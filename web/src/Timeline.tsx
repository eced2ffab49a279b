// Stacked bars of event counts per day or week by PLOVER type. Drag across bars (or click one,
// shift-click another) to filter the list to that range; Enter or Space on a focused bar picks it.
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import { useState } from 'preact/hooks';
import { typeColor, type Timeline } from './api';

const H = 180;
const M = { top: 8, right: 8, bottom: 28, left: 30 };

function bucketEnd(date: string, interval: string): string {
  if (interval !== 'week') return date;
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 6);
  return d.toISOString().slice(0, 10);
}

export function TimelineChart({ data, since, until, onRange }: {
  data: Timeline; since?: string; until?: string; onRange: (since: string, until: string) => void;
}) {
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const n = data.buckets.length;
  if (!n) return <p class="hint">No dated events.</p>;
  const W = Math.max(360, n * 14 + M.left + M.right);
  const x = scaleBand<number>().domain(data.buckets.map((_, i) => i)).range([M.left, W - M.right]).padding(0.15);
  const max = Math.max(...data.buckets.map((b) => b.total));
  const y = scaleLinear().domain([0, max]).nice().range([H - M.bottom, M.top]);
  const series = stack<Timeline['buckets'][number], string>().keys(data.types).value((b, k) => b.counts[k] ?? 0)(data.buckets);
  const inRange = (i: number) => {
    if (drag) return i >= Math.min(drag.a, drag.b) && i <= Math.max(drag.a, drag.b);
    const b = data.buckets[i];
    return !!(since || until) && (!since || bucketEnd(b.date, data.interval) >= since) && (!until || b.date <= until);
  };
  const finish = (a: number, b: number) => {
    const lo = data.buckets[Math.min(a, b)];
    const hi = data.buckets[Math.max(a, b)];
    onRange(lo.date, bucketEnd(hi.date, data.interval));
  };
  const ticks = y.ticks(4);
  const every = Math.max(1, Math.ceil(n / 8));
  return (
    <div class="scroll-x">
      <svg class="timeline" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`Events per ${data.interval} by type`}
        onPointerUp={() => { if (drag) { finish(drag.a, drag.b); setDrag(null); } }}
        onPointerLeave={() => setDrag(null)}>
        {ticks.map((t) => (
          <g>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={M.left - 4} y={y(t) + 4} text-anchor="end" class="axis">{t}</text>
          </g>
        ))}
        {data.buckets.map((b, i) => (
          <g key={b.date} class={`bucket${inRange(i) ? ' in-range' : ''}`} tabIndex={0} role="button" data-date={b.date}
            aria-label={`${b.date}: ${b.total} event${b.total === 1 ? '' : 's'}`}
            onPointerDown={(e) => { (e as PointerEvent).preventDefault(); setDrag({ a: i, b: i }); }}
            onPointerEnter={() => drag && setDrag({ ...drag, b: i })}
            onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); finish(i, i); } }}>
            <rect class="hit" x={x(i)! - 1} y={M.top} width={x.bandwidth() + 2} height={H - M.bottom - M.top} />
            {series.map((s) => {
              const [y0, y1] = s[i];
              return y1 > y0 ? <rect x={x(i)} y={y(y1)} width={x.bandwidth()} height={y(y0) - y(y1)} fill={typeColor(s.key)}>
                <title>{`${b.date} ${s.key}: ${y1 - y0}`}</title>
              </rect> : null;
            })}
            {i % every === 0 && <text x={x(i)! + x.bandwidth() / 2} y={H - M.bottom + 14} text-anchor="middle" class="axis">{b.date.slice(0, 7)}</text>}
          </g>
        ))}
      </svg>
      <ul class="legend" aria-label="Types">
        {data.types.map((t) => <li><span class="swatch" style={{ background: typeColor(t) }} />{t}</li>)}
      </ul>
      {(since || until) && <button type="button" class="link" onClick={() => onRange('', '')}>Clear dates ({since ?? '…'} – {until ?? '…'})</button>}
    </div>
  );
}
