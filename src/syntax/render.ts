/** A parsed sentence as CoNLL-U or as an indented tree, for `eventwire parse` and the API. */
import type { Doc } from '../model/types.js';
import { writeConllu, type ConlluWord } from './conllu.js';

export function sentenceWords(doc: Doc, index: number): ConlluWord[] {
  const s = doc.sentences[index];
  const words: ConlluWord[] = [];
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    const t = doc.tokens[k];
    const next = doc.tokens[k + 1];
    const misc = [`TokenRange=${t.start}:${t.end}`];
    if (k + 1 < s.tokenEnd && next && next.start === t.end) misc.unshift('SpaceAfter=No');
    words.push({
      form: t.text,
      lemma: t.lemma,
      upos: t.upos ?? t.pos,
      xpos: t.xpos ?? '_',
      head: t.head === undefined || t.head < 0 ? 0 : t.head - s.tokenStart + 1,
      deprel: t.deprel ?? 'dep',
      misc: misc.join('|'),
    });
  }
  return words;
}

export function toConllu(doc: Doc, sentences = doc.sentences.map((s) => s.index)): string {
  return writeConllu(sentences.map((i) => ({
    id: String(i + 1),
    text: doc.text.slice(doc.sentences[i].start, doc.sentences[i].end),
    words: sentenceWords(doc, i),
  })));
}

export function toTree(doc: Doc, index: number): string {
  const words = sentenceWords(doc, index);
  const kids = new Map<number, number[]>();
  words.forEach((w, i) => {
    const list = kids.get(w.head) ?? [];
    list.push(i + 1);
    kids.set(w.head, list);
  });
  const lines = [`# ${index + 1}: ${doc.text.slice(doc.sentences[index].start, doc.sentences[index].end).replace(/\s+/g, ' ')}`];
  const seen = new Set<number>();
  const walk = (id: number, prefix: string, last: boolean, top: boolean) => {
    if (seen.has(id)) return;
    seen.add(id);
    const w = words[id - 1];
    lines.push(`${top ? '' : prefix + (last ? '└─ ' : '├─ ')}${w.form} ${w.upos} ${w.deprel}`);
    const list = kids.get(id) ?? [];
    list.forEach((c, j) => walk(c, top ? '' : prefix + (last ? '   ' : '│  '), j === list.length - 1, false));
  };
  for (const r of kids.get(0) ?? []) walk(r, '', true, true);
  return lines.join('\n');
}
