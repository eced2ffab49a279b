// Element Timing's attribute (first-view.ts), on HTML and SVG elements.
import 'preact';

declare module 'preact' {
  namespace JSX {
    interface HTMLAttributes { elementtiming?: string }
    interface SVGAttributes { elementtiming?: string }
  }
}
