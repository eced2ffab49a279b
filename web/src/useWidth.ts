import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The width of an element in CSS pixels (at least `min`), followed as it resizes; null until the
 * element has been measured. It is measured as soon as it is in the document, before the browser
 * paints or any other script runs (a ResizeObserver alone reports only at the next frame), so a chart
 * first renders only the element it is measured by, and draws itself once, at its width: drawn at a
 * guess, it was drawn again at once, and could be wider than a narrow screen until then. The element
 * may appear later than the first render (a chart that first shows "no data").
 */
export function useWidth(ref: RefObject<HTMLElement | null>, min: number): number | null {
  const [w, setW] = useState<number | null>(null);
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
