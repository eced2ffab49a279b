// The map: MapLibre GL (WebGL) over an offline basemap of Natural Earth countries (world-atlas,
// bundled: no tiles, no glyphs, nothing fetched at run time). The GeoJSON source clusters the
// events; clusters are buttons over the map (reachable from the keyboard, counts drawn without a
// glyph server) that zoom in until they split. Single events are circles coloured by type, drawn by
// how precisely their place is known: a town (solid dot), a region (larger, half-filled) or only a
// country (its centroid: a wide pale ring).
import { Map as MlMap, Marker, NavigationControl, Popup, setWorkerUrl, type GeoJSONSource, type LngLatBoundsLike, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker as a file of its own, served from the same origin (CSP: worker-src 'self').
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { useEffect, useRef, useState } from 'preact/hooks';
import { TYPE_COLORS, type MapPoints } from './api';

setWorkerUrl(workerUrl);

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
function countries(world: unknown) {
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
// The coarse outlines (110m) draw the first view; the finer ones (50m) replace them once the map is up.
const COUNTRIES = countries(world);
const EMPTY: MapPoints = { type: 'FeatureCollection', features: [], unplaced: 0, total: 0 };
const TYPE_COLOR = ['match', ['get', 'type'], ...Object.entries(TYPE_COLORS).flat(), '#888'];
const POINT_LAYERS = ['ev-country', 'ev-region', 'ev-town'];
const single = (precision: string) => ['all', ['!', ['has', 'point_count']], ['==', ['get', 'precision'], precision]];

const STYLE = {
  version: 8,
  sources: {
    countries: { type: 'geojson', data: COUNTRIES.land },
    borders: { type: 'geojson', data: COUNTRIES.borders },
    events: { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 42, clusterMaxZoom: 12 },
  },
  layers: [
    { id: 'sea', type: 'background', paint: { 'background-color': '#dbe7f1' } },
    { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f1eee6', 'fill-antialias': false } },
    { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#9d988a', 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.4, 6, 1.4] } },
    // invisible: what the cluster buttons are placed from (rendered features only, no tiles of other zooms)
    { id: 'clusters', type: 'circle', source: 'events', filter: ['has', 'point_count'], paint: { 'circle-radius': 16, 'circle-opacity': 0.01 } },
    { id: 'ev-country', type: 'circle', source: 'events', filter: single('country'),
      paint: { 'circle-radius': 12, 'circle-color': TYPE_COLOR, 'circle-opacity': 0.15, 'circle-stroke-color': TYPE_COLOR, 'circle-stroke-width': 2.5 } },
    { id: 'ev-region', type: 'circle', source: 'events', filter: single('region'),
      paint: { 'circle-radius': 8, 'circle-color': TYPE_COLOR, 'circle-opacity': 0.5, 'circle-stroke-color': TYPE_COLOR, 'circle-stroke-width': 2 } },
    { id: 'ev-town', type: 'circle', source: 'events', filter: single('town'),
      paint: { 'circle-radius': 6, 'circle-color': TYPE_COLOR, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
    { id: 'ev-selected', type: 'circle', source: 'events', filter: ['==', ['get', 'id'], ''],
      paint: { 'circle-radius': 11, 'circle-opacity': 0, 'circle-stroke-color': '#111', 'circle-stroke-width': 3 } },
  ],
} as unknown as StyleSpecification;

function bounds(fc: MapPoints): LngLatBoundsLike | null {
  if (!fc.features.length) return null;
  let [x0, y0, x1, y1] = [180, 90, -180, -90];
  for (const f of fc.features) {
    const [x, y] = f.geometry.coordinates;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return [[x0, y0], [x1, y1]];
}

const round = (v: number) => Math.round(v * 1000) / 1000;

export function MapView({ points, selected, onSelect, onArea, onUnplaced }: {
  points: MapPoints | null; selected: string | null; onSelect: (id: string) => void;
  onArea: (bbox: string) => void; onUnplaced: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const fitted = useRef(false);
  /** set when the first events are given to the map; cleared when they are drawn */
  const drawn = useRef(false);
  const handlers = useRef({ onSelect, onArea });
  handlers.current = { onSelect, onArea };

  useEffect(() => {
    let map: MlMap;
    try {
      map = new MlMap({
        container: box.current!, style: STYLE, center: [20, 25], zoom: 1, minZoom: 0.5, maxZoom: 14,
        attributionControl: false, dragRotate: false, pitchWithRotate: false, renderWorldCopies: true,
      });
    } catch (e) {
      setFailed(`The map needs WebGL: ${(e as Error).message}`);
      return;
    }
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.touchZoomRotate.disableRotation();
    const markers = new Map<number, Marker>();
    const popup = new Popup({ closeButton: false, closeOnClick: false, offset: 10 });
    const container = box.current!;
    // for scripted checks (the browser test's timing of pan and zoom)
    (container as HTMLDivElement & { map?: MlMap }).map = map;

    // Clusters as buttons: placed where the source's clusters are, rebuilt when the view settles.
    const syncClusters = () => {
      const seen = new Set<number>();
      for (const f of map.queryRenderedFeatures({ layers: ['clusters'] })) {
        const id = f.properties.cluster_id as number;
        if (seen.has(id)) continue;
        seen.add(id);
        if (markers.has(id)) continue;
        const n = f.properties.point_count as number;
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
        const el = document.createElement('button');
        el.type = 'button';
        el.className = 'cluster-marker';
        el.dataset.count = String(n);
        el.textContent = n >= 10000 ? `${Math.round(n / 1000)}k` : String(n);
        const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
        el.style.width = el.style.height = `${size}px`;
        el.setAttribute('aria-label', `${n} events here; zoom in`);
        el.addEventListener('click', async (ev) => {
          ev.stopPropagation();
          const zoom = await (map.getSource('events') as GeoJSONSource).getClusterExpansionZoom(id);
          map.easeTo({ center: [lon, lat], zoom: Math.min(zoom + 0.1, 14), duration: 400 });
        });
        markers.set(id, new Marker({ element: el }).setLngLat([lon, lat]).addTo(map));
      }
      for (const [id, m] of markers) if (!seen.has(id)) { m.remove(); markers.delete(id); }
      container.dataset.clusters = String(markers.size);
    };
    map.on('load', () => {
      container.dataset.ready = '1';
      setReady(true);
      import('world-atlas/countries-50m.json').then((m) => {
        const fine = countries(m.default);
        (map.getSource('countries') as GeoJSONSource | undefined)?.setData(fine.land as never);
        (map.getSource('borders') as GeoJSONSource | undefined)?.setData(fine.borders as never);
      });
    });
    // Once frames stop (the view has settled and its tiles are drawn) the rendered clusters are the current ones.
    let settle = 0;
    map.on('render', () => {
      clearTimeout(settle);
      settle = window.setTimeout(() => {
        if (!mapRef.current) return;
        syncClusters();
        if (drawn.current) { performance.mark('desk-map-drawn'); drawn.current = false; }
        container.dataset.zoom = map.getZoom().toFixed(2);
      }, 120);
    });
    map.on('click', POINT_LAYERS, (e) => {
      const id = e.features?.[0]?.properties?.id;
      if (id) handlers.current.onSelect(String(id));
    });
    map.on('mousemove', POINT_LAYERS, (e) => {
      const p = e.features?.[0]?.properties;
      if (!p) return;
      map.getCanvas().style.cursor = 'pointer';
      popup.setLngLat(e.lngLat).setText(`${p.type} · ${p.place} · ${p.date ?? 'undated'} (${p.precision})`).addTo(map);
    });
    map.on('mouseleave', POINT_LAYERS, () => { map.getCanvas().style.cursor = ''; popup.remove(); });
    map.on('error', (e) => { if (/webgl/i.test(String(e.error?.message))) setFailed(`The map needs WebGL: ${e.error.message}`); });
    return () => { clearTimeout(settle); for (const m of markers.values()) m.remove(); map.remove(); mapRef.current = null; };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const data = points ?? EMPTY;
    if (!fitted.current && data.features.length) drawn.current = true;
    (map.getSource('events') as GeoJSONSource).setData(data);
    const b = bounds(data);
    if (b && !fitted.current) {
      fitted.current = true;
      map.fitBounds(b, { padding: 40, maxZoom: 5, duration: 0 });
    }
  }, [points, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && ready) map.setFilter('ev-selected', ['==', ['get', 'id'], selected ?? '']);
  }, [selected, ready]);

  const fitAll = () => {
    const b = points && bounds(points);
    if (b) mapRef.current?.fitBounds(b, { padding: 40, maxZoom: 8 });
  };
  const listView = () => {
    const map = mapRef.current;
    if (!map) return;
    const b = map.getBounds();
    const lon0 = Math.max(-180, b.getWest()), lon1 = Math.min(180, b.getEast());
    onArea([round(lon0), round(Math.max(-90, b.getSouth())), round(lon1), round(Math.min(90, b.getNorth()))].join(','));
  };
  const placed = points?.features.length ?? 0;
  return (
    <div class="map-wrap">
      <div class="map-tools">
        <button type="button" onClick={fitAll}>Show all events</button>
        <button type="button" onClick={listView} title="filter the list, timeline and network to the area in view">List this area</button>
        {points && points.unplaced > 0 && (
          <button type="button" class="link unplaced" onClick={onUnplaced}>{points.unplaced} event{points.unplaced === 1 ? '' : 's'} without a place</button>
        )}
        <span class="map-legend" aria-label="Symbols">
          <span><i class="sym town" />town</span><span><i class="sym region" />region</span><span><i class="sym country" />country only</span>
        </span>
      </div>
      {failed ? <p class="error" role="alert">{failed}</p> : null}
      <div ref={box} class="map" role="region" aria-label={`Map of ${placed} placed events; numbered buttons are clusters`} />
    </div>
  );
}
