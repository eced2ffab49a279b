/// <reference types="vite/client" />
/** The basemap's prepared outlines (vite.config.js): URLs of GeoJSON files, coarse and fine. */
declare module 'virtual:basemap' {
  export const countries110m: string;
  export const countries50m: string;
}
