// The eventwire command. Start-up stays light: the readers, the pipeline, the knowledge base, the
// gazetteer and the database drivers are imported only by the commands that use them, so `--help`
// and the read commands do not pay for what `ingest` and `extract` need.
import { Command, CommanderError, Option } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMATS, exportEvents, exportMerged, exportSummary, csvCell, type ExportFormat } from '../export/index.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Message } from '../model/types.js';
import type { EventQuery, Store, StoredArticleFull } from '../store/store.js';
import { packageRoot } from '../paths.js';
import { MERGED_COLUMNS, mergedCells, mergedGeoJson, renderArticle, renderMerged, table } from './render.js';
import { addQueueIngestOptions, queueIngest, registerQueueCommands, type QueueCliContext } from '../queue/cli.js';
import { checkEventFilters, UsageError } from './filters.js';

const out = (s: string): void => {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
};
const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');

/** A database URL with its password hidden, for messages. */
function redact(db: string): string {
  return db.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function dbPath(opts: { db?: string }): string {
  return opts.db ?? process.env.EVENTWIRE_DB ?? './eventwire.db';
}

const isUrl = (db: string) => /^postgres(ql)?:\/\//.test(db);

/** Opens the database; only the commands that store (`create`) may make a new SQLite file. */
async function open(db: string, opts: { merge?: boolean; create?: boolean } = {}): Promise<Store> {
  if (!opts.create && !isUrl(db) && db !== ':memory:' && !existsSync(db)) {
    throw new UsageError(`no database at ${db} (eventwire ingest, demo or migrate creates one; --db or $EVENTWIRE_DB names another)`, 1);
  }
  const { openStore } = await import('../store/open.js');
  return openStore(db, { merge: opts.merge !== false });
}

async function withStore<T>(opts: { db?: string; merge?: boolean; create?: boolean }, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await open(dbPath(opts), opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function formatMessage(m: Message): string {
  const where = [m.file, m.line !== undefined ? `line ${m.line}` : null, m.field ? `field ${m.field}` : null].filter(Boolean).join(', ');
  return `${m.level}: ${where ? where + ': ' : ''}${m.message.replace(`${m.file}: `, '')}`;
}

/** An expiry time from a duration (90d, 12h, 30m) or an ISO 8601 date; undefined when unreadable. */
export function expiryTime(when: string, now = Date.now()): string | undefined {
  const d = /^(\d{1,6})([dhm])$/.exec(when.trim());
  if (d) return new Date(now + Number(d[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[d[2] as 'd' | 'h' | 'm']).toISOString();
  if (!/^\d{4}-\d{2}-\d{2}/.test(when)) return undefined;
  const t = Date.parse(when);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

// Loaded by the preAction hook for the commands that analyse text, so that kbOpts stays synchronous.
let kbModule: typeof import('../knowledge/index.js') | null = null;
const ANALYSING = new Set(['ingest', 'extract', 'serve', 'demo', 'watch', 'worker']);

function kbOpts(o: { knowledge?: string }): Knowledge {
  if (!kbModule) throw new Error('the knowledge base was not loaded for this command');
  return kbModule.knowledge({ extraDirs: o.knowledge ? [o.knowledge] : [] });
}

function printRows(rows: Record<string, unknown>[], format: string, columns: string[]): void {
  if (format === 'json') {
    out(JSON.stringify(rows, null, 1));
    return;
  }
  if (format === 'csv') {
    out([columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n'));
    return;
  }
  out(table(rows, columns));
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program
    .name('eventwire')
    .description('Turns news articles into a source-linked record of political and conflict events.')
    .option('--db <path>', 'database file (default ./eventwire.db, or $EVENTWIRE_DB)')
    .option('--knowledge <dir>', 'extra knowledge-base folder (or $EVENTWIRE_KNOWLEDGE)')
    .showHelpAfterError()
    // usage errors (an unknown option, a value outside --format's choices) exit 2, as bad filters do
    .exitOverride();
  program.hook('preAction', async (_root, cmd) => {
    if (ANALYSING.has(cmd.name())) kbModule = await import('../knowledge/index.js');
  });

  const common = (cmd: Command) => cmd.option('--db <path>', 'database file (default ./eventwire.db, or $EVENTWIRE_DB)');
  const globals = () => program.opts() as { db?: string; knowledge?: string };
  const merged = (o: Record<string, any>): Record<string, any> => ({ ...globals(), ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) });

  const queueCtx: QueueCliContext = { out, err, formatMessage, dbPath, redact, merged, common, kb: kbOpts };

  common(addQueueIngestOptions(program.command('ingest')
    .description('read articles (markdown, HTML, RSS/Atom, JSON Lines, text), analyse them and store them')
    .argument('<inputs...>', 'files, folders, globs, or - for standard input')
    .option('--published <date>', 'publication date for plain-text input')
    .option('--url <url>', 'URL for plain-text input')
    .option('--max-bytes <n>', 'largest input file to read', (v) => Number(v), 20 * 1024 * 1024)
    .option('--no-analyze', 'store the text only')
    .option('--threads <n>', 'analysis worker threads (0: analyse on the main thread, without a time budget)', (v) => Number(v), availableParallelism())
    .option('--analysis-timeout <seconds>', 'time budget of one article\'s analysis; then it is stored with an analysis-timeout error', (v) => Number(v), 5)
    .option('--no-merge', 'do not group stories or merge events now (eventwire merge catches up later)')
    .option('--quiet', 'no progress bar')))
    .action(async (inputs: string[], o) => {
      const opts = merged(o);
      if (opts.queue) return queueIngest(queueCtx, inputs, opts);
      // with analysis threads, each loads the knowledge base itself
      const kb = opts.analyze === false || opts.threads > 0 ? undefined : kbOpts(opts);
      const { ingest } = await import('../ingest.js');
      const { default: cliProgress } = await import('cli-progress');
      const t0 = performance.now();
      const bar = !opts.quiet && process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: 'ingest {bar} {value} articles | {rate}/s | {errors} errors', hideCursor: true }, cliProgress.Presets.shades_classic)
        : null;
      bar?.start(0, 0, { rate: 0, errors: 0 });
      const result = await withStore({ ...opts, create: true }, (store) => ingest(store, inputs, {
        kb, noAnalyze: opts.analyze === false, threads: opts.threads, analysisTimeoutMs: opts.analysisTimeout * 1000,
        knowledgeDirs: opts.knowledge ? [opts.knowledge] : [], published: opts.published, url: opts.url, maxBytes: opts.maxBytes,
        onMessage: (m) => {
          if (bar) bar.stop();
          err(formatMessage(m));
          if (bar) bar.start(0, 0);
        },
        onArticle: (_a, _s, p) => {
          if (!bar) return;
          bar.setTotal(p.articles);
          bar.update(p.articles, { rate: (p.articles / ((performance.now() - t0) / 1000)).toFixed(0), errors: p.errors });
        },
      }));
      bar?.stop();
      const secs = (performance.now() - t0) / 1000;
      out(`ingested ${result.files} file(s): ${result.articles} article(s) read, ${result.stored} stored (${result.revisions} revision(s)), ` +
        `${result.duplicates} duplicate(s), ${result.events} event(s), ${result.errors} error(s), ${result.warnings} warning(s) in ${secs.toFixed(1)} s`);
      if (result.articles === 0) process.exitCode = 1;
    });

  common(program.command('articles')
    .description('list stored articles')
    .option('--search <text>', 'full-text search')
    .option('--since <date>').option('--until <date>').option('--source <site>')
    .option('--limit <n>', 'at most n rows', (v) => Number(v), 100)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table')))
    .action(async (o) => {
      const opts = merged(o);
      const rows = await withStore(opts, (s) => s.listArticles({ search: opts.search, since: opts.since, until: opts.until, source: opts.source, limit: opts.limit }));
      printRows(rows.map((r) => ({ ...r, published: r.published ?? 'date unknown' })) as any, opts.format, ['id', 'published', 'source', 'title', 'url', 'revision']);
    });

  common(program.command('show')
    .description('show an article with its blocks, tagged spans and events')
    .argument('<ref>', 'article id or URL')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text')))
    .action(async (ref: string, o) => {
      const opts = merged(o);
      const a = await withStore(opts, (s) => s.getArticle(ref));
      if (!a) {
        err(`eventwire: no article ${ref}`);
        process.exitCode = 1;
        return;
      }
      if (opts.format === 'json') out(JSON.stringify(a, null, 1));
      else out(renderArticle(a as StoredArticleFull, process.stdout.isTTY));
    });

  common(program.command('entities')
    .description('list entities with mention counts')
    .option('--kind <kind>').option('--country <iso3>').option('--search <text>')
    .option('--limit <n>', 'at most n rows', (v) => Number(v), 100)
    .addOption(new Option('--format <format>').choices(['table', 'json', 'csv']).default('table')))
    .action(async (o) => {
      const opts = merged(o);
      checkEventFilters({ country: opts.country, limit: opts.limit });
      const rows = await withStore(opts, (s) => s.listEntities({ kind: opts.kind, country: opts.country, search: opts.search, limit: opts.limit }));
      printRows(rows as any, opts.format, ['id', 'name', 'kind', 'iso3', 'role', 'cameo', 'mentions', 'articles']);
    });

  const eventFilters = (cmd: Command) => cmd
    .option('--type <type>', 'PLOVER type').option('--actor <actor>', 'entity id or name').option('--country <iso3>')
    .option('--since <date>').option('--until <date>').option('--place <name>')
    .addOption(new Option('--modality <m>').choices(['asserted', 'planned', 'possible', 'denied']))
    .option('--limit <n>', 'at most n events', (v) => Number(v));
  const eventQuery = (o: any): EventQuery => ({
    type: o.type, actor: o.actor, country: o.country, since: o.since, until: o.until, place: o.place, modality: o.modality,
    limit: o.limit, minSources: o.minSources, review: o.review,
  });

  common(eventFilters(program.command('events').description('list stored events: merged across articles (default), or every report'))
    .option('--merged', 'one row per real-world event, with its sources (the default)')
    .option('--reports', 'one row per article\'s report of an event')
    .option('--min-sources <n>', 'merged events reported by at least n independent stories', (v) => Number(v))
    .addOption(new Option('--format <format>').choices(['table', 'json', 'csv', 'geojson']).default('table')))
    .action(async (o) => {
      const opts = merged(o);
      checkEventFilters(opts);
      if (opts.merged && opts.reports) {
        err('eventwire: --merged and --reports exclude each other');
        process.exitCode = 1;
        return;
      }
      if (!opts.reports) {
        const evs = await withStore(opts, (s) => s.listMerged(eventQuery(opts)));
        if (opts.format === 'json') out(JSON.stringify(evs, null, 1));
        else if (opts.format === 'geojson') out(mergedGeoJson(evs));
        else printRows(evs.map(mergedCells), opts.format, MERGED_COLUMNS);
        return;
      }
      const evs = await withStore(opts, (s) => s.listEvents(eventQuery(opts)));
      if (opts.format !== 'table') {
        process.stdout.write(exportEvents(evs, opts.format as ExportFormat));
        return;
      }
      printRows(evs.map((e) => ({
        id: e.id, date: e.date ? (e.date.from === e.date.to ? e.date.from : `${e.date.from}..${e.date.to}`) : '', type: e.type + (e.mode ? `/${e.mode}` : ''),
        modality: e.modality + (e.historical ? ' (hist.)' : ''), source: e.source.map((x) => x.name).join(', '), target: e.target.map((x) => x.name).join(', '),
        place: e.place?.name ?? '', according_to: e.attribution.map((a) => a.name).join(', '),
      })), 'table', ['id', 'date', 'type', 'modality', 'source', 'target', 'place', 'according_to']);
    });

  common(program.command('event')
    .description('show one merged event: its reports, modality over time, sources and figures side by side')
    .argument('<id>', 'merged event id (eventwire events shows them)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text')))
    .action(async (id: string, o) => {
      const opts = merged(o);
      const m = await withStore(opts, (s) => s.getMerged(id));
      if (!m) {
        err(`eventwire: no merged event ${id}`);
        process.exitCode = 1;
        return;
      }
      out(opts.format === 'json' ? JSON.stringify(m, null, 1) : renderMerged(m));
    });

  common(program.command('split')
    .description('split reports out of a wrongly merged event; they are never merged with the others again')
    .argument('<id>', 'merged event id')
    .argument('<reports...>', 'ids of the reports to split off (eventwire event <id> lists them)'))
    .action(async (id: string, reports: string[], o) => {
      const opts = merged(o);
      const { SplitError } = await import('../merge/engine.js');
      try {
        const r = await withStore(opts, (s) => s.splitMerged(id, reports));
        out(`split ${reports.length} report(s) into ${r.split}; the rest stay in ${r.kept}`);
      } catch (e) {
        if (!(e instanceof SplitError)) throw e;
        err(`eventwire: ${e.message}`);
        process.exitCode = 1;
      }
    });

  common(program.command('merge')
    .description('group stories and merge events stored with --no-merge; or rebuild every merge from scratch')
    .option('--rebuild', 'forget all stories and merged events and build them again (split decisions are kept)'))
    .action(async (o) => {
      const opts = merged(o);
      const t0 = performance.now();
      const n = await withStore(opts, (s) => (opts.rebuild ? s.rebuildMerged() : s.mergePending()));
      const total = await withStore(opts, (s) => s.countMerged({}));
      out(`merged ${n} report(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${total} merged event(s) in the store`);
    });

  common(eventFilters(program.command('export').description('write stored events in a layout for other tools'))
    .addOption(new Option('--format <format>').choices([...EXPORT_FORMATS]).default('csv'))
    .option('--merged', 'one row per merged event (with its source counts) instead of one per report')
    .option('--min-sources <n>', 'with --merged: events reported by at least n independent stories', (v) => Number(v))
    .option('--reviewed-only', 'only events an analyst confirmed')
    .option('-o, --output <file>', 'write to a file instead of standard output'))
    .action(async (o) => {
      const opts = merged(o);
      if (opts.reviewedOnly) opts.review = 'confirmed';
      checkEventFilters(opts);
      const format = opts.format as ExportFormat;
      const { text, count, placed } = await withStore(opts, async (s) => {
        if (!opts.merged) {
          const evs = await s.listEvents(eventQuery(opts));
          return { text: exportEvents(evs, format), count: evs.length, placed: evs.filter((e) => e.place).length };
        }
        const evs = await s.listMerged(eventQuery(opts));
        return { text: exportMerged(evs, format), count: evs.length, placed: evs.filter((e) => e.place).length };
      });
      if (opts.output) {
        writeFileSync(opts.output, text);
        err(`${exportSummary(format, count, placed, opts.merged ? 'merged event' : 'event')} to ${opts.output}`);
      } else process.stdout.write(text);
    });

  program.command('extract')
    .description('run the whole pipeline on files without a database and print JSON')
    .argument('<inputs...>', 'files, or - for standard input')
    .option('--published <date>', 'publication date for plain-text input')
    .option('--url <url>', 'URL for plain-text input')
    .addOption(new Option('--format <format>').choices(['json', 'jsonl']).default('json'))
    .action(async (inputs: string[], o) => {
      const opts = merged(o);
      // The first article is segmented on another thread, which loads wink-nlp's model from the
      // start, while this one reads the article and loads the rest; the parser's tables are read
      // as an earlier process kept them, or built on a third thread.
      const { startSegmenter } = await import('../pipeline/segment-thread.js');
      const segmenter = startSegmenter();
      const { readBuffer, readFile } = await import('../read/index.js');
      const readOpts = { published: opts.published, url: opts.url };
      const readInput = async (input: string) => input === '-'
        ? readBuffer(await (await import('../ingest.js')).readStdin(), '<stdin>', readOpts)
        : readFile(input, readOpts);
      const first = inputs.length ? await readInput(inputs[0]) : null;
      let segmented: Promise<void> | null = null;
      if (first?.articles.length) segmented = segmenter.segment(first.articles[0]).catch(() => { /* segmented on this thread */ });
      else segmenter.close();
      const { installKeptSyntaxModel } = await import('../syntax/model-io.js');
      const syntax = installKeptSyntaxModel() ? null : (await import('../syntax/model-thread.js')).loadSyntaxModelInBackground();
      syntax?.catch(() => { /* reported where it is awaited */ });
      const kb = kbOpts(opts);
      const [{ analyze }, { extractJson }, { gazetteer }] = await Promise.all([
        import('../pipeline/index.js'), import('../extract.js'), import('../knowledge/gazetteer.js'),
      ]);
      // Before the first text: the gazetteer, which the pipeline would load on first use anyway,
      // is loaded here while the other threads work.
      let started = false;
      const ready = async () => {
        if (!started) { started = true; gazetteer(); }
        await segmented;
        await syntax;
      };
      const results: Record<string, unknown>[] = [];
      let read = 0;
      for (const [k, input] of inputs.entries()) {
        const r = k === 0 && first ? first : await readInput(input);
        r.messages.forEach((m) => err(formatMessage(m)));
        for (const article of r.articles) {
          read++;
          await ready();
          const doc = analyze(article, { kb });
          const json = extractJson(doc);
          if (opts.format === 'jsonl') out(JSON.stringify(json));
          else results.push(json);
        }
      }
      if (opts.format === 'json') out(JSON.stringify(results.length === 1 ? results[0] : results, null, 1));
      if (!read) process.exitCode = 1;
    });

  const readTextFile = (file: string) => {
    if (!existsSync(file)) throw new Error(`${file}: no such file`);
    return readFileSync(file, 'utf8');
  };
  program.command('parse')
    .description('print the dependency parse of each sentence of a plain text')
    .argument('<input>', 'a text file, or - for standard input')
    .addOption(new Option('--format <format>').choices(['tree', 'conllu']).default('tree'))
    .action(async (input: string, o) => {
      const { readStdin } = await import('../ingest.js');
      const { analyze } = await import('../pipeline/index.js');
      const { textArticle } = await import('../pipeline/doc.js');
      const { toConllu, toTree } = await import('../syntax/render.js');
      const text = input === '-' ? (await readStdin()).toString('utf8') : readTextFile(input);
      const doc = analyze(textArticle(text), { until: 'parse' });
      doc.messages.forEach((m) => err(formatMessage(m)));
      if (o.format === 'conllu') out(toConllu(doc).trimEnd());
      else out(doc.sentences.map((s) => toTree(doc, s.index)).join('\n\n'));
    });

  const token = program.command('token').description('API tokens (writes, and reads when they are protected)');
  common(token.command('create')
    .description('create a token for the API (printed once; only its hash is stored)')
    .option('--name <name>', 'a label for the token')
    .option('--expires <when>', 'refuse the token after this: a duration (90d, 12h, 30m) or an ISO 8601 date/time'))
    .action(async (o) => {
      const opts = merged(o);
      const expiresAt = opts.expires ? expiryTime(opts.expires) : null;
      if (expiresAt === undefined) {
        err(`eventwire token create: bad --expires ${opts.expires} (a duration such as 90d, 12h, 30m, or an ISO 8601 date)`);
        process.exitCode = 2;
        return;
      }
      const t = await withStore(opts, (s) => s.createToken(opts.name ?? null, { expiresAt }));
      out(t.token);
      err(`token ${t.id}${t.name ? ` (${t.name})` : ''} created${t.expiresAt ? `, valid until ${t.expiresAt}` : ''}; it is shown only now. Use it as: Authorization: Bearer <token>`);
    });
  common(token.command('list')
    .description('list tokens (never the tokens themselves): id, name, created, expires, revoked, state')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table')))
    .action(async (o) => {
      const opts = merged(o);
      const now = new Date().toISOString();
      const rows = (await withStore(opts, (s) => s.listTokens())).map((t) => ({
        id: t.id, name: t.name, created: t.createdAt, expires: t.expiresAt, revoked: t.revokedAt,
        state: t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active',
      }));
      printRows(rows, opts.format, ['id', 'name', 'created', 'expires', 'revoked', 'state']);
    });
  common(token.command('revoke')
    .description('revoke a token: it is refused from now on')
    .argument('<id>', 'token id (eventwire token list)'))
    .action(async (id: string, o) => {
      const opts = merged(o);
      if (!/^\d{1,15}$/.test(id)) {
        err(`eventwire token revoke: bad id ${id} (a number from eventwire token list)`);
        process.exitCode = 2;
        return;
      }
      const done = await withStore(opts, (s) => s.revokeToken(Number(id)));
      if (done) out(`token ${id} revoked`);
      else {
        err(`eventwire token revoke: no active token ${id}`);
        process.exitCode = 1;
      }
    });

  common(program.command('serve')
    .description('serve the JSON API and the web UI')
    .option('--port <n>', 'port', (v) => Number(v), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--allow-private-fetch', 'let POST /api/articles {url} fetch from private and loopback addresses')
    .option('--protect-reads', 'require a token (Authorization: Bearer) for GET /api/* too (on by default unless the server listens on loopback addresses only)')
    .option('--open-reads', 'keep reads open even when the server listens on a non-loopback address')
    .option('--allowed-hosts <names>', 'comma-separated host names the server answers to besides localhost and its own addresses')
    .option('--threads <n>', 'analysis worker threads for POST /api/articles', (v) => Number(v), 1)
    .option('--analysis-timeout <seconds>', 'time budget of one article\'s analysis', (v) => Number(v), 5))
    .action(async (o) => {
      const opts = merged(o);
      if (opts.protectReads && opts.openReads) {
        err('eventwire serve: --protect-reads and --open-reads contradict each other');
        process.exitCode = 2;
        return;
      }
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
        err(`eventwire serve: bad --port ${o.port}`);
        process.exitCode = 2;
        return;
      }
      const { buildServer } = await import('../api/server.js');
      const { listensOnLoopbackOnly } = await import('../api/auth.js');
      // Decided on the addresses the server listens on, not on the --host text.
      const protectReads = opts.protectReads ? true : opts.openReads ? false : 'unless-loopback' as const;
      const allowedHosts = String(opts.allowedHosts ?? '').split(',').map((h) => h.trim()).filter(Boolean);
      const { AnalysisPool } = await import('../analysis/pool.js');
      const store = await open(dbPath(opts));
      const analysis = new AnalysisPool({ threads: Math.max(1, opts.threads), timeoutMs: opts.analysisTimeout * 1000, knowledgeDirs: opts.knowledge ? [opts.knowledge] : [] });
      const app = buildServer({ store, analysis, allowPrivateFetch: !!opts.allowPrivateFetch, protectReads, allowedHosts });
      app.addHook('onClose', async () => { await analysis.close(); await store.close(); });
      const address = await app.listen({ port: opts.port, host: opts.host });
      out(`eventwire serving ${redact(dbPath(opts))} at ${address.replace('://0.0.0.0', '://127.0.0.1')}/`);
      if (protectReads === true || (protectReads && !listensOnLoopbackOnly(app.addresses()))) {
        err('reads need a token (eventwire token create); open the UI with ?token=<token>');
      }
      const stop = () => { void app.close().then(() => process.exit(0)); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  common(program.command('migrate').description('apply pending schema migrations'))
    .action(async (o) => {
      const opts = merged(o);
      const versions = await withStore({ ...opts, create: true }, (s) => s.migrations());
      out(`database ${redact(dbPath(opts))} at migration ${versions[versions.length - 1] ?? '(none)'}`);
    });

  common(program.command('demo')
    .description('ingest the bundled example articles into a fresh database, print what was found, then serve the web UI')
    .option('--port <n>', 'port for the web UI', (v) => Number(v), 8080)
    .option('--no-serve', 'print what was found and stop, without serving the web UI'))
    .action(async (o) => {
      const opts = merged(o);
      const db = opts.db ?? './eventwire-demo.db';
      if (/^postgres(ql)?:\/\//.test(db)) {
        err('eventwire demo: the demo starts from a fresh SQLite file; give --db a file path');
        process.exitCode = 2;
        return;
      }
      const { rmSync } = await import('node:fs');
      for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
      const dir = join(packageRoot(), 'examples');
      const kb = kbOpts(opts);
      out(`eventwire demo: ingesting ${dir} into ${db}`);
      const store = await open(db, { create: true });
      const { ingest } = await import('../ingest.js');
      try {
        const p = await ingest(store, [dir], { kb, onMessage: (m) => err(formatMessage(m)) });
        out(`${p.stored} article(s) stored, ${p.events} event(s) found\n`);
        for (const a of await store.listArticles({ limit: 5 })) {
          const full = await store.getArticle(a.id);
          out(renderArticle(full!, process.stdout.isTTY));
        }
        out(`\nNext: eventwire --db ${db} events   |   eventwire --db ${db} export --format acled`);
      } finally {
        await store.close();
      }
      if (opts.serve === false) return;
      const { buildServer } = await import('../api/server.js');
      const served = await open(db);
      const app = buildServer({ store: served, kb });
      app.addHook('onClose', async () => { await served.close(); });
      const address = await app.listen({ port: opts.port, host: '127.0.0.1' });
      out(`\nThe analyst's desk (timeline, map, actor network, evidence): ${address}/   (Ctrl-C to stop)`);
      const stop = () => { void app.close().then(() => process.exit(0)); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  common(program.command('watch')
    .description('poll RSS/Atom feeds; read, analyse and store (or queue) the page of every new item')
    .argument('<feeds...>', 'feed URLs, or files of feed URLs (one a line, # comments)')
    .option('--interval <seconds>', 'seconds between checks of one feed', (v) => Number(v), 300)
    .option('--max-interval <seconds>', 'longest interval reached by error backoff', (v) => Number(v), 21600)
    .option('--politeness-ms <ms>', 'least time between two requests to one host', (v) => Number(v), 1000)
    .option('--once', 'check every feed once, then exit')
    .option('--queue', 'queue the articles for workers instead of analysing them here (PostgreSQL)')
    .option('--allow-private-fetch', 'allow fetching from private and loopback addresses'))
    .action(async (args: string[], o) => {
      const opts = merged(o);
      const { FeedWatcher, feedList } = await import('../feeds/watch.js');
      const urls = feedList(args);
      let boss: Awaited<ReturnType<typeof import('../queue/queue.js').openQueue>> | null = null;
      const store = await open(dbPath(opts), { create: true });
      try {
        let enqueue: ((a: import('../model/types.js').Article) => Promise<boolean>) | undefined;
        if (opts.queue) {
          const { openQueue, QUEUE_NAME, DEFAULT_JOB_SETTINGS } = await import('../queue/queue.js');
          boss = await openQueue(dbPath(opts), { onError: (e) => err(`queue: ${e.message}`) });
          const b = boss;
          enqueue = async (a) => !!(await b.send(QUEUE_NAME, a as unknown as object, { ...DEFAULT_JOB_SETTINGS, singletonKey: a.contentHash }));
        }
        const watcher = new FeedWatcher(store, {
          intervalSeconds: opts.interval, maxIntervalSeconds: opts.maxInterval, politenessMs: opts.politenessMs,
          allowPrivate: !!opts.allowPrivateFetch, kb: opts.queue ? undefined : kbOpts(opts), enqueue,
          onMessage: (m) => err(formatMessage(m)),
          onFeed: (_f, c) => out(`${c.url}: ${c.status}${c.error ? ` (${c.error})` : ''}, ${c.items} item(s), ${c.stored} ${opts.queue ? 'queued' : 'stored'}, ` +
            `${c.known} already stored, ${c.disallowed} disallowed by robots.txt, ${c.fallbacks} from the feed text`),
        });
        if (opts.once) {
          const r = await watcher.round(urls);
          out(`${r.feeds.length} feed(s): ${r.stored} article(s) ${opts.queue ? 'queued' : 'stored'}, ${r.notModified} not modified, ${r.failedFeeds} failed, ${r.errors} error(s), ${r.warnings} warning(s)`);
          if (r.failedFeeds === r.feeds.length && r.feeds.length) process.exitCode = 1;
          return;
        }
        const ac = new AbortController();
        const stop = (sig: string) => {
          err(`eventwire watch: ${sig}, stopping after the feed in hand`);
          ac.abort();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
        const total = { rounds: 0, stored: 0, notModified: 0, failed: 0 };
        await watcher.run(urls, ac.signal, (r) => {
          total.rounds++;
          total.stored += r.stored;
          total.notModified += r.notModified;
          total.failed += r.failedFeeds;
        });
        out(`eventwire watch stopped after ${total.rounds} round(s): ${total.stored} article(s) ${opts.queue ? 'queued' : 'stored'}, ` +
          `${total.notModified} not-modified and ${total.failed} failed feed check(s)`);
      } finally {
        await boss?.stop({ graceful: true, wait: true }).catch(() => {});
        await store.close();
      }
    });

  common(program.command('feeds')
    .description('list watched feeds and their health')
    .option('--format <fmt>', 'table, json or csv', 'table'))
    .action(async (o) => {
      const opts = merged(o);
      const feeds = await withStore(opts, (s) => s.listFeeds());
      const rows = feeds.map((f) => ({
        url: f.url, last_checked: f.lastChecked, last_ok: f.lastOk, errors: f.errorCount, last_error: f.lastError,
        items_seen: f.itemsSeen, articles_stored: f.articlesStored, next_check: f.nextCheck,
      }));
      printRows(rows, opts.format, ['url', 'last_checked', 'last_ok', 'errors', 'last_error', 'articles_stored', 'next_check']);
    });

  registerQueueCommands(program, queueCtx);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed the message; help and --version are no errors
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (!(e instanceof UsageError)) throw e;
    err(`eventwire: ${e.message}`);
    process.exitCode = e.code;
  }
}
