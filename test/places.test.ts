import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDoc, textArticle } from '../src/pipeline/doc.js';
import { segment } from '../src/pipeline/segment.js';
import { places } from '../src/pipeline/places.js';
import { distanceKm, gazetteer, Gazetteer, nameKey } from '../src/knowledge/gazetteer.js';
import { evalGeoVirus } from '../src/eval/geovirus.js';
import { describeWithShared, sharedBench } from './helpers/shared.js';
import type { Article, Doc, PlaceMention } from '../src/model/types.js';

function placesOf(text: string, title: string | null = null): Doc {
  const doc = createDoc(textArticle(text, '2024-12-03', title));
  segment(doc);
  places(doc);
  return doc;
}

function find(doc: Doc, text: string): PlaceMention | undefined {
  return doc.places.find((p) => p.text === text);
}

function near(p: PlaceMention | undefined, lat: number, lon: number, km: number): boolean {
  return !!p && distanceKm(p.lat, p.lon, lat, lon) <= km;
}

describe('places: resolution', () => {
  test('Doha resolves to the capital of Qatar (25.29, 51.53, within 10 km)', () => {
    const p = find(placesOf('Talks between the two sides were held in Doha on Monday.'), 'Doha');
    assert.ok(p, 'Doha found');
    assert.equal(p.iso3, 'QAT');
    assert.equal(p.featureType, 'city');
    assert.ok(near(p, 25.29, 51.53, 10), `${p.lat},${p.lon}`);
    assert.equal(p.geonamesId, 290030);
  });

  test('a capital alias that names another city of the country stays that city: Bujumbura is not Gitega', () => {
    const p = find(placesOf('Soldiers fought rebels in Bujumbura on Thursday.'), 'Bujumbura');
    assert.ok(p);
    assert.equal(p.iso3, 'BDI');
    assert.ok(near(p, -3.38, 29.36, 15), `${p.name} ${p.lat},${p.lon}`);
  });

  test('Aleppo resolves to the Syrian city (36.2, 37.16)', () => {
    const p = find(placesOf('Opposition fighters pushed into Aleppo on Friday.'), 'Aleppo');
    assert.ok(p);
    assert.equal(p.iso3, 'SYR');
    assert.ok(near(p, 36.2, 37.16, 10));
  });

  test('"Aleppo, Syria": a place followed by a comma and a country takes that country, and both are listed', () => {
    const doc = placesOf('Rebels entered Aleppo, Syria, on Friday.');
    assert.equal(find(doc, 'Aleppo')?.iso3, 'SYR');
    assert.equal(find(doc, 'Syria')?.featureType, 'country');
  });

  test('"Paris, Texas": the container beats the famous namesake', () => {
    const p = find(placesOf('The storm damaged homes in Paris, Texas, overnight.'), 'Paris');
    assert.equal(p?.iso3, 'USA');
    assert.ok(near(p, 33.66, -95.56, 30), `${p?.lat},${p?.lon}`);
  });

  test('Kiev is an alternate name of Kyiv', () => {
    const p = find(placesOf('The mayor of Kiev said the city was calm.'), 'Kiev');
    assert.equal(p?.name, 'Kyiv');
    assert.equal(p?.iso3, 'UKR');
    assert.equal(p?.geonamesId, 703448);
  });

  test('Washington in a US-politics text is Washington, D.C.; "Washington state" is the state', () => {
    const dc = find(placesOf('President Biden returned to Washington after the Senate vote on the budget.'), 'Washington');
    assert.equal(dc?.name, 'Washington, D.C.');
    assert.ok(near(dc, 38.9, -77.04, 15));
    const state = placesOf('The cow came from a Washington state farm, officials in Olympia said.').places.find((x) => x.text.startsWith('Washington'));
    assert.equal(state?.featureType, 'admin1');
    assert.equal(state?.iso3, 'USA');
    const listed = placesOf('Cases were reported in Utah, Washington, Oregon and Idaho.');
    assert.equal(find(listed, 'Washington')?.featureType, 'admin1', 'a list of states keeps Washington a state');
  });

  test('a name shared by countries follows the country the article talks about (Tripoli: Lebanon vs Libya)', () => {
    const lb = find(placesOf('Clashes erupted in Tripoli between rival groups. The Lebanese army deployed troops across northern Lebanon.'), 'Tripoli');
    assert.equal(lb?.iso3, 'LBN');
    const ly = find(placesOf('Clashes erupted in Tripoli between rival militias. Libya has two rival governments since 2014.'), 'Tripoli');
    assert.equal(ly?.iso3, 'LBY');
  });

  test('"X province", "X region" and "X governorate" ask for an admin-1 region', () => {
    const doc = placesOf('Shelling hit Idlib province and the Donetsk region, while Aleppo Governorate stayed calm.');
    const idlib = find(doc, 'Idlib province');
    assert.equal(idlib?.featureType, 'admin1');
    assert.equal(idlib?.iso3, 'SYR');
    assert.equal(find(doc, 'Donetsk region')?.featureType, 'admin1');
    assert.equal(find(doc, 'Donetsk region')?.iso3, 'UKR');
    assert.equal(find(doc, 'Aleppo Governorate')?.featureType, 'admin1');
  });

  test('regions, seas and disputed territories come from places.json (Gaza Strip, West Bank, Gulf of Aden, Middle East)', () => {
    const doc = placesOf('Ships in the Gulf of Aden were attacked while fighting spread from the Gaza Strip to the West Bank and across the Middle East.');
    for (const name of ['Gulf of Aden', 'Gaza Strip', 'West Bank', 'Middle East']) {
      const p = find(doc, name);
      assert.ok(p, name);
      assert.equal(p.featureType, 'region', name);
    }
    assert.equal(find(doc, 'West Bank')?.iso3, 'PSE');
  });

  test('a line in capitals still yields its places', () => {
    const doc = placesOf('SYRIA: REBELS SEIZE ALEPPO AS RUSSIA AND IRAN WATCH');
    assert.deepEqual(doc.places.map((p) => p.iso3), ['SYR', 'SYR', 'RUS', 'IRN']);
  });

  test('hyphenated and diacritic names are matched whole (Al-Hasakah, Côte d\'Ivoire, Toruń)', () => {
    const doc = placesOf("Strikes hit Al-Hasakah. Elections were held in Côte d'Ivoire. Swans died near Toruń in Poland.");
    assert.equal(find(doc, 'Al-Hasakah')?.iso3, 'SYR');
    assert.equal(find(doc, "Côte d'Ivoire")?.iso3, 'CIV');
    assert.equal(find(doc, 'Toruń')?.iso3, 'POL');
  });
});

describe('places: what is not a place', () => {
  test('the Astana peace process and the Minsk agreements give no place', () => {
    const doc = placesOf('Russia wants to revive the Astana peace process, while Kyiv says the Minsk agreements are dead.');
    assert.ok(!doc.places.some((p) => p.text.includes('Astana')), JSON.stringify(doc.places.map((p) => p.text)));
    assert.ok(!doc.places.some((p) => p.text.includes('Minsk')));
    assert.ok(find(doc, 'Russia'));
    assert.ok(find(doc, 'Kyiv'));
  });

  test('organisation names holding a toponym are not places (Washington Post, New York Times, Paris Club)', () => {
    const doc = placesOf('The Washington Post and The New York Times reported that the Paris Club would meet creditors in Berlin.');
    assert.deepEqual(doc.places.map((p) => p.text), ['Berlin']);
  });

  test('"President Macron"-style person names are not places (Mr Jordan, General Paris, President Kennedy)', () => {
    const doc = placesOf('President Macron met Mr Jordan and General Paris in Berlin. President Kennedy was quoted.');
    assert.deepEqual(doc.places.map((p) => p.text), ['Berlin']);
  });

  test('a surname met in a full name is not a place later in the article', () => {
    const doc = placesOf('Campaign manager Tim Whitley, 39, spoke to reporters. Whitley said the vote in Texas was close.');
    assert.ok(!doc.places.some((p) => p.text === 'Whitley'), JSON.stringify(doc.places.map((p) => p.text)));
    assert.ok(find(doc, 'Texas'));
  });

  test('May and March are not places; sentence-initial common words are not either', () => {
    const doc = placesOf('In March, May said she would resign. Hope was high among Conservatives. May was a hard month in Kenya.');
    assert.deepEqual(doc.places.map((p) => p.text), ['Kenya']);
  });

  test('demonyms are not places but say which country the article is about', () => {
    const doc = placesOf('Lebanese troops deployed in Tripoli after clashes.');
    assert.ok(!doc.places.some((p) => p.text === 'Lebanese'));
    assert.equal(find(doc, 'Tripoli')?.iso3, 'LBN');
  });
});

describe('places: records and blocks', () => {
  test('a PlaceMention carries span, gazetteer name, point, country, GeoNames id, kind, population, sentence and confidence', () => {
    const doc = placesOf('Fighting continued near Aleppo. Turkey closed the border.');
    const p = find(doc, 'Aleppo')!;
    assert.equal(doc.text.slice(p.start, p.end), 'Aleppo');
    assert.equal(p.name, 'Aleppo');
    assert.equal(p.iso3, 'SYR');
    assert.equal(p.geonamesId, 170063);
    assert.equal(p.featureType, 'city');
    assert.ok(p.population && p.population > 1_000_000);
    assert.equal(p.sentence, 0);
    assert.ok(p.confidence > 0 && p.confidence <= 1);
    const t = find(doc, 'Turkey')!;
    assert.equal(t.featureType, 'country');
    assert.equal(t.sentence, 1);
  });

  test("a caption's place is still found (captions are not claims, but places are listed)", () => {
    const body = 'Fighters advanced overnight, the monitor said.';
    const caption = 'Smoke rises over Kharkiv. Photo: Reuters';
    const text = `${body}\n\n${caption}`;
    const article: Article = {
      url: null, title: null, published: '2024-12-03', source: null, byline: null, language: 'en', text,
      blocks: [
        { kind: 'paragraph', start: 0, end: body.length, claim: true },
        { kind: 'caption', start: body.length + 2, end: text.length, claim: false },
      ],
      format: 'text', origin: {}, contentHash: '', messages: [],
    };
    const doc = createDoc(article);
    segment(doc);
    places(doc);
    const p = find(doc, 'Kharkiv');
    assert.ok(p, 'Kharkiv found in the caption');
    assert.equal(p.iso3, 'UKR');
    assert.equal(doc.sentences[p.sentence].claim, false);
  });

  test('headline places are found in Title Case ("Russia, Iran, Turkey, Qatar Eye Talks on Syria …")', () => {
    const doc = placesOf('Body text.', 'Russia, Iran, Turkey, Qatar Eye Talks on Syria Rebel Offensive – Reports');
    assert.deepEqual(doc.places.map((p) => p.iso3), ['RUS', 'IRN', 'TUR', 'QAT', 'SYR']);
  });
});

describe('places: gazetteer', () => {
  test('the gazetteer loads once and indexes cities, admin-1 regions, countries and regions by name', () => {
    const g = gazetteer();
    assert.equal(gazetteer(), g, 'one instance per process');
    assert.ok(g.cityCount > 100_000, `${g.cityCount} cities`);
    assert.ok(g.size > g.cityCount + 4000);
    assert.ok(g.loadMs > 0);
    const kinds = new Set(g.lookup('Georgia').map((h) => h.place.featureType));
    assert.ok(kinds.has('country') && kinds.has('admin1'));
    assert.equal(g.lookup('Middle East')[0]?.place.featureType, 'region');
    assert.equal(g.country('the U.S.')?.iso3, 'USA');
  });

  test('name keys fold diacritics, hyphens, full stops and St./Saint', () => {
    assert.equal(nameKey('Al-Ḩasakah'), 'al hasakah');
    assert.equal(nameKey('Washington, D.C.'), 'washington dc');
    assert.equal(nameKey('St. Petersburg'), 'saint petersburg');
    assert.equal(nameKey('Diyarbakır'), 'diyarbakir');
  });

  test('a user places file (kind "places") adds places, and a bad record is reported and skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventwire-places-'));
    writeFileSync(join(dir, 'camps.json'), JSON.stringify({
      kind: 'places',
      records: [
        { id: 'camp-zeta', name: 'Camp Zeta', aliases: ['Zeta camp'], featureType: 'landmark', lat: 2.5, lon: 40.1, iso2: 'KE' },
        { id: 'broken', featureType: 'region', lat: 1, lon: 2 },
      ],
    }));
    const g = Gazetteer.load([dir]);
    const hit = g.lookup('Zeta camp')[0];
    assert.equal(hit?.place.name, 'Camp Zeta');
    assert.equal(hit?.place.iso3, 'KEN');
    assert.ok(g.messages.some((m) => m.code === 'bad-record' && m.file?.endsWith('camps.json')), JSON.stringify(g.messages));
  });

  test('all-capitals acronyms match only as listed ("US", "UK", "DRC"), never as lower-case words', () => {
    const g = gazetteer();
    assert.equal(g.lookup('US')[0]?.place.iso3, 'USA');
    assert.equal(g.lookup('DRC')[0]?.place.iso3, 'COD');
    const doc = placesOf('Tell us what happened in the UK.');
    assert.deepEqual(doc.places.map((p) => p.text), ['UK']);
  });
});

describe('places: names read whole and context', () => {
  test('a possessive inside a country\'s long name keeps the whole name (North Korea, not South Korea)', () => {
    const doc = placesOf("Envoys of the Democratic People's Republic of Korea met officials of the People's Republic of China.");
    const korea = doc.places.find((p) => p.text.endsWith('Republic of Korea'));
    assert.equal(korea?.iso3, 'PRK', JSON.stringify(doc.places.map((p) => [p.text, p.iso3])));
    const china = doc.places.find((p) => p.text.endsWith('Republic of China'));
    assert.equal(china?.iso3, 'CHN', JSON.stringify(doc.places.map((p) => [p.text, p.iso3])));
  });

  test('a small town is supported by the admin-1 region the article names, however far the region\'s centre lies', () => {
    const doc = placesOf('The Ontario government will fund a new clinic for Dryden, the minister said.');
    const p = find(doc, 'Dryden');
    assert.equal(p?.iso3, 'CAN', JSON.stringify(doc.places.map((x) => x.text)));
  });

  test('"X, in Y County, State" and "X in State" place the town in that state', () => {
    const doc = placesOf('The outbreak began at a school in Lebanon, in Warren County, Ohio, last month. Later it reached Moscow in Idaho.');
    const lebanon = find(doc, 'Lebanon');
    assert.ok(lebanon?.iso3 === 'USA' && near(lebanon, 39.43, -84.21, 30), JSON.stringify(lebanon));
    assert.ok(near(find(doc, 'Moscow'), 46.73, -117.0, 30), JSON.stringify(find(doc, 'Moscow')));
  });

  test('a container is read as a region that holds the town before it ("Dublin, Georgia" is the US state)', () => {
    for (const text of ['Workers at the plant in Dublin, Georgia went on strike.', 'Workers at the plant near Dublin in Georgia went on strike.']) {
      const doc = placesOf(text);
      assert.equal(find(doc, 'Georgia')?.iso3, 'USA', text);
      assert.ok(near(find(doc, 'Dublin'), 32.54, -82.9, 30), text);
    }
  });

  test('"New York" is the city after one of its boroughs or in a list of big cities, the state after an upstate town or "New York state"', () => {
    const city = placesOf('Protesters marched in Harlem, New York, on Sunday. Flights from New York and Chicago were cancelled.');
    for (const p of city.places.filter((x) => x.text === 'New York')) assert.ok(p.featureType === 'city' && near(p, 40.71, -74.0, 20), JSON.stringify(p));
    assert.equal(find(placesOf('A storm hit Buffalo, New York, on Monday.'), 'New York')?.featureType, 'admin1');
    const state = placesOf('The New York state governor declared an emergency. Deaths in New York rose to 75.');
    assert.equal(find(state, 'New York')?.featureType, 'admin1');
  });

  test('rivers, lakes, mountain ranges, islands and historical regions are places', () => {
    const doc = placesOf('Barges on the Danube were halted, snow closed passes in the Ural Mountains, and storms hit Oahu and Gascony. Boats crossed Lake Kivu.');
    for (const [name, lat, lon] of [['Danube', 45, 20], ['Ural Mountains', 60, 59], ['Oahu', 21.5, -158], ['Gascony', 43.7, 0.3], ['Lake Kivu', -2, 29.2]] as const) {
      assert.ok(near(find(doc, name), lat, lon, 300), `${name}: ${JSON.stringify(find(doc, name))}`);
    }
  });

  test('admin-1 regions listed in their own language are found by their English names (North Kivu, Brittany)', () => {
    const doc = placesOf('Fighting spread from North Kivu to South Kivu, while farmers in Brittany protested.');
    assert.equal(find(doc, 'North Kivu')?.iso3, 'COD');
    assert.equal(find(doc, 'South Kivu')?.iso3, 'COD');
    assert.equal(find(doc, 'Brittany')?.iso3, 'FRA');
  });

  test('"West Nile" cases are no place on the Nile', () => {
    const doc = placesOf('West Nile cases rose in the county this summer, health officials in Texas said.');
    assert.ok(!doc.places.some((p) => p.text.includes('Nile')), JSON.stringify(doc.places.map((p) => p.text)));
  });

  test('"Congo" follows the Congo the article talks about, and is the DR Congo by default', () => {
    assert.equal(find(placesOf('Flooding in Brazzaville killed 20 people, the government of Congo said.'), 'Congo')?.iso3, 'COG');
    assert.equal(find(placesOf('Rebels advanced on Goma in eastern Congo.'), 'Congo')?.iso3, 'COD');
    assert.equal(find(placesOf('An outbreak was declared in Congo on Monday.'), 'Congo')?.iso3, 'COD');
  });

  test('a small town both inside a region the article names and near its other places beats a bigger namesake elsewhere', () => {
    const doc = placesOf('Storms hit Tyler and Longview in Texas on Sunday. Farmers from Chandler were affected.');
    assert.ok(near(find(doc, 'Chandler'), 32.31, -95.48, 30), JSON.stringify(find(doc, 'Chandler')));
  });

  test('Kenya\'s former North Eastern Province is not Saudi Arabia\'s Eastern Province', () => {
    const doc = placesOf('Refugees crossed into the North Eastern Province near Garissa.');
    assert.equal(doc.places.find((p) => p.text.includes('Eastern Province'))?.iso3, 'KEN', JSON.stringify(doc.places));
  });

  test('Hollywood is the Los Angeles district unless a container says otherwise', () => {
    assert.ok(near(find(placesOf('A Hollywood studio opened an office in Madrid.'), 'Hollywood'), 34.1, -118.33, 20));
    assert.ok(near(find(placesOf('Police in Hollywood, Florida arrested two men.'), 'Hollywood'), 26.01, -80.15, 20));
  });

  test('a place before a legislature or a coach stays a place ("Texas Senate", "Ontario Legislature", "Alabama Coach")', () => {
    for (const [text, name] of [['The Texas Senate passed the bill on Monday.', 'Texas'], ['Members of the Ontario Legislature voted against it.', 'Ontario'], ['Alabama Coach Nick Saban praised the defence.', 'Alabama']]) {
      assert.ok(find(placesOf(text), name), text);
    }
    // an organisation further on still makes the whole run a name
    assert.ok(!find(placesOf('The New York State Assembly Committee on Health met.'), 'New York'));
  });

  test('a lone small-town name that may be a surname does not pick the country of a big city ("Boston ... Whitby")', () => {
    const doc = placesOf("Boston lost the final again, and Whitby was the team's best player.");
    assert.ok(near(find(doc, 'Boston'), 42.36, -71.06, 20), JSON.stringify(doc.places));
  });

  test('a town before a name particle and a capitalised word is a first name ("Vincent van Dijk"); a longer place name is kept', () => {
    for (const name of ['Vincent van Dijk', 'Mercedes de Souza']) {
      const doc = placesOf(`Officials in Texas quoted ${name} on the outbreak.`);
      assert.deepEqual(doc.places.map((p) => p.text), ['Texas'], name);
    }
    assert.ok(find(placesOf('He moved to Santiago de Chile in 2001.'), 'Santiago de Chile'));
  });

  test('a season before a year is a date, not a town ("Spring 2019")', () => {
    const doc = placesOf('Cases peaked in Spring 2019 across Texas.');
    assert.deepEqual(doc.places.map((p) => p.text), ['Texas']);
  });

  test('a bare department name is its capital city even when the department\'s centre lies far from it (Oruro, Tarija)', () => {
    for (const [name, lat, lon] of [['Oruro', -17.98, -67.15], ['Tarija', -21.54, -64.73]] as const) {
      const p = find(placesOf(`Troops were sent to ${name} on Monday.`), name);
      assert.ok(p?.featureType === 'city' && near(p, lat, lon, 20), `${name}: ${JSON.stringify(p)}`);
    }
  });

  test('the city after "Club of", "Hospital of", "Company of" is where the organisation is; "University of X" stays a name', () => {
    const doc = placesOf('Members of the Rowing Club of Geneva gave blood at the General Hospital of Kampala.');
    assert.deepEqual(doc.places.map((p) => p.text), ['Geneva', 'Kampala']);
    assert.equal(placesOf('She studied at the University of Leeds.').places.length, 0);
  });

  test('"the Denver Area" is Denver', () => {
    assert.ok(near(find(placesOf('Concerts were held across the Denver Area last summer.'), 'Denver'), 39.74, -104.98, 10));
  });

  test('a county known only through a namesake city is placed at the town the text puts in it', () => {
    const doc = placesOf('The outbreak began at a school in Lebanon, in Warren County, Ohio, last month. Warren County officials closed schools.');
    const counties = doc.places.filter((p) => p.text === 'Warren County');
    assert.equal(counties.length, 2);
    for (const p of counties) assert.ok(near(p, 39.43, -84.21, 30), JSON.stringify(p));
  });

  test('former states are places (East Germany, Czechoslovakia), and a spelling variant of an Indian state is found (Tamilnadu)', () => {
    const doc = placesOf('He left East Germany for Czechoslovakia in 1968 and later settled in Tamilnadu.');
    assert.deepEqual(doc.places.map((p) => p.text), ['East Germany', 'Czechoslovakia', 'Tamilnadu']);
  });
});

// The stage's speed is measured by `npm run bench` and the GeoVirus scorer (ms per 1,000
// characters), not here: a timed test fails whenever the machine is busy.
describe('places: a longer text', () => {
  test('every place of a dense paragraph is found, and reading it again finds the same', () => {
    gazetteer();
    const text = [
      'Russian and Syrian warplanes struck rebel positions around Idlib and Aleppo on Tuesday, the Syrian Observatory for Human Rights said.',
      'Turkey, which backs some of the rebels, called for a ceasefire, and Foreign Minister Hakan Fidan spoke with his Iranian counterpart in Tehran.',
      'In Doha, Qatari mediators met envoys from Washington and Moscow, while the UN envoy warned of a new wave of refugees towards the Turkish border near Reyhanli.',
      'Fighting was also reported in Hama province and in the Kurdish-held city of Al-Hasakah, in north-eastern Syria, near the Iraqi border.',
      'Lebanon and Jordan, which host millions of refugees, said they could not take more; aid convoys waited at Bab al-Hawa.',
    ].join(' ');
    const docs = [0, 1].map(() => {
      const d = createDoc(textArticle(text, '2024-12-03', null));
      segment(d);
      places(d);
      return d;
    });
    assert.ok(docs[0].places.length >= 12, JSON.stringify(docs[0].places.map((p) => p.text)));
    assert.deepEqual(docs[1].places, docs[0].places);
  });
});

// ------------------------------------------------------------------ GeoVirus (loose targets)

const GEOVIRUS = sharedBench('geovirus', 'GeoVirus.xml');

describeWithShared('places: GeoVirus corpus', GEOVIRUS, () => {
  let score: Awaited<ReturnType<typeof evalGeoVirus>> | null = null;
  const get = async () => (score ??= await evalGeoVirus(GEOVIRUS));

  test('GeoVirus: recall of gold place mentions is at least 0.80', async () => {
    const s = await get();
    assert.ok(s.mentions > 2000, `${s.mentions} gold mentions`);
    assert.ok(s.recall >= 0.8, `recall ${s.recall}`);
  });

  test('GeoVirus: at least 85 % of found mentions lie within 161 km of the gold point', {
    todo: 'country points come from countries.json (centroids); GeoVirus uses Wikipedia\'s conventional points (United States 40,-100), so most country mentions fall outside 161 km although the country is right — see resolvedAccuracy',
  }, async () => {
    const s = await get();
    assert.ok(s.accuracy161 >= 0.85, `accuracy ${s.accuracy161}`);
  });

  test('GeoVirus: at least 85 % of found mentions resolve to the right place (the right country or admin-1 region, or within 161 km)', async () => {
    const s = await get();
    assert.ok(s.resolvedAccuracy >= 0.85, `resolved ${s.resolvedAccuracy}`);
  });

  test('GeoVirus: at least 90 % of mentions resolved to cities and landmarks lie within 161 km', async () => {
    const s = await get();
    assert.ok(s.cityAccuracy161 >= 0.9, `cities ${s.cityAccuracy161}`);
  });
});

describe('places: "the city" refers back', () => {
  test('"in the city" after a named city is that city, marked as a reference; "the city council" and a village-sized reading are not', () => {
    const doc = placesOf('Drones struck Kharkiv overnight. Two people were killed in the city, and the city council met. The village was quiet.');
    const refs = doc.places.filter((p) => p.refersTo);
    assert.deepEqual(refs.map((p) => `${p.text}=${p.name}`), ['the city=Kharkiv']);
    assert.equal(doc.text.slice(refs[0].refersTo!.start, refs[0].refersTo!.end), 'Kharkiv');
  });

  test('two different towns named before leave "the town" unresolved', () => {
    const doc = placesOf('Fighting spread from Bakhmut to Soledar. Shells hit the town on Monday.');
    assert.equal(doc.places.filter((p) => p.refersTo).length, 0);
  });
});
