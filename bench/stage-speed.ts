// The stages other than `parse`, timed one by one (CPU time) over the bench corpus, and (with --dump
// FILE) the whole analysis of every article written out, so that a change meant to leave the output
// alone can be checked byte for byte:
//
//   node dist/bench/stage-speed.js [--articles N] [--rounds R] [--dump FILE] [--no-time]
//
// Each article is segmented and parsed once; every round then runs the later stages, stage by stage
// over all articles, on fresh copies of the parsed documents. `segment` is timed on its own.
import { writeFileSync } from 'node:fs';
import { Knowledge } from '../src/knowledge/index.js';
import { analyze, toAnalysis, STAGES } from '../src/pipeline/index.js';
import { createDoc } from '../src/pipeline/doc.js';
import { readBuffer } from '../src/read/index.js';
import type { Doc } from '../src/model/types.js';
import { corpus, speedOptions } from './corpus.js';

const args = process.argv.slice(2);
const { opt, articles: N, rounds: ROUNDS, dump } = speedOptions(args);
const only = opt('--only', '');

const kb = Knowledge.load();
const articles = corpus(N).map((d) => readBuffer(Buffer.from(d.text), d.name).articles[0]).filter(Boolean);

if (dump) {
  const lines: string[] = [];
  for (const a of articles) lines.push(JSON.stringify(toAnalysis(analyze(a, { kb }))));
  writeFileSync(dump, lines.join('\n') + '\n');
}

if (!args.includes('--no-time')) {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (const a of articles.slice(0, 20)) analyze(a, { kb });
  const parsed: Doc[] = articles.map((a) => analyze(a, { kb, until: 'parse' }));
  const later = STAGES.slice(STAGES.findIndex((s) => s.name === 'parse') + 1).filter((s) => !only || only.split(',').includes(s.name));
  const best = new Map<string, number>();
  const ctx = { kb };
  for (let r = 0; r < ROUNDS; r++) {
    if (!only || only.split(',').includes('segment')) {
      const segment = STAGES[0];
      let t = cpu();
      for (const a of articles) segment.run(createDoc(a), ctx);
      best.set('segment', Math.min(best.get('segment') ?? Infinity, cpu() - t));
    }
    // Fresh copies: the stages write into the document. The article itself is shared.
    const docs = parsed.map((d) => ({ ...structuredClone({ ...d, article: null }), article: d.article }) as Doc);
    for (const stage of later) {
      const t = cpu();
      for (const d of docs) {
        try {
          stage.run(d, ctx);
        } catch {
          // as analyze(): a failing stage does not stop the others
        }
      }
      best.set(stage.name, Math.min(best.get(stage.name) ?? Infinity, cpu() - t));
    }
  }
  const f = (x: number) => Math.round(x).toLocaleString('en-US');
  let total = 0;
  for (const [name, ms] of best) {
    total += ms;
    console.log(`${name.padEnd(8)} ${f(ms).padStart(7)} ms`);
  }
  console.log(`${'total'.padEnd(8)} ${f(total).padStart(7)} ms  (${articles.length} articles, least CPU time of ${ROUNDS} rounds)`);
}
