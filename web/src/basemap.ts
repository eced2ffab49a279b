// The basemap's outlines as GeoJSON, from Natural Earth TopoJSON (world-atlas).
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

type Ring = number[][];
/**
 * A ring that crosses the antimeridian (Chukotka, Fiji) jumps from 180° to -180°, which a flat map
 * draws as a line across the world: its longitudes are made continuous instead (181° and on), which
 * MapLibre draws on the next world copy.
 */
function unwrap(ring: Ring): Ring {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

/** Countries as GeoJSON, without Antarctica (its ring runs along the pole, a band across a flat map). */
export function countries(world: unknown) {
  const topo = world as Topology<{ countries: GeometryCollection }>;
  const fc = feature(topo, topo.objects.countries);
  const features = fc.features.filter((f) => f.id !== '010').map((f) => {
    const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const geometry = g.type === 'Polygon' ? { ...g, coordinates: g.coordinates.map(unwrap) }
      : g.type === 'MultiPolygon' ? { ...g, coordinates: g.coordinates.map((p) => p.map(unwrap)) } : g;
    return { ...f, geometry };
  });
  // Borders and coasts as lines of their own (each once), not as the outlines of the filled polygons,
  // whose edges cut at tile bounds would be drawn too.
  const lines = mesh(topo, topo.objects.countries);
  const borders = { type: 'Feature' as const, properties: {}, geometry: { ...lines, coordinates: lines.coordinates.map(unwrap) } };
  return { land: { ...fc, features }, borders };
}
