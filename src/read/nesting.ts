// Deeply nested markup costs the DOM parser and Readability time and stack in proportion to its
// depth (2,000 nested divs: most of a minute; 50,000 unclosed tags: no end). Before parsing, tags
// below a fixed depth are dropped by one linear scan; their text stays.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', '!doctype']);

/** Elements deeper than this are flattened into their ancestor at this depth. */
export const MAX_HTML_DEPTH = 128;

/** The markup with every tag nested deeper than `maxDepth` removed, and how many tags were. */
export function capNesting(html: string, maxDepth = MAX_HTML_DEPTH): { html: string; dropped: number } {
  // [^<>]* cannot run past the next tag, so an unterminated "<a" costs what its own text costs
  const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*|!doctype)\b[^<>]*>/gi;
  const stack: string[] = [];
  const droppedOpen = new Map<string, number>();
  const cut: [number, number][] = [];
  let dropped = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2].toLowerCase();
    const closing = m[1] === '/';
    if (!closing) {
      if (VOID.has(name) || m[0].endsWith('/>')) continue;
      if (stack.length >= maxDepth) {
        droppedOpen.set(name, (droppedOpen.get(name) ?? 0) + 1);
        cut.push([m.index, m.index + m[0].length]);
        dropped++;
      } else stack.push(name);
      continue;
    }
    // a dropped element lies deeper than every kept one, so its close tag comes first
    const pending = droppedOpen.get(name) ?? 0;
    if (pending > 0) {
      droppedOpen.set(name, pending - 1);
      cut.push([m.index, m.index + m[0].length]);
      continue;
    }
    // a close tag closes its element and whatever was left open inside it
    const at = stack.lastIndexOf(name);
    if (at >= 0) stack.length = at;
  }
  if (!cut.length) return { html, dropped: 0 };
  let out = '';
  let from = 0;
  for (const [s, e] of cut) {
    out += html.slice(from, s) + ' ';
    from = e;
  }
  return { html: out + html.slice(from), dropped };
}

/**
 * What a reader tells the user when its parser gave up on the input: about the input, never about
 * eventwire's code.
 */
export function inputProblem(err: unknown): string {
  if (err instanceof RangeError && /call stack/i.test(err.message)) return 'its markup is nested too deeply to read';
  return 'it is malformed beyond what the reader can recover';
}
