/**
 * Orders to one's own forces. "Chavez ordered troops to seize 11 oil rigs", "Putin ordered the army
 * to attack": the order is no demand made of another party but the act ordered, done by the
 * orderer's state (PLOVER and CAMEO code the seizure or the attack, not a request to the troops).
 */
import type { Doc } from '../model/types.js';
import type { Knowledge } from '../knowledge/index.js';
import { children, span, subject, toInfinitive } from '../syntax/tree.js';
import { phraseSector } from './event-targets.js';
import { countriesInSpan } from './event-args.js';

const ORDER_VERBS = new Set(['order', 'command', 'instruct', 'direct', 'authorize', 'authorise']);
/** Sectors of the bodies a state acts through. */
const FORCES = new Set(['MIL', 'COP', 'SPY']);

export interface ForceOrder {
  /** the order verb */
  verb: number;
  /** the forces ordered (the verb's object) */
  force: number;
  sector: string;
  /** the act ordered (the infinitive) */
  act: number;
}

/** The order to the state's own forces that verb v gives, or null. */
export function forceOrder(doc: Doc, v: number, kb: Knowledge): ForceOrder | null {
  if (v < 0 || !ORDER_VERBS.has(doc.tokens[v].lemma.toLowerCase())) return null;
  const act = children(doc, v, 'xcomp').find((c) => toInfinitive(doc, c));
  if (act === undefined) return null;
  const orderer = countriesIn(doc, subject(doc, v)?.token ?? -1);
  for (const force of children(doc, v, 'obj')) {
    const sector = phraseSector(doc, force, kb)?.sector;
    // ("Niger ordered French troops to leave": another state's forces are told, not commanded)
    const theirs = countriesIn(doc, force);
    if (orderer.size && theirs.size && ![...theirs].some((c) => orderer.has(c))) continue;
    if (sector && FORCES.has(sector)) return { verb: v, force, sector, act };
  }
  return null;
}

/** The countries of the actors named in the phrase token k heads. */
function countriesIn(doc: Doc, k: number): Set<string> {
  return k < 0 ? new Set() : countriesInSpan(doc, ...span(doc, k), new Set());
}

/** The order whose act the verb h is ("to seize" in "ordered troops to seize"), or null. */
export function orderedAct(doc: Doc, h: number, kb: Knowledge): ForceOrder | null {
  const t = doc.tokens[h];
  if (t.deprel !== 'xcomp' || t.head === undefined) return null;
  const o = forceOrder(doc, t.head, kb);
  return o && o.act === h ? o : null;
}
