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
 * Sentences and tokens with POS and lemmas. Each block is segmented on its own, so a sentence never
 * spans a caption and a paragraph, and every sentence knows whether it may carry a claim.
 */
export function segment(doc: Doc): void {
  const n = getNlp();
  const its = n.its;
  const blocks = doc.article.blocks.length
    ? doc.article.blocks
    : [{ kind: 'paragraph' as const, start: 0, end: doc.text.length, claim: true }];
  blocks.forEach((block, blockIndex) => {
    const slice = doc.text.slice(block.start, block.end);
    if (!slice.trim()) return;
    const wd = n.readDoc(slice);
    // wink-nlp keeps every character: a token's offset is the running sum of preceding spaces and values.
    const local: Token[] = [];
    let pos = 0;
    wd.tokens().each((t: any) => {
      const pre: string = t.out(its.precedingSpaces);
      const value: string = t.out();
      pos += pre.length;
      const type: string = t.out(its.type);
      const start = block.start + pos;
      pos += value.length;
      if (type === 'tabCRLF' || !value.trim()) return;
      local.push({ start, end: start + value.length, text: value, lemma: String(t.out(its.lemma)).toLowerCase(), pos: t.out(its.pos), sentence: -1 });
    });
    // Sentence boundaries from wink, mapped onto our kept tokens through offsets.
    const bounds: [number, number][] = [];
    {
      let p = 0;
      const tokEnds: number[] = [];
      const tokStarts: number[] = [];
      wd.tokens().each((t: any) => {
        p += t.out(its.precedingSpaces).length;
        tokStarts.push(p);
        p += t.out().length;
        tokEnds.push(p);
      });
      wd.sentences().each((s: any) => {
        const [a, b] = s.out(its.span) as [number, number];
        bounds.push([block.start + tokStarts[a], block.start + tokEnds[b]]);
      });
    }
    for (const [s, e] of bounds) {
      const first = doc.tokens.length;
      for (const tok of local) if (tok.start >= s && tok.end <= e) doc.tokens.push(tok);
      if (doc.tokens.length === first) continue;
      const index = doc.sentences.length;
      for (let i = first; i < doc.tokens.length; i++) doc.tokens[i].sentence = index;
      const sentence: Sentence = {
        index,
        start: doc.tokens[first].start,
        end: doc.tokens[doc.tokens.length - 1].end,
        tokenStart: first,
        tokenEnd: doc.tokens.length,
        block: blockIndex,
        claim: block.claim,
        headline: block.kind === 'title',
      };
      doc.sentences.push(sentence);
    }
  });
}
