// The open evaluation sets of ../shared/bench, read and scored as their READMEs describe.
import { readFileSync } from 'node:fs';
import { analyze } from '../pipeline/index.js';
import { textArticle } from '../pipeline/doc.js';
import type { Knowledge } from '../knowledge/index.js';
import type { EntityKind } from '../model/types.js';
import { ploverType } from '../export/index.js';

const OLD_TO_NEW: Record<string, string> = { DEMAND: 'REQUEST', DISAPPROVE: 'ACCUSE', INVESTIGATE: 'ACCUSE', FIGHT: 'ASSAULT' };

export interface PloverScore {
  records: number;
  typeFound: number;
  typeAndSource: number;
  typeSourceTarget: number;
  /** extracted events per record on average (a high number means noise) */
  eventsPerRecord: number;
  byType: Record<string, { n: number; found: number }>;
  misses: { id: string; type: string; got: string[] }[];
  /**
   * The same scores on two fixed halves (records in even and odd positions): rules are developed
   * looking at the errors of the even half only, and the odd half shows whether they generalise.
   */
  halves: Record<'even' | 'odd', { records: number; typeFound: number; typeAndSource: number; typeSourceTarget: number }>;
}

/** PLOVER gold-standard records: is the record's event found with the right type (and source country)? */
export function evalPlover(path: string, kb: Knowledge): PloverScore {
  const records = JSON.parse(readFileSync(path, 'utf8')) as any[];
  const half = () => ({ records: 0, typeFound: 0, typeAndSource: 0, typeSourceTarget: 0 });
  const s: PloverScore = { records: records.length, typeFound: 0, typeAndSource: 0, typeSourceTarget: 0, eventsPerRecord: 0, byType: {}, misses: [], halves: { even: half(), odd: half() } };
  let total = 0;
  records.forEach((r, index) => {
    const h = s.halves[index % 2 === 0 ? 'even' : 'odd'];
    h.records++;
    const type = OLD_TO_NEW[r.event] ?? r.event;
    const srcCodes = new Set((Array.isArray(r.source) ? r.source : []).map((a: any) => a.code).filter(Boolean));
    const tarCodes = new Set((Array.isArray(r.target) ? r.target : []).map((a: any) => a.code).filter(Boolean));
    const doc = analyze(textArticle(r.text, r.date ?? '2000-01-01'), { kb });
    total += doc.events.length;
    const bt = (s.byType[type] ??= { n: 0, found: 0 });
    bt.n++;
    // Scored on eventwire's PLOVER view (future cooperation folded into AGREE, as PLOVER codes it).
    const same = doc.events.filter((e) => ploverType(e) === type);
    if (same.length) {
      s.typeFound++;
      h.typeFound++;
      bt.found++;
      // The records code international organisations as "IGO" and NGOs as "NGO" in place of a country.
      // (The records are not consistent between the two: the Red Cross and Amnesty are coded "IGO".)
      // (a person is coded by the body he speaks for: "Arab League Secretary-General X" is IGO)
      const code = (a: { iso3: string | null; kind?: string; cameo?: string | null }) => a.iso3 ?? (a.kind === 'igo' || a.kind === 'ngo' || /^(IGO|NGO)/.test(a.cameo ?? '') ? 'INTL' : null);
      const has = (codes: Set<unknown>, c: string | null) => !!c && (c === 'INTL' ? codes.has('IGO') || codes.has('NGO') : codes.has(c));
      const withSource = same.filter((e) => e.source.some((a) => has(srcCodes, code(a))));
      if (withSource.length) {
        s.typeAndSource++;
        h.typeAndSource++;
        if (!tarCodes.size || withSource.some((e) => e.target.some((a) => has(tarCodes, code(a))))) {
          s.typeSourceTarget++;
          h.typeSourceTarget++;
        }
      }
    } else s.misses.push({ id: r.id, type, got: doc.events.map((e) => ploverType(e)) });
  });
  s.eventsPerRecord = total / Math.max(1, records.length);
  return s;
}

export interface NerScore {
  sentences: number;
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  byType: Record<string, { gold: number; predicted: number; correct: number; f1: number }>;
}

export function nerType(kind: EntityKind | string): string | null {
  switch (kind) {
    case 'person': return 'PER';
    case 'country': case 'place': return 'LOC';
    case 'igo': case 'armed group': case 'party': case 'media': case 'ngo': case 'company': case 'government':
    case 'organisation': case 'military': case 'police': case 'opposition': return 'ORG';
    default: return null;
  }
}

/** One wikigold sentence: its gold and predicted entities as "start:end" → type, offsets into its own text. */
export interface NerSentence {
  doc: number;
  text: string;
  gold: Map<string, string>;
  predicted: Map<string, string>;
}

const NER_TYPES = ['PER', 'LOC', 'ORG'];

/**
 * Reads wikigold (CoNLL, IOB1) and runs segmentation, actors and places. With `context:
 * 'document'` each Wikipedia article is analysed whole, one sentence a paragraph, as eventwire
 * reads any article (a later surname can then link to the full name before it); with 'sentence'
 * every sentence is analysed alone.
 */
export function wikigoldPredictions(path: string, kb: Knowledge, context: 'document' | 'sentence' = 'document'): NerSentence[] {
  const docs: { tokens: string[]; tags: string[] }[][] = [[]];
  let cur = { tokens: [] as string[], tags: [] as string[] };
  const flush = () => {
    if (cur.tokens.length) docs[docs.length - 1].push(cur);
    cur = { tokens: [], tags: [] };
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) {
      flush();
      continue;
    }
    const sp = line.lastIndexOf(' ');
    const tok = line.slice(0, sp), tag = line.slice(sp + 1);
    if (tok === '-DOCSTART-') {
      flush();
      if (docs[docs.length - 1].length) docs.push([]);
      continue;
    }
    cur.tokens.push(tok);
    cur.tags.push(tag);
  }
  flush();
  const out: NerSentence[] = [];
  const units = context === 'document' ? docs : docs.flat().map((x) => [x]);
  units.forEach((sentences, d) => {
    // Each sentence joined with single spaces, its gold spans (IOB1: an entity continues over I-
    // tags of one type until O, another type or B-).
    const parts = sentences.map((s) => {
      const starts: number[] = [];
      let text = '';
      for (const t of s.tokens) {
        if (text) text += ' ';
        starts.push(text.length);
        text += t;
      }
      const gold = new Map<string, string>();
      for (let i = 0; i < s.tags.length; i++) {
        if (s.tags[i] === 'O') continue;
        const type = s.tags[i].slice(2);
        let j = i;
        while (j + 1 < s.tags.length && s.tags[j + 1] === `I-${type}`) j++;
        gold.set(`${starts[i]}:${starts[j] + s.tokens[j].length}`, type);
        i = j;
      }
      return { text, gold };
    });
    const offsets: number[] = [];
    let full = '';
    for (const p of parts) {
      if (full) full += '\n\n';
      offsets.push(full.length);
      full += p.text;
    }
    const doc = analyze(textArticle(full, null), { kb, until: 'places' });
    const pred = new Map<string, string>();
    const covered: [number, number][] = [];
    for (const m of doc.mentions) {
      const e = doc.entities.get(m.entityId);
      // An unlinked name the gazetteer knows as a place is a place.
      const asPlace = e && !e.linked && doc.places.some((p) => p.start === m.start && p.end === m.end);
      const t = e ? (asPlace ? 'LOC' : nerType(e.kind)) : null;
      // A country word with a capitalised state body after it ("Israeli Air Force", "US Navy") names
      // that body: the name runs to the end of the head.
      const h = m.head;
      const named = !!h && h.start >= m.end && /^\s*$/.test(full.slice(m.end, h.start)) && h.text.split(/\s+/).every((w) => /^\p{Lu}/u.test(w));
      if (t && h && named) {
        pred.set(`${m.start}:${h.end}`, t);
        covered.push([m.start, h.end]);
        continue;
      }
      if (!t || m.via === 'demonym') continue;
      pred.set(`${m.start}:${m.end}`, t);
      covered.push([m.start, m.end]);
    }
    for (const p of doc.places) {
      // ("the city" refers to a place; it is not a name.)
      if (p.refersTo || covered.some(([a, b]) => a < p.end && p.start < b)) continue;
      pred.set(`${p.start}:${p.end}`, 'LOC');
    }
    parts.forEach((p, k) => {
      const from = offsets[k], to = from + p.text.length;
      const predicted = new Map<string, string>();
      for (const [span, t] of pred) {
        const [a, b] = span.split(':').map(Number);
        if (a >= from && b <= to) predicted.set(`${a - from}:${b - from}`, t);
      }
      out.push({ doc: d, text: p.text, gold: p.gold, predicted });
    });
  });
  return out;
}

/** Entity-level exact-match precision, recall and F1 on PER, LOC and ORG over the given sentences. */
export function scoreNer(sentences: NerSentence[]): NerScore {
  const by: NerScore['byType'] = Object.fromEntries(NER_TYPES.map((t) => [t, { gold: 0, predicted: 0, correct: 0, f1: 0 }]));
  let gold = 0, predicted = 0, correct = 0;
  for (const s of sentences) {
    for (const [span, t] of s.gold) {
      if (!NER_TYPES.includes(t)) continue;
      gold++;
      by[t].gold++;
    }
    for (const [span, t] of s.predicted) {
      predicted++;
      by[t].predicted++;
      if (s.gold.get(span) === t) {
        correct++;
        by[t].correct++;
      }
    }
  }
  const f = (c: number, p: number, g: number) => {
    const pr = p ? c / p : 0, rc = g ? c / g : 0;
    return pr + rc ? (2 * pr * rc) / (pr + rc) : 0;
  };
  for (const t of NER_TYPES) by[t].f1 = f(by[t].correct, by[t].predicted, by[t].gold);
  return {
    sentences: sentences.length, gold, predicted, correct,
    precision: predicted ? correct / predicted : 0, recall: gold ? correct / gold : 0, f1: f(correct, predicted, gold), byType: by,
  };
}

/** wikigold scored with each article as context (the default) or each sentence alone. */
export function evalWikigold(path: string, kb: Knowledge, context: 'document' | 'sentence' = 'document'): NerScore {
  return scoreNer(wikigoldPredictions(path, kb, context));
}
