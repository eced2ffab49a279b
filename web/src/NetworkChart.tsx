// Actor network: the top N actors by events under the current filters (N adjustable), laid out by
// d3-force (run to rest before drawing). Edge width by the number of events, colour by whether they
// were mostly cooperative or conflictual; hover an actor to bring out its ties, click it for its panel.
// The wheel zooms, dragging the background pans; labels are drawn at 12 px whatever the zoom.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CONFLICT, COOP, type Network } from './api';
import { useWidth } from './useWidth';

const H = 250;
const SIZES = [10, 15, 20, 30, 50];
/** the most actors the chart shows: what the desk asks the API for */
export const NETWORK_MAX = SIZES[SIZES.length - 1];
/** roughly the width of a character of a 12 px label */
const LABEL_PX = 6.6;
type Ties = 'all' | 'cooperative' | 'conflictual';

interface Node extends SimulationNodeDatum { id: string; name: string; events: number; r: number }
type Edge = Network['edges'][number];
interface Link { e: Edge; source: Node; target: Node }

/**
 * The force layout of the top actors, run to rest. Every force is the same wherever the drawing is
 * centred, and fit() scales and moves it into the box, so the layout does not depend on the chart's
 * width: it is not run again when the width is first measured, or changes.
 */
function simulate(data: Network, top: number, ties: Ties) {
  const edges = data.edges.filter((e) => ties === 'all' || (ties === 'cooperative' ? e.cooperative >= e.conflictual : e.conflictual > e.cooperative));
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const top_ = data.nodes.filter((n) => linked.has(n.id)).slice(0, top);
  // an actor whose ties all lead outside the top N would stand alone
  const inTop = new Set(top_.map((n) => n.id));
  const tied = new Set(edges.filter((e) => inTop.has(e.source) && inTop.has(e.target)).flatMap((e) => [e.source, e.target]));
  const keep = top_.filter((n) => tied.has(n.id));
  const maxEv = Math.max(1, ...keep.map((n) => n.events));
  const nodes: Node[] = keep.map((n, i) => ({
    id: n.id, name: n.name, events: n.events, r: 5 + 13 * Math.sqrt(n.events / maxEv),
    x: 120 * Math.cos((2 * Math.PI * i) / keep.length), y: H / 2 + 120 * Math.sin((2 * Math.PI * i) / keep.length),
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links: Link[] = edges.filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => ({ e, source: byId.get(e.source)!, target: byId.get(e.target)! }));
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links.map((l) => ({ source: l.source, target: l.target }))).distance(90).strength(0.3))
    .force('charge', forceManyBody().strength(-260))
    .force('center', forceCenter(0, H / 2))
    .force('x', forceX(0).strength(0.05))
    .force('y', forceY(H / 2).strength(0.12))
    .force('collide', forceCollide<Node>().radius((n) => n.r + 22))
    .stop();
  // To rest: at most d3's 300 ticks, fewer once no actor moves by a tenth of a pixel a tick (within a
  // few pixels of the full run's layout; the ticks are the chart's largest cost on the first view)
  for (let i = 0; i < 300; i++) {
    sim.tick();
    if (i >= 100 && nodes.every((n) => Math.abs(n.vx!) + Math.abs(n.vy!) < 0.1)) break;
  }
  return { nodes, links };
}

/** The layout fitted to a box W wide, room left for labels. */
function fit(sim: ReturnType<typeof simulate>, W: number) {
  const x0 = Math.min(...sim.nodes.map((n) => n.x! - n.r)), x1 = Math.max(...sim.nodes.map((n) => n.x! + n.r + 6 + LABEL_PX * Math.min(22, n.name.length)));
  const y0 = Math.min(...sim.nodes.map((n) => n.y! - n.r)), y1 = Math.max(...sim.nodes.map((n) => n.y! + n.r));
  const k = Math.min(1.5, (W - 20) / Math.max(1, x1 - x0), (H - 20) / Math.max(1, y1 - y0));
  const nodes: Node[] = sim.nodes.map((n) => ({ ...n, x: 10 + (n.x! - x0) * k, y: 10 + (n.y! - y0) * k }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links: Link[] = sim.links.map((l) => ({ e: l.e, source: byId.get(l.source.id)!, target: byId.get(l.target.id)! }));
  const maxW = Math.max(1, ...links.map((l) => l.e.weight));
  return { nodes, links, maxW };
}

export function NetworkChart({ data, actor, onActor }: { data: Network; actor?: string; onActor: (id: string) => void }) {
  const [top, setTop] = useState(15);
  const [ties, setTies] = useState<Ties>('all');
  const [hover, setHover] = useState<string | null>(null);
  const [view, setView] = useState({ k: 1, x: 0, y: 0 });
  const wrap = useRef<HTMLDivElement>(null);
  const measured = useWidth(wrap, 300);
  const W = measured ?? 300;
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const sim = useMemo(() => simulate(data, top, ties), [data, top, ties]);
  const g = useMemo(() => fit(sim, W), [sim, W]);
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
        {g.nodes.filter((n) => labels.has(n.id) || near?.has(n.id) || actor === n.id).map((n) => {
          const at = labels.get(n.id) ?? { x: tx(n) + n.r * Math.sqrt(view.k) + 4, y: ty(n) + 4, anchor: 'start' as const };
          return (
            <text class={`label${near && !near.has(n.id) ? ' dim' : ''}`} x={at.x} y={at.y} text-anchor={at.anchor} data-actor={n.id}>
              {n.name.length > 22 ? n.name.slice(0, 21) + '…' : n.name}
            </text>
          );
        })}
      </svg>
      <p class="note"><span class="swatch" style={{ background: COOP }} />cooperative <span class="swatch" style={{ background: CONFLICT }} />conflictual · width: events · wheel zooms, drag pans</p>
    </div>
  );
}
