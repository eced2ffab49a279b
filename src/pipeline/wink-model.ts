// wink-eng-lite-web-model with a cheaper core-model reader. The package's reader copies its 3 MB
// core model through JSON.stringify and JSON.parse before use, so that each wink-nlp instance owns
// what it later adds to (new words join the lexeme list); that copy is a fifth of what loading
// the tokenizer costs. Here only what an instance changes is copied: the lexeme list (a shallow
// copy: strings do not change) and the small parts (structured clone); the large base64 strings
// are only read. The result is the package's own, field for field (a test compares them); any
// other part of the package is used as it is.
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

/** The core model as the package's load-core-model.js gives it, without its JSON round trip. */
export function readCoreModel(): CoreModel {
  const source = require(CORE_JSON) as CoreModel;
  const { lexicon, xpansions, features: { lexeme, ...features }, ...rest } = source;
  const small = structuredClone({ ...rest, features }) as Record<string, any>;
  // (in the source's key order, as the package's copy has them)
  const fs = {} as CoreModel['features'];
  for (const f of Object.keys(source.features)) (fs as Record<string, Feature>)[f] = f === 'lexeme' ? { list: lexeme.list.slice() } : small.features[f];
  const model = {} as CoreModel;
  for (const k of Object.keys(source)) {
    model[k] = k === 'lexicon' ? u32FromBase64(lexicon as string) : k === 'xpansions' ? u32FromBase64(xpansions as string) : k === 'features' ? fs : small[k];
  }
  // from here on, the package's read-core-model.js and load-core-model.js, step for step
  const { packing, pos } = model;
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

/** The package's model, its core read by readCoreModel. */
export function winkModel(): Record<string, unknown> {
  return Object.assign(Object.create(null), require(PACKAGE), { core: readCoreModel });
}
