// Scores eventwire's readings against reference readings (the format of ../shared/gold, described in
// ../shared/README.md). Pure functions over plain data, so the scorer can be tested on its own.

export interface GoldEntity {
  name: string;
  kind: string;
  iso3?: string | null;
  role?: string;
  mentions?: string[];
  lat?: number;
  lon?: number;
  optional?: boolean;
}

export interface GoldEvent {
  id: string;
  type: string;
  mode?: string;
  modality?: string;
  source: string[];
  target?: string[];
  date?: [string, string];
  place?: string;
  attribution?: string[];
  evidence?: string;
  optional?: boolean;
  historical?: boolean;
}

export interface GoldQuantity {
  kind: string;
  value: number;
  approximate?: boolean;
  as_of?: string;
  attribution?: string;
  optional?: boolean;
}

export interface GoldFile {
  article: string;
  published?: string;
  title?: string;
  url?: string;
  entities: GoldEntity[];
  events: GoldEvent[];
  quantities?: GoldQuantity[];
}

/** The parts of `eventwire extract` output the scorer reads. */
export interface Extracted {
  entities: { id: string; name: string; kind: string; iso3: string | null; role: string | null; mentions: { text: string }[] }[];
  places: { name: string; text?: string; lat: number; lon: number; iso3: string | null }[];
  figures: { kind: string; value: number; approximate: boolean; asOf: string | null; attribution: string | null }[];
  events: {
    id: string; type: string; mode: string | null; modality: string; historical?: boolean;
    source: { id: string; name: string; iso3: string | null }[];
    target: { id: string; name: string; iso3: string | null }[];
    date: { from: string; to: string } | null;
    place: { name: string; lat: number; lon: number } | null;
    attribution: { name: string; id?: string | null; via: string[] }[];
    evidence?: { text: string }[];
  }[];
}

export interface EventMatch {
  gold: string;
  extracted: string;
  modalityOk: boolean | null;
  dateOk: boolean | null;
  placeOk: boolean | null;
  attributionOk: boolean | null;
}

export interface FileScore {
  file: string;
  events: { tp: number; fp: number; fn: number; neutral: number; precision: number; recall: number; f1: number };
  matches: EventMatch[];
  missed: string[];
  spurious: { id: string; type: string; source: string[]; target: string[] }[];
  modality: Acc;
  date: Acc;
  place: Acc;
  attribution: Acc;
  entities: { gold: number; found: number; linkedOk: number; recall: number; linking: number; missed: string[] };
  figures: { gold: number; found: number; accuracy: number; missed: string[] };
}

export interface Acc {
  right: number;
  total: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/^the\s+/, '').replace(/[^a-z0-9]+/g, ' ').trim();

/** All the names a gold actor string may appear under: its own, and the mentions its gold entity lists. */
function goldNames(actor: string, gold: GoldFile): Set<string> {
  const names = new Set([norm(actor)]);
  for (const e of gold.entities) {
    if (norm(e.name) === norm(actor)) {
      for (const m of e.mentions ?? []) names.add(norm(m));
    }
  }
  return names;
}

export function actorMatches(actor: string, x: { id: string; name: string; iso3: string | null }, gold: GoldFile, aliases?: (id: string) => string[]): boolean {
  if (/^[A-Z]{3}$/.test(actor)) return x.iso3 === actor;
  const names = goldNames(actor, gold);
  if (names.has(norm(x.name)) || names.has(norm(x.id))) return true;
  for (const a of aliases?.(x.id) ?? []) if (names.has(norm(a))) return true;
  return false;
}

function setsOverlap(goldActors: string[], xs: { id: string; name: string; iso3: string | null }[], gold: GoldFile, aliases?: (id: string) => string[]): boolean {
  return goldActors.some((g) => xs.some((x) => actorMatches(g, x, gold, aliases)));
}

const squash = (t: string) => t.replace(/[*_\[\]()#]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether a record's evidence is (part of) the passage the gold event quotes. */
function quotes(g: GoldEvent, x: Extracted['events'][number]): boolean {
  if (!g.evidence || !x.evidence?.length) return false;
  const pieces = g.evidence.split(/\.\.\.|…/).map(squash).filter((p) => p.length >= 15);
  return x.evidence.some((e) => {
    const t = squash(e.text);
    return pieces.some((p) => t.includes(p) || p.includes(t));
  });
}

export function eventMatches(g: GoldEvent, x: Extracted['events'][number], gold: GoldFile, aliases?: (id: string) => string[]): boolean {
  if (g.type !== x.type) return false;
  if (!setsOverlap(g.source, x.source, gold, aliases)) return false;
  if (g.target && g.target.length && !setsOverlap(g.target, x.target, gold, aliases)) return false;
  if (g.date && x.date && !(x.date.from <= g.date[1] && g.date[0] <= x.date.to)) return false;
  if (g.date && !x.date) return false;
  return true;
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** Scores one extraction against one reference reading. */
export function scoreFile(file: string, gold: GoldFile, x: Extracted, aliases?: (id: string) => string[]): FileScore {
  const matches: EventMatch[] = [];
  const usedX = new Set<string>();
  const matchedGold = new Set<string>();
  // Required events claim their best match first, so an optional event never steals one.
  const order = [...gold.events].sort((a, b) => Number(!!a.optional) - Number(!!b.optional));
  // An event is first matched to a record from the sentence its evidence quotes, and only then to
  // any record that fits it: a country code fits every actor of that country, so a gold event could
  // otherwise take the record of another event of the same type and country, told elsewhere.
  const rounds = [false, true].flatMap((optional) => [true, false].map((quoted) => ({ optional, quoted })));
  for (const { optional, quoted } of rounds) for (const g of order) {
    if (!!g.optional !== optional || matchedGold.has(g.id)) continue;
    const cands = x.events.filter((e) => !usedX.has(e.id) && eventMatches(g, e, gold, aliases) && (!quoted || quotes(g, e)));
    if (!cands.length) continue;
    // Prefer the candidate whose modality also agrees.
    const best = cands.find((c) => !g.modality || c.modality === g.modality) ?? cands[0];
    usedX.add(best.id);
    matchedGold.add(g.id);
    const goldPlace = g.place ? gold.entities.find((e) => norm(e.name) === norm(g.place!)) : undefined;
    matches.push({
      gold: g.id,
      extracted: best.id,
      modalityOk: g.modality ? best.modality === g.modality : null,
      dateOk: g.date ? !!best.date && best.date.from <= g.date[1] && g.date[0] <= best.date.to && best.date.from >= g.date[0] && best.date.to <= g.date[1] : null,
      placeOk: g.place
        ? !!best.place && (goldPlace?.lat !== undefined
          ? haversineKm(goldPlace.lat, goldPlace.lon!, best.place.lat, best.place.lon) <= 25
          : norm(best.place.name) === norm(g.place))
        : null,
      attributionOk: g.attribution?.length
        ? g.attribution.some((a) => best.attribution.some((r) => actorMatches(a, { id: r.id ?? '', name: r.name, iso3: x.entities.find((e) => e.id === r.id)?.iso3 ?? null }, gold, aliases)
          || norm(r.name).includes(norm(a)) || (norm(a).length > 3 && norm(a).includes(norm(r.name)) && norm(r.name).length > 3)))
        : null,
    });
  }
  const required = gold.events.filter((g) => !g.optional);
  const tp = required.filter((g) => matchedGold.has(g.id)).length;
  const neutral = gold.events.filter((g) => g.optional && matchedGold.has(g.id)).length;
  const fn = required.length - tp;
  const spurious = x.events.filter((e) => !usedX.has(e.id));
  const fp = spurious.length;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const acc = (k: keyof Omit<EventMatch, 'gold' | 'extracted'>): Acc => ({
    right: matches.filter((m) => m[k] === true).length,
    total: matches.filter((m) => m[k] !== null).length,
  });
  // Entities (places are scored as places)
  const goldEnts = gold.entities.filter((e) => !e.optional && e.kind !== 'place');
  const entMissed: string[] = [];
  let found = 0;
  let linkedOk = 0;
  for (const g of goldEnts) {
    const names = new Set([norm(g.name), ...(g.mentions ?? []).map(norm)]);
    // The entity named as the reference names it first; then by alias; then by the words of a mention.
    const hit = x.entities.find((e) => names.has(norm(e.name)))
      ?? x.entities.find((e) => (aliases?.(e.id) ?? []).some((a) => names.has(norm(a))))
      ?? x.entities.find((e) => e.mentions.some((m) => names.has(norm(m.text))));
    if (!hit) {
      entMissed.push(g.name);
      continue;
    }
    found++;
    const kindOk = kindAgrees(g.kind, hit.kind);
    const isoOk = !g.iso3 || g.iso3 === hit.iso3;
    const goldRole = g.role ? canonicalRole(g.role) : null;
    const roleOk = !goldRole || hit.role === goldRole;
    if (kindOk && isoOk && roleOk) linkedOk++;
    else entMissed.push(`${g.name} (linked as ${hit.kind}/${hit.iso3}/${hit.role ?? '-'})`);
  }
  const goldPlaces = gold.entities.filter((e) => e.kind === 'place' && e.lat !== undefined);
  for (const g of goldPlaces) {
    const hit = x.places.find((p) => norm(p.name) === norm(g.name) || norm(p.text ?? '') === norm(g.name));
    if (hit && haversineKm(g.lat!, g.lon!, hit.lat, hit.lon) <= 10) {
      found++;
      linkedOk++;
    } else entMissed.push(`${g.name} (place${hit ? ` at ${hit.lat},${hit.lon}` : ' not found'})`);
  }
  // Figures
  const goldQ = (gold.quantities ?? []).filter((q) => !q.optional);
  const figMissed: string[] = [];
  let figOk = 0;
  for (const q of goldQ) {
    const hit = x.figures.find((f) => f.kind === q.kind && f.value === q.value);
    const ok = !!hit && (!q.as_of || hit.asOf === q.as_of) && (!q.attribution || (!!hit.attribution && norm(hit.attribution).includes(norm(q.attribution).split(' ').slice(-2).join(' '))));
    if (ok) figOk++;
    else figMissed.push(`${q.kind} ${q.value}${hit ? ` (as of ${hit.asOf}, per ${hit.attribution})` : ''}`);
  }
  const goldEntTotal = goldEnts.length + goldPlaces.length;
  return {
    file,
    events: { tp, fp, fn, neutral, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 },
    matches,
    missed: required.filter((g) => !matchedGold.has(g.id)).map((g) => `${g.id} ${g.type} ${g.source.join('+')}→${(g.target ?? []).join('+')}`),
    spurious: spurious.map((e) => ({ id: e.id, type: e.type, source: e.source.map((s) => s.name), target: e.target.map((s) => s.name) })),
    modality: acc('modalityOk'),
    date: acc('dateOk'),
    place: acc('placeOk'),
    attribution: acc('attributionOk'),
    entities: { gold: goldEntTotal, found, linkedOk, recall: ratio(found, goldEntTotal), linking: ratio(linkedOk, found), missed: entMissed },
    figures: { gold: goldQ.length, found: figOk, accuracy: ratio(figOk, goldQ.length), missed: figMissed },
  };
}

const ROLE_SYNONYMS: [RegExp, string][] = [
  [/^head of state$/, 'head of state'],
  [/^head of government$|^prime minister$/, 'head of government'],
  [/^(foreign minister|secretary of state|foreign secretary)$/, 'foreign minister'],
  [/^(defen[cs]e minister|defen[cs]e secretary|minister of defen[cs]e)$/, 'defence minister'],
  [/secretary-general$|^president of the european commission$|^un secretary general$/i, 'igo head'],
];

/**
 * A reference role in eventwire's vocabulary, or null when the reference describes the person in
 * its own words ("junta spokesman"), which is then not compared.
 */
export function canonicalRole(role: string): string | null {
  const r = role.trim().toLowerCase();
  if (/[;(,]/.test(r)) return null;
  for (const [re, canon] of ROLE_SYNONYMS) if (re.test(r)) return canon;
  return null;
}

function kindAgrees(goldKind: string, kind: string): boolean {
  const g = goldKind.toLowerCase();
  if (g === kind) return true;
  if (g === 'country') return kind === 'country';
  if (g === 'government') return ['government', 'military', 'police'].includes(kind);
  if (g === 'armed group') return kind === 'armed group';
  if (g === 'igo') return kind === 'igo';
  if (g === 'media') return kind === 'media';
  return false;
}

export interface Totals {
  files: number;
  tp: number; fp: number; fn: number; precision: number; recall: number; f1: number;
  modality: number; date: number; place: number; attribution: number;
  entityRecall: number; linking: number; figures: number;
}

export function totals(scores: FileScore[]): Totals {
  const sum = (f: (s: FileScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const tp = sum((s) => s.events.tp), fp = sum((s) => s.events.fp), fn = sum((s) => s.events.fn);
  const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
  const accOf = (k: 'modality' | 'date' | 'place' | 'attribution') => ratio(sum((s) => s[k].right), sum((s) => s[k].total));
  return {
    files: scores.length, tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    modality: accOf('modality'), date: accOf('date'), place: accOf('place'), attribution: accOf('attribution'),
    entityRecall: ratio(sum((s) => s.entities.found), sum((s) => s.entities.gold)),
    linking: ratio(sum((s) => s.entities.linkedOk), sum((s) => s.entities.found)),
    figures: ratio(sum((s) => s.figures.found), sum((s) => s.figures.gold)),
  };
}
