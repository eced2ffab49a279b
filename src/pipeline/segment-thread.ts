// An article segmented on a thread of its own. Loading wink-nlp's model is the biggest single cost
// of a command that analyses one short text (a fifth of `extract` of a sentence), and segmenting
// needs nothing the main thread loads meanwhile (knowledge base, gazetteer, the other stages); the
// result, tokens and sentences with the vocabulary answers for their words, is plain data. The
// thread can be started before the article is read, so that the model loads meanwhile.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Article } from '../model/types.js';
import { createDoc } from './doc.js';
import { getNlp, segmentation, useSegmentation, type Segmentation } from './segment.js';

export interface Segmenter {
  /**
   * Segments an article there; the promise hands the result to this thread's `segment`
   * (useSegmentation), and rejects with the thread's error, in which case `segment` reads the
   * text itself. Once per segmenter.
   */
  segment(article: Article): Promise<void>;
  /** Ends the thread when it is given no article. */
  close(): void;
}

/** Starts a thread that loads wink-nlp's model now and segments the article it is given later. */
export function startSegmenter(): Segmenter {
  const worker = new Worker(new URL(import.meta.url), { workerData: { segmenter: true } });
  // Not waited for until it has an article: a command that ends first is not kept alive by it.
  worker.unref();
  const answer = new Promise<void>((resolve, reject) => {
    worker.once('message', (m: { segmentation?: Segmentation; error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined) { reject(new Error(m.error)); return; }
      useSegmentation(m.segmentation!);
      resolve();
    });
    worker.once('error', reject);
  });
  answer.catch(() => { /* reported to the caller of segment() */ });
  return {
    segment(article) {
      worker.ref();
      worker.postMessage(article);
      return answer;
    },
    close() {
      void worker.terminate();
    },
  };
}

/** Segments an article on another thread (startSegmenter, then segment). */
export function segmentInBackground(article: Article): Promise<void> {
  return startSegmenter().segment(article);
}

if (!isMainThread && parentPort && workerData && (workerData as { segmenter?: boolean }).segmenter) {
  const port = parentPort;
  let loadError: string | null = null;
  try {
    getNlp(); // while the article is read; the port keeps it until a listener is added
  } catch (e) {
    loadError = (e as Error).message;
  }
  port.once('message', (article: Article) => {
    try {
      if (loadError !== null) throw new Error(loadError);
      port.postMessage({ segmentation: segmentation(createDoc(article)) });
    } catch (e) {
      port.postMessage({ error: (e as Error).message });
    }
  });
}
