// The basemap as vector tiles cut when the UI is built (vite.config.js): the map's worker then only
// decodes the few small tiles in view, instead of parsing a whole GeoJSON file of the world's outlines
// and cutting it into tiles itself (the largest part of the map's start without a GPU, and, for the
// finer outlines, a pause in the middle of zooming in).
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';

/** The tiles' one layer (the source layer of the map's land and borders). */
export const TILE_LAYER = 'countries';
/** The deepest tiles cut: past it the map enlarges them (the 1:50m outlines show no more detail). */
export const TILES_MAXZOOM = 5;
/** Tiles from this zoom on are cut from the finer outlines; the coarse ones look the same below it, with a fraction of the vertices. */
export const FINE_FROM_ZOOM = 3;
/** MapLibre's tiles are 512 px across, cut at 4096 units. */
const UNITS_PER_PX = 4096 / 512;

export interface Tile { z: number; x: number; y: number; data: Uint8Array }

/**
 * Every tile of zooms 0 to TILES_MAXZOOM, an empty one (no bytes) where no outline reaches, so that
 * the map asks for none that is missing. Outlines are simplified to a pixel and cut with a buffer of
 * 16 px (the borders are at most 1.4 px wide), as the map's worker did with the GeoJSON.
 */
export function basemapTiles(coarse: GeoJSON.FeatureCollection, fine: GeoJSON.FeatureCollection): Tile[] {
  const options = { maxZoom: TILES_MAXZOOM, indexMaxZoom: 0, tolerance: 1 * UNITS_PER_PX, buffer: 16 * UNITS_PER_PX };
  const indexes = [new GeoJSONVT(coarse, options), new GeoJSONVT(fine, options)];
  const tiles: Tile[] = [];
  for (let z = 0; z <= TILES_MAXZOOM; z++) {
    const index = indexes[z < FINE_FROM_ZOOM ? 0 : 1];
    for (let x = 0; x < 2 ** z; x++) {
      for (let y = 0; y < 2 ** z; y++) {
        const t = index.getTile(z, x, y);
        tiles.push({ z, x, y, data: t && t.features.length ? fromGeojsonVt({ [TILE_LAYER]: t }, { version: 2, extent: 4096 }) : new Uint8Array(0) });
      }
    }
  }
  return tiles;
}
