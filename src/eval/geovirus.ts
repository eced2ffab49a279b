// GeoVirus scorer for the PLACES stage (Gritta et al. 2018: 229 Wikinews articles on disease
// outbreaks, ~2,200 place mentions with character spans and gold coordinates).
//
// A gold mention is "found" when a predicted place overlaps its span; accuracy counts found
// mentions whose predicted point lies within 161 km (100 miles) of the gold point.
//
//   node dist/src/eval/geovirus.js [path/to/GeoVirus.xml] [--misses N] [--wrong N]

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createDoc, textArticle } from '../pipeline/doc.js';
import { segment } from '../pipeline/segment.js';
import { places } from '../pipeline/places.js';
import { distanceKm, gazetteer } from '../knowledge/gazetteer.js';
import type { PlaceMention } from '../model/types.js';

export interface GeoVirusGold {
  name: string;
  start: number;
  end: number;
  lat: number;
  lon: number;
  page: string;
}

export interface GeoVirusArticle {
  source: string;
  text: string;
  locations: GeoVirusGold[];
}

export interface GeoVirusScore {
  mentions: number;
  found: number;
  recall: number;
  within161: number;
  accuracy161: number;
  meanKm: number;
  medianKm: number;
  /**
   * Share of found mentions resolved to the right place whatever point stands for it: within
   * 161 km, or a country / admin-1 region that contains the gold point (judged by the country and
   * GeoNames admin-1 code of the city nearest to the gold point). Country and region points are
   * conventions (GeoVirus uses Wikipedia's), so this separates resolution errors from them.
   */
  resolvedAccuracy: number;
  /** accuracy within 161 km over found mentions resolved to cities and landmarks only */
  cityAccuracy161: number;
  /** found mentions resolved to cities and landmarks */
  cityFound: number;
  /** share of found mentions resolved to a country or admin-1 region whose area is the right one */
  areaAccuracy: number;
  /** found mentions resolved to a country or admin-1 region */
  areaFound: number;
  /** predicted places, and the share of them that overlap a gold mention */
  predicted: number;
  precision: number;
  articles: number;
  /** time of the places stage alone, per 1,000 characters of text */
  msPer1000Chars: number;
}

export interface GeoVirusError {
  article: number;
  gold: GeoVirusGold;
  context: string;
  predicted: PlaceMention | null;
  km: number | null;
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/**
 * Reads GeoVirus.xml. Offsets are made 0-based and end-exclusive: the published file counts from 1,
 * which is detected from the names rather than assumed.
 */
export function readGeoVirus(path: string): GeoVirusArticle[] {
  const xml = readFileSync(path, 'utf8');
  const field = (block: string, tag: string) => {
    const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(block);
    return m ? decode(m[1]) : '';
  };
  const articles: GeoVirusArticle[] = [];
  for (const m of xml.matchAll(/<article>([\s\S]*?)<\/article>/g)) {
    const block = m[1];
    const text = field(block, 'text');
    const locations: GeoVirusGold[] = [];
    for (const l of block.matchAll(/<location>([\s\S]*?)<\/location>/g)) {
      const start = Number(field(l[1], 'start'));
      const end = Number(field(l[1], 'end'));
      const lat = Number(field(l[1], 'lat'));
      const lon = Number(field(l[1], 'lon'));
      if (!(end > start) || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      locations.push({ name: field(l[1], 'name'), start, end, lat, lon, page: field(l[1], 'page') });
    }
    articles.push({ source: field(block, 'source'), text, locations });
  }
  // offset base: the shift that makes the most spans read their names
  const votes = new Map<number, number>();
  for (const a of articles) {
    for (const l of a.locations) {
      if (!l.name) continue;
      for (const d of [0, -1, 1]) if (a.text.slice(l.start + d, l.end + d) === l.name) votes.set(d, (votes.get(d) ?? 0) + 1);
    }
  }
  let shift = 0;
  for (const [d, n] of votes) if (n > (votes.get(shift) ?? 0)) shift = d;
  if (shift) for (const a of articles) for (const l of a.locations) { l.start += shift; l.end += shift; }
  return articles;
}

/** Runs segmentation and the places stage over every article and scores the places against the gold spans. */
export async function evalGeoVirus(path: string, errors?: { misses: GeoVirusError[]; wrong: GeoVirusError[] }): Promise<GeoVirusScore> {
  const articles = readGeoVirus(path);
  gazetteer(); // loaded outside the timing
  let mentions = 0;
  let found = 0;
  let within = 0;
  let resolved = 0;
  let cityFound = 0;
  let cityWithin = 0;
  let areaFound = 0;
  let areaRight = 0;
  const gaz = gazetteer();
  /** country and admin-1 code of the city nearest to a point (within 100 km) */
  const whereIs = (lat: number, lon: number) => {
    let best = -1;
    let bd = Infinity;
    for (const i of gaz.citiesNear(lat, lon, 100)) {
      const p = gaz.place(i);
      const d = distanceKm(lat, lon, p.lat, p.lon);
      if (d < bd) { bd = d; best = i; }
    }
    return best < 0 ? null : gaz.place(best);
  };
  let predicted = 0;
  let predictedHit = 0;
  let chars = 0;
  let ms = 0;
  const kms: number[] = [];
  articles.forEach((a, ai) => {
    const doc = createDoc(textArticle(a.text, null, null));
    segment(doc);
    const t0 = performance.now();
    places(doc);
    ms += performance.now() - t0;
    chars += a.text.length;
    // Places referred to as "the city" are not names, which is all the corpus marks.
    const named = doc.places.filter((p) => !p.refersTo);
    predicted += named.length;
    for (const p of named) if (a.locations.some((g) => p.start < g.end && g.start < p.end)) predictedHit++;
    for (const g of a.locations) {
      mentions++;
      let best: PlaceMention | null = null;
      let bestOverlap = 0;
      for (const p of named) {
        const ov = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        if (ov > bestOverlap) {
          bestOverlap = ov;
          best = p;
        }
      }
      const context = a.text.slice(Math.max(0, g.start - 50), g.end + 30).replace(/\s+/g, ' ');
      if (!best) {
        errors?.misses.push({ article: ai, gold: g, context, predicted: null, km: null });
        continue;
      }
      found++;
      const km = distanceKm(best.lat, best.lon, g.lat, g.lon);
      kms.push(km);
      if (km <= 161) within++;
      if (best.featureType === 'city' || best.featureType === 'landmark') {
        cityFound++;
        if (km <= 161) cityWithin++;
      }
      const area = best.featureType === 'country' || best.featureType === 'admin1';
      if (area) areaFound++;
      let rightArea = false;
      if (area && km > 161) {
        const at = whereIs(g.lat, g.lon);
        const iso3 = at?.iso3 ?? null;
        if (at && iso3 && iso3 === best.iso3) {
          if (best.featureType === 'country') rightArea = true;
          else {
            const place = best.geonamesId ? null : gaz.lookup(best.name).find((h) => h.place.featureType === 'admin1' && h.place.iso3 === iso3)?.place;
            if (place && gaz.geonamesAdmin1(place) === at.admin1) rightArea = true;
          }
        }
      }
      if (km <= 161 || rightArea) {
        resolved++;
        if (area) areaRight++;
      }
      if (km > 161) errors?.wrong.push({ article: ai, gold: g, context, predicted: best, km });
    }
  });
  kms.sort((x, y) => x - y);
  const median = kms.length ? (kms.length % 2 ? kms[(kms.length - 1) / 2] : (kms[kms.length / 2 - 1] + kms[kms.length / 2]) / 2) : 0;
  const r = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    mentions,
    found,
    recall: r(mentions ? found / mentions : 0),
    within161: within,
    accuracy161: r(found ? within / found : 0),
    meanKm: r(kms.length ? kms.reduce((s, x) => s + x, 0) / kms.length : 0, 1),
    medianKm: r(median, 1),
    resolvedAccuracy: r(found ? resolved / found : 0),
    cityAccuracy161: r(cityFound ? cityWithin / cityFound : 0),
    cityFound,
    areaAccuracy: r(areaFound ? areaRight / areaFound : 0),
    areaFound,
    predicted,
    precision: r(predicted ? predictedHit / predicted : 0),
    articles: articles.length,
    msPer1000Chars: r(chars ? (ms / chars) * 1000 : 0, 4),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return 0;
    const n = Number(args[i + 1]);
    args.splice(i, 2);
    return Number.isFinite(n) ? n : 0;
  };
  const nMisses = opt('--misses');
  const nWrong = opt('--wrong');
  const path = args[0] ?? '../shared/bench/geovirus/GeoVirus.xml';
  const errors = { misses: [] as GeoVirusError[], wrong: [] as GeoVirusError[] };
  const t0 = performance.now();
  const g = gazetteer();
  const loadMs = performance.now() - t0;
  const score = await evalGeoVirus(path, errors);
  const line = (e: GeoVirusError) =>
    `  [${e.article}] ${JSON.stringify(e.gold.name)} ${e.gold.lat},${e.gold.lon}` +
    (e.predicted ? ` → ${e.predicted.name} (${e.predicted.featureType}, ${e.predicted.iso3 ?? '-'}) ${e.predicted.lat.toFixed(2)},${e.predicted.lon.toFixed(2)} ${Math.round(e.km ?? 0)} km` : '') +
    `  …${e.context}…`;
  if (nMisses) {
    console.log(`misses (${errors.misses.length}):`);
    for (const e of errors.misses.slice(0, nMisses)) console.log(line(e));
  }
  if (nWrong) {
    console.log(`wrong (${errors.wrong.length}):`);
    for (const e of errors.wrong.slice(0, nWrong)) console.log(line(e));
  }
  console.log(`GeoVirus (${path})`);
  console.log(`  articles        ${score.articles}`);
  console.log(`  gold mentions   ${score.mentions}`);
  console.log(`  found           ${score.found}  recall ${score.recall}`);
  console.log(`  within 161 km   ${score.within161}  accuracy ${score.accuracy161}`);
  console.log(`  error km        mean ${score.meanKm}  median ${score.medianKm}`);
  console.log(`  resolved        ${score.resolvedAccuracy} (right country / admin-1 region or within 161 km)`);
  console.log(`  cities          ${score.cityAccuracy161} within 161 km (cities and landmarks only)`);
  console.log(`  predicted       ${score.predicted}  overlapping gold ${score.precision}`);
  console.log(`  gazetteer       ${g.size} places, loaded in ${Math.round(loadMs)} ms (${Math.round(g.heapBytes / 1e6)} MB heap)`);
  console.log(`  places stage    ${score.msPer1000Chars} ms per 1,000 characters`);
}
