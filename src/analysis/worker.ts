// A worker thread of the analysis pool (pool.ts): loads the knowledge base and warms the pipeline up
// once, says it is ready, then analyses one article per message.
import { parentPort, workerData } from 'node:worker_threads';
import { serveAnalyses } from './serve.js';

serveAnalyses(parentPort!, workerData as { knowledgeDirs?: string[] });
