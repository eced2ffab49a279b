// Events over time on a true time axis (d3-scale's UTC scale): bars stacked by PLOVER type, per day,
// week or month as the visible range calls for. Drag across the chart (a brush) to filter the list to
// those dates, click a bar for its period; the wheel or the buttons zoom, "Full range" shows all.
// From the keyboard, the filter bar's From and To fields set the same dates.
import { scaleLinear, scaleUtc } from 'd3-scale';
import { stack } from 'd3-shape';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { typeColor, type Timeline } from './api';
import { useWidth } from './useWidth';
import { SHOWN } from './first-view';

const H = 150;
const M = { top: 6, right: 10, bottom: 22, left: 30 };
const DAY = 86_400_000;
type Unit = 'day' | 'week' | 'month';

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const parse = (d: string) => Date.parse(d + 'T00:00:00Z');

function floor(t: number, unit: Unit): number {
  const d = new Date(t);
  if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return unit === 'week' ? day - ((d.getUTCDay() + 6) % 7) * DAY : day;
}
function next(t: number, unit: Unit): number {
  if (unit === 'month') { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); }
  return t + (unit === 'week' ? 7 : 1) * DAY;
}
/** Bars narrow enough to read the shape, wide enough to see: about 20 to 200 of them. */
function unitFor(span: number): Unit {
  const days = span / DAY;
  return days > 540 ? 'month' : days > 120 ? 'week' : 'day';
}

interface Bin { start: number; end: number; total: number; counts: Record<string, number> }

export function TimelineChart({ data, since, until, onRange }: {
  data: Timeline; since?: string; until?: string; onRange: (since: string, until: string) => void;
}) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const measured = useWidth(wrap, 320);
  const W = measured ?? 320;
  const full = useMemo<[number, number] | null>(() => {
    if (!data.buckets.length) return null;
    const t0 = parse(data.buckets[0].date);
    const t1 = parse(data.buckets[data.buckets.length - 1].date) + DAY;
    const pad = Math.max(DAY, (t1 - t0) * 0.02);
    return [t0 - pad, t1 + pad];
  }, [data]);
  const [domain, setDomain] = useState<[number, number] | null>(full);
  const [brush, setBrush] = useState<{ a: number; b: number } | null>(null);
  useEffect(() => setDomain(full), [full]);

  const dom = domain ?? full;
  const unit = dom ? unitFor(dom[1] - dom[0]) : 'day';
  const bins = useMemo(() => {
    const out = new Map<number, Bin>();
    for (const b of data.buckets) {
      const start = floor(parse(b.date), unit);
      let bin = out.get(start);
      if (!bin) out.set(start, (bin = { start, end: next(start, unit), total: 0, counts: {} }));
      for (const [k, v] of Object.entries(b.counts)) bin.counts[k] = (bin.counts[k] ?? 0) + v;
      bin.total += b.total;
    }
    return [...out.values()].sort((a, b) => a.start - b.start);
  }, [data, unit]);

  const x = scaleUtc().domain(dom ?? [0, 1]).range([M.left, W - M.right]);
  const visible = bins.filter((b) => b.end > x.domain()[0].getTime() && b.start < x.domain()[1].getTime());
  const y = scaleLinear().domain([0, Math.max(1, ...visible.map((b) => b.total))]).nice().range([H - M.bottom, M.top]);
  const series = stack<Bin, string>().keys(data.types).value((b, k) => b.counts[k] ?? 0)(visible);

  // zoom with the wheel, around the pointer
  const zoomAt = (t: number, factor: number) => {
    if (!dom || !full) return;
    const span = Math.max(7 * DAY, Math.min(full[1] - full[0], (dom[1] - dom[0]) * factor));
    const f = (t - dom[0]) / (dom[1] - dom[0]);
    let a = t - f * span;
    a = Math.max(full[0], Math.min(a, full[1] - span));
    setDomain([a, a + span]);
  };
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const px = e.clientX - el.getBoundingClientRect().left;
      zoomAt(x.invert(px).getTime(), e.deltaY > 0 ? 1.25 : 0.8);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });
  const pan = (dir: number) => {
    if (!dom || !full) return;
    const span = dom[1] - dom[0];
    const a = Math.max(full[0], Math.min(dom[0] + dir * span * 0.5, full[1] - span));
    setDomain([a, a + span]);
  };

  if (!full || !dom) return <><h2 id="h-timeline">Timeline</h2><p class="hint">No dated events.</p></>;
  if (measured === null) return <div class="timeline-wrap" ref={wrap} />;
  const px = (e: PointerEvent) => Math.max(M.left, Math.min(W - M.right, e.clientX - svg.current!.getBoundingClientRect().left));
  const onDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    const p = px(e);
    setBrush({ a: p, b: p });
  };
  const onMove = (e: PointerEvent) => { if (brush) setBrush({ ...brush, b: px(e) }); };
  const onUp = (e: PointerEvent) => {
    if (!brush) return;
    const a = Math.min(brush.a, px(e)), b = Math.max(brush.a, px(e));
    setBrush(null);
    if (b - a > 4) {
      onRange(dayOf(x.invert(a).getTime()), dayOf(x.invert(b).getTime()));
    } else {
      const t = x.invert(a).getTime();
      const bin = visible.find((v) => v.start <= t && t < v.end);
      if (bin) onRange(dayOf(bin.start), dayOf(bin.end - DAY));
    }
  };
  const sel = since || until ? [since ? parse(since) : x.domain()[0].getTime(), until ? parse(until) + DAY : x.domain()[1].getTime()] : null;
  const ticks = x.ticks(Math.max(2, Math.floor(W / 110)));
  const fmt = x.tickFormat();
  const zoomed = dom[0] > full[0] || dom[1] < full[1];
  const mid = (dom[0] + dom[1]) / 2;
  return (
    <div class="timeline-wrap" ref={wrap}>
      <div class="timeline-tools">
        <h2 id="h-timeline">Timeline</h2>
        <span class="seg" role="group" aria-label="Zoom the timeline">
          <button type="button" onClick={() => zoomAt(sel ? (sel[0] + sel[1]) / 2 : mid, 0.5)} aria-label="Zoom in">+</button>
          <button type="button" onClick={() => zoomAt(mid, 2)} aria-label="Zoom out" disabled={!zoomed}>−</button>
          <button type="button" onClick={() => pan(-1)} aria-label="Earlier" disabled={!zoomed}>◀</button>
          <button type="button" onClick={() => pan(1)} aria-label="Later" disabled={!zoomed}>▶</button>
          <button type="button" onClick={() => setDomain(full)} disabled={!zoomed}>Full range</button>
        </span>
        <span class="muted">per {unit}{data.undated ? ` · ${data.undated} undated` : ''}</span>
        {(since || until) && <button type="button" class="link" onClick={() => onRange('', '')}>Clear dates</button>}
      </div>
      <svg ref={svg} class="timeline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" data-unit={unit}
        aria-label={`Events per ${unit} by type, ${dayOf(dom[0])} to ${dayOf(dom[1])}; drag across to filter by dates`}>
        {y.ticks(4).map((t) => (
          <g>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={M.left - 4} y={y(t) + 4} text-anchor="end" class="axis">{t}</text>
          </g>
        ))}
        <clipPath id="tl-clip"><rect x={M.left} y={0} width={W - M.left - M.right} height={H} /></clipPath>
        <g clip-path="url(#tl-clip)">
          {sel && <rect class="selection" x={x(sel[0])} y={M.top} width={Math.max(2, x(sel[1]) - x(sel[0]))} height={H - M.top - M.bottom} />}
          {series.map((s) => s.map(([y0, y1], i) => {
            const b = visible[i];
            if (y1 <= y0) return null;
            const x0 = x(b.start), w = Math.max(2, x(b.end) - x0 - (x(b.end) - x0 > 4 ? 1 : 0));
            return <rect class="bar" x={x0} y={y(y1)} width={w} height={y(y0) - y(y1)} fill={typeColor(s.key)}>
              <title>{`${dayOf(b.start)} (${unit}) ${s.key}: ${y1 - y0} of ${b.total}`}</title>
            </rect>;
          }))}
          {brush && <rect class="brush" x={Math.min(brush.a, brush.b)} y={M.top} width={Math.abs(brush.b - brush.a)} height={H - M.top - M.bottom} />}
        </g>
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} class="baseline" />
        {ticks.map((t, i) => (
          <text x={x(t)} y={H - M.bottom + 15} text-anchor="middle" class="axis" elementtiming={i === 0 ? SHOWN.timeline : undefined}>{fmt(t)}</text>
        ))}
        <rect class="plot" x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom}
          onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={() => setBrush(null)} />
      </svg>
      <ul class="legend" aria-label="Types">
        {data.types.map((t) => <li><span class="swatch" style={{ background: typeColor(t) }} />{t}</li>)}
      </ul>
    </div>
  );
}
