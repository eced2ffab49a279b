// Actor network: the top N actors by events under the current filters (N adjustable), laid out by
// d3-force (run to rest in a worker before drawing: network-layout.ts). Edge width by the number of events, colour by whether they
// were mostly cooperative or conflictual; hover an actor to bring out its ties, click it for its panel.
// The wheel zooms, dragging the background pans; labels are drawn at 12 px whatever the zoom.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CONFLICT, COOP, type Network } from './api';
import { H, layoutNetwork, type Layout, type Link, type Node, type Ties } from './network-layout';
import { useWidth } from './useWidth';
import { SHOWN } from './first-view';

const SIZES = [10, 15, 20, 30, 50];
/** the most actors the chart shows: what the desk asks the API for */
export const NETWORK_MAX = SIZES[SIZES.length - 1];
/** how many actors the chart shows at first */
export const NETWORK_TOP = 15;
/** roughly the width of a character of a 12 px label */
const LABEL_PX = 6.6;

/** The layout fitted to a box W wide, room left for labels. */
function fit(sim: Layout, W: number) {
  const x0 = Math.min(...sim.nodes.map((n) => n.x! - n.r)), x1 = Math.max(...sim.nodes.map((n) => n.x! + n.r + 6 + LABEL_PX * Math.min(22, n.name.length)));
  const y0 = Math.min(...sim.nodes.map((n) => n.y! - n.r)), y1 = Math.max(...sim.nodes.map((n) => n.y! + n.r));
  const k = Math.min(1.5, (W - 20) / Math.max(1, x1 - x0), (H - 20) / Math.max(1, y1 - y0));
  const nodes: Node[] = sim.nodes.map((n) => ({ ...n, x: 10 + (n.x! - x0) * k, y: 10 + (n.y! - y0) * k }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links: Link[] = sim.links.map((l) => ({ e: l.e, source: byId.get(l.source.id)!, target: byId.get(l.target.id)! }));
  const maxW = Math.max(1, ...links.map((l) => l.e.weight));
  return { nodes, links, maxW };
}

const NO_LAYOUT: Layout = { nodes: [], links: [] };

/** `onDrawn`: the chart is drawn with the layout of the `data` it was last given */
export function NetworkChart({ data, actor, onActor, onDrawn }: { data: Network; actor?: string; onActor: (id: string) => void; onDrawn?: () => void }) {
  const [top, setTop] = useState(NETWORK_TOP);
  const [ties, setTies] = useState<Ties>('all');
  const [hover, setHover] = useState<string | null>(null);
  const [view, setView] = useState({ k: 1, x: 0, y: 0 });
  const wrap = useRef<HTMLDivElement>(null);
  const measured = useWidth(wrap, 300);
  const W = measured ?? 300;
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  // the layout comes from a worker; until the new one is there the chart keeps the one it has
  const [laid, setLaid] = useState<{ data: Network; layout: Layout } | null>(null);
  useLayoutEffect(() => {
    let live = true;
    layoutNetwork(data, top, ties).then((layout) => { if (live) setLaid({ data, layout }); });
    return () => { live = false; };
  }, [data, top, ties]);
  const sim = laid?.layout ?? null;
  const g = useMemo(() => fit(sim ?? NO_LAYOUT, W), [sim, W]);
  const drawnFor = useRef<Network | null>(null);
  useLayoutEffect(() => {
    if (laid?.data !== data || measured === null || drawnFor.current === data) return;
    drawnFor.current = data;
    onDrawn?.();
  });
  // a new layout is shown unzoomed (the same state kept when it is: no second drawing of the chart)
  useEffect(() => setView((v) => (v.k === 1 && v.x === 0 && v.y === 0 ? v : { k: 1, x: 0, y: 0 })), [g]);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const px = e.clientX - r.left, py = e.clientY - r.top;
      setView((v) => {
        const k = Math.max(1, Math.min(6, v.k * (e.deltaY > 0 ? 0.85 : 1.18)));
        return { k, x: px - ((px - v.x) / v.k) * k, y: py - ((py - v.y) / v.k) * k };
      });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [g]);

  const near = useMemo(() => {
    if (!hover) return null;
    const s = new Set([hover]);
    for (const l of g.links) if (l.source.id === hover || l.target.id === hover) { s.add(l.source.id); s.add(l.target.id); }
    return s;
  }, [hover, g]);
  const tx = (n: Node) => view.x + n.x! * view.k, ty = (n: Node) => view.y + n.y! * view.k;
  // Each label goes right, left, above or below its actor, wherever it covers no other actor and no
  // label already placed (the more active actors first); one that fits nowhere waits for a hover or a zoom.
  const labels = useMemo(() => {
    const k = Math.sqrt(view.k);
    type Box = [number, number, number, number];
    const placed: Box[] = g.nodes.map((n) => [tx(n) - n.r * k, ty(n) - n.r * k, tx(n) + n.r * k, ty(n) + n.r * k]);
    const out = new Map<string, { x: number; y: number; anchor: 'start' | 'end' | 'middle' }>();
    const hits = (b: Box) => b[0] < 0 || b[2] > W || b[1] < 0 || b[3] > H || placed.some((p) => b[0] < p[2] && p[0] < b[2] && b[1] < p[3] && p[1] < b[3]);
    for (const n of [...g.nodes].sort((a, b) => b.events - a.events)) {
      const r = n.r * k, x = tx(n), y = ty(n);
      const w = LABEL_PX * Math.min(22, n.name.length);
      const spots: [Box, { x: number; y: number; anchor: 'start' | 'end' | 'middle' }][] = [
        [[x + r + 2, y - 7, x + r + 6 + w, y + 7], { x: x + r + 4, y: y + 4, anchor: 'start' }],
        [[x - r - 6 - w, y - 7, x - r - 2, y + 7], { x: x - r - 4, y: y + 4, anchor: 'end' }],
        [[x - w / 2, y - r - 17, x + w / 2, y - r - 3], { x, y: y - r - 6, anchor: 'middle' }],
        [[x - w / 2, y + r + 3, x + w / 2, y + r + 17], { x, y: y + r + 14, anchor: 'middle' }],
      ];
      const spot = spots.find(([b]) => !hits(b));
      if (!spot) continue;
      placed.push(spot[0]);
      out.set(n.id, spot[1]);
    }
    return out;
  }, [g, view, W]);
  const controls = (
    <div class="net-tools">
      <h2 id="h-net">Actor network</h2>
      <label>Show <select value={top} onChange={(e) => setTop(Number((e.target as HTMLSelectElement).value))}>
        {SIZES.map((n) => <option value={n}>top {n}</option>)}
      </select></label>
      <span class="seg" role="group" aria-label="Ties">
        {(['all', 'cooperative', 'conflictual'] as const).map((t) => (
          <button type="button" aria-pressed={ties === t} onClick={() => setTies(t)}>{t}</button>
        ))}
      </span>
      {view.k !== 1 && <button type="button" onClick={() => setView({ k: 1, x: 0, y: 0 })}>Reset zoom</button>}
    </div>
  );
  if (!sim) return <div ref={wrap}>{controls}</div>;
  if (!g.nodes.length) return <div ref={wrap}>{controls}<p class="hint">No actor pairs in these events.</p></div>;
  if (measured === null) return <div ref={wrap}>{controls}</div>;
  return (
    <div ref={wrap}>
      {controls}
      <svg ref={svg} class={`network${near ? ' hovering' : ''}`} width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="group"
        aria-label={`Network of the ${g.nodes.length} most active actors`}
        onPointerDown={(e) => { if (e.target === svg.current) { drag.current = { x: e.clientX, y: e.clientY }; svg.current!.setPointerCapture(e.pointerId); } }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d) return;
          setView((v) => ({ ...v, x: v.x + e.clientX - d.x, y: v.y + e.clientY - d.y }));
          drag.current = { x: e.clientX, y: e.clientY };
        }}
        onPointerUp={() => { drag.current = null; }}>
        {g.links.map((l) => {
          const on = !near || (near.has(l.source.id) && near.has(l.target.id) && (l.source.id === hover || l.target.id === hover));
          return (
            <line class={`edge${on ? '' : ' dim'}`} x1={tx(l.source)} y1={ty(l.source)} x2={tx(l.target)} y2={ty(l.target)}
              data-tie={l.e.cooperative >= l.e.conflictual ? 'cooperative' : 'conflictual'}
              stroke={l.e.cooperative >= l.e.conflictual ? COOP : CONFLICT} stroke-width={1 + 7 * Math.sqrt(l.e.weight / g.maxW)}>
              <title>{`${l.source.name} → ${l.target.name}: ${l.e.weight} event(s), ${l.e.cooperative} cooperative, ${l.e.conflictual} conflictual`}</title>
            </line>
          );
        })}
        {g.nodes.map((n) => (
          <g key={n.id} class={`node${actor === n.id ? ' selected' : ''}${near && !near.has(n.id) ? ' dim' : ''}`}
            transform={`translate(${tx(n)},${ty(n)})`} tabIndex={0} role="button"
            data-actor={n.id} aria-label={`${n.name}: ${n.events} event(s); open this actor`}
            onPointerEnter={() => setHover(n.id)} onPointerLeave={() => setHover(null)}
            onFocus={() => setHover(n.id)} onBlur={() => setHover(null)}
            onClick={() => onActor(n.id)}
            onKeyDown={(k) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); onActor(n.id); } }}>
            <circle r={n.r * Math.sqrt(view.k)} />
            <title>{n.name}</title>
          </g>
        ))}
        {g.nodes.filter((n) => labels.has(n.id) || near?.has(n.id) || actor === n.id).map((n, i) => {
          const at = labels.get(n.id) ?? { x: tx(n) + n.r * Math.sqrt(view.k) + 4, y: ty(n) + 4, anchor: 'start' as const };
          return (
            <text class={`label${near && !near.has(n.id) ? ' dim' : ''}`} x={at.x} y={at.y} text-anchor={at.anchor} data-actor={n.id}
              elementtiming={i === 0 ? SHOWN.network : undefined}>
              {n.name.length > 22 ? n.name.slice(0, 21) + '…' : n.name}
            </text>
          );
        })}
      </svg>
      <p class="note"><span class="swatch" style={{ background: COOP }} />cooperative <span class="swatch" style={{ background: CONFLICT }} />conflictual · width: events · wheel zooms, drag pans</p>
    </div>
  );
}
