// The CAMEO → PLOVER conversion table (CAMEO2PLOVER-2021.txt): `code: TYPE, mode, context # note`.
import { stripComment, type ImportMessage } from './common.js';

export interface PloverOfCameo {
  plover: string;
  mode?: string;
  context?: string;
}

export interface CameoPloverTable {
  lookup(code: string): PloverOfCameo | null;
  size: number;
}

/**
 * PLOVER modes the table names that eventwire's PLOVER list (plover.json) calls otherwise; a
 * mode eventwire does not list for the type is dropped (the type stays).
 */
const MODE_ALIASES: Record<string, string> = { assassinate: 'targeted', massacre: 'targeted' };

export function parseCameoPlover(text: string, file: string, messages: ImportMessage[] = []): CameoPloverTable {
  const byCode = new Map<string, PloverOfCameo>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripComment(raw).trim();
    if (!line || /^~+$/.test(line)) return;
    const m = /^(\d{2,4})\s*:\s*(.*)$/.exec(line);
    if (!m) {
      messages.push({ file, line: i + 1, message: `not a "code: TYPE, mode, context" line: ${line.slice(0, 60)}` });
      return;
    }
    const [type, mode, context] = m[2].split(',').map((s) => s.trim());
    if (!/^[A-Z]+$/.test(type ?? '')) {
      messages.push({ file, line: i + 1, message: `code ${m[1]}: no PLOVER type` });
      return;
    }
    // Two-digit headers repeat where a CAMEO root splits over two types (08: CONCEDE, 08: RETREAT): the first stands.
    if (byCode.has(m[1])) return;
    const rec: PloverOfCameo = { plover: type };
    if (mode) rec.mode = mode;
    const firstContext = context?.split(';')[0].trim();
    if (firstContext) rec.context = firstContext;
    byCode.set(m[1], rec);
  });
  return {
    size: byCode.size,
    lookup(code: string) {
      for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
        const hit = byCode.get(c);
        if (hit) return hit;
        // 3-digit codes ending in 0 are their root's general code ("080" is "08").
        if (c.length === 3 && c.endsWith('0') && byCode.has(c.slice(0, 2))) return byCode.get(c.slice(0, 2))!;
      }
      return null;
    },
  };
}

/** The table's answer for a code, with its mode checked against eventwire's modes for the type. */
export function ploverFor(table: CameoPloverTable, code: string, modes: Map<string, Set<string>>): PloverOfCameo | null {
  const hit = table.lookup(code);
  if (!hit) return null;
  const out: PloverOfCameo = { plover: hit.plover };
  const mode = hit.mode ? MODE_ALIASES[hit.mode] ?? hit.mode : undefined;
  if (mode && modes.get(hit.plover)?.has(mode)) out.mode = mode;
  if (hit.context) out.context = hit.context;
  return out;
}
