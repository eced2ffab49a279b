import type { Article, Doc } from '../model/types.js';
import { knowledge, type Knowledge } from '../knowledge/index.js';
import type { Analysis } from '../store/store.js';
import { createDoc } from './doc.js';
import { segment } from './segment.js';
import { parse } from './parse.js';
import { actors, descriptorCoref, dropPlaceNames, localOfficials } from './actors.js';
import { places } from './places.js';
import { placeOwners } from './place-owner.js';
import { times } from './times.js';
import { figures } from './figures.js';
import { events } from './events.js';
import { linkFigures } from './figure-links.js';
import { PIPELINE_VERSION } from './version.js';

export { PIPELINE_VERSION };

export interface StageContext {
  kb: Knowledge;
}

export interface Stage {
  name: string;
  run(doc: Doc, ctx: StageContext): void;
}

/** The pipeline, in order: each stage reads what the ones before it added to the document. */
export const STAGES: Stage[] = [
  { name: 'segment', run: (doc) => segment(doc) },
  { name: 'parse', run: (doc) => parse(doc) },
  { name: 'actors', run: (doc, ctx) => {
    actors(doc, ctx.kb);
    descriptorCoref(doc);
  } },
  { name: 'places', run: (doc) => {
    places(doc);
    placeOwners(doc);
    dropPlaceNames(doc);
    localOfficials(doc);
  } },
  { name: 'times', run: (doc) => times(doc) },
  { name: 'figures', run: (doc, ctx) => figures(doc, ctx.kb) },
  { name: 'events', run: (doc, ctx) => {
    events(doc, ctx.kb);
    linkFigures(doc);
  } },
];

export interface AnalyzeOptions {
  kb?: Knowledge;
  /** run only the stages up to and including this one */
  until?: string;
  /** per-stage timings are added here when given */
  timings?: Map<string, number>;
}

/** Runs every stage over one article. A stage that throws is reported on the document, not fatal. */
export function analyze(article: Article, opts: AnalyzeOptions = {}): Doc {
  // The knowledge base loads on first use: parsing alone does not need it.
  let kb = opts.kb;
  const ctx: StageContext = {
    get kb() {
      return (kb ??= knowledge());
    },
  };
  const doc = createDoc(article);
  for (const stage of STAGES) {
    const t0 = opts.timings ? performance.now() : 0;
    try {
      stage.run(doc, ctx);
    } catch (err) {
      doc.messages.push({ level: 'error', code: 'stage-failed', message: `stage ${stage.name} failed: ${(err as Error).message}` });
    }
    if (opts.timings) opts.timings.set(stage.name, (opts.timings.get(stage.name) ?? 0) + performance.now() - t0);
    if (opts.until === stage.name) break;
  }
  return doc;
}

export function toAnalysis(doc: Doc): Analysis {
  return {
    pipelineVersion: PIPELINE_VERSION,
    entities: [...doc.entities.values()],
    mentions: doc.mentions,
    places: doc.places,
    times: doc.times,
    figures: doc.figures,
    events: doc.events,
    messages: doc.messages,
  };
}
