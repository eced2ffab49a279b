// An analysis thread like the real one (src/analysis/worker.ts), except that an article whose text
// says SPIN-FOREVER never finishes: a stand-in for any analysis that overruns its budget.
import { parentPort, workerData } from 'node:worker_threads';
import { serveAnalyses } from '../../src/analysis/serve.js';

serveAnalyses(parentPort!, workerData, (article) => {
  if (article.text.includes('SPIN-FOREVER')) for (;;) { /* never returns */ }
});
