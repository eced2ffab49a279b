/**
 * Past-tense forms of English irregular verbs: a closed class, listed once. The tagger, trained on a
 * small treebank, can read one as a noun after a plural subject ("police shot dead 30 people"), where
 * no suffix tells it that the word is a verb.
 */
export const IRREGULAR_PAST = new Set(`
arose awoke bore beat became began bent bet bid bit bled blew broke bred brought built burnt bought
caught chose clung came cost crept cut dealt dug drew dreamt drank drove dwelt ate fell fed felt fought
found fled flung flew forbade forgot forgave froze got gave went ground grew hung had heard hid hit held
hurt kept knelt knew laid led leapt learnt left lent let lay lit lost made meant met mistook overcame
overran overrode overtook overthrew paid put quit read rid rode rang rose ran said saw sought sold sent
set sewed shook shed shone shot showed shrank shut sang sank sat slew slept slid slung slit spoke sped
spent spilt spun spat split spread sprang stood stole stuck stung strode struck strove swore swept swam
swung took taught tore told thought threw thrust trod underwent understood undertook upheld upset woke
wore wove wept won wound withdrew withheld withstood wrung wrote
`.trim().split(/\s+/));

/**
 * Past participles of English irregular verbs that differ from their past tense ("taken", "overrun"),
 * a closed class like the one above. The tagger meets some only rarely, prefixed ("retaken") or not.
 */
const PARTICIPLES = new Set(`
arisen awoken borne beaten become begun bitten blown broken chosen come done drawn driven drunk eaten
fallen flown forbidden forgotten forgiven frozen given gone grown hidden known lain mistaken ridden
risen run seen sewn shaken shown shrunk slain spoken stolen striven stridden sung sunk sprung stunk
sworn swum taken thrown torn trodden woken worn woven written
`.trim().split(/\s+/));

/** A past participle that no suffix rule gives: "taken", "retaken", "overrun", "withdrawn". */
export function irregularParticiple(word: string): boolean {
  const w = word.toLowerCase();
  if (PARTICIPLES.has(w)) return true;
  const m = /^(re|over|under|with|out|mis|fore|up)(.+)$/.exec(w);
  return !!m && PARTICIPLES.has(m[2]);
}

const PREFIXES = /^(re|over|under|out|mis|with|up)(\p{L}{3,})$/u;

/** A word split into a verb prefix and the rest ("retook": "re", "took"), or null. */
export function prefixed(word: string): [prefix: string, stem: string] | null {
  const m = PREFIXES.exec(word.toLowerCase());
  return m ? [m[1], m[2]] : null;
}

/** Irregular pasts that are also base forms or make nouns with a prefix ("output", "outset", "upshot", "outlay"). */
const AMBIGUOUS = new Set(['put', 'set', 'let', 'cast', 'lay', 'shot', 'cut', 'hit', 'shut', 'bid', 'bet', 'burst', 'cost', 'hurt', 'quit', 'rid', 'spread', 'split', 'thrust', 'shed', 'slit', 'read', 'lit', 'lent', 'spilt', 'wound', 'ground', 'found', 'sat', 'saw', 'bore', 'left', 'fell', 'lay']);

/**
 * A prefixed irregular past that can be nothing else ("retook", "undertook", "withdrew", "rebuilt"),
 * unlike "output" or "outset".
 */
export function prefixedPastOnly(word: string): boolean {
  const p = prefixed(word);
  return !!p && IRREGULAR_PAST.has(p[1]) && !AMBIGUOUS.has(p[1]) && !IRREGULAR_PAST.has(word.toLowerCase());
}

/** An irregular past tense, bare or prefixed ("took", "retook", "undertook", "rebuilt"). */
export function irregularPast(word: string): boolean {
  const w = word.toLowerCase();
  if (IRREGULAR_PAST.has(w)) return true;
  const p = prefixed(w);
  return !!p && IRREGULAR_PAST.has(p[1]);
}
