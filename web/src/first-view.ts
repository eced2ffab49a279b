// The first view as the user sees it: when the list, the timeline, the network and the map's events
// have been put on screen. The desk's marks 'desk-rendered' (the three panels drawn) and
// 'desk-map-drawn' (the map's first events drawn over its basemap) are taken when the page hands its
// frame over, which without a GPU is a few hundred milliseconds before the GPU process (SwiftShader)
// has rastered and shown it. Element Timing reports when an element's text was first shown (its
// frame's presentation): a text of each panel and a cluster's count on the map carry an
// `elementtiming` name, and once all four have been shown 'desk-presented' is marked at the latest
// of them (timed by the browser test and bench/desk.ts, Performance API).
export const SHOWN = { list: 'desk-list', timeline: 'desk-timeline', network: 'desk-network', map: 'desk-map' } as const;

interface ElementTiming extends PerformanceEntry { identifier: string; renderTime: number; loadTime: number }

export function watchFirstView(): void {
  if (!PerformanceObserver.supportedEntryTypes?.includes('element')) return;
  const shown = new Map<string, number>();
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as ElementTiming[]) if (!shown.has(e.identifier)) shown.set(e.identifier, e.renderTime || e.loadTime);
    if (Object.values(SHOWN).every((k) => shown.has(k))) {
      po.disconnect();
      performance.mark('desk-presented', { startTime: Math.max(...shown.values()) });
    }
  });
  po.observe({ type: 'element', buffered: true });
}
