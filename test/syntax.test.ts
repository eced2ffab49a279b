// The dependency parser: CoNLL-U reading, training (deterministic, on a small treebank sample kept
// in the repo), the model file's format and its errors, the parse stage, and hand-written
// sentences whose subjects, objects, agents, relative clauses and conjuncts are checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ConlluError, readConllu } from '../src/syntax/conllu.js';
import { trainModel } from '../src/syntax/train.js';
import { decodeModel, encodeModel, syntaxModel, SyntaxModelError, syntaxRuntime } from '../src/syntax/model-io.js';
import { Worker } from 'node:worker_threads';
import { tag } from '../src/syntax/tagger.js';
import { parse as parseWords } from '../src/syntax/parser.js';
import { repairTree } from '../src/syntax/repair.js';
import { evaluateTreebank } from '../src/syntax/evaluate.js';
import { analyze } from '../src/pipeline/index.js';
import { textArticle } from '../src/pipeline/doc.js';
import { caseTest, knownGaps, loadCases } from './helpers/cases.js';
import { tempDir } from './helpers/tmp.js';
import { WordClusters } from '../src/syntax/clusters.js';
import { kmeans } from '../src/syntax/build-clusters.js';
import { hashString } from '../src/syntax/hash.js';
import { SparseModel } from '../src/syntax/sparse.js';

const SAMPLE = 'test/fixtures/syntax/ewt-sample.conllu';
const sample = readConllu(readFileSync(SAMPLE, 'utf8'), SAMPLE);
const small = { taggerEpochs: 4, parserEpochs: 6, folds: 1, prune: 0, minCount: 1, minQ: 1, seed: 3 };

test('CoNLL-U reading skips multiword tokens and names the line of a malformed row', () => {
  assert.equal(sample.length, 80);
  const s = readConllu('# text = I don\'t.\n1-2\tdon\'t\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n2\tn\'t\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n\n');
  assert.deepEqual(s[0].forms, ['do', "n't"]);
  assert.throws(() => readConllu('1\tx\tx\tX\n', 'bad.conllu'), (e: Error) => e instanceof ConlluError && /bad\.conllu:1: expected 10/.test(e.message));
  assert.throws(() => readConllu('1\tx\tx\tX\tX\t_\t7\tdep\t_\t_\n\n', 'h.conllu'), /head 7 outside the sentence/);
});

test('training on a treebank sample learns it: the sample parses back with high accuracy', () => {
  const model = decodeModel(encodeModel(trainModel(sample, small)));
  const scores = evaluateTreebank(model, sample);
  assert.ok(scores.uas > 0.9, `UAS on the training sample ${scores.uas}`);
  assert.ok(scores.las > 0.85, `LAS on the training sample ${scores.las}`);
  assert.ok(scores.upos > 0.95, `UPOS on the training sample ${scores.upos}`);
});

test('training twice gives the same model bytes', () => {
  const a = encodeModel(trainModel(sample.slice(0, 40), small));
  const b = encodeModel(trainModel(sample.slice(0, 40), small));
  assert.ok(a.length > 1000);
  assert.ok(a.equals(b), 'model bytes differ between two runs');
});

test('quantised models tag and parse exactly as scoring every feature at every step does', () => {
  // The quantised paths sum a word form's (as itself and as a neighbour), a tokenizer tag's, the tags
  // before a word's, a buffer word's and a stack word's features once and reuse the sums, and keep the
  // features looked up recently (across sentences); a float twin with the same whole-number weights
  // scores every feature each time.
  const words = [...new Set(sample.flatMap((x) => x.forms.map((f) => f.toLowerCase())))];
  const clusters = WordClusters.fromText(words.map((w, i) => `${w}\t${i % 11}\t${i % 4}\n`).join(''));
  const model = decodeModel(encodeModel(trainModel(sample.slice(0, 60), small, () => {}, undefined, clusters)));
  const twin = (m: SparseModel) => new SparseModel(m.classes, m.keys(), m.rowStart, m.cls, Float32Array.from(m.weight), m.scale);
  const tagger = { ...model.tagger, xpos: twin(model.tagger.xpos), upos: twin(model.tagger.upos) };
  const parser = { ...model.parser, moves: twin(model.parser.moves), labeler: twin(model.parser.labeler) };
  assert.ok(model.parser.moves.quantised && !parser.moves.quantised);
  for (const s of sample) {
    const forms = s.forms.map((f, i) => (i % 3 === 0 ? f.toUpperCase() : f));
    const quick = tag(model.tagger, forms, s.upos);
    assert.deepEqual(quick, tag(tagger, forms, s.upos));
    assert.deepEqual(parseWords(model.parser, forms, quick.xpos, quick.upos, s.upos), parseWords(parser, forms, quick.xpos, quick.upos, s.upos));
  }
});

test('word clusters: read from their text form, stored in the model file and read back, malformed lines named', () => {
  const words = [...new Set(sample.flatMap((x) => x.forms.map((f) => f.toLowerCase())))];
  const text = words.map((w, i) => `${w}\t${i % 7}\t${i % 3}\n`).join('');
  const clusters = WordClusters.fromText(text);
  assert.equal(clusters.get(hashString(words[8])), ((8 % 7) + 1) | (((8 % 3) + 1) << 16));
  assert.equal(clusters.get(hashString('no-such-word-here')), 0);
  const bytes = encodeModel(trainModel(sample.slice(0, 20), { ...small, parserEpochs: 2, taggerEpochs: 2 }, () => {}, undefined, clusters));
  const back = decodeModel(bytes);
  assert.ok(back.tagger.clusters && back.parser.clusters === back.tagger.clusters);
  assert.equal(back.tagger.clusters.get(hashString(words[8])), clusters.get(hashString(words[8])));
  assert.ok(encodeModel(back).equals(bytes), 'a model read back encodes to the same bytes');
  assert.throws(() => WordClusters.fromText('war\t3\t1\npeace\tx\t2\n', 'c.txt'), /c\.txt:2: expected word/);
});

test('the shipped model carries the word clusters of models/en-word-clusters.txt', () => {
  const file = join('models', 'en-word-clusters.txt');
  const fromText = WordClusters.fromText(readFileSync(file, 'utf8'), file);
  const shipped = syntaxModel().tagger.clusters;
  assert.ok(shipped, 'the model has no word clusters');
  assert.equal(shipped.keys.length, fromText.keys.length);
  for (const w of ['the', 'shelled', 'militia', 'kyiv', 'ceasefire']) assert.equal(shipped.get(hashString(w)), fromText.get(hashString(w)), w);
  assert.equal(shipped.get(hashString('shelled')) & 0xffff, shipped.get(hashString('bombed')) & 0xffff, 'shelled and bombed share a fine cluster');
});

test('analysis threads parse with the tables the main thread built, in shared memory', async () => {
  // A relative path: this test's runtime-only model does not replace the one the other tests load.
  const rt = syntaxRuntime(join('models', 'en-ewt-parser.bin'));
  assert.ok(rt.moves.table.buffer instanceof SharedArrayBuffer && rt.labeler.entries?.buffer instanceof SharedArrayBuffer);
  const forms = ['Rebels', 'backed', 'by', 'Rwanda', 'seized', 'the', 'town', 'on', 'Sunday', '.'];
  const here = syntaxModel(join('models', 'en-ewt-parser.bin'));
  assert.throws(() => encodeModel(here), /cannot be written/);
  const tags = tag(here.tagger, forms);
  const expected = parseWords(here.parser, forms, tags.xpos, tags.upos);
  const dir = new URL('../src/syntax/', import.meta.url).href;
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const io = await import(workerData.dir + 'model-io.js');
      const { tag } = await import(workerData.dir + 'tagger.js');
      const { parse } = await import(workerData.dir + 'parser.js');
      io.installSyntaxModel(workerData.rt);
      const m = io.syntaxModel(workerData.rt.file);
      const t = tag(m.tagger, workerData.forms);
      parentPort.postMessage({ tags: t, tree: parse(m.parser, workerData.forms, t.xpos, t.upos) });
    })();`;
  const worker = new Worker(code, { eval: true, workerData: { rt, dir, forms } });
  const got = await new Promise<{ tags: unknown; tree: unknown }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  assert.deepEqual(got.tags, tags);
  assert.deepEqual(got.tree, expected);
});

test('k-means puts points that point the same way into one cluster', () => {
  const pts = Float32Array.from([1, 0, 0.99, 0.14, 0, 1, 0.1, 0.995, 0.98, -0.2, -0.05, 0.998]);
  const a = kmeans(pts, 2, 2, 5);
  assert.deepEqual([a[0] === a[1], a[0] === a[4], a[2] === a[3], a[2] === a[5], a[0] !== a[2]], [true, true, true, true, true]);
});

test('a missing, truncated, corrupt or foreign model file gives a named error', () => {
  const dir = tempDir();
  const bytes = encodeModel(trainModel(sample.slice(0, 10), { ...small, parserEpochs: 1, taggerEpochs: 1 }));
  assert.throws(() => syntaxModel(join(dir, 'none.bin')), (e: Error) => e instanceof SyntaxModelError && /none\.bin: file not found/.test(e.message));
  assert.throws(() => decodeModel(bytes.subarray(0, bytes.length - 100), 'cut.bin'), /cut\.bin: checksum mismatch/);
  const flipped = Buffer.from(bytes);
  flipped[flipped.length >> 1] ^= 0xff;
  assert.throws(() => decodeModel(flipped, 'flip.bin'), /flip\.bin: checksum mismatch/);
  assert.throws(() => decodeModel(Buffer.from('PK\u0003\u0004 not a model at all'), 'zip.bin'), /zip\.bin: not an eventwire syntax model/);
});

test('without its model the parse stage fails with the model named and the other stages still run', () => {
  const dir = tempDir();
  const before = process.env.EVENTWIRE_SYNTAX_MODEL;
  process.env.EVENTWIRE_SYNTAX_MODEL = join(dir, 'missing.bin');
  try {
    const doc = analyze(textArticle('Rebels attacked the town on Monday.', '2024-01-03'));
    const failed = doc.messages.find((m) => m.code === 'stage-failed');
    assert.match(failed?.message ?? '', /stage parse failed: syntax model .*missing\.bin: file not found/);
    assert.ok(doc.tokens.length > 0);
    assert.ok(doc.times.length > 0, 'the stages after parse ran');
  } finally {
    if (before === undefined) delete process.env.EVENTWIRE_SYNTAX_MODEL;
    else process.env.EVENTWIRE_SYNTAX_MODEL = before;
  }
});

test('the parse stage gives every token a head inside its sentence and a relation', () => {
  const doc = analyze(textArticle('The ministry said on Tuesday that troops had been deployed. Talks, which began in May, resumed.'), { until: 'parse' });
  for (const s of doc.sentences) {
    let roots = 0;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const t = doc.tokens[k];
      assert.ok(t.deprel, `token ${t.text} has a relation`);
      if (t.head === -1) roots++;
      else assert.ok(t.head! >= s.tokenStart && t.head! < s.tokenEnd, `head of ${t.text} inside its sentence`);
    }
    assert.equal(roots, 1, 'one root per sentence');
  }
});

// Hand-written sentences: each expectation names a dependent word, its relation and its head word
// (the first occurrence of each word in the sentence, or "word#2" for the second).
interface SyntaxCase { id: string; text: string; expect: [string, string, string][]; note?: string }
const cases = loadCases('test/cases/syntax.jsonl') as unknown as SyntaxCase[];

test('there are at least 30 hand-written parse cases', () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
});

const gaps = knownGaps('syntax');

for (const c of cases) {
  caseTest(`parse case ${c.id}: ${c.note ?? c.text.slice(0, 60)}`, c.id, gaps[c.id], () => {
    const doc = analyze(textArticle(c.text), { until: 'parse' });
    const find = (w: string) => {
      const [word, nth] = w.split('#');
      const hits = doc.tokens.map((t, i) => (t.text === word ? i : -1)).filter((i) => i >= 0);
      const k = hits[(Number(nth) || 1) - 1];
      assert.ok(k !== undefined, `word "${w}" in "${c.text}"`);
      return k;
    };
    const got = doc.tokens.map((t) => `${t.text}<-${t.deprel}-${t.head! >= 0 ? doc.tokens[t.head!].text : 'ROOT'}`).join(' ');
    for (const [dep, rel, head] of c.expect) {
      const d = find(dep);
      const t = doc.tokens[d];
      const h = head === 'ROOT' ? -1 : find(head);
      assert.equal(`${dep} ${t.deprel} ${t.head === -1 ? 'ROOT' : doc.tokens[t.head!].text}`, `${dep} ${rel} ${head.split('#')[0]}`, got);
      assert.equal(t.head, h, got);
    }
  });
}

test('eventwire parse prints CoNLL-U with ten columns and character offsets', () => {
  const r = spawnSync(process.execPath, [resolve('bin/eventwire.js'), 'parse', '--format', 'conllu', '-'], { input: 'Police arrested two men.', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split('\t'));
  assert.equal(rows.length, 5);
  for (const row of rows) assert.equal(row.length, 10);
  assert.deepEqual(rows[1].slice(1, 2).concat(rows[1][7]), ['arrested', 'root']);
  assert.match(rows[0][9], /TokenRange=0:6/);
  const tree = spawnSync(process.execPath, [resolve('bin/eventwire.js'), 'parse', '-'], { input: 'Police arrested two men.', encoding: 'utf8' });
  assert.match(tree.stdout, /^arrested VERB root$/m);
  assert.match(tree.stdout, /├─ Police PROPN nsubj|├─ Police NOUN nsubj/);
});

test('tree helpers: a coordinated verb inherits the subject, a relative clause acts through its antecedent, obliques carry their case word', async () => {
  const { subject, obliques, conjuncts, objects, span } = await import('../src/syntax/tree.js');
  const doc = analyze(textArticle('Police arrested the protesters and seized their banners.'), { until: 'parse' });
  const at = (w: string) => doc.tokens.findIndex((t) => t.text === w);
  const seized = at('seized');
  const subj = subject(doc, seized);
  assert.equal(subj && doc.tokens[subj.token].text, 'Police');
  assert.equal(subj?.inherited, true);
  assert.deepEqual(conjuncts(doc, seized).map((k) => doc.tokens[k].text), ['arrested']);
  assert.deepEqual(objects(doc, seized).map((k) => doc.tokens[k].text), ['banners']);
  const rel = analyze(textArticle('The minister who resigned on Friday criticized the plan.'), { until: 'parse' });
  const resigned = rel.tokens.findIndex((t) => t.text === 'resigned');
  assert.equal(rel.tokens[subject(rel, resigned)!.token].text, 'minister');
  assert.deepEqual(obliques(rel, resigned).map((o) => `${o.caseWord} ${rel.tokens[o.token].text}`), ['on Friday']);
  const pass = analyze(textArticle('The town was shelled by government forces.'), { until: 'parse' });
  const shelled = pass.tokens.findIndex((t) => t.text === 'shelled');
  assert.equal(subject(pass, shelled)?.passive, true);
  assert.deepEqual(obliques(pass, shelled).map((o) => `${o.relation} ${o.caseWord}`), ['obl:agent by']);
  const [lo, hi] = span(pass, pass.tokens.findIndex((t) => t.text === 'forces'));
  assert.equal(pass.text.slice(pass.tokens[lo].start, pass.tokens[hi].end), 'by government forces');
});

test('tree helpers read the dependents the parse stage wrote, in text order, however often it runs', async () => {
  const { children, span, forgetTree } = await import('../src/syntax/tree.js');
  const { parse } = await import('../src/pipeline/parse.js');
  // the plain reading of the heads: every token of i's sentence whose head is i
  const scan = (d: typeof doc, i: number, ...rels: string[]) => {
    const s = d.sentences[d.tokens[i].sentence];
    const out: number[] = [];
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const t = d.tokens[k];
      if (t.head === i && (!rels.length || rels.includes(t.deprel!) || rels.includes(t.deprel!.split(':')[0]))) out.push(k);
    }
    return out;
  };
  const same = (d: typeof doc) => d.tokens.forEach((_, i) => {
    assert.deepEqual(children(d, i), scan(d, i));
    assert.deepEqual(children(d, i, 'nsubj', 'obl'), scan(d, i, 'nsubj', 'obl'));
    assert.deepEqual(children(d, i, 'nsubj:pass'), scan(d, i, 'nsubj:pass'));
  });
  const doc = analyze(textArticle('The town was shelled by government forces. Talks, which began in May, resumed on Friday.'), { until: 'segment' });
  assert.deepEqual(children(doc, 3), []);
  parse(doc);
  same(doc);
  const shelled = doc.tokens.findIndex((t) => t.text === 'shelled');
  assert.ok(children(doc, shelled).length > 1);
  // a dependent moved by hand is found under its new head once the index is dropped
  const town = doc.tokens.findIndex((t) => t.text === 'town');
  const resumed = doc.tokens.findIndex((t) => t.text === 'resumed');
  const copy = structuredClone(doc);
  doc.tokens[town].head = doc.tokens.findIndex((t) => t.text === 'forces');
  forgetTree(doc);
  same(doc);
  assert.ok(!children(doc, shelled).includes(town));
  parse(doc);
  same(doc);
  assert.ok(children(doc, shelled).includes(town));
  same(copy);
  // a returned list is the caller's own
  children(doc, shelled).push(-5);
  assert.ok(!children(doc, shelled).includes(-5));
  // a phrase runs from the first to the last token under its head
  const under = (i: number): number[] => [i, ...scan(doc, i).flatMap(under)];
  doc.tokens.forEach((_, i) => assert.deepEqual(span(doc, i), [Math.min(...under(i)), Math.max(...under(i))]));
  assert.ok(span(doc, resumed)[1] > resumed);
});

test('two subjects of one verb with a coordinator between them become one coordinated subject', () => {
  // he and President Tebboune agreed: both words read as nsubj of "agreed", "and" as its cc
  const heads = [5, 5, 4, 5, 0];
  const deprels = ['nsubj', 'cc', 'nmod:desc', 'nsubj', 'root'];
  repairTree(heads, deprels);
  assert.deepEqual(heads, [5, 4, 4, 1, 0]);
  assert.deepEqual(deprels, ['nsubj', 'cc', 'nmod:desc', 'conj', 'root']);
  // without a coordinator between them nothing is changed
  const h2 = [3, 3, 0];
  const d2 = ['nsubj', 'nsubj', 'root'];
  repairTree(h2, d2);
  assert.deepEqual([h2, d2], [[3, 3, 0], ['nsubj', 'nsubj', 'root']]);
});

test('an agent with no "by" before it is a plain oblique; a stranded relative pronoun stays an agent', () => {
  // given directly to John: "John" read as an agent, its case word "to"
  const h2 = [0, 1, 4, 1];
  const d2 = ['root', 'advmod', 'case', 'obl:agent'];
  repairTree(h2, d2, ['given', 'directly', 'to', 'John'], ['VBN', 'RB', 'IN', 'NNP']);
  assert.equal(d2[3], 'obl');
  // the issue that Ireland was gripped by: the relative pronoun is the agent, its "by" stranded
  const h3 = [0, 5, 5, 5, 1, 5];
  const d3 = ['root', 'obl:agent', 'nsubj:pass', 'aux:pass', 'acl:relcl', 'case'];
  repairTree(h3, d3, ['issue', 'that', 'Ireland', 'was', 'gripped', 'by'], ['NN', 'WDT', 'NNP', 'VBD', 'VBN', 'IN']);
  assert.equal(d3[1], 'obl:agent');
});

test('a noun read as the object of a verb becomes the subject of the subjectless finite clause right after it', () => {
  // They noticed the wells were running dry . — "wells" read as the object of "noticed"
  const xpos = ['PRP', 'VBD', 'DT', 'NNS', 'VBD', 'VBG', 'JJ', '.'];
  const forms = ['They', 'noticed', 'the', 'wells', 'were', 'running', 'dry', '.'];
  const heads = [2, 0, 4, 2, 6, 2, 6, 2];
  const deprels = ['nsubj', 'root', 'det', 'obj', 'aux', 'ccomp', 'xcomp', 'punct'];
  repairTree(heads, deprels, forms, xpos);
  assert.deepEqual([heads[3], deprels[3]], [6, 'nsubj']);
  assert.deepEqual([heads[5], deprels[5]], [2, 'ccomp']);
  // with a comma between, the clause is a conjunct of its own: They took the pot , put it down .
  const h2 = [2, 0, 4, 2, 6, 2, 6, 6, 2];
  const d2 = ['nsubj', 'root', 'det', 'obj', 'punct', 'conj', 'obj', 'compound:prt', 'punct'];
  repairTree(h2, d2, ['They', 'took', 'the', 'pot', ',', 'put', 'it', 'down', '.'], ['PRP', 'VBD', 'DT', 'NN', ',', 'VBD', 'PRP', 'RP', '.']);
  assert.deepEqual([h2[3], d2[3], d2[5]], [2, 'obj', 'conj']);
});

test('a bare time noun before a verb\'s subject is a time oblique, not a second subject', () => {
  // But this time the crew was safe .
  const forms = ['But', 'this', 'time', 'the', 'crew', 'was', 'safe', '.'];
  const heads = [7, 3, 7, 5, 7, 7, 0, 7];
  const deprels = ['cc', 'det', 'nsubj', 'det', 'nsubj', 'cop', 'root', 'punct'];
  repairTree(heads, deprels, forms, ['CC', 'DT', 'NN', 'DT', 'NN', 'VBD', 'JJ', '.']);
  assert.deepEqual([deprels[2], deprels[4]], ['obl:unmarked', 'nsubj']);
  // a time noun that is the only subject stays one: The day was long .
  const d2 = ['det', 'nsubj', 'cop', 'root', 'punct'];
  repairTree([2, 4, 4, 0, 4], d2, ['The', 'day', 'was', 'long', '.'], ['DT', 'NN', 'VBD', 'JJ', '.']);
  assert.equal(d2[1], 'nsubj');
});

test('a by-phrase read as modifying a passive participle\'s oblique is the participle\'s agent', () => {
  // Both were fought for security reasons by the US .
  const forms = ['Both', 'were', 'fought', 'for', 'security', 'reasons', 'by', 'the', 'US', '.'];
  const heads = [3, 3, 0, 6, 6, 3, 9, 9, 6, 3];
  const deprels = ['nsubj:pass', 'aux:pass', 'root', 'case', 'compound', 'obl', 'case', 'det', 'nmod', 'punct'];
  repairTree(heads, deprels, forms, ['DT', 'VBD', 'VBN', 'IN', 'NN', 'NNS', 'IN', 'DT', 'NNP', '.']);
  assert.deepEqual([heads[8], deprels[8]], [3, 'obl:agent']);
  // in the active voice the phrase stays where it is: They fought for the reasons given by the US .
  const h2 = [2, 0, 5, 5, 2, 5, 9, 9, 6, 2];
  const d2 = ['nsubj', 'root', 'case', 'det', 'obl', 'acl', 'case', 'det', 'obl', 'punct'];
  repairTree(h2, d2, ['They', 'fought', 'for', 'the', 'reasons', 'given', 'by', 'the', 'US', '.'], ['PRP', 'VBD', 'IN', 'DT', 'NNS', 'VBN', 'IN', 'DT', 'NNP', '.']);
  assert.deepEqual([h2[8], d2[8]], [6, 'obl:agent']);
  const h3 = [2, 0, 4, 2, 7, 7, 4, 2];
  const d3 = ['nsubj', 'root', 'det', 'obj', 'case', 'det', 'nmod', 'punct'];
  repairTree(h3, d3, ['They', 'fought', 'the', 'war', 'by', 'the', 'river', '.'], ['PRP', 'VBD', 'DT', 'NN', 'IN', 'DT', 'NN', '.']);
  assert.deepEqual([h3[6], d3[6]], [4, 'nmod']);
});
