import type { Doc } from '../model/types.js';
import { parsingModel } from '../syntax/model-io.js';
import { readSentence } from '../syntax/read.js';
import { forgetTree } from '../syntax/tree.js';
import { datelineDash } from './dateline.js';

/**
 * A headline in Title Case (or capitals) gives every word the look of a name, and the tagger reads
 * "Could Travel to Ankara for Talks" as a row of proper nouns. When no word of four or more letters
 * is in lower case, the tagger and parser read the sentence in lower case (the tokens keep their text).
 */
export function titleCased(forms: string[]): string[] {
  let long = 0;
  for (const f of forms) {
    if (f.length < 4 || !/^\p{L}/u.test(f)) continue;
    if (f[0] === f[0].toLowerCase()) return forms;
    long++;
  }
  return long >= 3 ? forms.map((f) => f.toLowerCase()) : forms;
}

/** Longer sentences (run-on lists, tables read as text) are parsed in pieces of this many tokens. */
export const MAX_PARSE_TOKENS = 200;

/**
 * Dependency parse of every sentence: each token gets its head, relation and tags. Parsing works
 * on eventwire's own tokens, which split contractions, possessives and hyphens as the treebank
 * does; the tokenizer's tags are the tagger's hints.
 */
export function parse(doc: Doc): void {
  const model = parsingModel();
  forgetTree(doc);
  for (const s of doc.sentences) {
    if (s.tokenEnd - s.tokenStart > MAX_PARSE_TOKENS) {
      doc.messages.push({
        level: 'warning', code: 'long-sentence',
        message: `sentence of ${s.tokenEnd - s.tokenStart} tokens parsed in pieces of ${MAX_PARSE_TOKENS}`,
        start: s.start, end: s.end,
      });
    }
    // ("BUJUMBURA — Soldiers loyal to … fought …": a dateline is read apart from the sentence it opens,
    // as the treebank has none; its words hang on the sentence's root, the dash as punctuation)
    const opensBlock = s.index === 0 || doc.sentences[s.index - 1].block !== s.block;
    const dash = opensBlock ? datelineDash(doc, s.tokenStart, s.tokenEnd) : -1;
    const pieces: [number, number][] = dash < 0 ? [] : [[s.tokenStart, dash]];
    for (let from = dash < 0 ? s.tokenStart : dash + 1; from < s.tokenEnd; from += MAX_PARSE_TOKENS) pieces.push([from, Math.min(s.tokenEnd, from + MAX_PARSE_TOKENS)]);
    for (const [from, to] of pieces) {
      const toks = doc.tokens.slice(from, to);
      const forms = titleCased(toks.map((t) => t.text));
      const hints = toks.map((t) => t.pos);
      const r = readSentence(model, forms, hints, s.headline);
      toks.forEach((t, i) => {
        t.xpos = r.xpos[i];
        t.upos = r.upos[i];
        // ("Supporters of X blocked …": the tokenizer leaves a capitalised word it took for a name
        // unlemmatised; a plural common noun by the tagger's reading has its singular lemma)
        if (t.xpos === 'NNS' && t.lemma === t.text.toLowerCase() && /^\p{Lu}\p{Ll}+s$/u.test(t.text)) t.lemma = singular(t.lemma);
        t.head = r.heads[i] === 0 ? -1 : from + r.heads[i] - 1;
        t.deprel = r.deprels[i];
      });
    }
    if (dash >= 0) {
      let root = -1;
      for (let k = dash + 1; k < s.tokenEnd && root < 0; k++) if (doc.tokens[k].head === -1) root = k;
      if (root < 0) continue;
      for (let k = s.tokenStart; k < dash; k++) {
        const t = doc.tokens[k];
        if (t.head !== -1) continue;
        t.head = root;
        t.deprel = 'dep';
      }
      Object.assign(doc.tokens[dash], { head: root, deprel: 'punct', upos: 'PUNCT', xpos: ':' });
    }
  }
  forgetTree(doc);
}

/** The singular of a regular English plural ("supporters", "militias", "countries", "churches"). */
export function singular(w: string): string {
  if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (/ss$/.test(w)) return w;
  return w.slice(0, -1);
}
