import type { Knowledge } from '../knowledge/index.js';
import type { Store } from '../store/store.js';

export interface ApiOptions {
  store: Store;
  /** knowledge base for POST /api/articles (default: the bundled one) */
  kb?: Knowledge;
  /** extra plain tokens accepted for writes, besides those created with `eventwire token create` */
  tokens?: string[];
  /**
   * require `Authorization: Bearer <token>` (the same tokens as writes) for every GET /api/* except
   * /api/health and /api/openapi.json (default off: reads are open). The static UI stays reachable.
   */
  protectReads?: boolean;
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
