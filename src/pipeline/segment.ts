import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Doc, Sentence, Token } from '../model/types.js';

// One wink-nlp instance for the process: loading the model costs ~100 ms.
let nlp: ReturnType<typeof winkNLP> | null = null;
export function getNlp(): ReturnType<typeof winkNLP> {
  if (!nlp) nlp = winkNLP(model);
  return nlp;
}

/**
 * Sentences and tokens with POS and lemmas. The whole text is read once (per-call overhead in
 * wink-nlp is high, and its bulk `out` calls are far cheaper than per-token ones); sentences are
 * then cut at block boundaries, so a sentence never spans a caption and a paragraph, and every
 * sentence knows whether it may carry a claim.
 */
export function segment(doc: Doc): void {
  const n = getNlp();
  const its = n.its;
  const text = doc.text;
  if (!text.trim()) return;
  const wd = n.readDoc(text);
  const tokens = wd.tokens();
  const values = tokens.out() as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const pos = tokens.out(its.pos) as string[];
  const lemmas = tokens.out(its.lemma as any) as string[];
  const types = tokens.out(its.type) as string[];
  // wink-nlp keeps every character: a token's offset is the running sum of preceding spaces and values.
  const starts: number[] = new Array(values.length);
  let at = 0;
  for (let k = 0; k < values.length; k++) {
    at += spaces[k].length;
    starts[k] = at;
    at += values[k].length;
  }
  const spans = wd.sentences().out(its.span) as unknown as [number, number][];
  const blocks = doc.article.blocks.length
    ? doc.article.blocks
    : [{ kind: 'paragraph' as const, start: 0, end: text.length, claim: true }];
  let b = 0;
  const blockOf = (offset: number) => {
    while (b < blocks.length - 1 && offset >= blocks[b].end) b++;
    // blocks are sorted; offsets only grow
    return b;
  };
  let current: { block: number; first: number } | null = null;
  const close = () => {
    if (!current || doc.tokens.length === current.first) {
      current = null;
      return;
    }
    const index = doc.sentences.length;
    const first = current.first;
    for (let k = first; k < doc.tokens.length; k++) doc.tokens[k].sentence = index;
    const block = blocks[current.block];
    const s: Sentence = {
      index,
      start: doc.tokens[first].start,
      end: doc.tokens[doc.tokens.length - 1].end,
      tokenStart: first,
      tokenEnd: doc.tokens.length,
      block: current.block,
      claim: block.claim,
      headline: block.kind === 'title',
    };
    doc.sentences.push(s);
    current = null;
  };
  for (const [a, z] of spans) {
    for (let k = a; k <= z; k++) {
      const value = values[k];
      if (types[k] === 'tabCRLF' || !value.trim()) continue;
      const start = starts[k];
      const blk = blockOf(start);
      // Text between blocks (blank lines) belongs to none; a token outside every block is skipped.
      if (start < blocks[blk].start || start >= blocks[blk].end) continue;
      if (current && current.block !== blk) close();
      if (!current) current = { block: blk, first: doc.tokens.length };
      const tok: Token = { start, end: start + value.length, text: value, lemma: String(lemmas[k]).toLowerCase(), pos: pos[k], sentence: -1 };
      doc.tokens.push(tok);
    }
    close();
  }
  close();
}
