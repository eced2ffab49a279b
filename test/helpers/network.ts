// The network as the API computed it in JavaScript before the stores grouped it in SQL (kept as the
// reference the stores' answers must equal), and a fixture that exercises its corners.
import { QUAD } from '../../src/export/index.js';
import { textArticle } from '../../src/pipeline/doc.js';
import { contentHash } from '../../src/read/index.js';
import type { ActorRef, EventRecord } from '../../src/model/types.js';
import type { ActorNetwork, AggregateRow, NetworkEdge, NetworkNode, Store } from '../../src/store/store.js';

const isCooperative = (type: string) => QUAD[type] === 1 || QUAD[type] === 2;

/** The former query.ts network(), unchanged but for its input type. */
export function referenceNetwork(evs: AggregateRow[], minWeight = 1, opts: { top?: number; edgeEvents?: boolean; byType?: boolean } = {}): ActorNetwork {
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, Required<NetworkEdge>>();
  const ids = opts.edgeEvents === false ? 0 : 50;
  for (const e of evs) {
    const seen = new Set<string>();
    for (const a of [...e.source, ...e.target]) {
      let n = nodes.get(a.id);
      if (!n) nodes.set(a.id, (n = { id: a.id, name: a.name, iso3: a.iso3 ?? null, events: 0 }));
      if (!seen.has(a.id)) { n.events++; seen.add(a.id); }
    }
    for (const s of e.source) {
      for (const t of e.target) {
        if (s.id === t.id) continue;
        const key = `${s.id}\u0000${t.id}`;
        let edge = edges.get(key);
        if (!edge) edges.set(key, (edge = { source: s.id, target: t.id, weight: 0, byType: {}, cooperative: 0, conflictual: 0, events: [] }));
        edge.weight++;
        edge.byType[e.type] = (edge.byType[e.type] ?? 0) + 1;
        if (isCooperative(e.type)) edge.cooperative++;
        else edge.conflictual++;
        if (edge.events.length < ids) edge.events.push(e.id);
      }
    }
  }
  const ranked = [...nodes.values()].sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1));
  const shown = opts.top === undefined ? ranked : ranked.slice(0, opts.top);
  const inShown = new Set(shown.map((n) => n.id));
  const kept = [...edges.values()]
    .filter((x) => x.weight >= minWeight && (opts.top === undefined || (inShown.has(x.source) && inShown.has(x.target))))
    .sort((a, b) => b.weight - a.weight || (a.source + a.target < b.source + b.target ? -1 : 1))
    .map((x) => (ids === 0 ? (({ events: _, ...rest }) => rest)(x) : x))
    .map((x) => (opts.byType === false ? (({ byType: _, ...rest }) => rest)(x) : x));
  return { nodes: shown, edges: kept, actors: ranked.length };
}

const actor = (id: string, name: string, iso3: string | null): ActorRef => ({ id, name, iso3 });
const ACTORS = [
  actor('RUS', 'Russia', 'RUS'), actor('UKR', 'Ukraine', 'UKR'), actor('USA', 'United States', 'USA'),
  actor('QAT', 'Qatar', 'QAT'), actor('local:wagner', 'Wagner Group', null), actor('un-ocha', 'OCHA', null),
];
/** cooperative and conflictual types, and one in both quads' halves */
const TYPES = ['CONSULT', 'AID', 'ASSAULT', 'ACCUSE', 'AGREE', 'PROTEST'];
const PLACES = [{ name: 'Kharkiv', lat: 49.99, lon: 36.23, iso3: 'UKR' }, { name: 'Doha', lat: 25.29, lon: 51.53, iso3: 'QAT' }, null];

/**
 * Fifteen articles of several events each: multiple and repeated actors on a side, an actor on both
 * sides, targetless events, an actor named differently in a later-stored but earlier-dated event,
 * undated and unplaced events, one pair in more than 50 events (the cap on an edge's ids), merged events of
 * several reports, a corrected source and a rejected merged event.
 */
export async function putNetworkFixture(store: Store): Promise<void> {
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const put = async (k: number, published: string, events: Omit<EventRecord, 'id'>[]) => {
    const text = `Report ${k}: Russia, Ukraine and others met and fought.`;
    const a = textArticle(text, published, `Report ${k}`);
    a.url = `https://example.org/net/${k}`;
    a.source = 'example.org';
    a.contentHash = contentHash(text);
    await store.putArticle(a, {
      pipelineVersion: 'test', mentions: [], places: [], times: [], figures: [], messages: [],
      entities: ACTORS.map((x) => ({ id: x.id, name: x.name, kind: x.iso3 ? 'country' as const : 'organisation' as const, iso3: x.iso3, role: null, cameo: null, linked: true })),
      events: events.map((e, i) => ({ ...e, id: `e${i + 1}` })),
    });
  };
  const event = (type: string, source: ActorRef[], target: ActorRef[], day: string | null, place: (typeof PLACES)[number]): Omit<EventRecord, 'id'> => ({
    type, mode: null, context: null, cameo: null, acled: null, modality: rand() < 0.8 ? 'asserted' : 'planned', historical: false, source, target,
    date: day ? { from: day, to: day, precision: 'day', basis: 'own' } : null,
    place: place ? { ...place, geonamesId: null, featureType: 'city' } : null,
    attribution: [], figures: [], evidence: [{ start: 0, end: 10, text: `${source.map((x) => x.name).join(' and ')} ${type.toLowerCase()} talks`, sentence: 1 }],
    trigger: { text: 'met', pattern: 'meet', start: 0, end: 3 }, confidence: 0.5 + rand() / 2,
  });
  for (let k = 0; k < 12; k++) {
    const evs = [];
    for (let i = 0; i < 6; i++) {
      const source = [pick(ACTORS), ...(rand() < 0.3 ? [pick(ACTORS)] : [])];
      const target = rand() < 0.15 ? [] : [pick(ACTORS), ...(rand() < 0.3 ? [pick(ACTORS)] : [])];
      const day = rand() < 0.15 ? null : `2024-0${1 + (k % 6)}-${String(1 + Math.floor(rand() * 20)).padStart(2, '0')}`;
      evs.push(event(pick(TYPES), source, target, day, pick(PLACES)));
    }
    await put(k, `2024-0${1 + (k % 6)}-25`, evs);
  }
  const day = (i: number) => new Date(Date.UTC(2022, 0, 1) + i * 3 * 86_400_000).toISOString().slice(0, 10);
  await put(12, '2022-12-30', Array.from({ length: 55 }, (_, i) => event(i % 2 ? 'ASSAULT' : 'AID', [ACTORS[0]], [ACTORS[1]], day(i), null)));
  // other outlets' reports of the first article's events: merged events of several reports
  const first = (await store.listEvents({ limit: -1 })).filter((e) => e.articleUrl?.endsWith('/net/0'));
  await put(13, '2024-01-26', first.slice(0, 4).map(({ id: _i, articleId: _a, articleUrl: _u, articleTitle: _t, articleSource: _s, published: _p, mergedId: _m, ...e }) => e));
  // stored last, dated first: its names are the ones the network shows
  await put(14, '2021-12-30', [event('AGREE', [actor('UKR', 'Ukrainian government', 'UKR')], [actor('QAT', 'State of Qatar', 'QAT')], '2021-12-29', PLACES[1])]);
  const reports = await store.listEvents({ limit: -1, order: 'asc' });
  await store.addCorrection({ event: reports[3].id, field: 'source', value: [ACTORS[5], ACTORS[2]] }, 'analyst');
  const merged = await store.listMerged({ limit: -1, order: 'asc' });
  await store.addCorrection({ event: merged[5].id, field: 'status', value: 'rejected' }, 'analyst');
}
