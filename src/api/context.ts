import type { AnalysisPool } from '../analysis/pool.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Store } from '../store/store.js';

export interface ApiOptions {
  store: Store;
  /** knowledge base for POST /api/articles (default: the bundled one) when there is no `analysis` pool */
  kb?: Knowledge;
  /**
   * worker threads that analyse POST /api/articles, with a time budget per article, so the server
   * answers other requests meanwhile (eventwire serve makes one); without it, analysis runs on the
   * server's thread
   */
  analysis?: AnalysisPool;
  /** extra plain tokens accepted for writes, besides those created with `eventwire token create` */
  tokens?: string[];
  /**
   * require `Authorization: Bearer <token>` (the same tokens as writes) for every GET /api/* route
   * except /api/health and /api/openapi.json (default off: reads are open). The static UI stays
   * reachable. 'unless-loopback': protected unless every address the server listens on is loopback.
   */
  protectReads?: boolean | 'unless-loopback';
  /**
   * host names (the Host header without its port) answered besides localhost and the addresses the
   * server listens on (all of this machine's addresses and its host name when it listens on all);
   * any other Host is refused, so a page on another site cannot reach the API through DNS rebinding.
   */
  allowedHosts?: string[];
  /** failed token checks allowed per client IP per minute before further unauthenticated requests get 429 (default 30) */
  authFailuresPerMinute?: number;
  /** let POST /api/articles {url} fetch from private, loopback and other non-public addresses (tests) */
  allowPrivateFetch?: boolean;
  /** largest request body in bytes (default 5 MB) */
  bodyLimit?: number;
  /** writes allowed per client IP per minute (default 60) */
  writesPerMinute?: number;
  /** folder with the built web UI (default web/dist in the package); null serves no UI */
  webRoot?: string | null;
  /** fastify's logger option (default off) */
  logger?: boolean;
}
