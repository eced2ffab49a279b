// The actor network of the events matching a query, aggregated by the database: actors with their
// numbers of events, and source→target edges with their counts by type. Reading every matching
// event's actors into JavaScript and counting there blocked the server for a fifth of a second and
// more at 10,000 merged events; grouped in SQL from the actors' own table, a few hundred rows come back.
import { QUAD } from '../export/index.js';
import { filters, params, TABLES, type Dialect, type EventTable, type Exec } from './eventsql.js';
import type { EventQuery } from './store.js';

export interface NetworkNode { id: string; name: string; iso3: string | null; events: number }
export interface NetworkEdge {
  /** byType: left out when asked (NetworkOptions.byType false) */
  source: string; target: string; weight: number; byType?: Record<string, number>;
  cooperative: number; conflictual: number; events?: string[];
}
export interface ActorNetwork { nodes: NetworkNode[]; edges: NetworkEdge[]; actors: number }
export interface NetworkOptions {
  /** smallest edge weight kept (default 1) */
  minWeight?: number;
  /** only the actors in most events (ties by id) and the edges among them */
  top?: number;
  /** the ids of (up to 50 of) each edge's events, in date order (default true) */
  edgeEvents?: boolean;
  /** each edge's counts by type (default true); without them the database counts only the cooperative ones */
  byType?: boolean;
}

/** How many event ids an edge carries at most. */
const EDGE_EVENTS = 50;

const isCooperative = (type: string) => QUAD[type] === 1 || QUAD[type] === 2;
/** the cooperative types as an SQL list (constants of the code, not input) */
const COOPERATIVE_SQL = Object.keys(QUAD).filter(isCooperative).map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');

/** The table of a table's actors, one row per element of their source and target lists (011_network_actors). */
const ACTORS: Record<EventTable, string> = { events: 'report_actors', merged: 'merged_actors' };

/** The network of the reports (or merged events) matching the filters of `q`, as the desk draws it. */
export async function actorNetwork(q: EventQuery, kind: Dialect, exec: Exec, table: EventTable, opts: NetworkOptions = {}): Promise<ActorNetwork> {
  const { args, arg } = params(kind);
  const where = filters(q, kind, arg, table).join(' AND ');
  const pg = kind === 'postgres';
  const actors = ACTORS[table];
  // JavaScript's order of ids (code units), not the database's collation
  const byId = pg ? 'COLLATE "C"' : '';
  // Each event's place in the list order (date, undated last, then id), and each actor's name and
  // iso3 as its first mention gives them (list order, then source before target, list position).
  // SQLite: a text key in that order (binary, as its ORDER BY compares), which costs no sort; bare
  // columns come from the row of the one MIN(). PostgreSQL: the rank, as its collation orders.
  const ord = pg ? '(ROW_NUMBER() OVER (ORDER BY (e.date_from IS NULL), e.date_from, e.id))::int'
    : "(e.date_from IS NULL) || coalesce(e.date_from, '') || char(1) || e.id";
  const named = pg ? '(array_agg(name ORDER BY ord, side, pos))[1] AS name, (array_agg(iso3 ORDER BY ord, side, pos))[1] AS iso3'
    : "MIN(ord || char(1) || side || printf('%06d', pos)) AS first, name, iso3";
  // byType's keys in the order the types first occur on the edge; without it, the edge's cooperative count
  const withTypes = opts.byType !== false;
  const byType = !withTypes ? 'NULL' : pg ? 'json_object_agg(type, n ORDER BY k)::text' : 'json_group_object(type, n ORDER BY k)';
  const coop = withTypes ? '0' : `SUM(CASE WHEN type IN (${COOPERATIVE_SQL}) THEN n ELSE 0 END)`;
  // an edge's first event ids, in list order
  const ids = pg ? 'json_agg(id ORDER BY k)::text' : 'json_group_array(id ORDER BY k)';
  const top = opts.top === undefined ? '' : `WHERE r <= ${arg(opts.top)}`;
  const shown = opts.top === undefined ? '' : 'AND s.actor IN (SELECT actor FROM ranked) AND t.actor IN (SELECT actor FROM ranked)';
  // pairs read once (a view) for the counts; kept (materialized) when their event ids are read again
  const rows = await exec(`WITH ev AS MATERIALIZED (SELECT e.id AS id, e.type AS type, ${ord} AS ord FROM ${TABLES[table].from} WHERE ${where}),
    counted AS MATERIALIZED (SELECT actor, COUNT(DISTINCT ev.id) AS events, ${named}
      FROM ev JOIN ${actors} x ON x.event_id = ev.id GROUP BY actor),
    ranked AS (SELECT * FROM (SELECT c.*, ROW_NUMBER() OVER (ORDER BY events DESC, actor ${byId}) AS r FROM counted c) c ${top}),
    pairs AS ${opts.edgeEvents === false ? '' : 'MATERIALIZED'} (SELECT s.actor AS src, t.actor AS tgt, ev.type AS type, ev.ord AS ord, ev.id AS id
      FROM ev JOIN ${actors} s ON s.event_id = ev.id AND s.side = 0
        JOIN ${actors} t ON t.event_id = ev.id AND t.side = 1 AND t.actor <> s.actor
      WHERE TRUE ${shown}),
    typed AS (SELECT src, tgt, type, COUNT(*) AS n, MIN(ord) AS k FROM pairs GROUP BY src, tgt, type),
    edges AS MATERIALIZED (SELECT src, tgt, SUM(n) AS w, ${byType} AS types, ${coop} AS coop FROM typed GROUP BY src, tgt HAVING SUM(n) >= ${arg(opts.minWeight ?? 1)})
    SELECT 'n' AS part, actor AS a, name AS b, iso3 AS c, events AS n, r AS k FROM ranked
    UNION ALL SELECT 'e', src, tgt, types, w, coop FROM edges
    ${opts.edgeEvents === false ? '' : `UNION ALL SELECT 'i', src, tgt, ${ids}, 0, 0 FROM (
      SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.src, p.tgt ORDER BY p.ord) AS k FROM pairs p JOIN edges USING (src, tgt)) i WHERE k <= ${EDGE_EVENTS} GROUP BY src, tgt`}
    UNION ALL SELECT 'c', NULL, NULL, NULL, COUNT(*), 0 FROM counted`, args);
  return assemble(rows, opts.edgeEvents !== false, withTypes);
}

type Row = Record<string, any>;

/** Nodes and edges from the grouped rows, in the order the API has always given them. */
function assemble(rows: Row[], withEvents: boolean, withTypes: boolean): ActorNetwork {
  const nodes = rows.filter((r) => r.part === 'n')
    .map((r): NetworkNode => ({ id: r.a, name: r.b, iso3: r.c ?? null, events: Number(r.n) }))
    .sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1));
  const edges = new Map<string, NetworkEdge>();
  for (const r of rows) {
    if (r.part !== 'e') continue;
    const byType: Record<string, number> | null = withTypes ? JSON.parse(r.c) : null;
    let cooperative = byType ? 0 : Number(r.k);
    if (byType) for (const [type, n] of Object.entries(byType)) if (isCooperative(type)) cooperative += n;
    const weight = Number(r.n);
    edges.set(`${r.a}\u0000${r.b}`, {
      source: r.a, target: r.b, weight, ...(byType ? { byType } : {}), cooperative, conflictual: weight - cooperative, ...(withEvents ? { events: [] } : {}),
    });
  }
  for (const r of rows) if (r.part === 'i') edges.get(`${r.a}\u0000${r.b}`)!.events = JSON.parse(r.c);
  const sorted = [...edges.values()].sort((a, b) => b.weight - a.weight || (a.source + a.target < b.source + b.target ? -1 : 1));
  return { nodes, edges: sorted, actors: Number(rows.find((r) => r.part === 'c')?.n ?? 0) };
}
