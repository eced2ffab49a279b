import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createDoc, textArticle } from '../src/pipeline/doc.js';
import { segment } from '../src/pipeline/segment.js';
import { times, isoWeek } from '../src/pipeline/times.js';
import type { Article, Doc, TimeMention } from '../src/model/types.js';

// ------------------------------------------------------------------ helpers

function analyse(text: string, published: string | null, title: string | null = null): Doc {
  const doc = createDoc(textArticle(text, published, title));
  segment(doc);
  times(doc);
  return doc;
}

/** The time mention overlapping the nth occurrence of `phrase` in the document text. */
function at(doc: Doc, phrase: string, nth = 0): TimeMention {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = doc.text.indexOf(phrase, idx + 1);
    assert.ok(idx >= 0, `phrase not in text: ${phrase} (#${nth})`);
  }
  const hits = doc.times.filter((t) => t.start < idx + phrase.length && idx < t.end);
  assert.equal(hits.length, 1, `expected one time at "${phrase}", got ${JSON.stringify(hits)} of ${JSON.stringify(doc.times.map((t) => t.text))}`);
  return hits[0];
}

function none(doc: Doc, phrase: string): void {
  const idx = doc.text.indexOf(phrase);
  assert.ok(idx >= 0, `phrase not in text: ${phrase}`);
  const hits = doc.times.filter((t) => t.start < idx + phrase.length && idx < t.end);
  assert.deepEqual(hits, [], `expected no time in "${phrase}"`);
}

function span(t: TimeMention): [string, string, string] {
  return [t.from, t.to, t.precision];
}

/** The real fixture read as plain text: markdown emphasis, links, and the URL footer stripped. */
function fixtureDoc(): Doc {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const file = path.resolve(root, 'examples', 'moscowtimes-2024-12-03-syria-talks.md');
  const md = readFileSync(file, 'utf8');
  const paragraphs = md
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !/^Original url:/i.test(p) && !/^<https?:/.test(p));
  const title = paragraphs.shift()!.replace(/^#+\s*/, '');
  const body = paragraphs
    .map((p) => p.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*|\*/g, ''))
    .join('\n\n');
  return analyse(body, '2024-12-03', title);
}

// ------------------------------------------------------------------ the real article

describe('times on the Moscow Times fixture (published 2024-12-03)', () => {
  const doc = fixtureDoc();

  test('"Dec. 7-8" is the two-day interval 2024-12-07..2024-12-08', () => {
    const t = at(doc, 'Dec. 7-8');
    assert.equal(t.text, 'Dec. 7-8');
    assert.deepEqual(span(t), ['2024-12-07', '2024-12-08', 'day']);
  });

  test('both "Monday"s in past-tense clauses resolve back to Monday 2024-12-02', () => {
    for (const nth of [0, 1]) {
      const t = at(doc, 'Monday', nth);
      assert.equal(t.text, 'Monday');
      assert.deepEqual(span(t), ['2024-12-02', '2024-12-02', 'day']);
      assert.equal(t.rule, 'weekday-past');
    }
  });

  test('"next week" is the ISO week after publication, 2024-12-09..2024-12-15', () => {
    assert.deepEqual(span(at(doc, 'next week')), ['2024-12-09', '2024-12-15', 'week']);
  });

  test('"last week" is the ISO week before publication, 2024-11-25..2024-12-01', () => {
    assert.deepEqual(span(at(doc, 'last week')), ['2024-11-25', '2024-12-01', 'week']);
  });

  test('"in 2015" is the year 2015', () => {
    const t = at(doc, 'war in 2015');
    assert.equal(t.text, '2015');
    assert.deepEqual(span(t), ['2015-01-01', '2015-12-31', 'year']);
    assert.equal(t.open, undefined);
  });

  test('"since at least 2015" is open from 2015 to the publication day', () => {
    const t = at(doc, 'since at least 2015');
    assert.equal(t.text, 'since at least 2015');
    assert.deepEqual(span(t), ['2015-01-01', '2024-12-03', 'year']);
    assert.equal(t.open, true);
  });

  test('a month something has gone on "since", named without its year after the publication month, is last year\'s', () => {
    const d = analyse('Government forces have retaken dozens of towns since August. Talks resume in August.', '2023-05-23');
    const since = at(d, 'since August');
    assert.equal(since.from, '2022-08-01');
    assert.equal(since.to, '2023-05-23');
    // (the same month with no "since" is still the coming one)
    assert.equal(at(d, 'in August').from, '2023-08-01');
  });

  test('"in 2011" is the year 2011 (the clause-introducing "since" before it does not open it)', () => {
    const t = at(doc, 'in 2011');
    assert.deepEqual(span(t), ['2011-01-01', '2011-12-31', 'year']);
    assert.equal(t.open, undefined);
  });

  test('"as of the end of November" is the last day of November 2024', () => {
    const t = at(doc, 'as of the end of November');
    assert.equal(t.text, 'as of the end of November');
    assert.deepEqual(span(t), ['2024-11-30', '2024-11-30', 'day']);
    assert.equal(t.rule, 'as-of');
  });

  test('"Earlier that day" inherits Monday 2024-12-02 from the sentence before', () => {
    const t = at(doc, 'Earlier that day');
    assert.deepEqual(span(t), ['2024-12-02', '2024-12-02', 'day']);
    assert.equal(t.rule, 'that-day');
  });

  test('the dateline is a time too, and nothing else in the article is', () => {
    assert.deepEqual(span(at(doc, 'December 03, 2024')), ['2024-12-03', '2024-12-03', 'day']);
    assert.deepEqual(
      doc.times.map((t) => t.text),
      ['December 03, 2024', 'next week', 'Dec. 7-8', 'since at least 2015', '2011', 'last week', 'as of the end of November', 'Monday', '2015', 'Monday', 'Earlier that day'],
    );
  });

  test('no time in "fall to rebel control", "the second city", "500,000 people" or "2 million people"', () => {
    none(doc, 'fall to rebel control');
    none(doc, 'the second city');
    none(doc, '500,000 people');
    none(doc, '2 million people');
  });

  test('every mention is a true slice of the text and points at its sentence', () => {
    for (const t of doc.times) {
      assert.equal(doc.text.slice(t.start, t.end), t.text);
      const s = doc.sentences[t.sentence];
      assert.ok(s.start <= t.start && t.end <= s.end, `${t.text} outside its sentence`);
    }
  });
});

// ------------------------------------------------------------------ rules on short texts

describe('times: calendar dates and intervals (chrono)', () => {
  test('"7–8 December" and "December 7 to 8" are day intervals', () => {
    const doc = analyse('Talks will run 7–8 December. A second round will run December 7 to 8.', '2024-12-03');
    assert.deepEqual(span(at(doc, '7–8 December')), ['2024-12-07', '2024-12-08', 'day']);
    assert.deepEqual(span(at(doc, 'December 7 to 8')), ['2024-12-07', '2024-12-08', 'day']);
  });

  test('"December 2024" is the whole month', () => {
    const doc = analyse('Elections were held in December 2024.', '2025-02-10');
    assert.deepEqual(span(at(doc, 'December 2024')), ['2024-12-01', '2024-12-31', 'month']);
  });

  test('a month without a year is the past one in a past clause, the next one in a future clause', () => {
    const doc = analyse('In March, protests started. New protests will start in March.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'March', 0)), ['2024-03-01', '2024-03-31', 'month']);
    assert.deepEqual(span(at(doc, 'March', 1)), ['2025-03-01', '2025-03-31', 'month']);
  });

  test('a day range across the new year keeps its years', () => {
    const doc = analyse('Talks were held Dec. 31 to Jan. 2.', '2025-01-03');
    assert.deepEqual(span(at(doc, 'Dec. 31 to Jan. 2')), ['2024-12-31', '2025-01-02', 'day']);
  });

  test('"yesterday", "today", "tonight" are days around the anchor; "recently" is not a time', () => {
    const doc = analyse('He was killed yesterday. Today the army said it would respond tonight. He recently left.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'yesterday')), ['2024-12-02', '2024-12-02', 'day']);
    assert.deepEqual(span(at(doc, 'Today')), ['2024-12-03', '2024-12-03', 'day']);
    assert.deepEqual(span(at(doc, 'tonight')), ['2024-12-03', '2024-12-03', 'day']);
    none(doc, 'recently');
  });
});

describe('times: years, decades, seasons', () => {
  test('"in 2015", "by 2030" and "in early 2015" are whole years', () => {
    const doc = analyse('The war began in 2015. The goal is to finish by 2030. Protests began in early 2015.', '2024-12-03');
    assert.deepEqual(span(at(doc, '2015', 0)), ['2015-01-01', '2015-12-31', 'year']);
    assert.deepEqual(span(at(doc, 'by 2030')), ['2030-01-01', '2030-12-31', 'year']);
    assert.deepEqual(span(at(doc, 'early 2015')), ['2015-01-01', '2015-12-31', 'year']);
    assert.equal(at(doc, 'by 2030').rule, 'bare-year');
  });

  test('"since 2011" is open from 2011 to the publication day', () => {
    const doc = analyse('Syria has been at war since 2011.', '2023-06-15');
    const t = at(doc, 'since 2011');
    assert.equal(t.text, 'since 2011');
    assert.deepEqual(span(t), ['2011-01-01', '2023-06-15', 'year']);
    assert.equal(t.open, true);
  });

  test('"mid-2023" is the year 2023', () => {
    const doc = analyse('Growth slowed in mid-2023.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'mid-2023')), ['2023-01-01', '2023-12-31', 'year']);
  });

  test('year ranges: "between 2011 and 2015", "from 2011 to 2014", "2014-15"', () => {
    const doc = analyse('Between 2011 and 2015 the war escalated. From 2011 to 2014, it raged. The 2014-15 budget was cut.', '2024-12-03');
    assert.deepEqual(span(at(doc, '2011 and 2015')), ['2011-01-01', '2015-12-31', 'year']);
    assert.deepEqual(span(at(doc, '2011 to 2014')), ['2011-01-01', '2014-12-31', 'year']);
    assert.deepEqual(span(at(doc, '2014-15')), ['2014-01-01', '2015-12-31', 'year']);
  });

  test('"the 1990s" is a decade; "since the 1990s" is open', () => {
    const doc = analyse('It was calm in the 1990s. Tensions have grown since the 1990s.', '2024-12-03');
    assert.deepEqual(span(at(doc, '1990s', 0)), ['1990-01-01', '1999-12-31', 'decade']);
    const open = at(doc, 'since the 1990s');
    assert.deepEqual(span(open), ['1990-01-01', '2024-12-03', 'decade']);
    assert.equal(open.open, true);
  });

  test('seasons and quarters: "last summer", "the summer of 2023", "the first quarter of 2024"', () => {
    const doc = analyse('The offensive started last summer. Troops withdrew in the summer of 2023. Growth slowed in the first quarter of 2024.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'last summer')), ['2024-06-01', '2024-08-31', 'month']);
    assert.deepEqual(span(at(doc, 'summer of 2023')), ['2023-06-01', '2023-08-31', 'month']);
    assert.deepEqual(span(at(doc, 'first quarter of 2024')), ['2024-01-01', '2024-03-31', 'month']);
  });
});

describe('times: whole ISO weeks, months and years', () => {
  test('isoWeek gives Monday..Sunday, across a year boundary too', () => {
    assert.deepEqual(isoWeek('2024-12-03'), ['2024-12-02', '2024-12-08']);
    assert.deepEqual(isoWeek('2024-12-01'), ['2024-11-25', '2024-12-01']);
    assert.deepEqual(isoWeek('2025-01-01'), ['2024-12-30', '2025-01-05']);
  });

  test('with a Sunday anchor, "this week" is the week ending that Sunday', () => {
    const doc = analyse('This week the army advanced. Last week it retreated. Next week talks resume.', '2024-12-01');
    assert.deepEqual(span(at(doc, 'This week')), ['2024-11-25', '2024-12-01', 'week']);
    assert.deepEqual(span(at(doc, 'Last week')), ['2024-11-18', '2024-11-24', 'week']);
    assert.deepEqual(span(at(doc, 'Next week')), ['2024-12-02', '2024-12-08', 'week']);
    assert.equal(at(doc, 'This week').rule, 'week-relative');
  });

  test('across the year boundary (anchor 2025-01-02): last week, last month, last year, next month', () => {
    const doc = analyse('Last week the army advanced. Last month it rained. Last year was calm, this year will not be. Talks resume next month.', '2025-01-02');
    assert.deepEqual(span(at(doc, 'Last week')), ['2024-12-23', '2024-12-29', 'week']);
    assert.deepEqual(span(at(doc, 'Last month')), ['2024-12-01', '2024-12-31', 'month']);
    assert.deepEqual(span(at(doc, 'Last year')), ['2024-01-01', '2024-12-31', 'year']);
    assert.deepEqual(span(at(doc, 'this year')), ['2025-01-01', '2025-12-31', 'year']);
    assert.deepEqual(span(at(doc, 'next month')), ['2025-02-01', '2025-02-28', 'month']);
  });

  test('"earlier this week" runs up to the publication day; "the past two weeks" is a rolling window', () => {
    const doc = analyse('Fighting surged earlier this week. Over the past two weeks 100 died.', '2024-12-05');
    assert.deepEqual(span(at(doc, 'earlier this week')), ['2024-12-02', '2024-12-05', 'week']);
    assert.deepEqual(span(at(doc, 'the past two weeks')), ['2024-11-21', '2024-12-05', 'week']);
  });

  test('"two days ago" is a day, "three weeks ago" the ISO week three weeks back', () => {
    const doc = analyse('Two days ago it retreated. Three weeks ago it advanced. A few days ago it rested.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'Two days ago')), ['2024-12-01', '2024-12-01', 'day']);
    assert.deepEqual(span(at(doc, 'Three weeks ago')), ['2024-11-11', '2024-11-17', 'week']);
    none(doc, 'A few days ago');
  });
});

describe('times: weekday names by tense', () => {
  test('past clause: "reported Monday" and "On Monday, ... pledged" go back to the latest Monday', () => {
    const doc = analyse('The UN reported Monday. On Monday, the presidents pledged support.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'Monday', 0)), ['2024-12-02', '2024-12-02', 'day']);
    assert.deepEqual(span(at(doc, 'Monday', 1)), ['2024-12-02', '2024-12-02', 'day']);
  });

  test('a past weekday that is the publication weekday is the publication day; with a Sunday anchor Monday is six days back', () => {
    assert.deepEqual(span(at(analyse('The UN reported Monday.', '2024-12-02'), 'Monday')), ['2024-12-02', '2024-12-02', 'day']);
    assert.deepEqual(span(at(analyse('On Monday, the army advanced.', '2024-12-01'), 'Monday')), ['2024-11-25', '2024-11-25', 'day']);
  });

  test('future clause: "will meet on Friday" goes forward', () => {
    const doc = analyse('The ministers will meet on Friday.', '2024-12-03');
    const t = at(doc, 'Friday');
    assert.deepEqual(span(t), ['2024-12-06', '2024-12-06', 'day']);
    assert.equal(t.rule, 'weekday-future');
  });

  test('future cues: is due to, is set to, to be held, scheduled, plans to', () => {
    const doc = analyse(
      'The talks are due to take place on Thursday. Voting is set to begin Wednesday. The summit, to be held on Saturday, was announced. A vote is scheduled for Sunday. Russia plans to respond on Monday.',
      '2024-12-03',
    );
    assert.equal(at(doc, 'Thursday').from, '2024-12-05');
    assert.equal(at(doc, 'Wednesday').from, '2024-12-04');
    assert.equal(at(doc, 'Saturday').from, '2024-12-07');
    assert.equal(at(doc, 'Sunday').from, '2024-12-08');
    assert.equal(at(doc, 'Monday').from, '2024-12-09');
  });

  test('tense is read per clause: "said on Monday that talks will take place on Friday"', () => {
    const doc = analyse('Putin said on Monday that talks will take place on Friday.', '2024-12-03');
    assert.equal(at(doc, 'Monday').from, '2024-12-02');
    assert.equal(at(doc, 'Friday').from, '2024-12-06');
    const later = analyse('The president will hold a press conference on Thursday, his spokesman said on Monday.', '2024-12-03');
    assert.equal(at(later, 'Thursday').from, '2024-12-05');
    assert.equal(at(later, 'Monday').from, '2024-12-02');
  });

  test('"Tuesday\'s meeting" on a Tuesday is that day; "last Friday" and "next Friday" are strict', () => {
    const doc = analyse("Tuesday's meeting was tense. Last Friday the army struck. It will strike again next Friday.", '2024-12-03');
    const tue = at(doc, 'Tuesday');
    assert.equal(tue.text, 'Tuesday');
    assert.deepEqual(span(tue), ['2024-12-03', '2024-12-03', 'day']);
    assert.deepEqual(span(at(doc, 'Last Friday')), ['2024-11-29', '2024-11-29', 'day']);
    assert.deepEqual(span(at(doc, 'next Friday')), ['2024-12-06', '2024-12-06', 'day']);
  });

  test('"the weekend" follows tense; "this weekend" is Saturday–Sunday of the publication week', () => {
    const doc = analyse('The army retreated over the weekend. Talks will be held this weekend.', '2024-12-04');
    assert.deepEqual(span(at(doc, 'over the weekend')), ['2024-11-30', '2024-12-01', 'day']);
    assert.deepEqual(span(at(doc, 'this weekend')), ['2024-12-07', '2024-12-08', 'day']);
  });

  test('"Sunday Times" and "Bloody Sunday" are not dates', () => {
    const doc = analyse('The Sunday Times reported it. Bloody Sunday is remembered.', '2024-12-03');
    assert.deepEqual(doc.times, []);
  });
});

describe('times: ends of months and parts of months', () => {
  test('"by the end of November" and "at the end of November" are the last day of the month', () => {
    const doc = analyse('By the end of November, 30 were dead. At the end of November the talks resumed.', '2024-12-10');
    for (const p of ['By the end of November', 'At the end of November']) {
      const t = at(doc, p);
      assert.equal(t.text, p);
      assert.deepEqual(span(t), ['2024-11-30', '2024-11-30', 'day']);
      assert.equal(t.rule, 'as-of');
    }
  });

  test('"the end of last week" is its Friday–Sunday', () => {
    const doc = analyse('The army retreated at the end of last week.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'end of last week')), ['2024-11-29', '2024-12-01', 'day']);
  });

  test('"early December" has month precision and wins over chrono\'s bare "December"', () => {
    const doc = analyse('Fighting eased in early December.', '2024-12-20');
    const t = at(doc, 'early December');
    assert.equal(t.text, 'early December');
    assert.deepEqual(span(t), ['2024-12-01', '2024-12-31', 'month']);
    assert.equal(doc.times.length, 1);
  });

  test('"the last week of November" is its last seven days, not "last week"', () => {
    const doc = analyse('In the last week of November it rained.', '2024-12-03');
    assert.equal(doc.times.length, 1);
    assert.deepEqual(span(at(doc, 'last week of November')), ['2024-11-24', '2024-11-30', 'week']);
  });
});

describe('times: expressions that lean on an earlier time (that-day)', () => {
  test('"the next day", "the day before", "later that day", "the same day" shift from the latest day', () => {
    const doc = analyse(
      'The vote took place on Nov. 20. The next day, protests erupted. Later that day, police deployed. The same day, he resigned.',
      '2024-12-03',
    );
    assert.deepEqual(span(at(doc, 'The next day')), ['2024-11-21', '2024-11-21', 'day']);
    assert.deepEqual(span(at(doc, 'Later that day')), ['2024-11-21', '2024-11-21', 'day']);
    assert.deepEqual(span(at(doc, 'The same day')), ['2024-11-21', '2024-11-21', 'day']);
    const before = analyse('The vote took place on Nov. 20. The day before, police had deployed.', '2024-12-03');
    assert.deepEqual(span(at(before, 'The day before')), ['2024-11-19', '2024-11-19', 'day']);
    assert.equal(at(doc, 'The next day').rule, 'that-day');
  });

  test('"two days later" and "later that year" lean on the earlier time', () => {
    const doc = analyse('The strike happened on Nov. 20. Two days later, talks began. The war began in 2015. Later that year, Russia intervened.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'Two days later')), ['2024-11-22', '2024-11-22', 'day']);
    assert.deepEqual(span(at(doc, 'Later that year')), ['2015-01-01', '2015-12-31', 'year']);
  });

  test('with nothing earlier to lean on, "that day" and "the next day" are not times', () => {
    const doc = analyse('That day, protests erupted. The next day, police deployed.', '2024-12-03');
    assert.deepEqual(doc.times, []);
  });
});

describe('times: negatives, anchors, blocks, overlaps', () => {
  test('no time in the verb "fall", the modal "may", Theresa May, a protest march, an ordinal, or counts', () => {
    const doc = analyse(
      'Swaths of Syria fall to rebel control. Russia may respond. Theresa May said so. A protest march began. The second city fell. It is home to 2 million people and has 500,000 residents. They killed 2015 people. The total rose to 2030 last month.',
      '2024-12-03',
    );
    assert.deepEqual(doc.times.map((t) => t.text), ['last month']);
  });

  test('"May" is a month with a date context: "in May", "May 9", "May 2015"', () => {
    const doc = analyse('The rally in May was big. On May 9 they paraded. In May 2015 it rained.', '2024-12-03');
    assert.deepEqual(span(at(doc, 'May', 0)), ['2024-05-01', '2024-05-31', 'month']);
    assert.deepEqual(span(at(doc, 'May 9')), ['2024-05-09', '2024-05-09', 'day']);
    assert.deepEqual(span(at(doc, 'May 2015')), ['2015-05-01', '2015-05-31', 'month']);
  });

  test('slash numbers without a year ("24/7", "9/11") and "now" are not times', () => {
    const doc = analyse('Now the shop runs 24/7. The 9/11 attacks changed everything.', '2024-12-03');
    assert.deepEqual(doc.times, []);
  });

  test('without an anchor only absolute expressions resolve', () => {
    const doc = analyse('On Monday he said so. Last week it rained. Yesterday was calm. Fighting resumed on 3 March 2022. Later that day, rebels advanced. It began in 2011.', null);
    assert.deepEqual(doc.times.map((t) => [t.text, t.from, t.to]), [
      ['3 March 2022', '2022-03-03', '2022-03-03'],
      ['Later that day', '2022-03-03', '2022-03-03'],
      ['2011', '2011-01-01', '2011-12-31'],
    ]);
  });

  test('sentences outside claim blocks (captions) get times too', () => {
    const text = 'Rebels in Aleppo on Monday.\n\nThe army retreated.';
    const article: Article = { ...textArticle(text, '2024-12-03'), blocks: [
      { kind: 'caption', start: 0, end: 27, claim: false },
      { kind: 'paragraph', start: 29, end: text.length, claim: true },
    ] };
    const doc = createDoc(article);
    segment(doc);
    times(doc);
    const t = at(doc, 'Monday');
    assert.equal(doc.sentences[t.sentence].claim, false);
    assert.equal(t.from, '2024-12-02');
  });

  test('overlapping matches are reduced to the longest one', () => {
    const doc = analyse('Nearly 50,000 were displaced as of the end of November 2024, and more since early December 2024.', '2024-12-20');
    assert.deepEqual(doc.times.map((t) => t.text), ['as of the end of November 2024', 'since early December 2024']);
    for (let i = 1; i < doc.times.length; i++) assert.ok(doc.times[i - 1].end <= doc.times[i].start);
  });
});

describe('plans, participle clauses, headlines and nights', () => {
  // 2024-12-03 is a Tuesday, 2024-12-08 a Sunday.
  test('a weekday in a clause with a plan marker resolves forward, whatever participle clause follows', () => {
    const doc = analyse('The envoy is due to visit the border crossing on Thursday before flying home.', '2024-12-03');
    assert.equal(at(doc, 'Thursday').from, '2024-12-05');
  });

  test('"is to" with a verb is a plan', () => {
    const doc = analyse('The minister is to open the conference on Friday.', '2024-12-03');
    assert.equal(at(doc, 'Friday').from, '2024-12-06');
  });

  test('a participle clause after a past verb keeps the past reading', () => {
    const doc = analyse('Rebels attacked the town on Sunday, killing two guards.', '2024-12-03');
    assert.equal(at(doc, 'Sunday').from, '2024-12-01');
  });

  test('an untensed headline weekday takes the day the body gives the same weekday', () => {
    const doc = analyse('The ministers will hold talks in Vienna on Thursday, officials said.', '2024-12-08', 'Ministers Hold Talks in Vienna on Thursday');
    assert.equal(at(doc, 'Thursday', 0).from, '2024-12-12');
    assert.equal(at(doc, 'Thursday', 1).from, '2024-12-12');
  });

  test('an untensed headline weekday the body does not restate stays in the past', () => {
    const doc = analyse('The town fell after a week of fighting.', '2024-12-08', 'Rebels Seize Town on Thursday');
    assert.equal(at(doc, 'Thursday').from, '2024-12-05');
  });

  test('a headline infinitive ("X to Visit ... on Thursday") is a plan; "Trip to <place>" is not', async () => {
    const { analyze } = await import('../src/pipeline/index.js');
    const { knowledge } = await import('../src/knowledge/index.js');
    const kb = knowledge();
    const plan = analyze(textArticle('The visit was announced by the ministry.', '2024-12-08', 'Chancellor to Visit Warsaw on Thursday'), { kb, until: 'times' });
    assert.equal(at(plan, 'Thursday').from, '2024-12-12');
    const trip = analyze(textArticle('The visit ended without a statement.', '2024-12-08', 'Chancellor Cuts Short Trip to Warsaw on Thursday'), { kb, until: 'times' });
    assert.equal(at(trip, 'Thursday').from, '2024-12-05');
  });

  test('the body\'s reading of a weekday also wins over a headline infinitive', () => {
    const doc = analyse('Officials said the blame fell on the rebels for the raid on Thursday.', '2024-12-08', 'Army Says Rebels to Blame for Thursday Raid');
    assert.equal(at(doc, 'Thursday', 0).from, '2024-12-05');
  });

  test('"overnight" is the night before publication', () => {
    const doc = analyse('Drones attacked the port overnight, the navy said.', '2024-12-03');
    const t = at(doc, 'overnight');
    assert.deepEqual([t.from, t.to, t.rule], ['2024-12-02', '2024-12-03', 'overnight']);
  });

  test('"overnight" after a day in the same sentence is the night before that day', () => {
    const doc = analyse('On Friday, officials said drones had attacked the port overnight.', '2024-12-03');
    const t = at(doc, 'overnight');
    assert.deepEqual([t.from, t.to], ['2024-11-28', '2024-11-29']);
  });

  test('"overnight into Sunday" leaves the day to the weekday', () => {
    const doc = analyse('Shelling continued overnight into Sunday.', '2024-12-03');
    assert.deepEqual(doc.times.map((t) => [t.text, t.from]), [['Sunday', '2024-12-01']]);
  });
});

describe('times: days, months and years as the text means them', () => {
  test('"overnight, ... said on Sunday" is the night before the Sunday the sentence names', () => {
    const doc = analyse('Russia launched 120 drones at Ukraine overnight, the air force said on Sunday.', '2025-03-05');
    assert.deepEqual(span(at(doc, 'overnight')), ['2025-03-01', '2025-03-02', 'day']);
  });

  test('"the March vote" is a month, the nearest one the tense allows', () => {
    let doc = analyse('Parliament will hold the March vote on the bill, the speaker said.', '2025-03-05');
    assert.deepEqual(span(at(doc, 'March')), ['2025-03-01', '2025-03-31', 'month']);
    doc = analyse('Observers said the March vote was marred by fraud.', '2025-10-01');
    assert.deepEqual(span(at(doc, 'March')), ['2025-03-01', '2025-03-31', 'month'], 'past tense: not next March');
    doc = analyse('Parliament will hold the March vote on the bill.', '2025-10-01');
    assert.deepEqual(span(at(doc, 'March')), ['2026-03-01', '2026-03-31', 'month'], 'future tense: not last March');
  });

  test('a month the article dated before is the one "the <month> vote" means', () => {
    const doc = analyse('Kosovo will hold elections in February 2027. Opposition parties said they would boycott the February vote.', '2025-03-05');
    assert.deepEqual(span(at(doc, 'February', 1)), ['2027-02-01', '2027-02-28', 'month']);
  });

  test('"before 2027" is the time up to that year, not the year', () => {
    const doc = analyse('The ruling party ruled out a referendum before 2027.', '2025-03-05');
    const t = at(doc, '2027');
    assert.deepEqual([t.text, t.from, t.to], ['before 2027', '2025-03-05', '2026-12-31']);
  });
});
