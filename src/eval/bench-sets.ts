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
}

/** PLOVER gold-standard records: is the record's event found with the right type (and source country)? */
export function evalPlover(path: string, kb: Knowledge): PloverScore {
  const records = JSON.parse(readFileSync(path, 'utf8')) as any[];
  const s: PloverScore = { records: records.length, typeFound: 0, typeAndSource: 0, typeSourceTarget: 0, eventsPerRecord: 0, byType: {}, misses: [] };
  let total = 0;
  for (const r of records) {
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
      bt.found++;
      // The records code international organisations as "IGO" and NGOs as "NGO" in place of a country.
      // (The records are not consistent between the two: the Red Cross and Amnesty are coded "IGO".)
      const code = (a: { iso3: string | null; kind?: string }) => a.iso3 ?? (a.kind === 'igo' || a.kind === 'ngo' ? 'INTL' : null);
      const has = (codes: Set<unknown>, c: string | null) => !!c && (c === 'INTL' ? codes.has('IGO') || codes.has('NGO') : codes.has(c));
      const withSource = same.filter((e) => e.source.some((a) => has(srcCodes, code(a))));
      if (withSource.length) {
        s.typeAndSource++;
        if (!tarCodes.size || withSource.some((e) => e.target.some((a) => has(tarCodes, code(a))))) s.typeSourceTarget++;
      }
    } else s.misses.push({ id: r.id, type, got: doc.events.map((e) => ploverType(e)) });
  }
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

function nerType(kind: EntityKind | string): string | null {
  switch (kind) {
    case 'person': return 'PER';
    case 'country': case 'place': return 'LOC';
    case 'igo': case 'armed group': case 'party': case 'media': case 'ngo': case 'company': case 'government':
    case 'organisation': case 'military': case 'police': case 'opposition': return 'ORG';
    default: return null;
  }
}

/**
 * wikigold (CoNLL, IOB1): entity-level exact-match precision/recall/F1 on PER, LOC and ORG. Each
 * sentence is joined with single spaces and run through segmentation, actors and places.
 */
export function evalWikigold(path: string, kb: Knowledge, limit = Infinity): NerScore {
  const lines = readFileSync(path, 'utf8').split('\n');
  const sentences: { tokens: string[]; tags: string[] }[] = [];
  let cur = { tokens: [] as string[], tags: [] as string[] };
  for (const line of lines) {
    if (!line.trim()) {
      if (cur.tokens.length) sentences.push(cur);
      cur = { tokens: [], tags: [] };
      continue;
    }
    const sp = line.lastIndexOf(' ');
    const tok = line.slice(0, sp), tag = line.slice(sp + 1);
    if (tok === '-DOCSTART-') continue;
    cur.tokens.push(tok);
    cur.tags.push(tag);
  }
  if (cur.tokens.length) sentences.push(cur);
  const types = ['PER', 'LOC', 'ORG'];
  const by: NerScore['byType'] = Object.fromEntries(types.map((t) => [t, { gold: 0, predicted: 0, correct: 0, f1: 0 }]));
  let gold = 0, predicted = 0, correct = 0;
  for (const s of sentences.slice(0, limit)) {
    const starts: number[] = [];
    let text = '';
    for (const t of s.tokens) {
      if (text) text += ' ';
      starts.push(text.length);
      text += t;
    }
    // Gold spans (IOB1: an entity continues over I- tags of one type until O, another type or B-)
    const goldSpans = new Set<string>();
    for (let i = 0; i < s.tags.length; i++) {
      const tag = s.tags[i];
      if (tag === 'O') continue;
      const type = tag.slice(2);
      let j = i;
      while (j + 1 < s.tags.length && s.tags[j + 1] === `I-${type}`) j++;
      if (types.includes(type)) goldSpans.add(`${starts[i]}:${starts[j] + s.tokens[j].length}:${type}`);
      i = j;
    }
    const doc = analyze(textArticle(text, null), { kb, until: 'places' });
    const pred = new Set<string>();
    const covered: [number, number][] = [];
    for (const m of doc.mentions) {
      const e = doc.entities.get(m.entityId);
      // An unlinked name the gazetteer knows as a place is a place.
      const asPlace = e && !e.linked && doc.places.some((p) => p.start === m.start && p.end === m.end);
      const t = e ? (asPlace ? 'LOC' : nerType(e.kind)) : null;
      if (!t || m.via === 'demonym') continue;
      pred.add(`${m.start}:${m.end}:${t}`);
      covered.push([m.start, m.end]);
    }
    for (const p of doc.places) {
      if (covered.some(([a, b]) => a < p.end && p.start < b)) continue;
      pred.add(`${p.start}:${p.end}:LOC`);
    }
    gold += goldSpans.size;
    predicted += pred.size;
    for (const p of pred) if (goldSpans.has(p)) correct++;
    for (const t of types) {
      const g = [...goldSpans].filter((x) => x.endsWith(t));
      const pr = [...pred].filter((x) => x.endsWith(t));
      by[t].gold += g.length;
      by[t].predicted += pr.length;
      by[t].correct += pr.filter((x) => goldSpans.has(x)).length;
    }
  }
  const f = (c: number, p: number, g: number) => {
    const pr = p ? c / p : 0, rc = g ? c / g : 0;
    return pr + rc ? (2 * pr * rc) / (pr + rc) : 0;
  };
  for (const t of types) by[t].f1 = f(by[t].correct, by[t].predicted, by[t].gold);
  return {
    sentences: Math.min(limit, sentences.length), gold, predicted, correct,
    precision: predicted ? correct / predicted : 0, recall: gold ? correct / gold : 0, f1: f(correct, predicted, gold), byType: by,
  };
}
