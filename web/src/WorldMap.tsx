// World map (world-atlas countries-110m, bundled) with events as circles at their place. Where the
// map is dense, events whose points fall within CLUSTER_PX of each other (greedy, in screen space)
// are drawn as one circle sized by the count; clicking it filters the list to that area (bbox).
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { typeColor, type ListedEvent } from './api';

const W = 800;
const H = 420;
const CLUSTER_PX = 10;
const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
const countries = feature(topo, topo.objects.countries);
const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
const projection = geoNaturalEarth1().fitSize([W, H], { type: 'Sphere' });
const path = geoPath(projection);
const landPaths = countries.features.map((f) => path(f) ?? '');
const borderPath = path(borders) ?? '';
const spherePath = path({ type: 'Sphere' }) ?? '';

interface Point { e: ListedEvent; x: number; y: number }
export interface Cluster { x: number; y: number; members: Point[] }

/** Greedy clustering: each point joins the first cluster whose centre is within `px`, else starts one. */
export function clusterPoints(points: Point[], px = CLUSTER_PX): Cluster[] {
  const out: Cluster[] = [];
  for (const p of points) {
    const c = out.find((k) => Math.hypot(k.x - p.x, k.y - p.y) <= px);
    if (!c) { out.push({ x: p.x, y: p.y, members: [p] }); continue; }
    c.members.push(p);
    c.x = c.members.reduce((s, m) => s + m.x, 0) / c.members.length;
    c.y = c.members.reduce((s, m) => s + m.y, 0) / c.members.length;
  }
  return out;
}

/** minLon,minLat,maxLon,maxLat around the members, padded a little so the points are inside. */
function bboxOf(c: Cluster): string {
  const lons = c.members.map((m) => m.e.place!.lon), lats = c.members.map((m) => m.e.place!.lat);
  const pad = 0.5;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  const lon0 = Math.max(-180, Math.min(...lons) - pad), lon1 = Math.min(180, Math.max(...lons) + pad);
  const lat0 = Math.max(-90, Math.min(...lats) - pad), lat1 = Math.min(90, Math.max(...lats) + pad);
  return [r(lon0), r(lat0), r(lon1), r(lat1)].join(',');
}

const press = (f: () => void) => (k: KeyboardEvent) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); f(); } };

export function WorldMap({ events, selected, onSelect, onArea }: {
  events: ListedEvent[]; selected: string | null; onSelect: (id: string) => void; onArea: (bbox: string) => void;
}) {
  const placed = events.filter((e) => e.place);
  const points: Point[] = [];
  let sel: Point | null = null;
  for (const e of placed) {
    const p = projection([e.place!.lon, e.place!.lat]);
    if (!p) continue;
    // the selected event is always drawn on its own, on top
    if (e.id === selected) sel = { e, x: p[0], y: p[1] }; else points.push({ e, x: p[0], y: p[1] });
  }
  const clusters = clusterPoints(points);
  const single = ({ e, x, y }: Point) => (
    <circle key={e.id} cx={x} cy={y} r={selected === e.id ? 8 : 5} fill={typeColor(e.type)}
      class={`dot${selected === e.id ? ' selected' : ''}`} data-event={e.id} tabIndex={0} role="button"
      aria-label={`${e.type} at ${e.place!.name}, ${e.date?.from ?? 'undated'}`}
      onClick={() => onSelect(e.id)} onKeyDown={press(() => onSelect(e.id))}>
      <title>{`${e.type} — ${e.place!.name} (${e.date?.from ?? 'undated'})`}</title>
    </circle>
  );
  return (
    <div>
      <svg class="map" viewBox={`0 0 ${W} ${H}`} role="group" aria-label={`Map of ${placed.length} placed events`}>
        <path d={spherePath} class="sphere" />
        {landPaths.map((d) => <path d={d} class="land" />)}
        <path d={borderPath} class="borders" />
        {clusters.map((c) => {
          if (c.members.length === 1) return single(c.members[0]);
          const n = c.members.length;
          const types = new Set(c.members.map((m) => m.e.type));
          const names = [...new Set(c.members.map((m) => m.e.place!.name))];
          const where = names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
          const bbox = bboxOf(c);
          return (
            <g key={`c-${c.members[0].e.id}`} class="cluster" transform={`translate(${c.x},${c.y})`} tabIndex={0} role="button"
              data-count={n} data-bbox={bbox} aria-label={`${n} events near ${where}; filter the list to this area`}
              onClick={() => onArea(bbox)} onKeyDown={press(() => onArea(bbox))}>
              <circle r={9 + 3 * Math.sqrt(n)} fill={types.size === 1 ? typeColor([...types][0]) : '#4d5866'} />
              <text dy="0.35em" text-anchor="middle">{n}</text>
              <title>{`${n} events — ${where}`}</title>
            </g>
          );
        })}
        {sel && single(sel)}
      </svg>
      <p class="note">{placed.length} of {events.length} listed events have a place. Numbered circles group nearby events; click one to list only that area.</p>
    </div>
  );
}
