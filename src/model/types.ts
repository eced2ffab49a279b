// The records eventwire passes between stages. Plain types inside the program; zod schemas in
// ./schema.ts validate them where data crosses an edge (files, JSON lines, API, knowledge data).

/** A half-open character range [start, end) into `Article.text`. */
export interface Span {
  start: number;
  end: number;
}

export type Level = 'error' | 'warning' | 'info';

/** A message about input or analysis, positioned like a vfile message. */
export interface Message {
  level: Level;
  message: string;
  /** Short machine-readable reason, e.g. `date-unknown`, `bad-json`, `encoding`. */
  code: string;
  file?: string;
  line?: number;
  field?: string;
  start?: number;
  end?: number;
}

/**
 * Block kinds. `claim` blocks carry the article's own reporting; the others are kept (and shown)
 * but never mined for events.
 */
export type BlockKind =
  | 'title'
  | 'dateline'
  | 'paragraph'
  | 'heading'
  | 'quote'
  | 'list'
  | 'caption'
  | 'credit'
  | 'related'
  | 'byline'
  | 'meta';

export const NON_CLAIM_BLOCKS: ReadonlySet<BlockKind> = new Set(['dateline', 'caption', 'credit', 'related', 'byline', 'meta']);

export interface Block extends Span {
  kind: BlockKind;
  /** false for captions, credits, related links, bylines and metadata lines. */
  claim: boolean;
}

export type InputFormat = 'markdown' | 'html' | 'rss' | 'atom' | 'jsonl' | 'text';

export interface Article {
  /** Canonical URL (fragment and tracking parameters removed), or null when unknown. */
  url: string | null;
  title: string | null;
  /** ISO day (YYYY-MM-DD) or full ISO timestamp; null when the article gives no date. */
  published: string | null;
  /** Site name derived from the URL host (`themoscowtimes.com`) or given by the input. */
  source: string | null;
  byline: string | null;
  language: string;
  /** The text as stored: the title block first, then the body blocks, separated by blank lines. */
  text: string;
  blocks: Block[];
  format: InputFormat;
  /** Where the article came from: file path, line (JSON Lines) or item index (feeds). */
  origin: { file?: string; line?: number; item?: number; encoding?: string };
  /** sha256 of the normalised text, used to recognise the same content twice. */
  contentHash: string;
  messages: Message[];
}

// ---------------------------------------------------------------- analysis

export interface Token extends Span {
  /** surface form */
  text: string;
  /** lower-cased lemma */
  lemma: string;
  /** Universal POS tag (wink-nlp): NOUN, PROPN, VERB, AUX, ADJ, ADP, DET, PUNCT, NUM, ... */
  pos: string;
  /** index of the sentence the token is in */
  sentence: number;
  /**
   * Set by the parse stage: the index (into Doc.tokens) of the token's syntactic head, -1 for the
   * sentence's root; its Universal Dependencies relation to that head (nsubj, obj, obl, ...,
   * with subtypes such as nsubj:pass and obl:agent); and the parser's own tags.
   */
  head?: number;
  deprel?: string;
  xpos?: string;
  upos?: string;
}

export interface Sentence extends Span {
  index: number;
  /** index of the first token and one past the last */
  tokenStart: number;
  tokenEnd: number;
  /** index into Article.blocks */
  block: number;
  /** false inside captions, credits, related links ... */
  claim: boolean;
  /** true for the headline */
  headline: boolean;
}

export type EntityKind =
  | 'country'
  | 'government'
  | 'military'
  | 'police'
  | 'person'
  | 'igo'
  | 'armed group'
  | 'party'
  | 'media'
  | 'ngo'
  | 'company'
  | 'opposition'
  | 'civilians'
  | 'group'
  | 'organisation'
  | 'place'
  | 'unknown';

/** A resolved actor: one per distinct thing in an article. */
export interface Entity {
  /** Knowledge-base id (`RUS`, `vladimir-putin`, `un-ocha`, `rus-kremlin`) or `local:<slug>` when unlinked. */
  id: string;
  name: string;
  kind: EntityKind;
  iso3: string | null;
  /** Role held at the article's date ("head of state"), for people; sector for groups. */
  role: string | null;
  /** CAMEO-style actor code, e.g. RUSGOV, SYRREB, IGOUNO. */
  cameo: string | null;
  /** false for names found in the text that the knowledge base does not know. */
  linked: boolean;
  /** Organisation this entity belongs to (OCHA → un). */
  parent?: string | null;
}

export interface Mention extends Span {
  text: string;
  entityId: string;
  sentence: number;
  /** How the mention was resolved: name, alias, demonym, capital, surname, acronym, title, coref ... */
  via: string;
  /**
   * For demonyms and country names that modify a noun ("Iranian media", "Russian troops"),
   * the head noun span it modifies.
   */
  head?: Span & { text: string };
}

export interface PlaceMention extends Span {
  text: string;
  name: string;
  lat: number;
  lon: number;
  iso3: string | null;
  geonamesId: number | null;
  /** city, admin1, country, region, landmark */
  featureType: string;
  population: number | null;
  sentence: number;
  /** 0–1 confidence of the resolution */
  confidence: number;
  /** for "the city" and the like: the span of the place name it refers back to */
  refersTo?: Span;
}

export type Precision = 'day' | 'week' | 'month' | 'year' | 'decade' | 'unknown';

export interface TimeMention extends Span {
  text: string;
  /** inclusive ISO days */
  from: string;
  to: string;
  precision: Precision;
  sentence: number;
  /** true for open intervals like "since 2011" (from is the start, to the publication day) */
  open?: boolean;
  /** rule that resolved it: chrono, weekday-past, week-relative, bare-year, that-day, as-of ... */
  rule: string;
}

export type FigureKind = 'killed' | 'injured' | 'displaced' | 'arrested' | 'detained' | 'missing' | 'besieged' | 'population' | 'refugees' | 'other';

export interface Figure extends Span {
  text: string;
  kind: FigureKind;
  /** the point value (the lower bound for ranges like "tens of thousands") */
  value: number;
  /** lower bound; null when unbounded below ("nearly 50,000", "some 1,400") */
  min: number | null;
  /** upper bound; null when unbounded above ("at least 30") */
  max: number | null;
  approximate: boolean;
  /** ISO day the figure is valid at, when the text says ("as of the end of November") */
  asOf: string | null;
  /** name of the source the sentence credits ("UN Office for ...") */
  attribution: string | null;
  attributionEntityId: string | null;
  /** place or entity the figure describes, when given */
  placeName: string | null;
  sentence: number;
}

export type Modality = 'asserted' | 'planned' | 'possible' | 'denied';

export interface ActorRef {
  id: string;
  name: string;
  iso3: string | null;
  kind?: EntityKind;
  cameo?: string | null;
}

export interface AttributionRef {
  /** Who says so: an entity name, or the article source. */
  name: string;
  entityId: string | null;
  /** whom that source cites, in turn */
  via: { name: string; entityId: string | null }[];
}

export interface Evidence extends Span {
  text: string;
  sentence: number;
}

export interface EventRecord {
  id: string;
  type: string;
  mode: string | null;
  context: string | null;
  cameo: string | null;
  acled: { eventType: string | null; subEventType: string | null } | null;
  modality: Modality;
  historical: boolean;
  source: ActorRef[];
  target: ActorRef[];
  date: { from: string; to: string; precision: Precision; basis: 'own' | 'sentence' | 'paragraph' | 'article' } | null;
  place: { name: string; lat: number; lon: number; iso3: string | null; geonamesId: number | null; featureType?: string } | null;
  attribution: AttributionRef[];
  figures: Figure[];
  evidence: Evidence[];
  trigger: { text: string; pattern: string; start: number; end: number };
  confidence: number;
  /** an analyst's review, when there is one (corrections applied; the analysis's values in `original`) */
  review?: Review;
}

/** The one document every pipeline stage reads and adds to. */
export interface Doc {
  article: Article;
  /** = article.text */
  text: string;
  /** publication day (YYYY-MM-DD) used as the anchor for relative times; null when unknown */
  anchor: string | null;
  tokens: Token[];
  sentences: Sentence[];
  entities: Map<string, Entity>;
  mentions: Mention[];
  places: PlaceMention[];
  times: TimeMention[];
  figures: Figure[];
  events: EventRecord[];
  messages: Message[];
}

// ---------------------------------------------------------------- across articles

/** How often, and from when to when, one modality was reported for a merged event. */
export interface ModalityStep {
  modality: Modality;
  /** publication day of the first and the last report with this modality (null: undated articles) */
  first: string | null;
  last: string | null;
  reports: number;
}

/** One distinct reported number for a merged event (the figure's own fields), with who reported it. */
export interface FigureClaim extends Pick<Figure, 'value' | 'min' | 'max' | 'approximate' | 'asOf' | 'attribution'> {
  /** reports giving this number, and the outlets they come from (at most 10 listed) */
  reports: number;
  outlets: string[];
  /** the earliest report of it: report id and its article's publication day */
  firstReport: string;
  published: string | null;
}

/** Every number reported for one kind of figure (killed, displaced...), side by side, never averaged. */
export interface FigureTable {
  kind: FigureKind;
  /** where the numbers were counted, when the reports name it ("killed 25 in Israel"); tolls of two places are two tables */
  place?: string | null;
  /** the lowest and highest point values reported */
  min: number;
  max: number;
  /** true when reports disagree (more than one distinct value) */
  conflict: boolean;
  claims: FigureClaim[];
}

/** How many reports, articles, stories (near-duplicate groups) and outlets report a merged event. */
export interface SourceCounts {
  reports: number;
  articles: number;
  /** independent sources: wire copies of one story count once */
  stories: number;
  outlets: number;
}

/**
 * One real-world event as reported by one or more articles: the reports (per-article events) that
 * agree on type, actors, dates and place, summarised. Each report keeps its own evidence, modality,
 * attribution and figures; see the store's merged-event detail.
 */
export interface MergedEvent {
  id: string;
  type: string;
  mode: string | null;
  context: string | null;
  cameo: string | null;
  acled: EventRecord['acled'];
  /** the latest reported modality; once asserted, only a later denial changes it */
  modality: Modality;
  modalityHistory: ModalityStep[];
  historical: boolean;
  /** every actor any report names, in order of first appearance */
  source: ActorRef[];
  target: ActorRef[];
  /** the interval most reports give (ties: the narrowest, then the earliest) */
  date: EventRecord['date'];
  /** the most specific place reported (ties: the most reported) */
  place: EventRecord['place'];
  attribution: { name: string; entityId: string | null; reports: number }[];
  figures: FigureTable[];
  counts: SourceCounts;
  /** the evidence of the earliest report */
  evidence: (Evidence & { reportId: string; articleId: number })[];
  trigger: EventRecord['trigger'];
  confidence: number;
  /** publication days of the earliest and latest report */
  firstReported: string | null;
  lastReported: string | null;
  /** the earliest report and its article (the event's link in exports) */
  firstReport: { id: string; articleId: number; url: string | null; outlet: string | null; published: string | null } | null;
  /** an analyst's review, when there is one (corrections applied; the merged values in `original`) */
  review?: Review;
}

// ---------------------------------------------------------------- review

export type ReviewStatus = 'confirmed' | 'rejected';
/** What an analyst can correct: the status, or one field of the event. */
export type CorrectionField = 'status' | 'type' | 'source' | 'target' | 'date' | 'place';
export const CORRECTION_FIELDS: CorrectionField[] = ['status', 'type', 'source', 'target', 'date', 'place'];

/** One stored review decision on a report (per-article event) or a merged event. */
export interface Correction {
  id: number;
  kind: 'report' | 'merged';
  /** the event's id (re-pointed when re-analysis or a rebuild gives it another) */
  event: string;
  field: CorrectionField;
  /** status: 'confirmed' | 'rejected'; type: a PLOVER type; source/target: ActorRef[]; date: {from, to}; place: a place */
  value: unknown;
  who: string | null;
  note: string | null;
  createdAt: string;
}

/** The review in force on an event: the latest status and the corrected fields. */
export interface Review {
  status: ReviewStatus | null;
  corrected: CorrectionField[];
  /** the values the analysis (or the merge) gave the corrected fields */
  original: Partial<Pick<EventRecord, 'type' | 'mode' | 'cameo' | 'acled' | 'source' | 'target' | 'date' | 'place'>>;
  /** who made the latest decision, and when */
  by: string | null;
  at: string;
  corrections: number;
}
