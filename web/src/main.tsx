import { render } from 'preact';
import { App, askFirstView } from './App';
import { loadMapCode } from './MapView';
import { startMapWorker } from './map-worker';
import { startWorker as startNetworkWorker } from './network-layout';
import { watchFirstView } from './first-view';
// MapLibre's styles with the desk's own: the map's chunk then depends on no stylesheet, and runs as
// soon as it is asked for instead of after a stylesheet has loaded.
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';

// when the first view has been shown (the Performance API's 'desk-presented')
watchFirstView();
// The map's worker first, then the network's: each needs a moment of this thread to start, which it
// has only now (map-worker.ts).
startMapWorker();
startNetworkWorker();
// the first view's answers are asked for before the desk is first rendered (App.tsx)
askFirstView();
// The map's code is asked for before the desk is first rendered: MapLibre's start (its worker, WebGL)
// then begins while the first API answers are on their way.
loadMapCode();
// The map's worker and basemap, fetched by the page's links into the browser's cache for the map's
// worker to find there (web/vite.config.js): claimed here, else the browser reports them unused.
for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel=preload][as=fetch]')) fetch(link.href).catch(() => {});
render(<App />, document.getElementById('app')!);
