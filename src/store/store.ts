import { createHash, randomBytes } from 'node:crypto';
import type { Article, Block, Correction, Entity, EventRecord, Figure, MergedEvent, Mention, Message, PlaceMention, TimeMention } from '../model/types.js';
import type { NewCorrection } from '../model/schema.js';
import type { DayCount, MapGroup } from './eventsql.js';
import type { ActorNetwork, NetworkOptions } from './network.js';

export type { DayCount, MapGroup } from './eventsql.js';
export type { ActorNetwork, NetworkEdge, NetworkNode, NetworkOptions } from './network.js';

/** What the pipeline found in one article, as stored beside it. */
export interface Analysis {
  pipelineVersion: string;
  entities: Entity[];
  mentions: Mention[];
  places: PlaceMention[];
  times: TimeMention[];
  figures: Figure[];
  events: EventRecord[];
  messages: Message[];
}

export type PutStatus = 'new' | 'duplicate' | 'revision';

export interface PutResult {
  id: number;
  status: PutStatus;
  /** for revisions, the id of the row it supersedes */
  supersedes?: number;
  /** for a duplicate seen at another URL: that URL was recorded as a copy (another outlet) */
  copy?: boolean;
}

export interface StoreOptions {
  /**
   * Group articles into stories and merge their events with other articles' as they are stored
   * (default true). When off, `mergePending` catches up later.
   */
  merge?: boolean;
}

export interface StoredArticle {
  id: number;
  url: string | null;
  title: string | null;
  published: string | null;
  dateUnknown: boolean;
  source: string | null;
  byline: string | null;
  format: Article['format'];
  revision: number;
  supersedes: number | null;
  current: boolean;
  ingestedAt: string;
  contentHash: string;
  /** the story (group of near-duplicate articles) it belongs to: the id of the story's first article */
  storyId: number | null;
}

export interface StoredArticleFull extends StoredArticle {
  text: string;
  blocks: Block[];
  origin: Article['origin'];
  messages: Message[];
  analysis: Analysis | null;
  /** other URLs the same text was seen at */
  copies: ArticleCopy[];
}

export interface ArticleCopy {
  url: string;
  source: string | null;
  published: string | null;
}

export interface ArticleQuery {
  search?: string;
  since?: string;
  until?: string;
  source?: string;
  /** include superseded revisions */
  all?: boolean;
  limit?: number;
  offset?: number;
}

export interface EventQuery {
  type?: string;
  /** entity id or a name fragment */
  actor?: string;
  /** ISO3 of a source or target */
  country?: string;
  since?: string;
  until?: string;
  place?: string;
  modality?: string;
  articleId?: number;
  /** merged events only: reported by at least this many stories (independent sources) */
  minSources?: number;
  /** events placed inside the box (the events' lat/lon); minLon > maxLon crosses the antimeridian */
  bbox?: EventBBox;
  /**
   * Words (runs of letters and digits) that must all occur, case-insensitively, in the event's
   * evidence, its actors' names or its place name: a full-text index in either store.
   */
  text?: string;
  /**
   * Order by date_from, then id ascending (ties); undated events come last in either direction.
   * 'relevance' (with `text`, pages by offset): the best matches first. Default 'desc'.
   */
  order?: 'desc' | 'asc' | 'relevance';
  /**
   * Keyset cursor: only events after this one in `order` (its date_from and id, as returned). Cannot
   * be combined with `offset`.
   */
  after?: { date: string | null; id: string };
  /**
   * An analyst's review: 'confirmed' or 'rejected' events, 'unreviewed' ones (no status yet), or
   * 'notrejected' (everything but the rejected).
   */
  review?: ReviewFilter;
  /** only events without a place (no coordinates) */
  unplaced?: boolean;
  /** Lowest confidence first (ties by id) instead of date order: the review queue. Pages by offset only. */
  byConfidence?: boolean;
  /** default 10,000; a negative limit is no limit */
  limit?: number;
  offset?: number;
}

export type ReviewFilter = 'confirmed' | 'rejected' | 'unreviewed' | 'notrejected';
export const REVIEW_FILTERS: ReviewFilter[] = ['confirmed', 'rejected', 'unreviewed', 'notrejected'];

export type AggregateRow = Pick<StoredEvent, 'id' | 'type' | 'date' | 'place' | 'source' | 'target'>;

export interface EventBBox { minLon: number; minLat: number; maxLon: number; maxLat: number }

export interface StoredEvent extends EventRecord {
  articleId: number;
  articleUrl: string | null;
  articleTitle: string | null;
  articleSource: string | null;
  published: string | null;
  /** the merged event this report belongs to (null while merging is pending) */
  mergedId: string | null;
}

/** A report of a merged event: the per-article event, with its article's story. */
export interface MergedReport extends StoredEvent {
  storyId: number | null;
}

/** A merged event with every report, oldest publication first. */
export interface MergedEventDetail extends MergedEvent {
  reports: MergedReport[];
}

export interface EntityQuery {
  kind?: string;
  country?: string;
  search?: string;
  limit?: number;
}

export interface EntityRow extends Entity {
  mentions: number;
  articles: number;
}

/** An API write token as created: the plain token is shown once and never stored. */
export interface CreatedToken {
  id: number;
  name: string | null;
  token: string;
  /** ISO 8601 time after which the token is refused, or null */
  expiresAt: string | null;
}

/** A stored token as `eventwire token list` shows it (never the token itself). */
export interface TokenInfo {
  id: number;
  name: string | null;
  /** ISO 8601 times */
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A watched feed's state (eventwire watch): validators for conditional requests, health, schedule. */
export interface FeedState {
  url: string;
  /** the last ETag and Last-Modified the feed answered with, sent back as If-None-Match / If-Modified-Since */
  etag: string | null;
  lastModified: string | null;
  /** ISO 8601 times */
  lastChecked: string | null;
  lastOk: string | null;
  /** the last error, cleared by a successful check */
  lastError: string | null;
  /** consecutive failed checks (0 after a success) */
  errorCount: number;
  /** items read from the feed, all checks together */
  itemsSeen: number;
  /** articles stored (or queued) from the feed, all checks together */
  articlesStored: number;
  /** when the feed is due next (ISO 8601) */
  nextCheck: string | null;
}

export interface StoreCounts {
  articles: number;
  revisions: number;
  events: number;
  entities: number;
}

/**
 * The one storage interface. SQLite is the default; a PostgreSQL implementation satisfies the same
 * contract and runs the same test suite.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Whether articles are grouped into stories and their events merged as they are stored (StoreOptions.merge). */
  readonly merging: boolean;
  /**
   * Stores an article (and its analysis); idempotent by canonical URL and content hash. With
   * `merge: false` (for bulk loads) its story and merges wait for `mergePending`.
   */
  putArticle(article: Article, analysis: Analysis | null, opts?: { merge?: boolean }): Promise<PutResult>;
  getArticle(ref: number | string): Promise<StoredArticleFull | null>;
  /** Whether a current article has this content hash (putArticle would call it a duplicate). */
  hasContent(contentHash: string): Promise<boolean>;
  listArticles(q?: ArticleQuery): Promise<StoredArticle[]>;
  listEvents(q?: EventQuery): Promise<StoredEvent[]>;
  /**
   * A value that changes whenever stored articles, events, merged events, corrections or splits may
   * have changed (triggers raise it); for caching counts and aggregates.
   */
  dataVersion(): Promise<string>;
  /** How many events match the filters of `q` (order, after, limit and offset are ignored). */
  countEvents(q?: EventQuery): Promise<number>;
  /** Merged events (one per real-world event), with the filters and pages of listEvents. */
  listMerged(q?: EventQuery): Promise<MergedEvent[]>;
  countMerged(q?: EventQuery): Promise<number>;
  /**
   * What the aggregates need (id, type, date, place, source, target) of every report, or every
   * merged event, matching `q`, in its order: cheaper to read than whole records.
   */
  listForAggregates(q: EventQuery, merged: boolean): Promise<AggregateRow[]>;
  /**
   * The actors of the reports, or merged events, matching `q` and the source→target edges between
   * them (counts by type, cooperative and conflictual), grouped by the database.
   */
  network(q: EventQuery, merged: boolean, opts?: NetworkOptions): Promise<ActorNetwork>;
  /** The reports, or merged events, matching `q` counted by day and type (the timeline), grouped by the database. */
  countByDay(q: EventQuery, merged: boolean): Promise<DayCount[]>;
  /**
   * The reports, or merged events, matching `q` grouped by place, type and precision (the map's
   * points), with the numbers of matching and of unplaced ones, grouped by the database.
   */
  mapGroups(q: EventQuery, merged: boolean): Promise<{ groups: MapGroup[]; unplaced: number; total: number }>;
  getMerged(id: string): Promise<MergedEventDetail | null>;
  /**
   * Splits reports out of a merged event: they are never merged with the reports left behind again,
   * and are merged anew without them (into an event of their own, or another that fits). Returns the
   * event of the first split report and the one the rest stay in. Throws SplitError for an unknown
   * event or report, or a split that names none or all of its reports.
   */
  splitMerged(id: string, reportIds: string[]): Promise<{ kept: string; split: string }>;
  /** Groups and merges what was stored with merging off; returns the number of reports merged. */
  mergePending(): Promise<number>;
  /** Forgets every merged event and merges all current reports again in arrival order. */
  rebuildMerged(): Promise<number>;
  listEntities(q?: EntityQuery): Promise<EntityRow[]>;
  counts(): Promise<StoreCounts>;
  /** Creates an API token, valid until `expiresAt` (ISO 8601) if given; only its SHA-256 hash is stored. */
  createToken(name?: string | null, opts?: { expiresAt?: string | null }): Promise<CreatedToken>;
  /** Whether a token was created by createToken and is neither revoked nor expired. */
  verifyToken(token: string): Promise<boolean>;
  /** Every token ever created, oldest first. */
  listTokens(): Promise<TokenInfo[]>;
  /** Revokes a token by id; false when there is no such token or it was already revoked. */
  revokeToken(id: number): Promise<boolean>;
  /** The name a token was created with (null: unnamed or unknown). */
  tokenName(token: string): Promise<string | null>;
  /**
   * Stores an analyst's correction (status, type, source, target, date or place) of a report or a
   * merged event, made by `who`, and applies it: lists, filters, exports and the API then show the
   * corrected values, also after re-analysis of the article and `rebuildMerged`. Throws ReviewError
   * for an unknown event.
   */
  addCorrection(c: NewCorrection, who: string | null): Promise<Correction>;
  /** Corrections, newest first: of one event (report or merged), or all. */
  listCorrections(event?: string): Promise<Correction[]>;
  /** A watched feed's state, or null if it was never saved. */
  getFeed(url: string): Promise<FeedState | null>;
  /** Creates or replaces a feed's state. */
  saveFeed(feed: FeedState): Promise<void>;
  /** Every saved feed, by URL. */
  listFeeds(): Promise<FeedState[]>;
  /** Applied migration versions, oldest first. */
  migrations(): Promise<string[]>;
  close(): Promise<void>;
}

export class StoreError extends Error {}

/** A new random API token (256 bits, URL-safe). */
export function newToken(): string {
  return 'ew_' + randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
