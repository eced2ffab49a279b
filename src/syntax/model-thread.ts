// The syntax model read on a thread of its own while the caller does other start-up work (the
// knowledge base, the tokenizer's model): a command that analyses one short text spends a third of
// its time building the model's tables, which need no other part of the pipeline. The tables live in
// shared memory (SyntaxRuntime), so handing them back copies nothing.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { installSyntaxModel, syntaxRuntime, type SyntaxRuntime } from './model-io.js';

/**
 * Starts reading the syntax model on another thread; the promise installs it in this thread (for
 * `syntaxModel()`) once read, and rejects with the reader's error (missing or corrupt file).
 */
export function loadSyntaxModelInBackground(file?: string): Promise<SyntaxRuntime> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { file } });
    worker.once('message', (m: { runtime?: SyntaxRuntime; error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined) { reject(new Error(m.error)); return; }
      installSyntaxModel(m.runtime!);
      resolve(m.runtime!);
    });
    worker.once('error', reject);
  });
}

if (!isMainThread && parentPort && workerData && 'file' in workerData) {
  try {
    parentPort.postMessage({ runtime: syntaxRuntime((workerData as { file?: string }).file) });
  } catch (e) {
    parentPort.postMessage({ error: (e as Error).message });
  }
}
