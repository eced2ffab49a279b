// World map (world-atlas countries-110m, bundled) with events as circles at their place.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { typeColor, type EventRow } from './api';

const W = 800;
const H = 420;
const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
const countries = feature(topo, topo.objects.countries);
const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
const projection = geoNaturalEarth1().fitSize([W, H], { type: 'Sphere' });
const path = geoPath(projection);
const landPaths = countries.features.map((f) => path(f) ?? '');
const borderPath = path(borders) ?? '';
const spherePath = path({ type: 'Sphere' }) ?? '';

export function WorldMap({ events, selected, onSelect }: { events: EventRow[]; selected: string | null; onSelect: (id: string) => void }) {
  const placed = events.filter((e) => e.place);
  return (
    <div>
      <svg class="map" viewBox={`0 0 ${W} ${H}`} role="group" aria-label={`Map of ${placed.length} placed events`}>
        <path d={spherePath} class="sphere" />
        {landPaths.map((d) => <path d={d} class="land" />)}
        <path d={borderPath} class="borders" />
        {placed.map((e) => {
          const p = projection([e.place!.lon, e.place!.lat]);
          if (!p) return null;
          return (
            <circle key={e.id} cx={p[0]} cy={p[1]} r={selected === e.id ? 8 : 5} fill={typeColor(e.type)}
              class={`dot${selected === e.id ? ' selected' : ''}`} data-event={e.id} tabIndex={0} role="button"
              aria-label={`${e.type} at ${e.place!.name}, ${e.date?.from ?? 'undated'}`}
              onClick={() => onSelect(e.id)}
              onKeyDown={(k) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); onSelect(e.id); } }}>
              <title>{`${e.type} — ${e.place!.name} (${e.date?.from ?? 'undated'})`}</title>
            </circle>
          );
        })}
      </svg>
      <p class="note">{placed.length} of {events.length} listed events have a place.</p>
    </div>
  );
}
