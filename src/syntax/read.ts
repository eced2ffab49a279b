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
import { IRREGULAR_PAST, irregularParticiple, irregularPast, prefixedPastOnly } from './past-forms.js';
import { FINITE, dependents, finiteWord, isAncestor } from './repair-subjects.js';

export interface Reading extends Tagged, Parsed {}

/** Particles that end a hyphenated noun made of a verb: sit-in, walk-out, build-up, stand-off. */
const PARTICLES = new Set(['in', 'out', 'up', 'off', 'down', 'over', 'back']);
const PERFECT = new Set(['have', 'has', 'had', "'ve"]);
const BE = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being', 'am', "'re", "'m"]);
const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON']);
/** Tags of the word after a subject: "Beijing said", "Beijing has warned", "Beijing accused" (read as VBN). */
const SUBJECT_NEXT = new Set(['VBD', 'VBZ', 'VBP', 'MD', 'VBN']);

/** `headline`: the sentence is an article's title, written in the headline style that drops verbs' auxiliaries. */
export function readSentence(model: SyntaxModel, forms: string[], hints?: string[], headline = false): Reading {
  const tags = tag(model.tagger, forms, hints);
  // ("Beijing said …": a capitalised name ending in -ing, which the tokenizer knows as a proper noun,
  // before a finite verb, is no gerund; the tagger's suffix features outweigh a name it saw too rarely)
  if (hints) {
    for (let i = 0; i < forms.length; i++) {
      if (tags.xpos[i] === 'VBG' && hints[i] === 'PROPN' && /^\p{Lu}\p{Ll}+ing$/u.test(forms[i]) && SUBJECT_NEXT.has(tags.xpos[i + 1] ?? '')) {
        tags.xpos[i] = 'NNP';
        tags.upos[i] = 'PROPN';
      }
    }
  }
  // ("Gunmen abducted …": an opening word the fine tagger calls an adjective and the coarse one a noun,
  // right before a past form, is the subject noun)
  // (or the tokenizer a noun or name)
  if (tags.xpos[0] === 'JJ' && (tags.upos[0] === 'NOUN' || hints?.[0] === 'NOUN' || hints?.[0] === 'PROPN') && /^VB[DN]$/.test(tags.xpos[1] ?? '') && /^\p{Lu}\p{Ll}+$/u.test(forms[0])) {
    tags.xpos[0] = /(s|men)$/.test(forms[0]) ? 'NNS' : 'NN';
    tags.upos[0] = 'NOUN';
  }
  // ("fired tear gas and live ammunition", "live rounds": "live" before a noun is its adjective)
  for (let i = 0; i + 1 < forms.length; i++) {
    if (forms[i].toLowerCase() === 'live' && (/^VB/.test(tags.xpos[i]) || tags.upos[i] === 'VERB') && /^NNS?$/.test(tags.xpos[i + 1]) && /^\p{Ll}/u.test(forms[i + 1]) && forms[i - 1]?.toLowerCase() !== 'long') {
      tags.xpos[i] = 'JJ';
      tags.upos[i] = 'ADJ';
    }
  }
  // ("Human Rights Watch accused …": a capitalised word inside a sentence, after a capitalised noun or
  // adjective the tokenizer took for part of a name, continues the name; it is no verb)
  if (hints) {
    for (let i = 1; i < forms.length; i++) {
      if (/^(VB[DPZ]?|MD)$/.test(tags.xpos[i]) && /^\p{Lu}\p{Ll}+$/u.test(forms[i]) && /^\p{Lu}\p{Ll}+$/u.test(forms[i - 1]) && hints[i - 1] === 'PROPN' && /^(NN|JJ)/.test(tags.xpos[i - 1]) &&
        // (and the sentence goes on in lower case: not a run of capitalised words, "Maduro Vows Aid
        // 'Show' Will Not Pass", a title set in a sentence, nor an exclamation, "Buyer Beware !!")
        /^(\p{Ll}+|,|'s|’s)$/u.test(forms[i + 1] ?? '')) {
        tags.xpos[i] = 'NNP';
        tags.upos[i] = 'PROPN';
      }
    }
  }
  // ("staged a sit-in outside parliament", "a military build-up", "the stand-off with": a verb and
  // its particle joined by a hyphen after a determiner, and no noun after them, are a noun, the
  // particle its head, as the treebank writes such words)
  for (let i = 2; i + 1 < forms.length; i++) {
    if (forms[i] !== '-' || !PARTICLES.has(forms[i + 1].toLowerCase()) || !/^\p{Ll}+$/u.test(forms[i - 1])) continue;
    if (!/^(DT|PRP\$|POS|JJ|CD)$/.test(tags.xpos[i - 2]) || /^NN/.test(tags.xpos[i + 2] ?? '')) continue;
    tags.xpos[i - 1] = 'NN';
    tags.upos[i - 1] = 'NOUN';
    tags.xpos[i + 1] = 'NN';
    tags.upos[i + 1] = 'NOUN';
  }
  // ("Government forces … have retaken dozens of towns": a perfect auxiliary before an irregular
  // participle the tagger took for a noun; the participle is the verb it makes perfect)
  for (let i = 1; i < forms.length; i++) {
    if (PERFECT.has(forms[i - 1].toLowerCase()) && /^NNS?$/.test(tags.xpos[i]) && irregularParticiple(forms[i])) {
      tags.xpos[i] = 'VBN';
      tags.upos[i] = 'VERB';
    }
  }
  // ("The convoy was repeatedly targeted by drones", "was immediately impressed by": a past form in
  // -ed, or an irregular participle, read as an adjective between a form of "be" and "by", with
  // nothing but adverbs between, is a passive participle: in EWT train 129 of 130 such words are)
  for (let i = 1; i < forms.length - 1; i++) {
    if (tags.xpos[i] !== 'JJ' || !(/ed$/i.test(forms[i]) || irregularParticiple(forms[i]))) continue;
    let j = i + 1;
    while (j < forms.length - 1 && tags.xpos[j] === 'RB') j++;
    let b = i - 1;
    while (b > 0 && tags.xpos[b] === 'RB') b--;
    const be = forms[b].toLowerCase();
    if (forms[j].toLowerCase() === 'by' && (BE.has(be) || (be === "'s" && tags.xpos[b] === 'VBZ'))) {
      tags.xpos[i] = 'VBN';
      tags.upos[i] = 'VERB';
    }
  }
  // ("Thousands protest in Buenos Aires": a form that can be no participle, neither in -ed nor an
  // irregular one, read as a participle after a plural noun, is the present tense)
  for (let i = 1; i < forms.length; i++) {
    const w = forms[i].toLowerCase();
    if (tags.xpos[i] === 'VBN' && tags.xpos[i - 1] === 'NNS' && !/ed$/.test(w) && !irregularParticiple(w) && !irregularPast(w)) {
      tags.xpos[i] = 'VBP';
      tags.upos[i] = 'VERB';
    }
  }
  // ("Sudan's army retook Khartoum": a prefixed irregular past the tagger never saw, read as a base
  // form, or as a noun or adjective, right after a noun, is the past tense)
  for (let i = 1; i < forms.length; i++) {
    const misread = tags.xpos[i] === 'VB' ? !IRREGULAR_PAST.has(forms[i].toLowerCase()) && irregularPast(forms[i]) : /^(NN|NNP|JJ)$/.test(tags.xpos[i]) && prefixedPastOnly(forms[i]);
    if (misread && /^(NN|PRP)/.test(tags.xpos[i - 1])) {
      tags.xpos[i] = 'VBD';
      tags.upos[i] = 'VERB';
    }
  }
  const tree = parse(model.parser, forms, tags.xpos, tags.upos, hints);
  const first = { ...tags, ...tree };
  const root = tree.heads.indexOf(0);
  // ("Niger orders French troops to leave": a headline's present tense read as a plural noun that
  // the parse gives a subject, with no copula and no finite verb elsewhere, is that verb)
  if (headline && root >= 0 && tags.xpos[root] === 'NNS' && /s$/.test(forms[root]) && !tags.xpos.some((x) => FINITE.test(x)) &&
    tree.heads.some((h, i) => h === root + 1 && tree.deprels[i] === 'nsubj' && i < root) && !tree.heads.some((h, i) => h === root + 1 && tree.deprels[i] === 'cop')) {
    return readAgain(model, forms, hints, tags, first, root, 'VBZ');
  }
  if (headline && !/[.!?]$/.test(forms[forms.length - 1]) && !tags.upos.some((u) => u === 'VERB' || u === 'AUX')) return headlineVerb(model, forms, hints, tags, first);
  if (forms.length < 5 || !/^[.!]$/.test(forms[forms.length - 1])) return first;
  const joined = joinedParticiple(forms, tags.xpos, tree, root);
  if (joined >= 0) return readAgain(model, forms, hints, tags, first, joined);
  // (nor an infinitive: "Thousands of supporters rallied in Sanaa to denounce the strikes" read with
  // "rallied" as a participle leaves "to denounce" as the root)
  const infinitiveRoot = root >= 0 && tags.xpos[root] === 'VB' && tree.heads.some((h, i) => h === root + 1 && tree.deprels[i] === 'mark' && forms[i].toLowerCase() === 'to');
  // ("Thousands of students rallied in Dhaka …, a week after police killed two protesters": a root that
  // a subordinator opens is no main clause; a participle on a subject before the subordinator is the
  // main verb read as a modifier)
  const opener = root < 0 ? -1 : tree.heads.findIndex((h, i) => h === root + 1 && tree.deprels[i] === 'mark' && tags.upos[i] === 'SCONJ' && forms[i].toLowerCase() !== 'that' && i < root);
  if (opener >= 0) {
    const early = tags.xpos.findIndex((x, i) => i < opener && x === 'VBN' && /^acl$/.test(tree.deprels[i]) && NOMINAL.has(tags.upos[tree.heads[i] - 1] ?? '') &&
      tree.deprels[tree.heads[i] - 1] === 'nsubj' && tree.heads[tree.heads[i] - 1] === root + 1 && forms[i + 1]?.toLowerCase() !== 'by');
    if (early >= 0) {
      const again = readAgain(model, forms, hints, tags, first, early);
      if (again !== first) return again;
    }
  }
  if (root === 0 || first.deprels[0] === 'csubj') {
    const opening = openingParticiple(model, forms, hints, tags, first);
    if (opening !== first) return opening;
  }
  if (root < 0 || (!NOMINAL.has(tags.upos[root]) && !infinitiveRoot)) return reportedAgain(model, forms, hints, tags, first);
  // (the participle hangs from the root noun, or follows a noun it could have as subject: "The army resumed
  // shelling …"; with another finite verb in the sentence, only one right after the root noun: "The broker
  // called back after I spoke to him", and not one with a by-phrase: "A letter signed by the minister was read")
  // (with no finite verb, a participle with "by" right after it is read again last: "The weapons seized
  // by police included rifles" is "included" read as the past tense, not "seized"; in the treebank a
  // verb between a noun and "by" is the noun's participle in 69 of 75 cases, and never a predicate
  // with the noun as its subject)
  // (a finite verb of a clause that modifies something, "after the collapse killed 15 people", is no
  // main verb the sentence already has)
  const finite = tags.xpos.some((x, i) => FINITE.test(x) && !/^(acl|advcl)/.test(tree.deprels[i]));
  const candidate = (x: string, i: number) => x === 'VBN' && i > 0 && (finite
    ? i === root + 1 && tree.heads[i] === root + 1 && tree.deprels[i] === 'acl' && forms[i + 1]?.toLowerCase() !== 'by'
    : (tree.heads[i] === root + 1 && i > root && (tree.deprels[i] === 'acl' || tree.deprels[i] === 'amod')) || NOMINAL.has(tags.upos[i - 1]));
  const unagented = tags.xpos.findIndex((x, i) => candidate(x, i) && forms[i + 1]?.toLowerCase() !== 'by');
  const participle = unagented >= 0 ? unagented : tags.xpos.findIndex(candidate);
  if (participle >= 0) return readAgain(model, forms, hints, tags, first, participle);
  // ("Maduro, who won a disputed election last year, expelled diplomats": the past form right after
  // the comma that closes a relative clause on the subject is the main verb)
  const opened = forms.findIndex((f, i) => f === ',' && /^(who|which)$/i.test(forms[i + 1] ?? ''));
  const closing = opened < 0 ? -1 : tags.xpos.findIndex((x, i) => i > opened + 2 && (x === 'VBN' || x === 'VBD') && forms[i - 1] === ',');
  if (closing >= 0) return readAgain(model, forms, hints, tags, first, closing);
  // (nor a past form read as a noun after its subject: "Mozambican police shot dead 30 people" read
  // as the noun phrase "police shot"; only with no finite verb in the sentence, and only a form that
  // can be nothing but a past tense or participle)
  if (finite) return reportedAgain(model, forms, hints, tags, first);
  const past = tags.xpos.findIndex((x, i) => i > 0 && (x === 'NN' || x === 'JJ') && NOMINAL.has(tags.upos[i - 1]) &&
    (i === root || tree.heads[i] === root + 1) && IRREGULAR_PAST.has(forms[i].toLowerCase()));
  return past < 0 ? reportedAgain(model, forms, hints, tags, first) : readAgain(model, forms, hints, tags, first, past);
}

/**
 * "Jailed activists in Egypt went on a hunger strike": a capitalised past form that opens the
 * sentence, read as its main verb with the noun phrase after it as object, leaves a later finite verb
 * without a subject. The past form is read again as a participle; the second reading is kept when
 * that verb becomes the root with the noun phrase as its subject and the participle on the noun.
 */
function openingParticiple(model: SyntaxModel, forms: string[], hints: string[] | undefined, tags: Tagged, first: Reading): Reading {
  if (!/^VB[DNP]?$/.test(tags.xpos[0]) || !/^\p{Lu}\p{Ll}+$/u.test(forms[0])) return first;
  const past = /^VB[DN]$/.test(tags.xpos[0]);
  // (or read as a clause that is the later verb's subject, with the noun phrase as its object: the
  // noun phrase is that subject, and the participle its modifier)
  if (first.deprels[0] === 'csubj') {
    const obj = first.heads.findIndex((h, i) => h === 1 && first.deprels[i] === 'obj' && /^NN/.test(tags.xpos[i]));
    if (!past || obj < 0 || first.heads.some((h, i) => h === 1 && i !== obj && i > obj)) return first;
    const heads = first.heads.slice();
    const deprels = first.deprels.slice();
    heads[obj] = first.heads[0];
    deprels[obj] = 'nsubj';
    heads[0] = obj + 1;
    deprels[0] = 'amod';
    return { ...first, heads, deprels, xpos: Object.assign(tags.xpos.slice(), { 0: 'VBN' }) };
  }
  const kids = dependents(first.heads);
  const finite = (i: number) => finiteWord(kids, first.deprels, tags.xpos, i + 1);
  const orphan = first.heads.findIndex((h, i) => i > 1 && h === 1 && finite(i) && /^(xcomp|ccomp|dep|parataxis|advcl|conj)$/.test(first.deprels[i]) &&
    !first.heads.some((g, j) => g === i + 1 && /^(nsubj|expl|mark|cc)/.test(first.deprels[j])));
  if (orphan < 0) return first;
  // ("Aid to Mali was suspended …": with no object, a word that is no participle is the subject noun)
  const object = first.heads.some((h, i) => h === 1 && first.deprels[i] === 'obj' && i < orphan);
  const participle = /ed$/.test(forms[0]) || irregularParticiple(forms[0].toLowerCase()) || irregularPast(forms[0].toLowerCase());
  if (object !== participle || (object && !past)) return first;
  const again = object ? reparsed(model, forms, hints, tags, 0, 'VBN') : reparsed(model, forms, hints, tags, 0, 'NN', 'NOUN');
  const r = again.heads.indexOf(0);
  const subj = again.heads.findIndex((h, i) => h === r + 1 && i < r && again.deprels[i].startsWith('nsubj'));
  return r === orphan && (object ? subj > 0 && again.heads[0] === subj + 1 : subj === 0) ? again : first;
}

const SAYING = new Set(['said', 'says', 'say', 'told', 'added', 'reported', 'announced', 'stated']);
const OPENING = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN']);

/**
 * "Gunmen shot dead a councillor …, prosecutors said", "Turkish warplanes bombed … hideouts …, the
 * ministry said": what a speaker at the end reports opens with its subject and its verb. When the
 * word right after the sentence's opening noun phrase is a past form the first reading gave no
 * subject (a participle on the noun, or a noun), it is read again as the past tense; the second
 * reading is kept when that verb has the noun phrase as its subject and an object, and is what the
 * speaker says (or the root).
 */
function reportedAgain(model: SyntaxModel, forms: string[], hints: string[] | undefined, tags: Tagged, first: Reading): Reading {
  const n = forms.length;
  if (n < 6 || !SAYING.has(forms[n - 2].toLowerCase())) return first;
  // (the first past form after a noun in the opening words; the tagger may have read it as a noun,
  // "Gunmen shot dead …" as "Gunmen shot")
  let q = -1;
  for (let i = 1; i < n - 3 && q < 0; i++) {
    const past = tags.xpos[i] === 'VBN' || (/^(NN|JJ)$/.test(tags.xpos[i]) && IRREGULAR_PAST.has(forms[i].toLowerCase()));
    // (the noun before it by the tagger's reading or the tokenizer's: "Gunmen" may be read as an adjective)
    if (past && (/^NN/.test(tags.xpos[i - 1]) || hints?.[i - 1] === 'NOUN' || (i === 1 && hints?.[0] === 'PROPN'))) q = i;
    // (a possessive is part of the opening phrase: "Nigeria's military government released …")
    // (and so is "of" in a quantity: "Thousands of teachers rallied …")
    else if (!OPENING.has(tags.upos[i]) && tags.xpos[i] !== 'POS' && forms[i].toLowerCase() !== 'of') break;
  }
  if (q < 1 || first.heads.some((h, i) => h === q + 1 && first.deprels[i].startsWith('nsubj')) || first.deprels[q] === 'root') return first;
  const again = reparsed(model, forms, hints, tags, q);
  const r = again.heads.indexOf(0);
  // (and an object: "peacekeepers stationed in the region evacuated …" keeps its participle; or, where
  // what is reported has no other verb, an oblique: "Ugandan troops crossed into Sudan …")
  const comma = forms.lastIndexOf(',');
  // (an infinitive is no other verb: "marched through Colombo to demand higher wages")
  const alone = comma > q && !tags.xpos.some((x, i) => i > q && i < comma && /^(VB[DNPZ]?|MD)$/.test(x) && !(x === 'VB' && forms[i - 1].toLowerCase() === 'to'));
  const subject = again.heads.some((h, i) => h === q + 1 && i < q && again.deprels[i] === 'nsubj') &&
    again.heads.some((h, i) => h === q + 1 && i > q && (again.deprels[i] === 'obj' || (alone && again.deprels[i] === 'obl')));
  const reported = again.heads[q] === r + 1 && again.deprels[q] === 'ccomp' && SAYING.has(forms[r].toLowerCase());
  return subject && (again.heads[q] === 0 || reported) ? again : first;
}

/**
 * "Russia hands over 50 bodies to Ukraine", "Students protest fee increase": a headline with no verb
 * at all drops none; the first noun after a noun is that verb, read as a present tense, when it then
 * becomes the root with a subject before it and an object or oblique after it. The first reading otherwise.
 */
function headlineVerb(model: SyntaxModel, forms: string[], hints: string[] | undefined, tags: Tagged, first: Reading): Reading {
  for (let p = 1; p < forms.length - 1; p++) {
    if (!/^NNS?$/.test(tags.xpos[p]) || !NOMINAL.has(tags.upos[p - 1]) || !/^\p{Ll}/u.test(forms[p])) continue;
    const singular = /^NNP?$/.test(tags.xpos[p - 1]);
    const again = readAgain(model, forms, hints, tags, first, p, singular && /s$/.test(forms[p]) ? 'VBZ' : 'VBP');
    if (again === first) return first;
    // (an object that is a bare number is the noun's label: "Bench article 12")
    const kids = (rel: RegExp, after: boolean) => again.heads.some((h, i) => h === p + 1 && rel.test(again.deprels[i]) && (i > p) === after && again.xpos[i] !== 'CD');
    // (only the first such noun: a later one is more often the object of a verb the tagger missed)
    return kids(/^nsubj/, false) && kids(/^(obj|obl)/, true) ? again : first;
  }
  return first;
}

/** The sentence parsed again with the word at p read as a past tense (or `as`, a `uposAs`). */
function reparsed(model: SyntaxModel, forms: string[], hints: string[] | undefined, tags: Tagged, p: number, as = 'VBD', uposAs = 'VERB'): Reading {
  const xpos = tags.xpos.slice();
  const upos = tags.upos.slice();
  xpos[p] = as;
  upos[p] = uposAs;
  return { xpos, upos, ...parse(model.parser, forms, xpos, upos, hints) };
}

/** The sentence parsed again with the word at p read as a past tense (or `as`), kept if it becomes the root. */
function readAgain(model: SyntaxModel, forms: string[], hints: string[] | undefined, tags: Tagged, first: Reading, p: number, as = 'VBD'): Reading {
  const again = reparsed(model, forms, hints, tags, p, as);
  if (again.heads[p] === 0) return again;
  const promoted = promote(again, p, again.upos);
  return promoted ? { ...again, ...promoted } : first;
}

/**
 * The parse may still hang the past tense from the subject noun as a modifier ("Tens of thousands of
 * students and their supporters rallied …" with "Tens" the root): when the root is that noun phrase's
 * head and the verb has no subject of its own, the verb becomes the root and the root noun its subject;
 * what followed the verb and hung on the noun (the closing stop) moves to the verb. Null otherwise.
 */
function promote(tree: Parsed, p: number, upos: string[]): Parsed | null {
  const { heads, deprels } = tree;
  const root = heads.indexOf(0);
  // (or joined to that noun or to a relative clause on it: "Maduro, who won …, expelled" read as
  // "who won … and expelled", or as a verb coordinated with the name)
  const joinedToRelative = deprels[p] === 'conj' && heads[p] > 0 && (heads[p] === root + 1 || deprels[heads[p] - 1].startsWith('acl'));
  if (root < 0 || root > p || !NOMINAL.has(upos[root]) || (deprels[p] !== 'acl' && !joinedToRelative)) return null;
  if (heads.some((h, i) => h === p + 1 && deprels[i].startsWith('nsubj'))) return null;
  // the verb must lie in the root noun's phrase: its chain of heads reaches the root
  if (!isAncestor(heads, root + 1, p + 1)) return null;
  const h = heads.slice();
  const d = deprels.slice();
  for (let i = p + 1; i < h.length; i++) if (h[i] === root + 1) h[i] = p + 1;
  h[p] = 0;
  d[p] = 'root';
  h[root] = p + 1;
  d[root] = 'nsubj';
  return { heads: h, deprels: d };
}

/**
 * "Thousands of students clashed with police in Dhaka, and police arrested dozens": a participle hung
 * on the root's subject, with ", and" and a second noun coordinated with that subject after it, is the
 * first clause's past tense (the parse joined the two subjects and lost a verb). -1 when no such word.
 */
function joinedParticiple(forms: string[], xpos: string[], tree: Parsed, root: number): number {
  if (root < 0) return -1;
  const subj = tree.heads.findIndex((h, i) => h === root + 1 && tree.deprels[i] === 'nsubj');
  if (subj < 0 || subj > root) return -1;
  const partner = tree.heads.findIndex((h, i) => h === subj + 1 && tree.deprels[i] === 'conj' && i > subj);
  if (partner < 0) return -1;
  for (let i = subj + 1; i < partner; i++) {
    if (xpos[i] !== 'VBN' || tree.deprels[i] !== 'acl' || forms[i + 1]?.toLowerCase() === 'by') continue;
    // (the participle's own clause ends at ", and" before the coordinated noun)
    if (forms[partner - 1]?.toLowerCase() === 'and' && forms[partner - 2] === ',') return i;
    if (forms[partner - 2]?.toLowerCase() === 'and' && forms[partner - 3] === ',') return i;
  }
  return -1;
}
