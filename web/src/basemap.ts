// The basemap's outlines as GeoJSON, from Natural Earth TopoJSON (world-atlas). Made when the UI is
// built (vite.config.js), not in the browser, and cut into vector tiles there (basemap-tiles.ts).
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

type Ring = number[][];
/** Coordinates to 1/1000 of a degree (about 100 m): finer than the finest outlines (1:50m) show. */
const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * A ring that crosses the antimeridian (Chukotka, Fiji) jumps from 180° to -180°, which a flat map
 * draws as a line across the world: its longitudes are made continuous instead (181° and on); the
 * tiles are cut with the part past 180° carried over to the world's western edge (geojson-vt's wrap),
 * where the map, which draws the world once, shows it.
 */
function unwrap(ring: Ring): Ring {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    return [round(lon + shift), round(lat)];
  });
}

/**
 * Countries (`kind: land`) without Antarctica (its ring runs along the pole, a band across a flat map),
 * and their borders and coasts (`kind: border`) as lines of their own, each once: not the outlines of
 * the filled polygons, whose edges cut at tile bounds would be drawn too.
 */
export function basemap(world: unknown): GeoJSON.FeatureCollection {
  const topo = world as Topology<{ countries: GeometryCollection }>;
  const land = feature(topo, topo.objects.countries).features.filter((f) => f.id !== '010').map((f) => {
    const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const geometry = g.type === 'Polygon' ? { ...g, coordinates: g.coordinates.map(unwrap) }
      : g.type === 'MultiPolygon' ? { ...g, coordinates: g.coordinates.map((p) => p.map(unwrap)) } : g;
    return { type: 'Feature' as const, properties: { kind: 'land' }, geometry };
  });
  const lines = mesh(topo, topo.objects.countries);
  const borders = { type: 'Feature' as const, properties: { kind: 'border' }, geometry: { ...lines, coordinates: lines.coordinates.map(unwrap) } };
  return { type: 'FeatureCollection', features: [...land, borders] };
}
