import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/pipeline/index.js';
import { textArticle } from '../src/pipeline/doc.js';
import { knowledge } from '../src/knowledge/index.js';
import { aliasesFrom } from '../src/eval/run.js';
import { caseTest, knownGaps, loadCases } from './helpers/cases.js';

const kb = knowledge();
const aliases = aliasesFrom(kb);
const cases = loadCases('test/cases/figures.jsonl');
const gaps = knownGaps('figures');

test('there are at least 20 figure cases', () => {
  assert.ok(cases.length >= 20, `${cases.length} cases`);
});

for (const c of cases) {
  caseTest(`figure case ${c.id}${c.note ? ` (${c.note.slice(0, 80)})` : ''}`, c.id, gaps[c.id], () => {
    const doc = analyze(textArticle(c.text, c.published ?? null), { kb, until: 'figures' });
    const got = doc.figures.map((f) => `${f.kind} ${f.value} [${f.min}, ${f.max}]${f.approximate ? ' ~' : ''} asOf=${f.asOf} per=${f.attribution}`).join('; ') || '(none)';
    for (const want of c.expect ?? []) {
      const hit = doc.figures.find((f) => f.kind === want.kind && (want.value === undefined || f.value === want.value));
      assert.ok(hit, `expected ${JSON.stringify(want)}; got ${got}`);
      if (want.approximate !== undefined) assert.equal(hit!.approximate, want.approximate, `approximate; got ${got}`);
      if (want.min !== undefined && want.min !== null) assert.equal(hit!.min, want.min, `min; got ${got}`);
      if (want.max !== undefined) assert.equal(hit!.max, want.max, `max; got ${got}`);
      if (want.asOf) assert.equal(hit!.asOf, want.asOf, `as of; got ${got}`);
      if (want.attribution) {
        const names = [hit!.attribution ?? '', ...(hit!.attributionEntityId ? aliases(hit!.attributionEntityId) : [])].map((x) => x.toLowerCase());
        const w = want.attribution.toLowerCase().replace(/^the /, '');
        assert.ok(names.some((n) => n.includes(w) || w.includes(n) && n.length > 2), `attribution; got ${got}`);
      }
    }
    if (!c.expect?.length) assert.equal(doc.figures.filter((f) => f.kind !== 'population').length, 0, `expected no casualty figure; got ${got}`);
    for (const bad of c.reject ?? []) {
      assert.ok(!doc.figures.some((f) => f.kind === bad.kind && (bad.value === undefined || f.value === bad.value)), `must not find ${JSON.stringify(bad)}; got ${got}`);
    }
  });
}

// ------------------------------------------------------------------ verb and number pairs, subsets, speakers

function figs(text: string, published = '2024-03-05') {
  return analyze(textArticle(text, published), { kb, until: 'figures' }).figures;
}

test('each casualty verb takes its own number: "killing N and wounding M"', () => {
  const f = figs('Shells hit a market in the town, killing at least 9 people and injuring more than 30, officials said.');
  assert.deepEqual(f.map((x) => [x.kind, x.value]), [['killed', 9], ['injured', 30]]);
});

test('a number counted at hospital is injured', () => {
  const f = figs('After the blast, 27 people were rushed to hospital and 5 others were hospitalised later.');
  assert.deepEqual(f.map((x) => [x.kind, x.value]), [['injured', 27], ['injured', 5]]);
});

test('a part of a toll ("among the dead", "including") is not a toll of its own', () => {
  const f = figs('The bombing killed 20 civilians, including four women. Six children were among the dead, medics said.');
  assert.deepEqual(f.map((x) => [x.kind, x.value]), [['killed', 20]]);
  assert.deepEqual(figs('Twelve people among the crowd were killed.').map((x) => [x.kind, x.value]), [['killed', 12]]);
});

test('a speaker set off by commas with a title is the attribution of the figures', () => {
  for (const text of [
    'Eight people died in the fire, the provincial governor, Anna Kowalczyk, said.',
    'Eight people died in the fire, Anna Kowalczyk, the provincial governor, said.',
  ]) {
    const f = figs(text);
    assert.equal(f.length, 1, text);
    assert.equal(f[0].attribution, 'Anna Kowalczyk', text);
  }
});

test('an aside after the number (", including N ...,") does not hide the verb', () => {
  const f = figs('At least 18 people, including five children, were killed in the blast.');
  assert.deepEqual(f.map((x) => [x.kind, x.value]), [['killed', 18]]);
});

test('a number joined by "and" to a figure counts the same people; other things are not counted', () => {
  assert.deepEqual(figs('Shelling killed at least 40 people in the north and at least 9 in the south, officials said.').map((x) => [x.kind, x.value]), [['killed', 40], ['killed', 9]]);
  assert.deepEqual(figs('Twelve people were killed in the attack and 300 homes were damaged.').map((x) => [x.kind, x.value]), [['killed', 12]]);
});

test('a speaker whose name only modifies the head noun is credited by the whole phrase', () => {
  assert.equal(figs('The health ministry in Gaza said 20 people were killed.')[0].attribution, 'health ministry in Gaza');
  assert.equal(figs("The region's human rights ombudsman said 9 people were killed.")[0].attribution, "region's human rights ombudsman");
});

test('a number in a relative clause with a speech verb is credited to the phrase the clause describes', () => {
  const f = figs('The army gave a toll of 30, while the provincial council, which earlier reported 25 deaths, said four people were missing.');
  const by = Object.fromEntries(f.map((x) => [`${x.kind} ${x.value}`, x.attribution]));
  assert.equal(by['killed 25'], 'provincial council');
  assert.equal(by['missing 4'], 'provincial council');
});

test('a speaker of one part of a contrast does not vouch for the other part; a final reporting clause covers both', () => {
  const split = figs('Twelve people were killed on Monday, while officials said 30 others were wounded.');
  assert.deepEqual(split.map((x) => [x.value, x.attribution]), [[12, null], [30, 'officials']]);
  const whole = figs('Twelve people were killed, while 30 others were wounded, officials said.');
  assert.deepEqual(whole.map((x) => [x.value, x.attribution]), [[12, 'officials'], [30, 'officials']]);
});

// ------------------------------------------------------------------ people, not things; one figure, one event

test('a count of vessels, buildings or vehicles is no figure of people', () => {
  const f = figs('More than 1,000 vessels were displaced from the port, 40 buildings were evacuated and 12 vehicles were trapped, while 50 families were displaced.');
  assert.deepEqual(f.map((x) => [x.kind, x.value]), [['displaced', 50]]);
});

test('people trapped or unable to flee are not displaced', () => {
  for (const text of ['The siege has left 260,000 people unable to flee the city.', 'Fighters were trapping 5,000 people in the old town.', 'Some 30 people were trapped in El Fasher.']) {
    const f = figs(text);
    assert.equal(f.length, 1, text);
    assert.equal(f[0].kind, 'besieged', text);
  }
});

function evs(text: string, published = '2025-03-05') {
  return analyze(textArticle(text, published), { kb }).events;
}

test('a toll told in one sentence with two acts goes to the act it counts, once', () => {
  const e = evs('Israeli air strikes on Gaza killed 12 people and destroyed 30 buildings.');
  const carrying = e.filter((x) => x.figures.some((f) => f.kind === 'killed'));
  assert.equal(carrying.length, 1, e.map((x) => `${x.type}/${x.mode}: ${x.figures.map((f) => f.text)}`).join('; '));
  assert.notEqual(carrying[0].mode, 'destroy');
});

test('a toll told in the sentence after the attack, with no act of its own, joins that attack', () => {
  const e = evs('A Russian drone barrage hit Odesa overnight. Six people were dead and 20 injured, officials said.');
  const attack = e.find((x) => x.type === 'ASSAULT');
  assert.ok(attack);
  assert.deepEqual(attack!.figures.map((f) => [f.kind, f.value]), [['killed', 6], ['injured', 20]]);
});

test('a toll in another paragraph does not join an earlier attack', () => {
  const e = evs('A Russian drone barrage hit Odesa overnight.\n\nSix people were dead after a storm in the north.');
  assert.deepEqual(e.flatMap((x) => x.figures.map((f) => f.kind)), []);
});

test('a toll names the place it was counted in: tolls on two sides of a border keep their places', () => {
  const f = figs('Israeli strikes have killed at least 470 people in Lebanon, and Hezbollah fire has killed 25 people in Israel.');
  assert.deepEqual(f.map((x) => [x.kind, x.value, x.placeName]), [['killed', 470, 'Lebanon'], ['killed', 25, 'Israel']]);
});
