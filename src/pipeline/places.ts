// PLACES: toponyms found in the text and resolved to a point, a country and a GeoNames id with the
// offline gazetteer (../knowledge/gazetteer.ts).
//
// 1. Candidates: runs of capitalised words, with connectors ("Gulf of Aden", "Bosnia and
//    Herzegovina", "Côte d'Ivoire") and hyphens ("Al-Hasakah", "Kyiv-based"), longest gazetteer
//    match first. "X province|region|state|governorate …" and "the state of X" ask for an admin-1
//    region, "X City" for a city; "X Airport", "X City Hall" are landmarks in X; "X Valley", "X Bay"
//    are landmarks near X when the article supports X.
// 2. Filters: a toponym inside a longer name ("Washington Post", "Taco Bell Canada", "U.S. Centers
//    for Disease Control"), inside a named process or disease ("Astana peace process", "Minsk
//    agreements", "Marburg virus"), a person ("President Macron", "Mr Jordan", a surname met in a
//    full name), month and weekday names, demonyms, common words without support, sentence-initial
//    words that are not proper nouns.
// 3. Resolution: each candidate place is scored by its kind and population, the countries the
//    article talks about (country names, demonyms, other places), "Mosul, Iraq" containers,
//    distance to the article's other places and the kind of its neighbours in a list ("Utah,
//    Washington and Wisconsin"); three rounds let resolved places support each other, and one name
//    keeps one reading through an article.

import type { Doc, PlaceMention, Sentence } from '../model/types.js';
import { distanceKm, gazetteer, nameKey, type Gazetteer, type GazPlace, type NameHit } from '../knowledge/gazetteer.js';

// ------------------------------------------------------------------ word lists

/** Words before a name that make it a person ("President Macron", "Mr Jordan"). */
const PERSON_TITLES = new Set([
  'president', 'minister', 'premier', 'chancellor', 'governor', 'mayor', 'senator', 'sen', 'rep', 'representative',
  'congressman', 'congresswoman', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'king', 'queen', 'prince', 'princess', 'emir', 'sheikh', 'sultan', 'pope', 'cardinal', 'bishop', 'archbishop', 'rev',
  'reverend', 'imam', 'ayatollah', 'general', 'gen', 'lt', 'col', 'colonel', 'major', 'maj', 'captain', 'capt', 'sgt',
  'sergeant', 'admiral', 'commander', 'marshal', 'judge', 'justice', 'ambassador', 'envoy', 'secretary', 'spokesman',
  'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'director', 'coach', 'officer', 'inspector', 'detective',
  'superintendent', 'constable', 'saint', 'uncle', 'aunt', 'mullah', 'rabbi', 'pastor', 'speaker', 'lawmaker', 'mp',
  'brig', 'adm', 'cpl', 'pvt', 'gov', 'atty', 'hon', 'dir',
]);

/** Words after a place that make it a modifier of an office ("New York Governor Andrew Cuomo"); the place stays. */
const OFFICE_WORDS = new Set([
  'president', 'vice', 'prime', 'minister', 'premier', 'governor', 'mayor', 'senator', 'congressman', 'congresswoman',
  'representative', 'secretary', 'chief', 'health', 'foreign', 'interior', 'defence', 'defense', 'deputy', 'ambassador',
  'attorney', 'commissioner', 'chancellor', 'king', 'queen', 'prince', 'emir', 'sheikh', 'leader', 'spokesman',
  'spokeswoman', 'spokesperson', 'envoy', 'commander', 'chairman', 'lieutenant', 'state', 'agriculture', 'energy',
  'education', 'finance', 'trade', 'economy', 'justice', 'transport', 'environment', 'labour', 'labor', 'home',
  'supreme', 'opposition', 'officials', 'official', 'government', 'authorities', 'premier', 'cabinet', 'coach',
  'legislature', 'assembly', 'senate', 'house', 'parliament',
]);

/** Heads of names: a place followed by one of these (capitalised) is part of a name ("Washington Post"). */
const ORG_HEADS = new Set([
  'times', 'post', 'herald', 'tribune', 'journal', 'news', 'daily', 'gazette', 'telegraph', 'mail', 'express', 'observer',
  'standard', 'chronicle', 'courier', 'examiner', 'guardian', 'independent', 'review', 'globe', 'star', 'sun', 'press',
  'magazine', 'radio', 'tv', 'television', 'club', 'forum', 'group', 'department', 'dept', 'ministry', 'centers', 'centres',
  'center', 'centre', 'agency', 'authority', 'university', 'college', 'school', 'schools', 'institute', 'council', 'board',
  'commission', 'committee', 'company', 'corporation', 'corp', 'inc', 'ltd', 'llc', 'plc', 'bank', 'party', 'front',
  'army', 'navy', 'brigade', 'brigades', 'battalion', 'regiment', 'forces', 'force', 'police', 'guard', 'airlines',
  'airways', 'railway', 'railways', 'association', 'society', 'foundation', 'fund', 'union', 'league', 'movement',
  'organization', 'organisation', 'office', 'service', 'services', 'court', 'museum', 'library', 'zoo', 'exchange',
  'festival', 'games', 'cup', 'open', 'marathon', 'federation', 'network', 'channel', 'unified', 'public', 'embassy',
  'consulate', 'declaration', 'convention', 'treaty', 'protocol', 'accord', 'accords', 'agreement', 'agreements',
  'process', 'format', 'consensus', 'summit', 'conference', 'talks', 'syndrome', 'virus', 'fever', 'flu', 'disease',
  'stock', 'hotel', 'mall', 'church', 'mosque', 'cathedral', 'synagogue', 'temple', 'cemetery', 'palace', 'fc',
  'united', 'rovers', 'wanderers', 'athletic', 'initiative', 'project', 'programme', 'program', 'plan', 'bureau',
  'corporation', 'voice', 'metro', 'transit', 'airport authority', 'institution', 'trust', 'partnership',
]);

/** Capitalised words after a place that name a facility in it: the mention becomes a landmark there. */
const FACILITY_HEADS = new Set([
  'airport', 'airbase', 'port', 'harbour', 'harbor', 'station', 'stadium', 'racecourse', 'prison', 'bridge', 'dam',
  'crossing', 'checkpoint', 'hall', 'square', 'refinery', 'camp',
]);

/** Capitalised words after a place that name a natural feature named after it ("Fraser Valley", "Mahim Bay"). */
const FEATURE_HEADS = new Set([
  'valley', 'bay', 'river', 'lake', 'mountains', 'mountain', 'island', 'islands', 'peninsula', 'coast', 'delta', 'hills',
  'desert', 'plateau', 'basin', 'creek', 'falls', 'beach', 'park', 'forest', 'strait', 'canal', 'gulf', 'sea',
  'highlands', 'heights', 'gorge', 'pass', 'corridor', 'region', 'lakes', 'reserve', 'reserves',
]);

/** Lower-case words after a place (at most two modifiers away) that make it a named process or thing. */
const PROCESS_HEADS = new Set([
  'process', 'agreement', 'agreements', 'accord', 'accords', 'format', 'protocol', 'protocols', 'convention',
  'conventions', 'declaration', 'treaty', 'consensus', 'formula', 'memorandum', 'communique', 'communiqué', 'deal',
  'virus', 'ebolavirus', 'fever', 'flu', 'influenza', 'disease', 'syndrome', 'strain', 'variant', 'encephalitis',
  'agenda', 'doctrine', 'principles', 'club', 'group', 'criteria',
]);
const PROCESS_MODIFIERS = new Set([
  'peace', 'ceasefire', 'de-escalation', 'normalisation', 'normalization', 'nuclear', 'climate', 'trade', 'security',
  'grain', 'respiratory', 'hemorrhagic', 'haemorrhagic', 'swine', 'bird', 'avian', 'spotted', 'reconciliation',
  'political', 'transition', 'transitional', 'free', 'framework', 'ebola', 'encephalitis',
]);

/** lower-case second parts of hyphenated words that leave the first part a place ("Kyiv-based") */
const HYPHEN_SUFFIXES = new Set([
  'based', 'born', 'led', 'backed', 'bound', 'area', 'region', 'era', 'style', 'made', 'owned', 'run', 'controlled',
  'held', 'registered', 'flagged', 'bred', 'raised', 'headquartered', 'centred', 'centered', 'wide', 'linked', 'allied',
  'aligned', 'funded', 'supported', 'sponsored', 'administered', 'occupied', 'annexed', 'brokered', 'mediated', 'hosted',
]);
const LOCATIVE = new Set([
  'in', 'at', 'near', 'from', 'to', 'into', 'outside', 'inside', 'across', 'around', 'of', 'towards', 'toward', 'via',
  'through', 'throughout', 'between', 'within', 'nearby', 'reached', 'visited', 'entered', 'left', 'fled', 'returned',
]);
const SPEECH = new Set([
  'said', 'says', 'told', 'added', 'explained', 'noted', 'stated', 'wrote', 'asked', 'replied', 'warned', 'insisted',
  'argued', 'claimed', 'reported', 'reports', 'announced', 'believes', 'believed', 'thinks', 'thought', 'described',
  'recalled', 'admitted', 'denied', 'confirmed', 'urged', 'called', 'testified', 'tweeted', 'posted',
]);
const DISEASE_WORDS = new Set(['virus', 'fever', 'flu', 'influenza', 'disease', 'syndrome', 'strain', 'variant', 'encephalitis']);
/** nouns after "X flu" that make X the place of an outbreak, not part of a disease name */
const OUTBREAK_NOUNS = new Set([
  'season', 'outbreak', 'outbreaks', 'cases', 'case', 'epidemic', 'pandemic', 'deaths', 'death', 'patients', 'victims',
  'situation', 'crisis', 'response', 'toll', 'infections', 'spread', 'cluster', 'wave',
]);

/** Words that may stand before a place name without being part of another name. */
const DIRECTION_WORDS = new Set([
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'northeast', 'northwest',
  'southeast', 'southwest', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'north-east', 'north-west',
  'south-east', 'south-west', 'north-eastern', 'north-western', 'south-eastern', 'south-western', 'upper', 'lower',
  'greater', 'inner', 'outer', 'metro', 'metropolitan', 'rural', 'coastal', 'downtown', 'mainland', 'sub-saharan',
  'saharan', 'occupied', 'neighbouring', 'neighboring', 'war-torn', 'landlocked', 'oil-rich', 'far', 'mid', 'middle',
  'deep', 'suburban', 'urban', 'all', 'pre-war', 'post-war', 'modern', 'ancient', 'old', 'imperial', 'colonial',
  'soviet', 'nazi', 'communist', 'independent', 'sunni', 'shia', 'shiite', 'kurdish', 'arab', 'rebel-held',
  'government-held', 'regime-held', 'opposition-held', 'mid-', 'tropical', 'rural',
]);

/** Determiners, prepositions and the like that are capitalised only at a sentence start. */
const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'from', 'to', 'for', 'of', 'by', 'with', 'and', 'but', 'or', 'as', 'while',
  'after', 'before', 'since', 'during', 'near', 'across', 'throughout', 'outside', 'inside', 'around', 'both', 'all',
  'some', 'many', 'most', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'we', 'they', 'he',
  'she', 'it', 'if', 'when', 'where', 'although', 'though', 'meanwhile', 'also', 'like', 'unlike', 'between', 'among',
  'via', 'into', 'towards', 'toward', 'than', 'per', 'including', 'excluding', 'besides', 'according', 'only', 'even',
  'why', 'how', 'what', 'who', 'which', 'whose', 'said', 'says', 'told', 'yesterday', 'today', 'tomorrow', 'last',
  'next', 'each', 'every', 'another', 'other', 'either', 'neither', 'such', 'more', 'less', 'over', 'under', 'about',
  'above', 'below', 'beyond', 'within', 'without', 'against', 'along', 'amid', 'amidst', 'despite', 'until', 'till',
  'upon', 'whether', 'because', 'so', 'then', 'there', 'here', 'now', 'yet', 'still', 'not', 'no', 'yes', 'my', 'your',
  'i', 'you', 'me', 'us', 'them', 'him', 'once', 'twice', 'just', 'already', 'breaking', 'update', 'updated',
  'exclusive', 'watch', 'live', 'video', 'photo', 'photos', 'opinion', 'analysis', 'explainer', 'report', 'reports',
  'current', 'total', 'usually', 'however', 'currently', 'recently', 'overall', 'elsewhere', 'instead', 'residents',
  'officials', 'authorities', 'people', 'local', 'several', 'two', 'three', 'four', 'five', 'ten', 'first', 'second',
]);

/** Lower-case connectors allowed inside a multi-word place name. */
const CONNECTORS = new Set([
  'of', 'the', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'des', 'la', 'le', 'les', 'el', 'al', 'ul',
  'ur', 'ar', 'as', 'ad', 'an', 'at', 'az', 'ash', 'es', 'bin', 'ben', 'am', 'and', 'y', 'i', 'e', 'en', 'sur',
  'upon', 'on', 'op', 'aan', 'van', 'von', 'der', 'den', 'ter', 'au', 'aux', 'sous', 'lès', 'im', 'in', 'ob', 'na',
  'nad', 'pod', 'et', 'dem', 'zu', 'zum', 'zur', '&',
]);

/** Type words after a name that ask for an admin-1 region ("Idlib province"). */
const ADMIN_WORDS = new Set([
  'province', 'region', 'governorate', 'state', 'oblast', 'prefecture', 'emirate', 'department', 'territory', 'canton',
  'voivodeship', 'krai', 'okrug', 'county', 'district', 'parish', 'municipality', 'division', 'raion', 'wilaya',
  'vilayet', 'governate',
]);
/** of these, the ones that name a level below admin-1; resolved through the namesake city when no region is known */
const SUBADMIN_WORDS = new Set(['county', 'district', 'parish', 'municipality', 'raion']);

/** "the state of Victoria", "the city of Mosul" */
const TYPE_BEFORE_OF = new Map<string, 'admin1' | 'city'>([
  ['state', 'admin1'], ['province', 'admin1'], ['region', 'admin1'], ['governorate', 'admin1'], ['oblast', 'admin1'],
  ['prefecture', 'admin1'], ['emirate', 'admin1'], ['provinces', 'admin1'], ['states', 'admin1'],
  ['city', 'city'], ['town', 'city'], ['village', 'city'], ['port', 'city'], ['capital', 'city'], ['suburb', 'city'],
  ['towns', 'city'], ['cities', 'city'], ['villages', 'city'],
]);

/** Heads of "X of Y" names in which Y is not a place mention ("University of Toronto", "Prince of Wales"). */
const OF_NAME_HEADS = new Set([
  'university', 'college', 'school', 'institute', 'bank', 'museum', 'library', 'academy', 'church', 'cathedral',
  'diocese', 'archdiocese', 'zoo', 'duke', 'duchess', 'earl', 'prince', 'princess', 'bishop', 'archbishop',
  'siege', 'battle', 'treaty', 'declaration', 'protocol', 'congress', 'conference', 'convention', 'patriarch',
]);

/** heads of "X of Y" where Y is the polity the X belongs to ("Ministry of Health of Uganda", "Government of Canada") */
const OF_POLITY_HEADS = new Set([
  'department', 'dept', 'ministry', 'office', 'embassy', 'authority', 'forces', 'force', 'army', 'navy', 'police', 'guard',
  'court', 'service', 'services', 'agency', 'council', 'commission', 'committee', 'public', 'state', 'national',
  'federal', 'central', 'democratic', 'united', 'people', 'region', 'regional', 'provincial', 'municipal',
  'club', 'hospital', 'company',
]);
/** lower-case particles inside personal names; a town before one is a first name ("Vincent van Dijk") */
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'ter', 'bin', 'ibn', 'ben', 'el', 'al', 'de', 'da', 'di', 'del', 'dos', 'du', 'le', 'la']);
const SEASONS = new Set(['spring', 'summer', 'autumn', 'fall', 'winter']);
const MONTHS_DAYS = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
const NAME_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'X', 'NUM', 'SYM']);

// ------------------------------------------------------------------ words

/** A word of the text: tokens glued without space ("Al-Hasakah", "Toruń", "U.S.-led"), or one punctuation token. */
interface Unit {
  /** token range, inclusive */
  ti: number;
  tj: number;
  start: number;
  end: number;
  text: string;
  lower: string;
  word: boolean;
  cap: boolean;
  pos: string;
  hyphen: boolean;
}

const CAP_RE = /^\p{Lu}/u;
const LETTER_RE = /\p{L}/u;
/** upper-case first letter (fast path for ASCII) */
const CAP = { test(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return CAP_RE.test(s);
} };
/** contains a letter (fast path for ASCII) */
const LETTER = { test(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
    if (c >= 128) return LETTER_RE.test(s);
  }
  return false;
} };
const POSS = /^['’]s$/;
const JOINER = /^[-‐'’]$/;
const ELIDED = /^[dl]['’]\p{Lu}/u;
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '«', ':', '—', '–', '-', '•', '*', '|', '„']);

const lowerNoDot = (t: string) => {
  const l = t.toLowerCase();
  return l.length > 1 && l.charCodeAt(l.length - 1) === 46 ? l.slice(0, -1) : l;
};
const wordy = (x: { text: string }) => LETTER.test(x.text) || /\d/.test(x.text);

function units(doc: Doc, s: Sentence): Unit[] {
  const out: Unit[] = [];
  const toks = doc.tokens;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    const t = toks[k];
    const sep = !LETTER.test(t.text) && !/\d/.test(t.text) && !JOINER.test(t.text);
    const last = out[out.length - 1];
    const prevTok = toks[k - 1];
    const nextTok = k + 1 < s.tokenEnd ? toks[k + 1] : undefined;
    // a hyphen or apostrophe joins only between two word pieces ("Al-Hasakah"), never at an edge ("'Exercise")
    const joinerInside = JOINER.test(t.text) ? !!nextTok && nextTok.start === t.end && wordy(nextTok) : true;
    const glue = last && k > s.tokenStart && t.start === prevTok.end && !sep && !POSS.test(t.text) && joinerInside &&
      (wordy(prevTok) || (JOINER.test(prevTok.text) && last.end === prevTok.end && last.tj === k - 1 && last.ti !== k - 1)) && !POSS.test(prevTok.text);
    if (glue) {
      last.tj = k;
      last.end = t.end;
      last.text = doc.text.slice(last.start, last.end);
      last.lower = lowerNoDot(last.text);
      last.word = last.word || LETTER.test(t.text);
      if (/^[-‐]$/.test(t.text)) last.hyphen = true;
      continue;
    }
    out.push({
      ti: k, tj: k, start: t.start, end: t.end, text: t.text, lower: lowerNoDot(t.text),
      word: LETTER.test(t.text), cap: CAP.test(t.text), pos: t.pos, hyphen: false,
    });
  }
  return out;
}

// ------------------------------------------------------------------ candidates

interface Candidate {
  /** unit range [u, v] in the sentence's units, and token range */
  u: number;
  v: number;
  ti: number;
  tj: number;
  start: number;
  end: number;
  text: string;
  key: string;
  sentence: number;
  units: Unit[];
  hits: NameHit[];
  /** the kind of place the text asks for */
  want: 'admin1' | 'city' | null;
  /** a facility in the place ("Da Nang International Airport") */
  landmark: boolean;
  /** a natural feature named after the place ("Fraser Valley"): kept only with support */
  feature: boolean;
  /** a unit below admin-1 ("Dallas County") resolved through its namesake city */
  subadmin: boolean;
  /** one part of a hyphenated word ("Kyiv-based") */
  part: boolean;
  /** the hits worth scoring (see candidatesOf) */
  scored: NameHit[] | null;
  /** last unit of the place name itself (before "Airport", "Valley", "province" …) */
  baseV: number;
  container: Candidate | null;
  isContainer: boolean;
  /** the places this one contains ("Georgia" in "Dublin, Georgia") */
  contains: Candidate[];
  list: Candidate[];
  needsSupport: boolean;
  headline: boolean;
  reason: string | null;
  // resolution
  best: GazPlace | null;
  bestScore: number;
  margin: number;
  tier: number;
}

function isStartable(x: Unit): boolean {
  return x.word && (x.cap || /^(?:al|el|ad|ar|as|an|at|az|ash|ad-)[-‐]\p{Lu}/u.test(x.text));
}

function sentenceInitial(us: Unit[], k: number): boolean {
  for (let m = k - 1; m >= 0; m--) if (!OPENERS.has(us[m].text)) return false;
  return true;
}

/** A headline or a Title Case line, where capitals say nothing about names. */
function titleCase(us: Unit[], headline: boolean): boolean {
  if (headline) return true;
  let words = 0;
  let caps = 0;
  for (const x of us) {
    if (!x.word || x.text.length < 2) continue;
    words++;
    if (x.cap) caps++;
  }
  return words >= 5 && caps / words >= 0.8;
}

/** Admin-1 regions for "X province", "X region", "X County" …; sub-admin units fall back to the namesake city. */
function adminLookup(gaz: Gazetteer, x: string, word: string): { hits: NameHit[]; subadmin: boolean } {
  const seen = new Set<number>();
  const hits: NameHit[] = [];
  const add = (hs: NameHit[]) => {
    for (const h of hs) {
      if ((h.place.featureType === 'admin1' || h.place.featureType === 'region') && !seen.has(h.place.idx)) {
        seen.add(h.place.idx);
        hits.push(h);
      }
    }
  };
  add(gaz.lookup(`${x} ${word}`));
  for (const w of ['province', 'region', 'governorate', 'oblast', 'state', 'prefecture', 'county', 'district']) if (w !== word) add(gaz.lookup(`${x} ${w}`));
  add(gaz.lookup(x));
  if (hits.length) return { hits, subadmin: false };
  if (SUBADMIN_WORDS.has(word)) {
    const cities = gaz.lookup(x).filter((h) => h.place.featureType === 'city');
    if (cities.length) return { hits: cities, subadmin: true };
  }
  return { hits: [], subadmin: false };
}

function newCandidate(doc: Doc, s: Sentence, us: Unit[], u: number, v: number, hits: NameHit[], headline: boolean): Candidate {
  const text = doc.text.slice(us[u].start, us[v].end);
  return {
    u, v, ti: us[u].ti, tj: us[v].tj, start: us[u].start, end: us[v].end, text, key: nameKey(text), sentence: s.index, units: us,
    hits, want: null, landmark: false, feature: false, subadmin: false, part: false, scored: null, baseV: v, container: null, isContainer: false, contains: [],
    list: [], needsSupport: false, headline, reason: null, best: null, bestScore: -Infinity, margin: 0, tier: 0,
  };
}

function findCandidates(doc: Doc, gaz: Gazetteer, s: Sentence, out: Candidate[], personWords: Set<string>): void {
  const us = units(doc, s);
  const headline = titleCase(us, s.headline);
  let words = 0;
  let upper = 0;
  for (const x of us) {
    if (!x.word || x.text.length < 2) continue;
    words++;
    if (x.text === x.text.toUpperCase()) upper++;
  }
  const allCaps = words >= 3 && upper / words >= 0.7;
  const maxUnits = Math.min(12, gaz.maxWords + 2);
  let u = 0;
  while (u < us.length) {
    const x = us[u];
    if (!isStartable(x)) {
      u++;
      continue;
    }
    // a person after a title: skip the run ("President Emmanuel Macron", "Mr. Jordan")
    const prev = us[u - 1];
    const titled = prev && PERSON_TITLES.has(prev.lower) && (prev.cap || (us[u + 1] && us[u + 1].cap && us[u + 1].word));
    if (titled && !(us[u + 1] && us[u + 1].lower === 'of') && !headline) {
      let k = u;
      while (k < us.length && us[k].word && (us[k].cap || /^[A-Z]\.?$/.test(us[k].text))) k++;
      for (let m = u; m < k; m++) personWords.add(us[m].text);
      u = Math.max(k, u + 1);
      continue;
    }
    // longest gazetteer match starting here
    let best = -1;
    let hits: NameHit[] = [];
    for (let v = u; v < us.length && v < u + maxUnits; v++) {
      const y = us[v];
      if (v > u) {
        if (!y.word && y.text !== '&') break;
        // a possessive inside a name ("Democratic People's Republic of Korea", "Martha's Vineyard"):
        // without it the span would shrink to a different country's name
        if (y.word && !y.cap && !CONNECTORS.has(y.lower) && !ELIDED.test(y.text) && !POSS.test(y.text)) break;
      }
      const surface = doc.text.slice(x.start, y.end);
      const possNext = us[v + 1] && POSS.test(us[v + 1].text) && us[v + 1].start === y.end;
      if (v > u && !possNext && !gaz.hasPrefix(nameKey(surface)) && !/^[A-Z. ]+$/.test(surface)) break;
      if (!y.word || (!y.cap && !ELIDED.test(y.text) && v > u)) continue;
      const hs = gaz.lookup(surface, allCaps);
      if (hs.length) {
        best = v;
        hits = hs;
      }
    }
    // hyphenated words that are not names themselves: their parts ("Kyiv-based", "Russia-Ukraine")
    if (best < 0 && x.hyphen) {
      const parts = splitHyphen(doc, x);
      const allCap = parts.every((p) => CAP.test(p.text));
      const strongOf = (t: string) => gaz.lookup(t).filter((h) => h.place.featureType === 'country' || h.place.featureType === 'region' || (h.place.featureType === 'admin1' && h.tier < 2));
      // "Russia-Ukraine" (every part a country or region) and "Kyiv-based"; not "France-Presse", "Green-winged"
      const ok = allCap ? parts.every((p) => strongOf(p.text).length) : parts.every((p) => CAP.test(p.text) || HYPHEN_SUFFIXES.has(p.text.toLowerCase()));
      const L = us[u - 1];
      if (!ok || (L && nameWord(us, u - 1, gaz) && !headline)) {
        u++;
        continue;
      }
      for (const p of parts) {
        if (!CAP.test(p.text)) continue;
        const hs = allCap ? strongOf(p.text) : gaz.lookup(p.text);
        if (!hs.length) continue;
        const c = newCandidate(doc, s, us, u, u, hs, headline);
        c.start = p.start;
        c.end = p.end;
        c.text = p.text;
        c.key = nameKey(p.text);
        c.part = true;
        out.push(c);
      }
      u++;
      continue;
    }
    // the capitalised run from u, for type words after names the gazetteer does not hold as a whole
    let runEnd = u;
    while (runEnd + 1 < us.length && runEnd + 1 < u + 6 && us[runEnd + 1].word && us[runEnd + 1].cap) runEnd++;
    let want: Candidate['want'] = null;
    let landmark = false;
    let feature = false;
    let subadmin = false;
    const base = best;
    const from = best >= u ? best : u;
    for (let v = from; v <= Math.max(from, runEnd); v++) {
      const next = us[v + 1];
      if (!next || !next.word) break;
      const w = next.lower;
      const name = doc.text.slice(x.start, us[v].end);
      // a facility within the next capitalised words: "Seoul City Hall", "Atatürk International Airport"
      if (best === v && next.cap) {
        let k = v + 1;
        while (k < us.length && k <= v + 3 && us[k].word && us[k].cap && !FACILITY_HEADS.has(us[k].lower)) k++;
        if (k < us.length && k <= v + 3 && us[k].word && us[k].cap && FACILITY_HEADS.has(us[k].lower)) {
          best = k;
          landmark = true;
          break;
        }
      }
      const orgLike = next.cap && us[v + 2] && (us[v + 2].lower === 'of' || us[v + 2].lower === 'for' || (us[v + 2].cap && ORG_HEADS.has(us[v + 2].lower)));
      if (ADMIN_WORDS.has(w) && (next.cap || v === best || v === runEnd) && !orgLike && !(w === 'department' && next.cap)) {
        const r = adminLookup(gaz, name, w);
        if (r.hits.length) {
          best = v + 1;
          hits = r.hits;
          want = 'admin1';
          subadmin = r.subadmin;
          break;
        }
      } else if (w === 'city' && next.cap) {
        const own = gaz.lookup(doc.text.slice(x.start, next.end));
        const cities = own.length ? own : gaz.lookup(name).filter((h) => h.place.featureType === 'city');
        if (cities.length) {
          best = v + 1;
          hits = cities;
          want = 'city';
          break;
        }
      } else if (best === v && next.cap && FEATURE_HEADS.has(w) && !(us[v + 2] && us[v + 2].word && us[v + 2].cap)) {
        best = v + 1;
        feature = true;
        break;
      }
      if (v >= best && best >= u) break;
    }
    if (best < u) {
      u++;
      continue;
    }
    const c = newCandidate(doc, s, us, u, best, hits, headline);
    c.baseV = base >= u ? base : best;
    c.landmark = landmark;
    c.feature = feature;
    c.subadmin = subadmin;
    c.want = want;
    // "the state of Victoria", "the city of Mosul"
    if (!c.want && u >= 2 && us[u - 1].lower === 'of') {
      const w = TYPE_BEFORE_OF.get(us[u - 2].lower);
      if (w) c.want = w;
    }
    // "New York state", "Washington state" (lower case)
    if (!c.want && us[best + 1] && us[best + 1].text === 'state') c.want = 'admin1';
    out.push(c);
    u = best + 1;
  }
}

function splitHyphen(doc: Doc, x: Unit): { text: string; start: number; end: number }[] {
  const parts: { text: string; start: number; end: number }[] = [];
  let a = x.ti;
  for (let k = x.ti; k <= x.tj + 1; k++) {
    const t = doc.tokens[k];
    if (k > x.tj || /^[-‐]$/.test(t.text)) {
      if (k > a) {
        const start = doc.tokens[a].start;
        const end = doc.tokens[k - 1].end;
        parts.push({ text: doc.text.slice(start, end), start, end });
      }
      a = k + 1;
    }
  }
  return parts;
}

// ------------------------------------------------------------------ filters

/** A capitalised word that belongs to a name rather than to the sentence's grammar. */
function nameWord(us: Unit[], k: number, gaz: Gazetteer, right = false): boolean {
  const x = us[k];
  if (!x || !x.word || !x.cap) return false;
  if (/^[A-Z]{2,6}$/.test(x.text) && !gaz.lookupAcronym(x.text).length) return true;
  if (FUNCTION_WORDS.has(x.lower) || (!right && DIRECTION_WORDS.has(x.lower))) return false;
  if (!NAME_POS.has(x.pos)) return false;
  if (sentenceInitial(us, k) && x.pos !== 'PROPN') return false;
  if (gaz.demonyms.has(x.text)) return false;
  return true;
}

/** Why a candidate is not a place mention, or null when it is one. */
function rejectReason(gaz: Gazetteer, c: Candidate, strongAt: Set<number>, takenAt: Set<number>): string | null {
  const us = c.units;
  const single = c.u === c.v && !c.landmark && !c.feature;
  const x = us[c.u];
  if ((c.u === c.v || c.baseV === c.u) && !c.part && gaz.stopwords.has(x.lower)) return 'stopword';
  if (gaz.stopwords.has(c.text.toLowerCase())) return 'stopword';
  if (c.u === c.v && !c.part && ORG_HEADS.has(x.lower) && !c.want) return 'name-word';
  if (us[c.u - 1]?.text === '/' || us[c.v + 1]?.text === '/') {
    const before = us[c.u - 1];
    const after = us[c.v + 1];
    // "A/California/7/2009" is a strain code; "Zaire/Congo" two names
    const code = (x: Unit | undefined) => !!x && /^(?:\d|[A-Z]$)/.test(x.text);
    if ((before && before.text === '/' && before.end === c.start && code(us[c.u - 2])) || (after && after.text === '/' && after.start === c.end && code(us[c.v + 2]))) return 'code';
  }
  if (single && !c.part && gaz.demonyms.has(x.text)) return 'demonym';
  if (c.part) return null;
  // a person: "X said", "said X", "X, 42,"
  const L0 = us[c.u - 1];
  const R0 = us[c.v + 1];
  if (c.u === c.v && !(L0 && LOCATIVE.has(L0.lower)) && c.hits.every((h) => h.place.featureType === 'city' && !h.place.capital && h.place.population < 250000)) {
    if (R0 && SPEECH.has(R0.lower)) return 'person';
    if (L0 && /^(?:said|says|told)$/.test(L0.lower) && !(us[c.v + 1] && us[c.v + 1].lower === 'on')) return 'person';
    if (R0?.text === ',' && us[c.v + 2] && /^\d{1,3}$/.test(us[c.v + 2].text) && us[c.v + 3] && /^[,)]$/.test(us[c.v + 3].text)) return 'person';
  }
  // a name particle between two capitalised words: "Vincent van Dijk", "Mercedes de Souza" (even after
  // "to"), unless some place's name goes on so ("Santiago de ...")
  if (c.u === c.v && R0 && NAME_PARTICLES.has(R0.text) && us[c.v + 2]?.cap && us[c.v + 2].word && !gaz.hasPrefix(`${c.key} ${R0.text}`) &&
    c.hits.every((h) => h.place.featureType === 'city' && !h.place.capital && h.place.population < 250000)) return 'person';
  // "Spring 2002", "in Summer 1999": a season before a year is a date
  if (c.u === c.v && SEASONS.has(x.lower) && R0 && /^(?:1[89]|20)\d\d$/.test(R0.text)) return 'date';

  // --- left: a capitalised name word that is not a place ("Taco Bell Canada", "Paris Hilton")
  const L = us[c.u - 1];
  if (L && L.word && L.cap && !takenAt.has(c.u - 1)) {
    if (PERSON_TITLES.has(L.lower) && !c.headline) return 'person';
    if (nameWord(us, c.u - 1, gaz)) {
      if (!c.headline) return 'inside-name';
      if (ORG_HEADS.has(L.lower)) return 'inside-name';
    }
  }
  // "University of Toronto", "Prince of Wales"
  {
    let k = c.u - 1;
    while (k >= 0 && us[k].cap && DIRECTION_WORDS.has(us[k].lower)) k--;
    if (k >= 0 && us[k].lower === 'the') k--;
    const contained = us[c.v + 1]?.text === ',' && us[c.v + 2]?.cap;
    if (k >= 1 && us[k].lower === 'of' && us[k - 1].cap && !contained) {
      const h = us[k - 1].lower;
      if (OF_NAME_HEADS.has(h) || (ORG_HEADS.has(h) && !OF_POLITY_HEADS.has(h))) return 'inside-name';
    }
  }

  // --- right
  const R = us[c.v + 1];
  if (R && R.word && !c.landmark && !c.feature) {
    if (R.cap) {
      if (MONTHS_DAYS.test(R.lower)) {
        // "in Moscow October 7": a date follows
      } else if (R.lower === 'area' && !(us[c.v + 2]?.word && us[c.v + 2].cap)) {
        // "the Denver Area" is Denver and its surroundings, written with a capital
      } else if (strongAt.has(c.v + 1)) {
        // another place follows ("NY Plum Island", "Washington DC")
      } else if (ORG_HEADS.has(R.lower) && !OFFICE_WORDS.has(R.lower)) {
        return 'inside-name';
      } else if (OFFICE_WORDS.has(R.lower)) {
        if (orgAhead(us, c.v + 1)) return 'inside-name';
      } else if (!nameWord(us, c.v + 1, gaz, true)) {
        // "across the U.S. Usually …": the next sentence, badly split
      } else if (!c.headline || ORG_HEADS.has(R.lower)) {
        return 'inside-name';
      }
    } else if (!/['’]$/.test(c.text)) {
      // "Astana peace process", "Minsk agreements", "Marburg virus" (but "the United States flu season")
      for (let k = c.v + 1, hop = 0; k < us.length && hop < 3; k++, hop++) {
        const w = us[k].lower;
        if (PROCESS_HEADS.has(w)) {
          if (DISEASE_WORDS.has(w) && us[k + 1] && OUTBREAK_NOUNS.has(us[k + 1].lower)) break;
          return 'named-process';
        }
        if (!PROCESS_MODIFIERS.has(w)) break;
      }
    }
  }

  // --- sentence-initial words that are not proper nouns ("Hope was high", "Reading is …")
  if (single && sentenceInitial(us, c.u) && x.pos !== 'PROPN' && !c.want) {
    const strong = c.hits.some((h) => strongHit(h) || (h.place.featureType === 'city' && h.place.population >= 100000 && !h.place.weak));
    if (!strong) return 'sentence-initial';
  }
  return null;
}

function strongHit(h: NameHit): boolean {
  const t = h.place.featureType;
  return t === 'country' || t === 'region' || (t === 'admin1' && h.tier < 2);
}

/** Whether an organisation head follows among the next capitalised words ("New York State Department of Health"). */
function orgAhead(us: Unit[], k: number): boolean {
  for (let m = k; m < us.length && m < k + 6; m++) {
    const x = us[m];
    if (!x.cap && x.lower !== 'of' && x.lower !== 'for' && x.lower !== 'and' && x.lower !== '&' && x.lower !== 'the') return false;
    if (x.cap && ORG_HEADS.has(x.lower)) return true;
  }
  return false;
}

// ------------------------------------------------------------------ resolution

/** Evidence that the article talks about each country, kept by the name that gave it. */
class Evidence {
  private totals = new Map<string, number>();
  private byKey = new Map<string, Map<string, number>>();
  private baseTotal = 0;
  private sum = 0;
  constructor(private base: Map<string, number>) {
    for (const w of base.values()) this.baseTotal += w;
  }

  add(key: string, iso2: string, w: number): void {
    this.totals.set(iso2, (this.totals.get(iso2) ?? 0) + w);
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = new Map()));
    m.set(iso2, (m.get(iso2) ?? 0) + w);
    this.sum += w;
  }

  /** The evidence without what mentions named `key` gave. */
  but(key: string): { get(iso2: string): number; total: number } {
    const own = this.byKey.get(key);
    let ownSum = 0;
    if (own) for (const w of own.values()) ownSum += w;
    return {
      get: (iso2: string) => (this.base.get(iso2) ?? 0) + (this.totals.get(iso2) ?? 0) - (own?.get(iso2) ?? 0),
      total: this.baseTotal + this.sum - ownSum,
    };
  }
}

function cityPrior(p: GazPlace): number {
  let v = Math.log10(Math.max(p.population, 1000));
  if (p.capital) v += 2;
  else if (p.code === 'PPLA') v += 0.6;
  else if (p.code === 'PPLA2') v += 0.2;
  if (p.code === 'PPLX') v -= 0.5;
  if (p.population < 5000) v -= 0.5;
  return v;
}

function prior(p: GazPlace, tier: number): number {
  let v: number;
  switch (p.featureType) {
    case 'country': v = 10.5; break;
    case 'region': v = 10; break;
    case 'admin1': v = 7.5; break;
    case 'landmark': v = 5; break;
    default: v = cityPrior(p);
  }
  if (tier === 2) v -= 1.2;
  else if (tier === 1 && p.featureType === 'country') v -= 0.3;
  return v;
}

/** Whether place `p` lies inside container place `q`. */
function inside(gaz: Gazetteer, p: GazPlace, q: GazPlace): boolean {
  if (p.idx === q.idx) return false;
  switch (q.featureType) {
    case 'country':
      return !!p.iso2 && p.iso2 === q.iso2 && p.featureType !== 'country';
    case 'admin1': {
      if (p.iso2 !== q.iso2 || p.featureType === 'country' || p.featureType === 'admin1' || p.featureType === 'region') return false;
      const code = gaz.geonamesAdmin1(q);
      if (code && p.admin1 && p.featureType === 'city') return p.admin1 === code || distanceKm(p.lat, p.lon, q.lat, q.lon) < 100;
      return distanceKm(p.lat, p.lon, q.lat, q.lon) < 350;
    }
    case 'region':
      if (p.featureType === 'country' || p.featureType === 'region') return false;
      if (q.iso2 && p.iso2 !== q.iso2) return false;
      return distanceKm(p.lat, p.lon, q.lat, q.lon) < 600;
    case 'city':
      return p.featureType === 'landmark' || (p.featureType === 'city' && p.iso2 === q.iso2 && distanceKm(p.lat, p.lon, q.lat, q.lon) < 60);
    default:
      return false;
  }
}

interface Anchor {
  place: GazPlace;
  keys: Set<string>;
}
interface Anchors {
  admin1: Anchor[];
  /** the other places in cells of CELL degrees */
  grid: Map<number, Anchor[]>;
}
const CELL = 5;

/** The distinct places the other mentions resolved to (cities, admin-1 regions, landmarks), with the names that gave them. */
function anchorsOf(ctx: Ctx): Anchors {
  if (ctx.anchors) return ctx.anchors;
  const by = new Map<number, Anchor>();
  for (const o of ctx.others) {
    const q = o.best;
    if (!q || q.featureType === 'country' || q.featureType === 'region') continue;
    let a = by.get(q.idx);
    if (!a) by.set(q.idx, (a = { place: q, keys: new Set() }));
    a.keys.add(o.key);
  }
  const anchors: Anchors = { admin1: [], grid: new Map() };
  for (const a of by.values()) {
    if (a.place.featureType === 'admin1') {
      anchors.admin1.push(a);
      continue;
    }
    const k = Math.floor(a.place.lat / CELL) * 1000 + Math.floor(a.place.lon / CELL);
    const list = anchors.grid.get(k);
    if (list) list.push(a);
    else anchors.grid.set(k, [a]);
  }
  ctx.anchors = anchors;
  return anchors;
}

interface Ctx {
  gaz: Gazetteer;
  /** iso2 → evidence that the article talks about that country, from sources other than the candidate */
  countries: { get(iso2: string): number | undefined };
  others: Candidate[];
  /** distinct places of `others`, computed once per round */
  anchors?: Anchors | null;
  round: number;
}

function score(c: Candidate, h: NameHit, ctx: Ctx): number {
  const p = h.place;
  const gaz = ctx.gaz;
  let v = prior(p, h.tier);
  if (c.want === 'admin1') v += p.featureType === 'admin1' || c.subadmin ? 4 : -4;
  else if (c.want === 'city') v += p.featureType === 'city' ? 4 : -4;
  // the countries the article talks about
  if (p.iso2) {
    const w = ctx.countries.get(p.iso2) ?? 0;
    if (w > 0) v += p.featureType === 'country' ? Math.min(1.5, w) : 1.5 + Math.min(2, w);
  }
  // a container right after a comma
  if (c.container?.best) {
    if (inside(gaz, p, c.container.best)) v += 8;
    else if (p.featureType !== 'country') v -= 2;
  }
  if (c.isContainer && (p.featureType === 'admin1' || p.featureType === 'country')) {
    v += 2.5;
    // a container holds the town before it: a reading that holds none of the town's readings is
    // a namesake elsewhere ("Dublin, Georgia" is the US state)
    if (!c.contains.some((a) => a.subadmin || a.hits.some((h) => inside(gaz, h.place, p)))) v -= 4;
  } else if (c.isContainer && p.featureType === 'city' && p.population >= 1e6) {
    // a borough or district followed by its metropolis ("Harlem, New York") names the city, not its region
    if (c.contains.some((a) => a.hits.some((h) => h.place !== p && h.place.featureType === 'city' && h.place.iso2 === p.iso2 && distanceKm(p.lat, p.lon, h.place.lat, h.place.lon) < 30))) v += 4;
  }
  if (ctx.round > 0) {
    // nearby places and admin-1 regions the article names
    let near = 0;
    let within = 0;
    if (p.featureType !== 'country' && p.featureType !== 'region') {
      const an = anchorsOf(ctx);
      if (p.featureType === 'city') {
        for (const a of an.admin1) {
          if (a.keys.size === 1 && a.keys.has(c.key)) continue;
          // "New York state" is no evidence that "New York" is the city in it: it is the same name
          if (c.hits.some((h) => h.place === a.place)) continue;
          if (inside(gaz, p, a.place)) {
            within = 2;
            break;
          }
        }
      }
      const cy = Math.floor(p.lat / CELL);
      const cx = Math.floor(p.lon / CELL);
      for (let y = cy - 1; y <= cy + 1 && near < 1.5; y++) {
        for (let x = cx - 1; x <= cx + 1; x++) {
          const list = an.grid.get(y * 1000 + x);
          if (!list) continue;
          for (const a of list) {
            if (a.keys.size === 1 && a.keys.has(c.key)) continue;
            const q = a.place;
            const d = distanceKm(p.lat, p.lon, q.lat, q.lon);
            if (d < 50) near = Math.max(near, 1.5);
            else if (d < 200) near = Math.max(near, 1);
            else if (d < 500) near = Math.max(near, 0.3);
          }
        }
      }
    }
    // a town both inside a region the article names and near its other places: two cues, not one
    v += within + near;
    // list neighbours of one kind ("Utah, Washington and Wisconsin"; "Egypt and Niger")
    if (c.list.length && p.featureType !== 'city') {
      let same = 0;
      let kind = 0;
      for (const o of c.list) {
        const q = o.best;
        if (!q) continue;
        if (q.featureType === p.featureType) kind++;
        if (q.featureType === p.featureType && q.iso2 === p.iso2) same++;
      }
      if (kind) v += 2.5 + (same ? 0.5 : 0);
    } else if (c.list.length && p.population >= 1e6) {
      // a big city listed with big cities ("flights from New York and Chicago") is the city, not its namesake region
      if (c.list.some((o) => o.best?.featureType === 'city' && o.best.population >= 1e5)) v += 1.5;
    }
  }
  return v;
}

/** Whether the article supports place `p`: its country is talked about, a container or a named admin-1 region holds it, or another place lies near. */
function supported(c: Candidate, p: GazPlace, ctx: Ctx): boolean {
  if (p.featureType === 'country' || p.featureType === 'region') return true;
  if (p.iso2 && (ctx.countries.get(p.iso2) ?? 0) > 0) return true;
  if (c.container?.best && inside(ctx.gaz, p, c.container.best)) return true;
  for (const o of ctx.others) {
    if (o === c || !o.best || o.key === c.key || o.best.featureType === 'country' || o.best.featureType === 'region') continue;
    // a big region's point may lie far from its towns ("Dryden" and "Ontario"): containment counts
    if (o.best.featureType === 'admin1' && p.featureType === 'city' && inside(ctx.gaz, p, o.best)) return true;
    if (distanceKm(p.lat, p.lon, o.best.lat, o.best.lon) < 300) return true;
  }
  return false;
}

/** The hits worth scoring: a country's alias gives way to an admin-1 region or region of that country named so ("England", "Gaza Strip"). */
function candidatesOf(c: Candidate): NameHit[] {
  if (c.scored) return c.scored;
  c.scored = filterHits(c);
  return c.scored;
}

/** Places sharing a name are many ("Washington": 50): the likeliest cities by prior are scored, plus every non-city. */
const MAX_SCORED = 16;

function filterHits(c: Candidate): NameHit[] {
  let hits = c.hits;
  if (hits.length > MAX_SCORED) {
    // the likeliest overall, and the two likeliest of each country (the article may be about a small one)
    const cities = hits.filter((h) => h.place.featureType === 'city').sort((a, b) => prior(b.place, b.tier) - prior(a.place, a.tier));
    const perCountry = new Map<string, number>();
    const keep = cities.filter((h, i) => {
      const n = perCountry.get(h.place.iso2 ?? '') ?? 0;
      perCountry.set(h.place.iso2 ?? '', n + 1);
      return i < MAX_SCORED || n < 2;
    });
    hits = [...hits.filter((h) => h.place.featureType !== 'city'), ...keep];
  }
  if (hits.length < 2) return hits;
  const country = hits.some((h) => h.place.featureType === 'country' && h.tier < 2);
  return hits.filter((h) => {
    if (country && h.tier === 2) return false;
    // an admin-1 unit named after its city ("Glasgow", "Kisumu", "Auckland Region") is the city
    if (h.place.featureType === 'admin1' && c.want !== 'admin1') {
      const p = h.place;
      // (a bare name cut from "Oruro Department" is its capital city however far the region's centre lies)
      if (hits.some((g) => g.place.featureType === 'city' && g.tier < 2 && g.place.iso2 === p.iso2 && (g.place.population >= 50000 || g.place.capital) &&
        (distanceKm(p.lat, p.lon, g.place.lat, g.place.lon) < 60 || (h.tier === 2 && inside(gazetteer(), g.place, p))))) return false;
    }
    if (h.place.featureType !== 'country' || h.tier !== 1) return true;
    return !hits.some((g) => g.tier === 0 && g.place.iso2 === h.place.iso2 && (g.place.featureType === 'admin1' || g.place.featureType === 'region' || (g.place.featureType === 'city' && g.place.population > 100000)));
  });
}

/** A country-level reading that does not depend on the rest: a country name, or a name whose places all lie in one country. */
function unambiguousCountry(c: Candidate): GazPlace | null {
  const hs = candidatesOf(c);
  const country = hs.find((h) => h.place.featureType === 'country' && h.tier < 2);
  if (country && !c.want) return country.place;
  const iso = new Set(hs.map((h) => h.place.iso2));
  if (iso.size === 1 && hs[0].place.iso2) return hs[0].place;
  return null;
}

// ------------------------------------------------------------------ the stage

export interface PlaceTrace {
  text: string;
  start: number;
  end: number;
  /** why the candidate was not kept, or null */
  reason: string | null;
  place: string | null;
}

/**
 * Finds the article's toponyms, resolves them with the gazetteer and adds them to `doc.places`.
 * Captions and other non-claim blocks are searched too: their places are listed like the others.
 * `trace`, when given, receives every candidate and why it was dropped (for debugging).
 */
export function places(doc: Doc, trace?: PlaceTrace[]): void {
  if (!doc.sentences.length) return;
  const gaz = gazetteer();
  const cands: Candidate[] = [];
  const personWords = new Set<string>();
  for (const s of doc.sentences) findCandidates(doc, gaz, s, cands, personWords);

  // people and organisations named by the actors stage, when it ran before
  const personSpans: [number, number][] = [];
  const orgSpans: [number, number][] = [];
  for (const m of doc.mentions) {
    const e = doc.entities.get(m.entityId);
    // only names the knowledge base knows: the actors stage's guesses at unknown names are no evidence
    if (!e || !e.linked) continue;
    if (e.kind === 'person') {
      personSpans.push([m.start, m.end]);
      for (const w of m.text.split(/\s+/)) if (CAP.test(w)) personWords.add(w.replace(/['’]s$/, ''));
    } else if (e.kind !== 'country' && e.kind !== 'government' && e.kind !== 'place' && e.kind !== 'civilians' && e.kind !== 'unknown' && e.kind !== 'military' && e.kind !== 'police') {
      orgSpans.push([m.start, m.end]);
    }
  }
  collectSurnames(doc, cands, personWords, gaz);
  // a word the article also uses as a place ("in Malakal") is not a surname
  for (const c of cands) {
    const L = c.units[c.u - 1];
    if (c.u === c.v && L && LOCATIVE.has(L.lower) && L.lower !== 'of') personWords.delete(c.units[c.u].text);
  }

  // unit positions held by candidates, per sentence
  const strongAt = new Map<number, Set<number>>();
  const takenAt = new Map<number, Set<number>>();
  for (const c of cands) {
    const t = takenAt.get(c.sentence) ?? new Set<number>();
    const st = strongAt.get(c.sentence) ?? new Set<number>();
    for (let k = c.u; k <= c.v; k++) t.add(k);
    if (c.v > c.u || c.hits.some(strongHit)) st.add(c.u);
    takenAt.set(c.sentence, t);
    strongAt.set(c.sentence, st);
  }
  const kept: Candidate[] = [];
  for (const c of cands) {
    let why = rejectReason(gaz, c, strongAt.get(c.sentence)!, takenAt.get(c.sentence)!);
    if (!why && personSpans.some(([a, b]) => a <= c.start && c.end <= b)) why = 'person';
    if (!why && orgSpans.some(([a, b]) => a <= c.start && c.end <= b && b - a > c.end - c.start)) why = 'inside-name';
    c.reason = why;
    if (why) continue;
    const x = c.units[c.u];
    c.needsSupport = c.feature || (c.u === c.v && (gaz.weak.has(c.key) || x.text.replace(/\./g, '').length <= 3));
    kept.push(c);
  }

  // containers ("Aleppo, Syria"; "Buffalo, New York") and lists ("Utah, Washington and Wisconsin")
  for (let k = 0; k + 1 < kept.length; k++) {
    const a = kept[k];
    const b = kept[k + 1];
    if (a.sentence !== b.sentence) continue;
    const between = doc.text.slice(a.end, b.start);
    if (/^\s*,\s*$/.test(between) || (/^\s*\(\s*$/.test(between) && /^\s*\)/.test(doc.text.slice(b.end, b.end + 3)))) {
      const canContain = b.hits.some((h) => h.place.featureType === 'country' || h.place.featureType === 'admin1' || (h.place.featureType === 'region' && !!h.place.iso2));
      const canBeInside = a.hits.some((h) => b.hits.some((g) => inside(gaz, h.place, g.place))) || a.subadmin;
      // "Utah, Washington, West Virginia and Wyoming" is a list, not Washington in West Virginia
      const z = kept[k - 1];
      const y = kept[k + 2];
      const inList = a.hits.some(strongHit) && (
        (!!z && z.sentence === a.sentence && /^\s*(?:,|and|or)\s*$/.test(doc.text.slice(z.end, a.start)) && z.hits.some(strongHit)) ||
        (!!y && y.sentence === b.sentence && /^(?:,|,?\s*and|,?\s*or)$/.test(doc.text.slice(b.end, y.start).trim()) && y.hits.some(strongHit) && !y.hits.some((h) => h.place.featureType === 'country' && b.hits.some((g) => g.place.iso2 === h.place.iso2))));
      if (canContain && canBeInside && !inList) {
        a.container = b;
        b.isContainer = true;
        b.contains.push(a);
        continue;
      }
    }
    // "Lebanon, in Warren County, Ohio", "Moscow in Idaho": a town placed in a region by "in"
    if (/\s$/.test(between) && /^,?\s*in$/.test(between.trim())) {
      let box = b;
      const y = kept[k + 2];
      if (b.subadmin && y && y.sentence === b.sentence && /^\s*,\s*$/.test(doc.text.slice(b.end, y.start))) box = y;
      const canContain = box.hits.some((h) => h.place.featureType === 'country' || h.place.featureType === 'admin1');
      if (canContain && a.hits.some((h) => h.place.featureType === 'city' && box.hits.some((g) => inside(gaz, h.place, g.place)))) {
        a.container = box;
        box.isContainer = true;
        box.contains.push(a);
        if (box !== b) b.contains.push(a);
        continue;
      }
    }
    if (/^(?:,|,?\s*and|,?\s*or|\/|;)$/.test(between.trim())) {
      a.list.push(b);
      b.list.push(a);
    }
  }
  for (const c of kept) {
    if (!c.list.length) continue;
    const all = new Set<Candidate>(c.list);
    for (let hop = 0; hop < 3; hop++) for (const o of [...all]) for (const o2 of o.list) if (o2 !== c) all.add(o2);
    c.list = [...all];
  }
  // a surname met in a full name, alone and without a container: a person
  const kept2: Candidate[] = [];
  for (const c of kept) {
    if (c.u === c.v && !c.container && !c.isContainer && !c.want && personWords.has(c.units[c.u].text) && !c.hits.some(strongHit)) {
      c.reason = 'surname';
      continue;
    }
    kept2.push(c);
  }

  // evidence for countries: demonyms and the actors stage's mentions; places are added per round
  const base = new Map<string, number>();
  const add = (m: Map<string, number>, iso2: string, w: number) => m.set(iso2, (m.get(iso2) ?? 0) + w);
  for (const t of doc.tokens) {
    if (!CAP.test(t.text)) continue;
    const iso2 = gaz.demonyms.get(t.text);
    if (iso2) add(base, iso2, 1);
  }
  for (const m of doc.mentions) {
    const e = doc.entities.get(m.entityId);
    if (e?.iso3 && m.via !== 'name' && m.via !== 'alias' && m.via !== 'demonym') {
      const iso2 = gaz.iso3to2.get(e.iso3);
      if (iso2) add(base, iso2, 0.3);
    }
  }

  const ctx: Ctx = { gaz, countries: base, others: kept2, round: 0 };
  for (let round = 0; round < 3; round++) {
    ctx.round = round;
    ctx.anchors = null;
    // evidence from the other mentions, as resolved so far, by name key
    const ev = new Evidence(base);
    for (const c of kept2) {
      const p = round === 0 ? unambiguousCountry(c) : c.best;
      if (!p?.iso2) continue;
      // a lone small-town name ("Whitby") may be a surname or a word: it does not pick the country of the others
      if (p.featureType === 'city' && c.u === c.v && p.population < 50000 && !p.capital && !c.container) continue;
      ev.add(c.key, p.iso2, p.featureType === 'country' ? 1 : round === 0 ? 0.5 : Math.min(1, 0.4 + c.margin / 8));
    }
    for (const c of kept2) {
      ctx.countries = ev.but(c.key);
      let best: NameHit | null = null;
      let bestScore = -Infinity;
      let second = -Infinity;
      for (const h of candidatesOf(c)) {
        const x = score(c, h, ctx);
        if (x > bestScore) {
          second = bestScore;
          bestScore = x;
          best = h;
        } else if (x > second) second = x;
      }
      c.best = best?.place ?? null;
      c.tier = best?.tier ?? 0;
      c.bestScore = bestScore;
      c.margin = Number.isFinite(second) ? bestScore - second : 6;
    }
  }

  // a county known only through its namesake city: a town the text puts in it is a surer point
  // ("Lebanon, in Warren County, Ohio"); else, when the namesake lies outside the county's
  // container (its only namesake city is in another state), the container's point
  for (const c of kept2) {
    if (!c.subadmin || !c.best || !c.container?.best) continue;
    const box = c.container.best;
    const town = c.contains.find((a) => a.best?.featureType === 'city' && inside(gaz, a.best, box))?.best;
    if (town) c.best = town;
    else if (!inside(gaz, c.best, box)) c.best = box;
    else continue;
    c.bestScore += 3;
  }

  // one name, one reading per article: the best-founded reading of a name goes to its other mentions
  const byKey = new Map<string, Candidate>();
  const strength = (x: Candidate) => x.bestScore + (x.container ? 3 : 0) + (x.want ? 2 : 0);
  for (const c of kept2) {
    const r = byKey.get(c.key);
    if (!r || strength(c) > strength(r)) byKey.set(c.key, c);
  }
  for (const c of kept2) {
    const r = byKey.get(c.key)!;
    if (r === c || !r.best || c.best === r.best || c.container || (c.want && !c.subadmin)) continue;
    if (c.hits.some((h) => h.place === r.best) || (c.subadmin && r.subadmin)) {
      c.best = r.best;
      c.margin = Math.min(c.margin, r.margin);
      if (r.container) c.container = r.container;
    }
  }

  // support: small, weak, foreign or derived readings need the article behind them
  // (only readings that do not depend on the rest count, so two doubtful readings cannot prop each other up)
  const evidence = new Evidence(base);
  for (const c of kept2) {
    const p = unambiguousCountry(c);
    // small towns are themselves in doubt: they give no evidence
    if (!p?.iso2 || (c.best?.featureType === 'city' && c.best.population < 50000 && !c.best.capital)) continue;
    evidence.add(c.key, p.iso2, p.featureType === 'country' ? 1 : 0.5);
  }
  const none = { get: () => 0 };
  const needs = new Map<Candidate, Ctx['countries']>();
  for (const c of kept2) {
    const p = c.best;
    if (!p) continue;
    const cc = evidence.but(c.key);
    const total = cc.total;
    const own = p.iso2 ? cc.get(p.iso2) : 0;
    // foreign: the article talks about other countries, and a plausible reading lies in one of them
    const foreign = total > 0 && own <= 0 && c.hits.some((h) => h.place !== p && !!h.place.iso2 && cc.get(h.place.iso2) > 0 &&
      (h.place.featureType !== 'city' || h.place.population >= 5000));
    const small = p.featureType === 'city' && p.population < 15000 && !p.capital;
    const foreignCity = p.featureType === 'city' && foreign && p.population < 100000 && !p.capital;
    const foreignAdmin = p.featureType === 'admin1' && foreign && c.u === c.v;
    const typeMismatch = c.want === 'admin1' && p.featureType === 'city' && !c.subadmin;
    // a single-word town under 50,000 people: also a surname or a common word, unless the text
    // puts it after a locative word ("in Fairfield", "from Tyler") or near another place
    const L = c.units[c.u - 1];
    const lone = p.featureType === 'city' && c.u === c.v && !c.part && p.population < 50000 && !p.capital && !c.want && !(L && LOCATIVE.has(L.lower));
    if (lone && !(c.container && !c.subadmin)) {
      // cues that the word is a place: a common noun after it ("Esperance residents"), other places
      // listed with it; then the country counts as support, else only a container or a place nearby
      const R = c.units[c.v + 1];
      const cue = (R && R.word && !R.cap && (R.pos === 'NOUN' || R.pos === 'PROPN')) || c.list.length > 0;
      needs.set(c, cue ? cc : none);
      continue;
    }
    const need = c.needsSupport || p.weak || small || foreignCity || foreignAdmin || c.subadmin || typeMismatch ||
      (p.featureType === 'admin1' && c.tier === 2 && !c.want);
    if (!need || (c.container && !c.subadmin)) continue;
    needs.set(c, cc);
  }
  // proximity counts only from places that stand on their own
  const anchored = kept2.filter((c) => c.best && !needs.has(c));
  for (const [c, cc] of needs) {
    const p = c.best!;
    ctx.countries = cc;
    ctx.others = anchored;
    const proximityOnly = c.subadmin || c.feature;
    const ok = proximityOnly ? supported(c, p, { ...ctx, countries: none }) : supported(c, p, ctx);
    if (!ok) c.reason = 'unsupported';
  }
  // one name, one reading: a name supported once is supported throughout the article
  const supportedKeys = new Map<string, GazPlace>();
  for (const c of kept2) if (!c.reason && c.best) supportedKeys.set(c.key, c.best);
  for (const c of kept2) if (c.reason === 'unsupported' && supportedKeys.get(c.key) === c.best) c.reason = null;

  for (const c of kept2) {
    if (c.reason || !c.best) continue;
    const p = c.best;
    const special = c.landmark || c.feature || c.subadmin;
    const featureType = c.landmark || c.feature ? 'landmark' : c.subadmin ? 'region' : p.featureType;
    let confidence = 0.55 + 0.4 * Math.min(1, c.margin / 5);
    if (c.tier === 2) confidence *= 0.85;
    if (c.needsSupport || p.weak) confidence *= 0.85;
    if (special) confidence *= 0.8;
    if (c.headline) confidence *= 0.95;
    const pm: PlaceMention = {
      start: c.start,
      end: c.end,
      text: c.text,
      name: special ? c.text.replace(/^the\s+/i, '') : p.name,
      lat: p.lat,
      lon: p.lon,
      iso3: p.iso3,
      geonamesId: special ? null : p.geonamesId,
      featureType,
      population: special || !p.population ? null : p.population,
      sentence: c.sentence,
      confidence: Math.round(Math.max(0.05, Math.min(0.99, confidence)) * 100) / 100,
    };
    doc.places.push(pm);
  }
  placeReferences(doc);
  if (trace) for (const c of cands) trace.push({ text: c.text, start: c.start, end: c.end, reason: c.reason, place: c.best ? `${c.best.name} (${c.best.featureType}, ${c.best.iso2 ?? '-'})` : null });
}

/**
 * Surnames: the last word of a "First Last" run of capitalised words when it is a candidate place
 * and the run stands where a person does (before a verb or a comma, not after "in"/"from").
 */
function collectSurnames(doc: Doc, cands: Candidate[], out: Set<string>, gaz: Gazetteer): void {
  const bySentence = new Map<number, Candidate[]>();
  for (const c of cands) {
    const l = bySentence.get(c.sentence) ?? [];
    l.push(c);
    bySentence.set(c.sentence, l);
  }
  for (const [, list] of bySentence) {
    const us = list[0].units;
    if (list[0].headline) continue;
    const at = new Set<number>();
    for (const c of list) if (c.u === c.v) at.add(c.u);
    for (const k of at) {
      const first = us[k - 1];
      const last = us[k];
      if (!first || !/^\p{Lu}\p{Ll}+$/u.test(first.text) || !/^\p{Lu}\p{Ll}+$/u.test(last.text)) continue;
      if (!nameWord(us, k - 1, gaz) || at.has(k - 1) || ORG_HEADS.has(first.lower) || OFFICE_WORDS.has(first.lower) || PERSON_TITLES.has(first.lower)) continue;
      const before = us[k - 2];
      if (before && before.cap && before.word) continue; // three or more capitalised words: a longer name
      if (before && /^(?:in|at|from|to|near|of|outside|across|around|into|via)$/.test(before.lower)) continue;
      const next = us[k + 1];
      const personLike = !next || next.text === ',' || next.text === '.' || next.pos === 'VERB' || next.pos === 'AUX' || /^(?:said|says|told|who)$/.test(next.lower);
      if (personLike) out.add(last.text);
    }
  }
}

/** Nouns that refer back to a town or city named shortly before ("the city", "the port"). */
const TOWN_NOUNS = new Set(['city', 'town', 'village', 'port']);

/**
 * "Drones struck Harlow overnight. Two people were killed in the city": a plain "the city",
 * "the town", "the village" or "the port" (an adjective may stand between) refers to the town
 * or city named last, at most two sentences back, so that what happened there has a place. Not
 * when a name or a noun follows ("the city Harlow", "the city council", "the city of Harlow"),
 * and not when two different towns were named in that stretch.
 */
function placeReferences(doc: Doc): void {
  if (!doc.places.length) return;
  const toks = doc.tokens;
  const towns = doc.places.filter((p) => p.featureType === 'city' && !p.refersTo).sort((a, b) => a.start - b.start);
  if (!towns.length) return;
  const added: PlaceMention[] = [];
  for (const s of doc.sentences) {
    if (!s.claim || s.headline) continue;
    for (let k = s.tokenStart; k < s.tokenEnd - 1; k++) {
      if (toks[k].text.toLowerCase() !== 'the') continue;
      let n = k + 1;
      if (toks[n].pos === 'ADJ' && n + 1 < s.tokenEnd) n++;
      const noun = toks[n];
      if (!TOWN_NOUNS.has(noun.text)) continue;
      const after = toks[n + 1];
      if (after && n + 1 < s.tokenEnd && (after.text === 'of' || after.pos === 'NOUN' || after.pos === 'PROPN' || /^\p{Lu}/u.test(after.text) || after.text === "'s" || after.text === '’s')) continue;
      const before = towns.filter((p) => p.end <= toks[k].start && p.sentence >= s.index - 2);
      if (!before.length) continue;
      const last = before[before.length - 1];
      if (before.some((p) => p.name !== last.name || p.iso3 !== last.iso3)) continue;
      // A big city is no village, and a metropolis no town.
      const pop = last.population ?? 0;
      if ((noun.text === 'village' && pop > 50_000) || (noun.text === 'town' && pop > 500_000)) continue;
      added.push({ ...last, start: toks[k].start, end: noun.end, text: doc.text.slice(toks[k].start, noun.end), sentence: s.index,
        confidence: Math.round(last.confidence * 0.8 * 100) / 100, refersTo: { start: last.start, end: last.end } });
    }
  }
  if (!added.length) return;
  doc.places.push(...added);
  doc.places.sort((a, b) => a.start - b.start);
}
