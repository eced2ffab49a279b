// The actor network's force layout worked out in a worker of its own (network-worker.ts) rather
// than on the page's thread: from cold code it is a few hundred milliseconds, the largest cost of the
// desk's first drawing after the map's, and it can run while the page's thread sets up the map. Laid
// out once per answer, number of actors and kind of ties.
import type { Network } from './api';
import { simulate, type Layout, type Ties } from './network-sim';

export { H, type Layout, type Link, type Node, type Ties } from './network-sim';

let worker: Worker | null | undefined;
let asked = 0;
const waiting = new Map<number, { resolve: (l: Layout) => void; run: () => Layout }>();
const layouts = new WeakMap<Network, Map<string, Promise<Layout>>>();

/** Every request still waiting laid out here instead: the worker could not be started or failed. */
function withoutWorker(): void {
  worker?.terminate();
  worker = null;
  for (const [id, w] of waiting) { waiting.delete(id); w.resolve(w.run()); }
}

/**
 * Starts the worker ahead of the first layout (main.tsx, as the page starts): a worker starts only at a
 * moment when the page's thread is free, which it seldom is once the answers come and the map is set up.
 */
export function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./network-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
    return null;
  }
  worker.onmessage = (e: MessageEvent<{ id: number; layout: Layout }>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    w.resolve(e.data.layout);
  };
  worker.onerror = withoutWorker;
  return worker;
}

/**
 * The layout of `data`'s top actors with ties of one kind, asked once (the desk asks as soon as the
 * answer comes, the chart when it is drawn, and gets the same). Each tie carries only what the chart
 * reads of it, which is also all the worker is sent.
 */
export function layoutNetwork(data: Network, top: number, ties: Ties): Promise<Layout> {
  let byKey = layouts.get(data);
  if (!byKey) layouts.set(data, (byKey = new Map()));
  const key = `${top} ${ties}`;
  let layout = byKey.get(key);
  if (layout) return layout;
  const sent: Network = {
    nodes: data.nodes,
    edges: data.edges.map(({ source, target, weight, cooperative, conflictual }) => ({ source, target, weight, cooperative, conflictual })),
  };
  const run = () => simulate(sent, top, ties);
  const w = startWorker();
  layout = w ? new Promise<Layout>((resolve) => {
    const id = ++asked;
    waiting.set(id, { resolve, run });
    w.postMessage({ id, data: sent, top, ties });
  }) : Promise.resolve().then(run);
  byKey.set(key, layout);
  return layout;
}
