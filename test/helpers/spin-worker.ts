// An analysis thread like the real one (src/analysis/worker.ts), except that an article whose text
// says SPIN-FOREVER never finishes: a stand-in for any analysis that overruns its budget; and one
// that says GROW-FOREVER keeps what it allocates until the thread's heap is full.
import { parentPort, workerData } from 'node:worker_threads';
import { serveAnalyses } from '../../src/analysis/serve.js';

serveAnalyses(parentPort!, workerData, (article) => {
  if (article.text.includes('SPIN-FOREVER')) for (;;) { /* never returns */ }
  if (article.text.includes('GROW-FOREVER')) {
    const kept: number[][] = [];
    for (;;) kept.push(new Array(100_000).fill(kept.length));
  }
});
