/**
 * CoNLL-U reading and writing. Multiword-token lines ("1-2 don't") and empty nodes ("8.1") are
 * skipped: the tagger and parser work on syntactic words, which for English are also the tokens
 * eventwire's tokenizer produces ("do" + "n't", "Obama" + "'s", "long" + "-" + "term").
 */

export interface TreeSentence {
  id: string;
  text: string;
  forms: string[];
  lemmas: string[];
  upos: string[];
  xpos: string[];
  /** head of each word: 0 = root, else 1-based word index */
  heads: number[];
  deprels: string[];
  /** the tokenizer's tags for the words, where known (see hints.ts) */
  hints?: string[];
}

export class ConlluError extends Error {}

export function readConllu(text: string, file = '<conllu>'): TreeSentence[] {
  const out: TreeSentence[] = [];
  let cur: TreeSentence | null = null;
  const lines = text.split('\n');
  let id = '';
  let sentText = '';
  const flush = (line: number) => {
    if (cur && cur.forms.length) {
      for (let i = 0; i < cur.heads.length; i++) {
        const h = cur.heads[i];
        if (!Number.isInteger(h) || h < 0 || h > cur.forms.length) {
          throw new ConlluError(`${file}:${line}: sentence ${cur.id || out.length + 1}: word ${i + 1} has head ${h} outside the sentence`);
        }
      }
      out.push(cur);
    }
    cur = null;
    id = '';
    sentText = '';
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '');
    if (!line.trim()) {
      flush(n + 1);
      continue;
    }
    if (line.startsWith('#')) {
      const m = /^#\s*(sent_id|text)\s*=\s*(.*)$/.exec(line);
      if (m) m[1] === 'sent_id' ? (id = m[2]) : (sentText = m[2]);
      continue;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new ConlluError(`${file}:${n + 1}: expected 10 tab-separated columns, found ${cols.length}`);
    if (!/^\d+$/.test(cols[0])) continue;
    if (!cur) cur = { id, text: sentText, forms: [], lemmas: [], upos: [], xpos: [], heads: [], deprels: [] };
    if (Number(cols[0]) !== cur.forms.length + 1) throw new ConlluError(`${file}:${n + 1}: word id ${cols[0]} out of order`);
    cur.forms.push(cols[1]);
    cur.lemmas.push(cols[2]);
    cur.upos.push(cols[3]);
    cur.xpos.push(cols[4] === '_' ? cols[3] : cols[4]);
    const head = cols[6] === '_' ? 0 : Number(cols[6]);
    if (!Number.isInteger(head)) throw new ConlluError(`${file}:${n + 1}: head "${cols[6]}" is not a number`);
    cur.heads.push(head);
    cur.deprels.push(cols[7] === '_' ? 'dep' : cols[7]);
  }
  flush(lines.length);
  return out;
}

export interface ConlluWord {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  head: number;
  deprel: string;
  /** e.g. SpaceAfter=No, or character offsets */
  misc?: string;
}

export function writeConllu(sentences: { id?: string; text?: string; words: ConlluWord[] }[]): string {
  const parts: string[] = [];
  for (const s of sentences) {
    if (s.id) parts.push(`# sent_id = ${s.id}`);
    if (s.text !== undefined) parts.push(`# text = ${s.text.replace(/\s+/g, ' ')}`);
    s.words.forEach((w, i) => {
      const clean = (v: string) => (v ? v.replace(/[\t\n]/g, ' ') : '_');
      parts.push([i + 1, clean(w.form), clean(w.lemma), w.upos, w.xpos, '_', w.head, w.deprel, '_', w.misc || '_'].join('\t'));
    });
    parts.push('');
  }
  return parts.join('\n') + (parts.length ? '\n' : '');
}
