// Actor network: a force layout (d3-force, run to rest before drawing) of the most active actors.
// Edge colour: green when mostly cooperative, red when mostly conflictual (PLOVER quad classes).
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { useMemo } from 'preact/hooks';
import { CONFLICT, COOP, type Network } from './api';

const W = 800;
const H = 460;
const MAX_NODES = 40;

interface Node extends SimulationNodeDatum { id: string; name: string; events: number; r: number }

export function NetworkChart({ data, actor, onActor }: { data: Network; actor?: string; onActor: (id: string) => void }) {
  const layout = useMemo(() => {
    const linked = new Set(data.edges.flatMap((e) => [e.source, e.target]));
    const keep = data.nodes.filter((n) => linked.has(n.id)).slice(0, MAX_NODES);
    const ids = new Set(keep.map((n) => n.id));
    const nodes: Node[] = keep.map((n, i) => ({
      id: n.id, name: n.name, events: n.events, r: 4 + 3 * Math.sqrt(n.events),
      // deterministic start: a circle
      x: W / 2 + 150 * Math.cos((2 * Math.PI * i) / keep.length), y: H / 2 + 150 * Math.sin((2 * Math.PI * i) / keep.length),
    }));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const links = data.edges.filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ ...e, source: byId.get(e.source)!, target: byId.get(e.target)! }));
    const sim = forceSimulation(nodes)
      .force('link', forceLink(links).distance(70).strength(0.4))
      .force('charge', forceManyBody().strength(-160))
      .force('center', forceCenter(W / 2, H / 2))
      .force('x', forceX(W / 2).strength(0.06))
      .force('y', forceY(H / 2).strength(0.09))
      .force('collide', forceCollide<Node>().radius((n) => n.r + 3))
      .stop();
    for (let i = 0; i < 300; i++) sim.tick();
    for (const n of nodes) {
      n.x = Math.max(n.r + 2, Math.min(W - n.r - 2, n.x!));
      n.y = Math.max(n.r + 12, Math.min(H - n.r - 2, n.y!));
    }
    // zoom to the drawing: the viewBox is the nodes' bounding box plus room for labels
    const pad = 40;
    const x0 = Math.min(...nodes.map((n) => n.x! - n.r)) - pad;
    const x1 = Math.max(...nodes.map((n) => n.x! + n.r)) + pad;
    const y0 = Math.min(...nodes.map((n) => n.y! - n.r)) - 20;
    const y1 = Math.max(...nodes.map((n) => n.y! + n.r)) + 10;
    const w = Math.max(x1 - x0, 200);
    const h = Math.max(y1 - y0, 120);
    return { nodes, links, viewBox: `${x0} ${y0} ${w} ${h}` };
  }, [data]);
  if (!layout.nodes.length) return <p class="hint">No actor pairs in these events.</p>;
  return (
    <div>
      <svg class="network" viewBox={layout.viewBox} role="group" aria-label={`Network of ${layout.nodes.length} actors`}>
        {layout.links.map((l) => (
          <line class="edge" x1={l.source.x} y1={l.source.y} x2={l.target.x} y2={l.target.y}
            stroke={l.cooperative >= l.conflictual ? COOP : CONFLICT} stroke-width={Math.min(8, 1 + Math.sqrt(l.weight) * 1.2)}>
            <title>{`${l.source.name} → ${l.target.name}: ${l.weight} event(s), ${l.cooperative} cooperative, ${l.conflictual} conflictual`}</title>
          </line>
        ))}
        {layout.nodes.map((n) => (
          <g key={n.id} class={`node${actor === n.id ? ' selected' : ''}`} transform={`translate(${n.x},${n.y})`} tabIndex={0} role="button"
            data-actor={n.id} aria-label={`${n.name}: ${n.events} event(s); filter by this actor`}
            onClick={() => onActor(n.id)}
            onKeyDown={(k) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); onActor(n.id); } }}>
            <circle r={n.r} />
            <text y={-n.r - 3} text-anchor="middle">{n.name.length > 22 ? n.name.slice(0, 21) + '…' : n.name}</text>
          </g>
        ))}
      </svg>
      <p class="note"><span class="swatch" style={{ background: COOP }} /> mostly cooperative <span class="swatch" style={{ background: CONFLICT }} /> mostly conflictual · node size: events</p>
    </div>
  );
}
