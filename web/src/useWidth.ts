import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The width of an element in CSS pixels (at least `min`), followed as it resizes. The element is
 * measured as soon as it is in the document, before the browser paints or any other script runs: a
 * ResizeObserver alone reports only at the next frame, and until then a chart drawn at the `initial`
 * guess can be wider than a narrow screen. The element may appear later than the first render (a
 * chart that first shows "no data").
 */
export function useWidth(ref: RefObject<HTMLElement | null>, min: number, initial: number): number {
  const [w, setW] = useState(initial);
  const watched = useRef<{ el: HTMLElement; ro: ResizeObserver } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === (watched.current?.el ?? null)) return;
    watched.current?.ro.disconnect();
    watched.current = null;
    if (!el) return;
    const measure = () => setW(Math.max(min, Math.floor(el.clientWidth)));
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    watched.current = { el, ro };
    measure();
  });
  useEffect(() => () => watched.current?.ro.disconnect(), []);
  return w;
}
