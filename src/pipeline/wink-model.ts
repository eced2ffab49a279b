// wink-eng-lite-web-model with a cheaper core-model reader that keeps nothing of the file. The
// package's reader holds the parsed 3 MB core-model JSON for as long as the package is loaded (some
// 5 MB of every analysing thread's heap, beside the model made from it) and copies it through
// JSON.stringify and JSON.parse before each use, so that each wink-nlp instance owns what it later
// adds to (new words join the lexeme list); that copy is a fifth of what loading the tokenizer
// costs. Here each reading parses the file itself, once, into the model an instance owns, and the
// package's other parts are put together as its main module does, without its core reader. The
// result is the package's own, field for field and function for function (a test compares them).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PACKAGE = 'wink-eng-lite-web-model';
const CORE_JSON = `${PACKAGE}/dist/languages/cur/models/eng-core-web-model.json`;

type Hash = Record<string, number>;
interface Feature { list: string[]; hash?: Hash; intrinsicSize?: number; index?: number; maxIndex?: number }
interface CoreModel {
  lexicon: string | Uint32Array;
  xpansions: string | Uint32Array;
  features: Record<string, Feature> & { posClusters: { list: (string | Set<number>)[] } };
  packing: { layout: Record<string, number[]>; efList?: string[] };
  pos: { hash: Hash };
  [k: string]: unknown;
}

const u32FromBase64 = (s: string): Uint32Array => {
  const bytes = Buffer.from(s, 'base64');
  // a fresh, aligned buffer of its own (a small Buffer may sit at any offset of a shared pool)
  return new Uint32Array(Uint8Array.from(bytes).buffer);
};

/** The core model as the package's load-core-model.js gives it, read from the file for this instance alone. */
export function readCoreModel(): CoreModel {
  // the package's read-core-model.js and load-core-model.js, step for step, from the file's own parse
  const model = JSON.parse(readFileSync(require.resolve(CORE_JSON), 'utf8')) as CoreModel;
  model.lexicon = u32FromBase64(model.lexicon as string);
  model.xpansions = u32FromBase64(model.xpansions as string);
  const { packing, pos, features: fs } = model;
  for (const f in packing.layout) {
    if (packing.layout[f][3] !== 0) continue;
    const hash: Hash = Object.create(null);
    fs[f].list.forEach((w, k) => { hash[w] = k; });
    fs[f].hash = hash;
  }
  const lexemes: Hash = Object.create(null);
  fs.lexeme.list.forEach((w, k) => { lexemes[w] = k; });
  fs.lexeme.hash = lexemes;
  const clusters = fs.posClusters.list;
  for (let k = 0; k < clusters.length; k++) clusters[k] = new Set((clusters[k] as string).split('_').map((e) => pos.hash[e] || 0));
  packing.efList = [];
  for (const f in packing.layout) {
    if (packing.layout[f][3] === 0) {
      fs[f].intrinsicSize = fs[f].list.length;
      fs[f].index = fs[f].list.length;
      fs[f].maxIndex = packing.layout[f][1] >>> packing.layout[f][2];
    }
    if (packing.layout[f][4] === 1) packing.efList.push(f);
  }
  fs.lexeme.intrinsicSize = fs.lexeme.list.length;
  fs.lexeme.index = fs.lexeme.list.length;
  return model;
}

/** The package's model (dist/model.js, part for part), its core read by readCoreModel. */
export function winkModel(): Record<string, unknown> {
  const part = (name: string): unknown => require(`${PACKAGE}/dist/${name}.js`);
  const addons = Object.assign(Object.create(null), {
    stem: part('porter-stemmer'), lemmatize: part('lemmatize'), readabilityStats: part('readability-stats'), wordVectors: undefined,
  });
  return Object.assign(Object.create(null), {
    core: readCoreModel, sbd: part('load-sbd-model'), pos: part('load-pos-model'), ner: part('load-ner-model'),
    negation: part('load-negation-model'), sa: part('load-sa-model'), metaCER: part('load-cer-meta-model'), featureFn: part('feature'), addons,
  });
}
