// An article segmented on a thread of its own. Loading wink-nlp's model is the biggest single cost
// of a command that analyses one short text (a fifth of `extract` of a sentence), and segmenting
// needs nothing the main thread loads meanwhile (knowledge base, gazetteer, the other stages); the
// result, tokens and sentences with the vocabulary answers for their words, is plain data.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Article } from '../model/types.js';
import { createDoc } from './doc.js';
import { segmentation, useSegmentation, type Segmentation } from './segment.js';

/**
 * Starts segmenting an article on another thread; the promise hands the result to this thread's
 * `segment` (useSegmentation), and rejects with the thread's error, in which case `segment` reads
 * the text itself.
 */
export function segmentInBackground(article: Article): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { segmentArticle: article } });
    worker.once('message', (m: { segmentation?: Segmentation; error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined) { reject(new Error(m.error)); return; }
      useSegmentation(m.segmentation!);
      resolve();
    });
    worker.once('error', reject);
  });
}

if (!isMainThread && parentPort && workerData && 'segmentArticle' in workerData) {
  try {
    parentPort.postMessage({ segmentation: segmentation(createDoc((workerData as { segmentArticle: Article }).segmentArticle)) });
  } catch (e) {
    parentPort.postMessage({ error: (e as Error).message });
  }
}
