/**
 * One sentence read by the syntax models: tagged, then parsed, with one second reading where the
 * first breaks a rule of English that the greedy models cannot see. A sentence that ends in a full
 * stop has a main verb; when the parse makes a noun its root and reads a past form as a participle
 * hanging from it ("The newspaper called Thursday on Arabs to …" read as "the newspaper [that was]
 * called"), the participle is read again as the past tense and the sentence re-parsed. The second
 * reading is kept only when that verb becomes the root.
 */
import type { SyntaxModel } from './model-io.js';
import { tag, type Tagged } from './tagger.js';
import { parse, type Parsed } from './parser.js';

export interface Reading extends Tagged, Parsed {}

const FINITE = new Set(['VBD', 'VBZ', 'VBP', 'MD']);
const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON']);

export function readSentence(model: SyntaxModel, forms: string[], hints?: string[]): Reading {
  const tags = tag(model.tagger, forms, hints);
  const tree = parse(model.parser, forms, tags.xpos, tags.upos, hints);
  const first = { ...tags, ...tree };
  if (forms.length < 5 || !/^[.!]$/.test(forms[forms.length - 1])) return first;
  const root = tree.heads.indexOf(0);
  // (nor an infinitive: "Thousands of supporters rallied in Sanaa to denounce the strikes" read with
  // "rallied" as a participle leaves "to denounce" as the root)
  const infinitiveRoot = root >= 0 && tags.xpos[root] === 'VB' && tree.heads.some((h, i) => h === root + 1 && tree.deprels[i] === 'mark' && forms[i].toLowerCase() === 'to');
  if (root < 0 || (!NOMINAL.has(tags.upos[root]) && !infinitiveRoot)) return first;
  // (the participle hangs from the root noun, or follows a noun it could have as subject: "The army resumed
  // shelling …"; with another finite verb in the sentence, only one right after the root noun: "The broker
  // called back after I spoke to him", and not one with a by-phrase: "A letter signed by the minister was read")
  const finite = tags.xpos.some((x) => FINITE.has(x));
  const participle = tags.xpos.findIndex((x, i) => x === 'VBN' && i > 0 && (finite
    ? i === root + 1 && tree.heads[i] === root + 1 && tree.deprels[i] === 'acl' && forms[i + 1]?.toLowerCase() !== 'by'
    : (tree.heads[i] === root + 1 && i > root && (tree.deprels[i] === 'acl' || tree.deprels[i] === 'amod')) || NOMINAL.has(tags.upos[i - 1])));
  if (participle < 0) return first;
  const xpos = tags.xpos.slice();
  const upos = tags.upos.slice();
  xpos[participle] = 'VBD';
  upos[participle] = 'VERB';
  const again = parse(model.parser, forms, xpos, upos, hints);
  return again.heads[participle] === 0 ? { xpos, upos, ...again } : first;
}
