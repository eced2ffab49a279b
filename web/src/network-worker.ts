// The actor network's layout away from the page's thread (network-layout.ts), one request at a time.
import type { Network } from './api';
import { simulate, type Ties } from './network-sim';

self.onmessage = (e: MessageEvent<{ id: number; data: Network; top: number; ties: Ties }>) => {
  const { id, data, top, ties } = e.data;
  postMessage({ id, layout: simulate(data, top, ties) });
};
