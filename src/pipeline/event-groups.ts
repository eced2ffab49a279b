/**
 * Actor groups: the mentions of a sentence gathered into coordinated phrases, and the actor
 * references a group stands for.
 */
import type { ActorRef, Doc, Entity, Mention, Sentence } from '../model/types.js';
import { mentionsIn } from './doc.js';
import type { Group } from './event-args.js';

function tokenIndexAt(doc: Doc, s: Sentence, offset: number): number {
  for (let k = s.tokenStart; k < s.tokenEnd; k++) if (doc.tokens[k].end > offset) return k;
  return s.tokenEnd - 1;
}

export const TITLE_WORDS = new Set(['president', 'minister', 'prime', 'foreign', 'defence', 'defense', 'secretary', 'leader', 'chancellor', 'king', 'emir', 'general', 'envoy', 'ambassador', 'spokesman', 'spokeswoman', 'chief', 'commander', 'state', 'of', 'deputy', 'vice', 'crown', 'prince', 'supreme']);

/**
 * Mentions in a sentence gathered into coordinated groups: "Russia, Iran, Turkey and Qatar",
 * "President Emmanuel Macron and German Chancellor Olaf Scholz". A demonym or country that
 * only modifies a following person or organisation ("German Chancellor Olaf Scholz",
 * "Iran's state-run IRNA") is folded into it.
 */
/** The sentence's groups, read on the first call only: what both trigger sources and the arguments share. */
export function lazyGroups(doc: Doc, s: Sentence): () => Group[] {
  let groups: Group[] | null = null;
  return () => (groups ??= groupsIn(doc, s));
}

const LOCATING = new Set(['based', 'born', 'headquartered', 'registered']);

export function groupsIn(doc: Doc, s: Sentence): Group[] {
  const ms = mentionsIn(doc, s.index);
  // ("Human Rights Watch, a US-based group": a name joined by a hyphen to "based" or "born" says
  // where someone is, not who acts)
  const located = (to: number) => doc.tokens[to + 1]?.text === '-' && LOCATING.has(doc.tokens[to + 2]?.text.toLowerCase() ?? '');
  const items: { m: Mention; from: number; to: number }[] = ms.map((m) => ({ m, from: tokenIndexAt(doc, s, m.start), to: tokenIndexAt(doc, s, m.end - 1) }))
    .filter((x) => !located(x.to));
  // Drop modifiers absorbed by the next mention.
  const kept: typeof items = [];
  for (let n = 0; n < items.length; n++) {
    const cur = items[n];
    const nxt = items[n + 1];
    if (nxt) {
      const between = doc.tokens.slice(cur.to + 1, nxt.from);
      const onlyTitles = between.every((t) => TITLE_WORDS.has(t.text.toLowerCase()) || t.text === "'s" || t.text === '’s' || t.pos === 'ADJ' || t.text === '-' || t.lemma === 'state' || t.lemma === 'run' || t.lemma === 'news' || t.lemma === 'agency');
      const modifier = cur.m.via === 'demonym' || between.some((t) => t.text === "'s" || t.text === '’s') || (between.length > 0 && between.every((t) => TITLE_WORDS.has(t.text.toLowerCase()) || t.text === '-'));
      const nextIsSpecific = entityOf(doc, nxt.m)?.kind !== 'country';
      if (modifier && onlyTitles && nextIsSpecific && !between.some((t) => t.text === ',' || t.lemma === 'and')) {
        // The absorbed modifier's words now belong to the next mention's phrase.
        nxt.from = cur.from;
        continue;
      }
    }
    kept.push(cur);
  }
  const groups: Group[] = [];
  for (const it of kept) {
    const g = groups[groups.length - 1];
    if (g) {
      const between = doc.tokens.slice(g.to + 1, it.from);
      const coord = between.length > 0 && between.length <= 6 && between.some((t) => t.text === ',' || t.lemma === 'and' || t.lemma === 'or') &&
        between.every((t) => t.text === ',' || t.lemma === 'and' || t.lemma === 'or' || t.pos === 'DET' || TITLE_WORDS.has(t.text.toLowerCase()) || t.pos === 'ADJ' || (t.pos === 'PROPN' && /^[A-Z]/.test(t.text)));
      // (a comma alone joins only what the parse coordinates: in "... to Ukraine, the Dutch defence
      // minister said" the minister is the subject of another verb)
      const commaOnly = coord && !between.some((t) => t.lemma === 'and' || t.lemma === 'or');
      if (commaOnly && !s.headline && !parseJoins(doc, g.to, it.to)) {
        groups.push({ mentions: [it.m], from: it.from, to: it.to });
        continue;
      }
      if (coord || between.length === 0) {
        g.mentions.push(it.m);
        g.to = it.to;
        continue;
      }
    }
    groups.push({ mentions: [it.m], from: it.from, to: it.to });
  }
  return groups;
}

const NP_INNER = new Set(['amod', 'compound', 'flat', 'nmod:poss', 'det', 'nummod', 'case']);

/** The head of the noun phrase token k is in: up through its phrase-internal relations. */
function phraseHead(doc: Doc, k: number): number {
  for (let n = 0; n < 6 && NP_INNER.has(doc.tokens[k].deprel ?? '') && (doc.tokens[k].head ?? -1) >= 0; n++) k = doc.tokens[k].head!;
  return k;
}

/**
 * Whether the parse lets the phrases ending at tokens a and b (a before b) be one list: not where
 * b's phrase is the subject of a predicate a's is not the subject of. Without a parse, the
 * window's reading stands.
 */
function parseJoins(doc: Doc, a: number, b: number): boolean {
  if (doc.tokens[b].head === undefined) return true;
  const ha = phraseHead(doc, a), hb = phraseHead(doc, b);
  // (only a later phrase that is the subject of another predicate is kept apart: headlines and
  // long lists are misparsed too often for more)
  if (!/^nsubj/.test(doc.tokens[hb].deprel ?? '')) return true;
  return doc.tokens[ha].head === doc.tokens[hb].head && doc.tokens[ha].deprel === doc.tokens[hb].deprel;
}

export function entityOf(doc: Doc, m: Mention): Entity | undefined {
  return doc.entities.get(m.entityId);
}

export function refs(doc: Doc, g: Group | null | undefined, media = false): ActorRef[] {
  if (!g) return [];
  const out: ActorRef[] = [];
  for (const m of g.mentions) {
    const e = entityOf(doc, m);
    // (a news outlet reports; it acts only as what is done to: "banned the BBC")
    if (!e || (e.kind === 'media' && !media) || out.some((o) => o.id === e.id)) continue;
    out.push({ id: e.id, name: e.name, iso3: e.iso3, kind: e.kind, cameo: e.cameo });
    // A person acting for an organisation: the organisation acts too (PLOVER codes the UN, not Guterres).
    const org = e.kind === 'person' && e.parent ? doc.entities.get(e.parent) : undefined;
    if (org && !out.some((o) => o.id === org.id)) out.push({ id: org.id, name: org.name, iso3: org.iso3, kind: org.kind, cameo: org.cameo });
  }
  return out;
}
