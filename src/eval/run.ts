// `npm run eval`: scores extraction against every reference reading, then the open bench sets.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { knowledge, type Knowledge } from '../knowledge/index.js';
import { analyze } from '../pipeline/index.js';
import { sectorActor } from '../pipeline/actors.js';
import { readFile } from '../read/index.js';
import { extractJson } from '../extract.js';
import { packageRoot } from '../paths.js';
import { scoreFile, totals, type Extracted, type FileScore, type GoldFile } from './score.js';
import { evalPlover, evalWikigold } from './bench-sets.js';
import { evalGeoVirus } from './geovirus.js';
import { readConllu } from '../syntax/conllu.js';
import { syntaxModel } from '../syntax/model-io.js';
import { evaluateTreebank, formatScores as formatTreebank } from '../syntax/evaluate.js';

export function defaultGoldDirs(): string[] {
  const root = packageRoot();
  return [join(root, 'test', 'gold'), resolve(root, '..', 'shared', 'gold')].filter(existsSync);
}

/** Finds the article a reference file names: beside the file, or relative to the folder above it. */
export function goldArticlePath(goldPath: string, gold: GoldFile): string | null {
  for (const base of [dirname(goldPath), dirname(dirname(goldPath))]) {
    const p = resolve(base, gold.article);
    if (existsSync(p)) return p;
  }
  return null;
}

/** Alias lookup for the scorer: every surface form the knowledge base has for an entity id. */
export function aliasesFrom(kb: Knowledge): (id: string) => string[] {
  return (id: string) => {
    const o = kb.organisations.get(id) ?? kb.institutions.get(id);
    if (o) return [o.name, ...o.aliases];
    const p = kb.people.get(id);
    if (p) return [p.name, ...p.aliases];
    const c = kb.countries.get(id);
    if (c) return [c.name, ...c.aliases];
    // a state's sector ("USAMIL"): "U.S. military", "United States military"
    const state = [...kb.countries.values()].find((x) => (x.cameo ?? x.id) === id.slice(0, 3));
    if (state && /^[A-Z]{3}$/.test(id.slice(3))) {
      const { label } = sectorActor(state, id.slice(3));
      return [state.name, ...state.aliases].map((a) => `${a} ${label}`);
    }
    return [];
  };
}

export async function scoreGoldDirs(dirs: string[], kb: Knowledge): Promise<FileScore[]> {
  const scores: FileScore[] = [];
  const aliases = aliasesFrom(kb);
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const goldPath = join(dir, f);
      const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
      const articlePath = goldArticlePath(goldPath, gold);
      if (!articlePath) {
        process.stderr.write(`eval: ${goldPath}: article ${gold.article} not found\n`);
        continue;
      }
      const r = await readFile(articlePath, { published: gold.published, url: gold.url });
      const article = r.articles[0];
      if (!article) {
        process.stderr.write(`eval: ${articlePath}: ${r.messages.map((m) => m.message).join('; ')}\n`);
        continue;
      }
      const doc = analyze(article, { kb });
      // (a stage that failed scores as missing events; say so rather than report a silent drop)
      for (const m of doc.messages) if (m.level === 'error') process.stderr.write(`eval: ${articlePath}: ${m.message}\n`);
      const x = extractJson(doc) as unknown as Extracted;
      scores.push(scoreFile(basename(goldPath, '.json'), gold, x, aliases));
    }
  }
  return scores;
}

const pct = (x: number) => (x * 100).toFixed(0).padStart(4) + '%';

export function formatScores(scores: FileScore[]): string {
  const rows = [`${'file'.padEnd(48)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}  mod  date place attr  ents link figs`];
  const a = (x: { right: number; total: number }) => (x.total ? pct(x.right / x.total) : '    -');
  for (const s of scores) {
    rows.push(`${s.file.slice(0, 48).padEnd(48)} ${pct(s.events.precision)} ${pct(s.events.recall)} ${pct(s.events.f1)} ${a(s.modality)} ${a(s.date)} ${a(s.place)} ${a(s.attribution)} ${pct(s.entities.recall)} ${pct(s.entities.linking)} ${s.figures.gold ? pct(s.figures.accuracy) : '    -'}`);
  }
  const t = totals(scores);
  rows.push(`${`ALL (${t.files} files, tp ${t.tp} fp ${t.fp} fn ${t.fn})`.padEnd(48)} ${pct(t.precision)} ${pct(t.recall)} ${pct(t.f1)} ${pct(t.modality)} ${pct(t.date)} ${pct(t.place)} ${pct(t.attribution)} ${pct(t.entityRecall)} ${pct(t.linking)} ${pct(t.figures)}`);
  return rows.join('\n');
}

function compare(prev: any, scores: FileScore[]): string {
  const out: string[] = [];
  const before = new Map<string, FileScore>((prev.files ?? []).map((f: FileScore) => [f.file, f]));
  for (const s of scores) {
    const p = before.get(s.file);
    if (!p) {
      out.push(`+ ${s.file}: new`);
      continue;
    }
    const gained = s.matches.map((m) => m.gold).filter((g) => !p.matches.some((m) => m.gold === g));
    const lost = p.matches.map((m) => m.gold).filter((g) => !s.matches.some((m) => m.gold === g));
    const fpDelta = s.events.fp - p.events.fp;
    if (gained.length) out.push(`+ ${s.file}: now matched ${gained.join(', ')}`);
    if (lost.length) out.push(`- ${s.file}: no longer matched ${lost.join(', ')}`);
    if (fpDelta) out.push(`${fpDelta < 0 ? '+' : '-'} ${s.file}: false positives ${p.events.fp} → ${s.events.fp}`);
    for (const m of s.matches) {
      const pm = p.matches.find((x) => x.gold === m.gold);
      if (!pm) continue;
      for (const k of ['modalityOk', 'dateOk', 'placeOk', 'attributionOk'] as const) {
        if (pm[k] !== m[k]) out.push(`${m[k] ? '+' : '-'} ${s.file} ${m.gold}: ${k.replace('Ok', '')} ${m[k] ? 'now right' : 'now wrong'}`);
      }
    }
  }
  return out.length ? out.join('\n') : 'no change against the previous run';
}

async function main(): Promise<void> {
  const program = new Command()
    .name('eventwire-eval')
    .option('--gold <dir...>', 'reference folders (default: test/gold and ../shared/gold)')
    .option('--json <file>', 'write the scores to a JSON file')
    .option('--compare <file>', 'a previous --json file to compare with')
    .option('--no-bench', 'skip the open bench sets')
    .option('--verbose', 'list missed and spurious events per file')
    .parse(process.argv);
  const o = program.opts();
  const kb = knowledge();
  const dirs: string[] = o.gold ?? defaultGoldDirs();
  const scores = await scoreGoldDirs(dirs, kb);
  console.log('Reference readings (events: precision, recall, F1 on required events; on matched events: modality, date, place, attribution; entities: found, linked right; figures)');
  console.log(formatScores(scores));
  if (o.verbose) {
    for (const s of scores) {
      if (!s.missed.length && !s.spurious.length && !s.entities.missed.length && !s.figures.missed.length) continue;
      console.log(`\n${s.file}`);
      for (const m of s.missed) console.log(`  missed   ${m}`);
      for (const x of s.spurious) console.log(`  spurious ${x.id} ${x.type} ${x.source.join('+')}→${x.target.join('+')}`);
      for (const m of s.matches) {
        const bad = (['modalityOk', 'dateOk', 'placeOk', 'attributionOk'] as const).filter((k) => m[k] === false);
        if (bad.length) console.log(`  matched  ${m.gold}=${m.extracted} wrong: ${bad.map((b) => b.replace('Ok', '')).join(', ')}`);
      }
      for (const e of s.entities.missed) console.log(`  entity   ${e}`);
      for (const f of s.figures.missed) console.log(`  figure   ${f}`);
    }
  }
  const result: Record<string, unknown> = { files: scores, totals: totals(scores) };
  if (o.bench !== false) {
    const shared = resolve(packageRoot(), '..', 'shared', 'bench');
    console.log('\nOpen bench sets');
    const plover = join(shared, 'plover-gsr', 'PLOVER_GSR_CAMEO.dev.json');
    if (existsSync(plover)) {
      const p = evalPlover(plover, kb);
      result.plover = p;
      console.log(`PLOVER GSR (${p.records} records): type found ${pct(p.typeFound / p.records)}, type + source country ${pct(p.typeAndSource / p.records)}, + target ${pct(p.typeSourceTarget / p.records)}, ${p.eventsPerRecord.toFixed(2)} events/record`);
      for (const [name, h] of Object.entries(p.halves)) {
        console.log(`  ${name} half (${h.records} records${name === 'odd' ? ', held out from rule work' : ''}): type found ${pct(h.typeFound / h.records)}, type + source country ${pct(h.typeAndSource / h.records)}, + target ${pct(h.typeSourceTarget / h.records)}`);
      }
      if (o.verbose) for (const [t, v] of Object.entries(p.byType)) console.log(`  ${t.padEnd(10)} ${v.found}/${v.n}`);
    }
    const geo = join(shared, 'geovirus', 'GeoVirus.xml');
    if (existsSync(geo)) {
      const g = await evalGeoVirus(geo);
      result.geovirus = g;
      console.log(`GeoVirus (${g.mentions} place mentions): found ${pct(g.recall)}, within 161 km ${pct(g.accuracy161)} of found, median error ${g.medianKm.toFixed(0)} km`);
      // Countries and regions are right when they are the right area, towns and features when near.
      console.log(`  countries and admin-1 regions (${g.areaFound} found): right area ${pct(g.areaAccuracy)}; towns and features (${g.cityFound} found): within 161 km ${pct(g.cityAccuracy161)}; all found: right ${pct(g.resolvedAccuracy)}`);
    }
    // The parser, on the treebank it was trained from: gold tokens, its own predicted tags.
    const ewt = resolve(packageRoot(), '..', 'shared', 'data', 'ud-english-ewt');
    if (existsSync(ewt)) {
      const model = syntaxModel();
      for (const split of ['dev', 'test']) {
        const file = join(ewt, `en_ewt-ud-${split}.conllu`);
        const t = evaluateTreebank(model, readConllu(readFileSync(file, 'utf8'), file));
        result[`ewt-${split}`] = t;
        for (const line of formatTreebank(`EWT ${split}`, t)) console.log(line);
      }
    }
    const wg = join(shared, 'wikigold', 'wikigold.conll.txt');
    if (existsSync(wg)) {
      // Each article read whole, as eventwire reads any article; and each sentence alone.
      for (const context of ['document', 'sentence'] as const) {
        const w = evalWikigold(wg, kb, context);
        result[context === 'document' ? 'wikigold' : 'wikigoldSentences'] = w;
        console.log(`wikigold (${w.sentences} sentences, ${context === 'document' ? 'each article whole' : 'each sentence alone'}): entity F1 ${w.f1.toFixed(2)} (P ${w.precision.toFixed(2)}, R ${w.recall.toFixed(2)}); PER ${w.byType.PER.f1.toFixed(2)}, LOC ${w.byType.LOC.f1.toFixed(2)}, ORG ${w.byType.ORG.f1.toFixed(2)}`);
      }
    }
  }
  if (o.compare) {
    console.log('\nCompared with ' + o.compare);
    console.log(compare(JSON.parse(readFileSync(o.compare, 'utf8')), scores));
  }
  if (o.json) writeFileSync(o.json, JSON.stringify(result, null, 1));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
