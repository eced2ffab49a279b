// The parse stage alone, timed over the bench corpus, and (with --dump FILE) every parse written out
// so that a change meant to leave the parser's output alone can be checked word for word:
//
//   node dist/bench/parse-speed.js [--articles N] [--rounds R] [--dump FILE] [--ewt] [--pipeline]
//
// The dump holds, for each bench article's sentences and (with --ewt) each sentence of EWT dev and
// test, one line per sentence: the XPOS, UPOS, head and relation of each word. Two dumps made by two
// builds are compared with `cmp`.
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getNlp } from '../src/pipeline/segment.js';
import { analyze } from '../src/pipeline/index.js';
import { parse } from '../src/pipeline/parse.js';
import { readBuffer } from '../src/read/index.js';
import { parsingModel } from '../src/syntax/model-io.js';
import { readConllu } from '../src/syntax/conllu.js';
import { readSentence } from '../src/syntax/read.js';
import { winkHints } from '../src/syntax/hints.js';
import { packageRoot } from '../src/paths.js';
import type { Doc } from '../src/model/types.js';
import { corpus, speedOptions } from './corpus.js';

const args = process.argv.slice(2);
const { opt, articles: N, rounds: ROUNDS, dump } = speedOptions(args);
const out = dump ? createWriteStream(dump) : null;

const articles = corpus(N).map((d) => readBuffer(Buffer.from(d.text), d.name).articles[0]).filter(Boolean);
const model = parsingModel();
// Segmented documents, parsed again each round (parse overwrites what it sets).
const docs: Doc[] = articles.map((a) => analyze(a, { until: 'segment' }));
const nlp = getNlp();
let winkTokens = 0;
let t = performance.now();
for (const a of articles) winkTokens += nlp.readDoc(a.text).tokens().length();
const floorMs = performance.now() - t;
const parsedTokens = docs.reduce((n, d) => n + d.tokens.length, 0);

for (const d of docs.slice(0, 20)) parse(d); // warm up
// The machine is shared: the best round's wall time, and the least CPU time any round took.
let best = Infinity;
let bestCpu = Infinity;
for (let r = 0; r < ROUNDS; r++) {
  t = performance.now();
  const c = process.cpuUsage();
  for (const d of docs) parse(d);
  const used = process.cpuUsage(c);
  best = Math.min(best, performance.now() - t);
  bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
}
const f = (x: number) => Math.round(x).toLocaleString('en-US');
console.log(`${docs.length} articles, ${f(parsedTokens)} tokens (${f(winkTokens)} wink tokens)`);
console.log(`wink tokenisation (floor): ${f(winkTokens / (floorMs / 1000))} wink tokens/s, ${f(floorMs)} ms`);
console.log(`parse stage, best of ${ROUNDS}: ${f(winkTokens / (best / 1000))} wink tokens/s (${f(parsedTokens / (best / 1000))} own tokens/s), ${f(best)} ms, ${(best / floorMs).toFixed(2)} x floor`);
console.log(`parse stage CPU time, least of ${ROUNDS}: ${f(winkTokens / (bestCpu / 1000))} wink tokens/s, ${f(bestCpu)} ms`);

if (args.includes('--pipeline')) {
  // The whole pipeline (every stage), least CPU time of the rounds, as the bench's `whole pipeline` row.
  const { Knowledge } = await import('../src/knowledge/index.js');
  const kb = Knowledge.load();
  for (const a of articles.slice(0, 20)) analyze(a, { kb });
  let least = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const c = process.cpuUsage();
    for (const a of articles) analyze(a, { kb });
    const used = process.cpuUsage(c);
    least = Math.min(least, (used.user + used.system) / 1000);
  }
  console.log(`whole pipeline CPU time, least of ${ROUNDS}: ${(articles.length / (least / 1000)).toFixed(1)} articles/s, ${f(least)} ms`);
}

if (out) {
  for (const d of docs) {
    for (const s of d.sentences) {
      const words: string[] = [];
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const k = d.tokens[i];
        words.push(`${k.xpos}/${k.upos}/${k.head}/${k.deprel}`);
      }
      out.write(words.join(' ') + '\n');
    }
  }
  if (args.includes('--ewt')) {
    const ewt = resolve(packageRoot(), '..', 'shared', 'data', 'ud-english-ewt');
    for (const split of ['dev', 'test']) {
      const file = join(ewt, `en_ewt-ud-${split}.conllu`);
      if (!existsSync(file)) throw new Error(`${file} not found`);
      for (const s of readConllu(readFileSync(file, 'utf8'), file)) {
        const r = readSentence(model, s.forms, s.hints ?? winkHints(s));
        out.write(s.forms.map((_, i) => `${r.xpos[i]}/${r.upos[i]}/${r.heads[i]}/${r.deprels[i]}`).join(' ') + '\n');
      }
    }
  }
  out.end();
}
