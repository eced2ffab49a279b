// The map itself: MapLibre GL (WebGL) over an offline basemap of Natural Earth countries (world-atlas,
// cut into vector tiles when the UI is built: no glyphs, nothing fetched from elsewhere). Loaded as a
// chunk of its own, so that the list, timeline and network do not wait for MapLibre to be parsed and set up.
//
// The events come grouped (one feature per place, type and precision, with its count `n`); the
// GeoJSON source clusters them, summing `n`. Clusters are buttons over the map (reachable from the
// keyboard, counts drawn without a glyph server) that zoom in until they split. Single places are
// circles coloured by type, drawn by how precisely their place is known: a town (solid dot), a region
// (larger, half-filled) or only a country (its centroid: a wide pale ring).
import {
  Map as MlMap, Marker, NavigationControl, Popup, prewarm, setWorkerUrl,
  type GeoJSONSource, type LayerSpecification, type LngLatBoundsLike, type StyleSpecification, type VectorSourceSpecification,
} from 'maplibre-gl';
import { basemapLayer, basemapMaxZoom, basemapTiles } from 'virtual:basemap';
import { TYPE_COLORS, type MapPoints } from './api';
import { SHOWN } from './first-view';
// The worker as a file of its own, served from the same origin (CSP: worker-src 'self'), started by
// main.tsx before this code has been parsed.
import { adoptMapWorker, workerUrl } from './map-worker';

setWorkerUrl(workerUrl);
// kept for every map of the page (not ended with the last one), and the one started early if there is one
adoptMapWorker(prewarm);
// the phases of the map's start (code, created, style loaded, events drawn), timed by bench/desk.ts
performance.mark('desk-map-code');

const EMPTY: MapPoints = { type: 'FeatureCollection', features: [], unplaced: 0, total: 0 };
const TYPE_COLOR = ['match', ['get', 'type'], ...Object.entries(TYPE_COLORS).flat(), '#888'];
const POINT_LAYERS = ['ev-points'];
/** A value by how precisely a point's place is known: its town, its region, or only its country. */
const byPrecision = (country: unknown, region: unknown, town: unknown) => ['match', ['get', 'precision'], 'country', country, 'region', region, town];
/**
 * How long a map built before its events have come waits for them before it draws the basemap where
 * it stands: tiles asked for at a guessed view are cut, drawn and then dropped when the events frame
 * the map elsewhere, which without a GPU costs as much as the tiles that are kept.
 */
const BASEMAP_WAIT_MS = 1000;
// the coarse outlines at world scale, the finer ones from zoom 3 on; past the deepest tiles the map enlarges them
const BASEMAP_SOURCE: VectorSourceSpecification = { type: 'vector', tiles: [location.origin + basemapTiles], maxzoom: basemapMaxZoom };
const BASEMAP_LAYERS = [
  { id: 'land', type: 'fill', source: 'basemap', 'source-layer': basemapLayer, filter: ['==', ['get', 'kind'], 'land'],
    paint: { 'fill-color': '#f1eee6', 'fill-antialias': false } },
  { id: 'borders', type: 'line', source: 'basemap', 'source-layer': basemapLayer, filter: ['==', ['get', 'kind'], 'border'],
    paint: { 'line-color': '#9d988a', 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.4, 6, 1.4] } },
] as LayerSpecification[];

/** The events' layers, over the basemap's (added to them when it is drawn). */
const STYLE = {
  version: 8,
  sources: {
    events: { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 42, clusterMaxZoom: 12, clusterProperties: { n: ['+', ['get', 'n']] } },
  },
  layers: [
    // not drawn (nothing to draw: MapLibre skips it), but queried: what the cluster buttons are placed
    // from (the clusters in view at the current zoom, none of other zooms)
    { id: 'clusters', type: 'circle', source: 'events', filter: ['has', 'point_count'], paint: { 'circle-radius': 16, 'circle-opacity': 0, 'circle-stroke-width': 0 } },
    // Single places, one layer for every precision (one WebGL program to compile and one draw per
    // tile, where a layer per precision needed a program for each way its paint varies): a town is a
    // solid dot, a region larger and half-filled, a country only a wide pale ring; towns drawn on top.
    { id: 'ev-points', type: 'circle', source: 'events', filter: ['!', ['has', 'point_count']],
      layout: { 'circle-sort-key': byPrecision(0, 1, 2) },
      paint: {
        'circle-radius': byPrecision(12, 8, 6), 'circle-color': TYPE_COLOR, 'circle-opacity': byPrecision(0.15, 0.5, 1),
        'circle-stroke-color': byPrecision(TYPE_COLOR, TYPE_COLOR, '#fff'), 'circle-stroke-width': byPrecision(2.5, 2, 1.5),
      } },
    { id: 'ev-selected', type: 'circle', source: 'events', filter: ['==', ['get', 'id'], ''],
      paint: { 'circle-radius': 11, 'circle-opacity': 0, 'circle-stroke-color': '#111', 'circle-stroke-width': 3 } },
  ],
} as unknown as StyleSpecification;

export function bounds(fc: MapPoints): LngLatBoundsLike | null {
  if (!fc.features.length) return null;
  let [x0, y0, x1, y1] = [180, 90, -180, -90];
  for (const f of fc.features) {
    const [x, y] = f.geometry.coordinates;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return [[x0, y0], [x1, y1]];
}

export interface MapHandlers {
  ready: () => void;
  /** one event's place: open it */
  select: (id: string) => void;
  /** several events at one place: list them (a small box around it) */
  area: (bbox: [number, number, number, number]) => void;
  failed: (message: string) => void;
  /** the first frame is drawn: the first tiles and events have gone to the worker */
  started: () => void;
}

export interface DeskMap {
  map: MlMap;
  setPoints(points: MapPoints | null): void;
  setSelected(id: string | null): void;
  fitAll(points: MapPoints | null): void;
  remove(): void;
}

/**
 * Builds the map in `container`, showing `first` (the events it opens with: drawn with the first
 * tiles, framed from the start, so that nothing is tiled and drawn twice); throws when there is no WebGL.
 * Without them, the map sets up WebGL and its worker meanwhile, and draws no basemap until they come
 * (or BASEMAP_WAIT_MS has passed).
 */
export function createMap(container: HTMLDivElement, first: MapPoints | null, on: MapHandlers): DeskMap {
  const b = first && bounds(first);
  const style = {
    ...STYLE,
    sources: { ...(first ? { basemap: BASEMAP_SOURCE } : {}), events: { ...STYLE.sources.events, data: first ?? EMPTY } },
    layers: [...(first ? BASEMAP_LAYERS : []), ...STYLE.layers],
  } as unknown as StyleSpecification;
  // The world drawn once: at world scale (events from Fiji to Samoa frame the map at about zoom 0.9)
  // a copy to either side put two more of each tile of the basemap and the events in view, each
  // decoded, uploaded and drawn again, for slivers at the map's edges.
  const map = new MlMap({
    container, style, minZoom: 0.5, maxZoom: 14,
    ...(b ? { bounds: b, fitBoundsOptions: { padding: 40, maxZoom: 5 } } : { center: [20, 25], zoom: 1 }),
    attributionControl: false, dragRotate: false, pitchWithRotate: false, renderWorldCopies: false,
  });
  performance.mark('desk-map-created');
  // MapLibre draws its sky over the whole canvas, below the map, in every frame; seen from straight
  // above (the desk's map is not pitched unless from the keyboard) it is hidden behind the horizon and
  // draws nothing. Without a GPU it still costs a pass over every pixel of each frame, and a program to
  // compile before the first, which held the first frame up by a tenth of a second or more.
  // (the painter is MapLibre's own, not its public API: a version without it keeps its sky)
  const painter = map.painter;
  const drawSky = painter?.drawFunctions?.sky;
  if (drawSky) painter.drawFunctions = { ...painter.drawFunctions, sky: (...a) => { if (map.getPitch() > 0) drawSky(...a); } };
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.touchZoomRotate.disableRotation();
  const markers = new Map<number, Marker>();
  const popup = new Popup({ closeButton: false, closeOnClick: false, offset: 10 });
  // for scripted checks (the browser test's timing of pan and zoom)
  (container as HTMLDivElement & { map?: MlMap }).map = map;
  /** the style is loaded: its sources take data and filters (tiles may still be on their way) */
  let styled = false;
  let fitted = b !== null;
  let shown = first;
  /** set while the first events given to the map are not drawn yet */
  let drawing = b !== null;
  let based = first !== null;
  const addBasemap = () => {
    if (based || !styled) return;
    based = true;
    map.addSource('basemap', BASEMAP_SOURCE);
    for (const layer of BASEMAP_LAYERS) map.addLayer(layer, 'clusters');
  };

  // Clusters as buttons: placed where the source's clusters are, rebuilt when the view settles.
  const syncClusters = () => {
    const seen = new Set<number>();
    for (const f of map.queryRenderedFeatures({ layers: ['clusters'] })) {
      const id = f.properties.cluster_id as number;
      if (seen.has(id)) continue;
      seen.add(id);
      if (markers.has(id)) continue;
      const n = (f.properties.n ?? f.properties.point_count) as number;
      const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
      const el = document.createElement('button');
      el.type = 'button';
      el.className = 'cluster-marker';
      // the map's events as shown on screen (first-view.ts)
      el.setAttribute('elementtiming', SHOWN.map);
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
  // Events that come before the first tiles are drawn go to the worker at once, to be tiled and drawn
  // with the basemap, not after it.
  map.once('style.load', () => {
    styled = true;
    if (!based) setTimeout(addBasemap, BASEMAP_WAIT_MS);
    on.ready();
    map.once('render', () => on.started());
  });
  // The view has settled and its tiles are drawn: the rendered clusters are the current ones.
  map.on('idle', () => {
    // the map with its basemap drawn (for the first time)
    if (based && !container.dataset.ready) {
      performance.mark('desk-map-loaded');
      container.dataset.ready = '1';
    }
    syncClusters();
    if (drawing) { performance.mark('desk-map-drawn'); drawing = false; }
    container.dataset.zoom = map.getZoom().toFixed(2);
  });
  map.on('click', POINT_LAYERS, (e) => {
    const p = e.features?.[0]?.properties;
    if (!p?.id) return;
    if (Number(p.n ?? 1) <= 1) { on.select(String(p.id)); return; }
    const [lon, lat] = (e.features![0].geometry as GeoJSON.Point).coordinates;
    const d = 0.001;
    on.area([lon - d, lat - d, lon + d, lat + d]);
  });
  map.on('mousemove', POINT_LAYERS, (e) => {
    const p = e.features?.[0]?.properties;
    if (!p) return;
    map.getCanvas().style.cursor = 'pointer';
    const n = Number(p.n ?? 1);
    popup.setLngLat(e.lngLat)
      .setText(n > 1 ? `${n} ${p.type} events · ${p.place} · latest ${p.date ?? 'undated'} (${p.precision}); click to list the events here`
        : `${p.type} · ${p.place} · ${p.date ?? 'undated'} (${p.precision})`)
      .addTo(map);
  });
  map.on('mouseleave', POINT_LAYERS, () => { map.getCanvas().style.cursor = ''; popup.remove(); });
  map.on('error', (e) => { if (/webgl/i.test(String(e.error?.message))) on.failed(`The map needs WebGL: ${e.error.message}`); });

  return {
    map,
    setPoints(points) {
      if (!styled || points === shown) return;
      shown = points;
      const data = points ?? EMPTY;
      if (!fitted && data.features.length) drawing = true;
      const box = bounds(data);
      if (box && !fitted) {
        fitted = true;
        map.fitBounds(box, { padding: 40, maxZoom: 5, duration: 0 });
      }
      addBasemap();
      (map.getSource('events') as GeoJSONSource).setData(data);
    },
    setSelected(id) {
      if (styled) map.setFilter('ev-selected', ['==', ['get', 'id'], id ?? '']);
    },
    fitAll(points) {
      const box = points && bounds(points);
      if (box) map.fitBounds(box, { padding: 40, maxZoom: 8 });
    },
    remove() {
      for (const m of markers.values()) m.remove();
      map.remove();
    },
  };
}
