// The actor network's force layout (d3-force, run to rest), run in network-worker.ts (see
// network-layout.ts) or, without workers, on the page's thread.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import type { Network } from './api';

/** the chart's height: the layout is centred on its middle */
export const H = 250;
export type Ties = 'all' | 'cooperative' | 'conflictual';
export interface Node extends SimulationNodeDatum { id: string; name: string; events: number; r: number }
type Edge = Network['edges'][number];
export interface Link { e: Edge; source: Node; target: Node }
export interface Layout { nodes: Node[]; links: Link[] }

/**
 * The force layout of the top actors, run to rest. Every force is the same wherever the drawing is
 * centred, and fit() scales and moves it into the box, so the layout does not depend on the chart's
 * width: it is not run again when the width is first measured, or changes.
 */
export function simulate(data: Network, top: number, ties: Ties): Layout {
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
