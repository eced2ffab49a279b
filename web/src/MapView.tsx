// The map panel: its tools (show all, list this area, events without a place, the symbols' legend) and
// the map, whose code (MapLibre) is a chunk of its own (mapgl.ts), asked for as the desk starts and
// run apart from it, so that the rest of the desk draws without waiting for it.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MapPoints } from './api';
import type { DeskMap } from './mapgl';

let mapCode: Promise<typeof import('./mapgl')> | null = null;
/**
 * The map's code, asked for once: main.tsx asks before the desk is first rendered, so that MapLibre is
 * set up (its worker started, WebGL on its way) while the first API answers are awaited.
 */
export const loadMapCode = () => (mapCode ??= import('./mapgl'));

let started: () => void;
const mapStart = new Promise<void>((resolve) => { started = resolve; });
/**
 * Settles once the map has drawn its first frame, by which it has handed its first work out (its
 * events to cluster and its tiles to cut to the worker, its programs to the GPU), or could not be
 * built; at the latest after `ms`. The desk draws its first answers after that: the map takes longest
 * to show, and the page's thread is then free for the list, the timeline and the network while the
 * map's worker tiles and the GPU draws. (Settling when the map was merely built let those panels take
 * the thread before the map had asked its worker for anything.)
 */
export const mapStarted = (ms: number) => Promise.race([mapStart, new Promise<void>((resolve) => setTimeout(resolve, ms))]);

const round = (v: number) => Math.round(v * 1000) / 1000;
const box = (b: number[]) => b.map(round).join(',');

export function MapView({ points, selected, onSelect, onArea, onUnplaced }: {
  points: MapPoints | null; selected: string | null; onSelect: (id: string) => void;
  onArea: (bbox: string) => void; onUnplaced: () => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const deskMap = useRef<DeskMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const handlers = useRef({ onSelect, onArea });
  handlers.current = { onSelect, onArea };

  const first = useRef(points);
  first.current = points;
  // The map is built as soon as its code is there: setting up WebGL (seconds without a GPU) goes on
  // while the events are on their way. Events already there when it starts are drawn with its first
  // tiles and framed from the start; later ones are framed when they come. (A layout effect: an effect
  // would first wait for the browser's first paint.)
  useLayoutEffect(() => {
    let live = true;
    loadMapCode().then((gl) => {
      if (!live) return;
      try {
        deskMap.current = gl.createMap(el.current!, first.current, {
          ready: () => setReady(true),
          select: (id) => handlers.current.onSelect(id),
          area: (b) => handlers.current.onArea(box(b)),
          failed: setFailed,
          started,
        });
      } catch (e) {
        setFailed(`The map needs WebGL: ${(e as Error).message}`);
        started();
      }
    }, (e: Error) => { started(); if (live) setFailed(`The map could not be loaded: ${e.message}`); });
    return () => { live = false; deskMap.current?.remove(); deskMap.current = null; };
  }, []);

  useEffect(() => { if (ready) deskMap.current?.setPoints(points); }, [points, ready]);
  useEffect(() => { if (ready) deskMap.current?.setSelected(selected); }, [selected, ready]);

  const listView = () => {
    const map = deskMap.current?.map;
    if (!map) return;
    const b = map.getBounds();
    onArea(box([Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()), Math.min(90, b.getNorth())]));
  };
  const placed = points ? points.total - points.unplaced : 0;
  return (
    <div class="map-wrap">
      <div class="map-tools">
        <button type="button" onClick={() => deskMap.current?.fitAll(points)}>Show all events</button>
        <button type="button" onClick={listView} title="filter the list, timeline and network to the area in view">List this area</button>
        {points && points.unplaced > 0 && (
          <button type="button" class="link unplaced" onClick={onUnplaced}>{points.unplaced} event{points.unplaced === 1 ? '' : 's'} without a place</button>
        )}
        <span class="map-legend" aria-label="Symbols">
          <span><i class="sym town" />town</span><span><i class="sym region" />region</span><span><i class="sym country" />country only</span>
        </span>
      </div>
      {failed ? <p class="error" role="alert">{failed}</p> : null}
      <div ref={el} class="map" role="region" aria-label={`Map of ${placed} placed events; numbered buttons are clusters`} />
    </div>
  );
}
