// The loop a worker thread runs (worker.ts); separate so that a test's worker can reuse it.
import type { MessagePort } from 'node:worker_threads';
import { knowledge } from '../knowledge/index.js';
import type { Article } from '../model/types.js';
import { analyze, type toAnalysis } from '../pipeline/index.js';
import { analyzeBounded } from './bounds.js';
import { readBuffer } from '../read/index.js';
import { installSyntaxModel, type SyntaxRuntime } from '../syntax/model-io.js';
import { useSharedCityIndex, type SharedCityIndex } from '../knowledge/city-index.js';

export interface WorkerSetup {
  knowledgeDirs?: string[];
  /** the parser's tables, shared by the thread that started this one */
  syntax?: SyntaxRuntime;
  /** the gazetteer's city index, read by that thread too */
  cities?: SharedCityIndex;
}
export type ToWorker = { id: number; article: Article };
export type FromWorker = { ready: true } | { id: number; analysis: ReturnType<typeof toAnalysis> } | { id: number; error: string };

/**
 * The first analysis loads the gazetteer and the language model and compiles the hot paths (well
 * over a second): done before the thread reports ready, so no article's time budget pays for it.
 */
function warmUp(kb: ReturnType<typeof knowledge>): void {
  const sample = 'Police in Nairobi arrested 12 protesters on Monday, officials said. ' +
    'Russia and Iran held talks in Geneva on Tuesday, according to state media.';
  const article = readBuffer(Buffer.from(sample), 'warm-up.txt', { published: '2024-06-25' }).articles[0];
  if (article) analyze(article, { kb });
}

export function serveAnalyses(port: Pick<MessagePort, 'on' | 'postMessage'>, setup: WorkerSetup, before?: (a: Article) => void): void {
  if (setup.syntax) installSyntaxModel(setup.syntax);
  if (setup.cities) useSharedCityIndex(setup.cities);
  const kb = knowledge({ extraDirs: setup.knowledgeDirs ?? [] });
  warmUp(kb);
  port.on('message', ({ id, article }: ToWorker) => {
    try {
      before?.(article);
      port.postMessage({ id, analysis: analyzeBounded(article, kb) } satisfies FromWorker);
    } catch (err) {
      port.postMessage({ id, error: (err as Error)?.message ?? String(err) } satisfies FromWorker);
    }
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}
