import { render } from 'preact';
import { App } from './App';
import { loadMapCode } from './MapView';
// MapLibre's styles with the desk's own: the map's chunk then depends on no stylesheet, and runs as
// soon as it is asked for instead of after a stylesheet has loaded.
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';

// The map's code is asked for before the desk is first rendered: MapLibre's start (its worker, WebGL)
// then begins while the first API answers are on their way.
loadMapCode();
render(<App />, document.getElementById('app')!);
