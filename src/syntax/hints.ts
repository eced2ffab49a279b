/**
 * The tokenizer's own tags for treebank words, so the tagger trains with the same hints it gets
 * at run time: the sentence's text goes through wink as an article's would, and each treebank
 * word takes the tag of the wink token that covers its first character.
 */
import { getNlp } from '../pipeline/segment.js';
import type { TreeSentence } from './conllu.js';

export function winkHints(s: TreeSentence): string[] {
  const nlp = getNlp();
  const text = s.text || s.forms.join(' ');
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out() as string[];
  const spaces = doc.tokens().out(nlp.its.precedingSpaces) as string[];
  const pos = doc.tokens().out(nlp.its.pos) as string[];
  const starts: number[] = [];
  let at = 0;
  for (let k = 0; k < values.length; k++) {
    at += spaces[k].length;
    starts.push(at);
    at += values[k].length;
  }
  const hints: string[] = [];
  let cursor = 0;
  let k = 0;
  for (const form of s.forms) {
    const found = text.indexOf(form, cursor);
    const start = found >= 0 && found - cursor < 40 ? found : cursor;
    if (found >= 0 && found - cursor < 40) cursor = found + form.length;
    while (k + 1 < values.length && starts[k + 1] <= start) k++;
    hints.push(pos[k] ?? '-');
  }
  return hints;
}
