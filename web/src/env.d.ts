/// <reference types="vite/client" />
/** The basemap's vector tiles (vite.config.js): their URL's path with {z}/{x}/{y}, deepest zoom, and layer. */
declare module 'virtual:basemap' {
  export const basemapTiles: string;
  export const basemapMaxZoom: number;
  export const basemapLayer: string;
}
