// Tests for the readers (src/read): every input format, the real clipped fixture, and every class of
// bad input. Run from the repository root: `node --test dist/test/read.test.js`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Article, Block, Message } from '../src/model/types.js';
import { NON_CLAIM_BLOCKS } from '../src/model/types.js';
import { canonicalUrl, contentHash, detectFormat, normaliseDate, parseDateLine, readBuffer, readFile, sourceFromUrl } from '../src/read/index.js';
import { rejoinBroken } from '../src/read/build.js';
import { isCredit } from '../src/read/classify.js';
import { mdInline } from '../src/read/markdown.js';
import { FIXTURE } from './helpers/tmp.js';

const F = (name: string) => `test/fixtures/read/${name}`;

const slice = (a: Article, b: Block) => a.text.slice(b.start, b.end);
const blocksOf = (a: Article, kind: Block['kind']) => a.blocks.filter((b) => b.kind === kind);
const codes = (ms: Message[]) => ms.map((m) => m.code);
const md = (text: string, opts = {}) => {
  const r = readBuffer(Buffer.from(text, 'utf8'), 'snippet.md', opts);
  assert.equal(r.articles.length, 1, JSON.stringify(r.messages));
  return r.articles[0];
};
const kindOfBlockContaining = (a: Article, needle: string) => {
  const b = a.blocks.find((x) => slice(a, x).includes(needle));
  assert.ok(b, `no block contains ${JSON.stringify(needle)}`);
  return b;
};

/** The invariants every article from every reader must keep. */
function assertWellFormed(a: Article): void {
  assert.ok(a.blocks.length > 0, 'article has blocks');
  // The stored text is exactly the blocks joined by blank lines; offsets are exact and ordered.
  assert.equal(a.blocks.map((b) => slice(a, b)).join('\n\n'), a.text);
  let prevEnd = -2;
  for (const b of a.blocks) {
    assert.ok(b.start >= 0 && b.end <= a.text.length && b.start < b.end, `block range ${b.start}-${b.end}`);
    assert.equal(b.start, prevEnd + 2, 'blocks are separated by exactly one blank line');
    prevEnd = b.end;
    const s = slice(a, b);
    assert.equal(s, s.trim(), 'no leading/trailing white space in a block');
    assert.ok(!/\s{2,}|\n/.test(s), `white space collapsed in ${JSON.stringify(s)}`);
    assert.equal(b.claim, !NON_CLAIM_BLOCKS.has(b.kind), `claim flag of ${b.kind}`);
  }
  if (a.title) {
    assert.equal(a.blocks[0].kind, 'title');
    assert.equal(slice(a, a.blocks[0]), a.title);
  }
  assert.equal(a.blocks.filter((b) => b.kind === 'title').length, a.title ? 1 : 0);
  assert.match(a.contentHash, /^[0-9a-f]{64}$/);
  assert.equal(a.contentHash, contentHash(a.text));
  if (a.published !== null) assert.match(a.published, /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))?$/);
}

/** No Markdown syntax left in the stored text. */
function assertNoMarkdown(a: Article): void {
  for (const b of a.blocks) {
    const s = slice(a, b);
    assert.ok(!/\*\*|__|\]\(|!\[|^#+\s|^>\s|^[-*+]\s|<https?:|\\[*_[\]#]/.test(s), `markdown left in ${JSON.stringify(s)}`);
    assert.ok(!/&(?:amp|quot|lt|gt|nbsp|#\d+);/.test(s), `entity left in ${JSON.stringify(s)}`);
  }
}

// ------------------------------------------------------------------ the real fixture

describe('markdown: the Moscow Times fixture as clipped', async () => {
  const r = await readFile(FIXTURE);
  const a = r.articles[0];

  it('reads one markdown article with no errors or warnings', () => {
    assert.equal(r.format, 'markdown');
    assert.equal(r.articles.length, 1);
    assert.deepEqual(r.messages, []);
    assert.equal(a.origin.encoding, 'UTF-8');
    assert.equal(a.origin.file, FIXTURE);
  });

  it('takes the title from the first # heading', () => {
    assert.equal(a.title, 'Russia, Iran, Turkey, Qatar Eye Talks on Syria Rebel Offensive – Reports');
    assert.equal(a.blocks[0].kind, 'title');
  });

  it('takes the publication date from the date line and keeps that line as a non-claim dateline', () => {
    assert.equal(a.published, '2024-12-03');
    const d = blocksOf(a, 'dateline');
    assert.equal(d.length, 1);
    assert.equal(slice(a, d[0]), 'December 03, 2024');
    assert.equal(d[0].claim, false);
  });

  it('takes URL (canonical) and source from the "Original url:" line', () => {
    assert.equal(a.url, 'https://www.themoscowtimes.com/2024/12/03/russia-iran-turkey-qatar-eye-talks-on-syria-rebel-offensive-reports-a87210');
    assert.equal(a.url, canonicalUrl(a.url!));
    assert.equal(a.source, 'themoscowtimes.com');
    const meta = blocksOf(a, 'meta');
    assert.equal(meta.length, 2);
    assert.ok(meta.every((b) => !b.claim));
    assert.equal(slice(a, meta[0]), 'Original url:');
    assert.ok(slice(a, meta[1]).startsWith('https://www.themoscowtimes.com/'));
  });

  it('marks the photo caption with its bold credit as a non-claim caption', () => {
    const caps = blocksOf(a, 'caption');
    assert.equal(caps.length, 1);
    assert.equal(caps[0].claim, false);
    assert.match(slice(a, caps[0]), /^Opposition fighters/);
    assert.ok(slice(a, caps[0]).endsWith('Mohammed Al-Rifai / EPA / TASS'));
  });

  it('marks the "Related article" link as a non-claim related block', () => {
    const rel = blocksOf(a, 'related');
    assert.equal(rel.length, 1);
    assert.equal(rel[0].claim, false);
    assert.equal(slice(a, rel[0]), 'Related article: Syria, Russia Conduct Deadly Strikes To Push Back Islamist Advance');
  });

  it('marks "AFP contributed reporting." as a non-claim byline', () => {
    const b = kindOfBlockContaining(a, 'AFP contributed reporting');
    assert.equal(b.kind, 'byline');
    assert.equal(b.claim, false);
  });

  it('re-joins the paragraph broken after "until" with the one starting "last week"', () => {
    const b = kindOfBlockContaining(a, 'until last week when');
    assert.equal(b.kind, 'paragraph');
    assert.equal(
      slice(a, b),
      'The war had been mostly dormant with Assad back in control of much of the country, until last week when the Islamist-led rebel alliance Hayat Tahrir al-Sham (HTS) began its offensive.',
    );
    assert.ok(!a.blocks.some((x) => slice(a, x).startsWith('last week')));
  });

  it('keeps the reporting as claim paragraphs, with links reduced to their text', () => {
    const paras = blocksOf(a, 'paragraph');
    assert.equal(paras.length, 11);
    assert.ok(paras.every((b) => b.claim));
    assert.ok(slice(a, paras[0]).includes('could meet next week'));
    assert.ok(a.text.includes('Pezeshkian pledged “unconditional support” for the Assad government'));
  });

  it('stores text whose every block slice is exact and free of markdown syntax', () => {
    assertWellFormed(a);
    assertNoMarkdown(a);
  });
});

// ------------------------------------------------------------------ markdown rules on small inputs

describe('markdown: clipper conventions', () => {
  it('reads front matter, "By" line, image caption, italic credit, "Read more", lists, quotes and headings', async () => {
    const r = await readFile(F('clipper.md'));
    const a = r.articles[0];
    assertWellFormed(a);
    assertNoMarkdown(a);
    assert.equal(a.title, 'Strikes hit power plants across the region');
    assert.equal(a.published, '2024-10-22T06:00:00Z');
    assert.equal(a.url, 'https://www.example.net/news/strikes-power-plants');
    assert.equal(a.source, 'example.net');
    assert.equal(a.byline, 'Maria Lopez and Ahmed Khan');
    assert.equal(kindOfBlockContaining(a, 'By Maria Lopez').kind, 'byline');
    assert.equal(kindOfBlockContaining(a, 'Firefighters work').kind, 'caption');
    assert.equal(kindOfBlockContaining(a, 'Photo: Kremlin.ru / Handout').kind, 'caption');
    assert.equal(kindOfBlockContaining(a, 'Read more:').kind, 'related');
    assert.equal(kindOfBlockContaining(a, 'Shelters were opened').kind, 'list');
    assert.equal(kindOfBlockContaining(a, 'restore power').kind, 'quote');
    assert.equal(kindOfBlockContaining(a, 'What comes next').kind, 'heading');
    assert.equal(kindOfBlockContaining(a, 'Reporting by Maria Lopez').kind, 'byline');
    // a backslash-escaped asterisk is a literal asterisk; an entity is decoded
    assert.ok(a.text.includes('generators *for hours*, according to local media & aid groups.'));
    assert.ok(!a.text.includes('img.example.net'), 'the image line is dropped');
  });

  it('converts inline markdown to plain text', () => {
    assert.equal(mdInline('a [link](http://x.org/a_(b)) and [ref][1]'), 'a link and ref');
    assert.equal(mdInline('**bold**, *it*, _it_, __b__, ***both***, ~~gone~~'), 'bold, it, it, b, both, gone');
    assert.equal(mdInline('snake_case_name and 5 * 3 * 2 stay'), 'snake_case_name and 5 * 3 * 2 stay');
    assert.equal(mdInline('\\*not italic\\* \\[x\\] \\# 1\\. done'), '*not italic* [x] # 1. done');
    assert.equal(mdInline('AT&amp;T &#8217;s &ldquo;q&rdquo; &lt;b&gt;'), 'AT&T ’s “q” <b>');
    assert.equal(mdInline('see <https://ex.com/a> and `code *x*`'), 'see https://ex.com/a and code *x*');
    assert.equal(mdInline('![photo](a.jpg)Caption <span>here</span>'), 'Caption here');
  });

  it('detects photo captions by general credit patterns, not by words of one article', () => {
    const cases = [
      'Rescue workers search the rubble in Kharkiv. (Reuters)',
      'President Joe Biden speaks at the White House. AP Photo/Evan Vucci',
      'A protester holds a flag in Tbilisi. Getty Images',
      'Smoke rises over the port. Photo: Jane Doe',
      'Soldiers at a checkpoint near the border. *Anadolu Agency / Handout*',
      'Delegates gather for the summit. _Kremlin.ru_',
      'The minister arrives. **John Smith / AFP**',
    ];
    for (const c of cases) {
      const a = md(`# T\n\n${c}\n\nThe body of the article starts here and reports what happened on Monday.`);
      assert.equal(kindOfBlockContaining(a, c.replace(/[*_]/g, '').slice(0, 20)).kind, 'caption', c);
    }
    assert.ok(isCredit('Mohammed Al-Rifai / EPA / TASS'));
    assert.ok(isCredit('Shutterstock'));
    assert.ok(isCredit('Wikimedia Commons'));
    assert.ok(isCredit('Courtesy of the regional governor'));
    assert.ok(!isCredit('Reuters reported the attack'));
    assert.ok(!isCredit('Russia/Ukraine'));
  });

  it('does not mistake body sentences for captions, bylines or related links', () => {
    const body = [
      'Reuters reported the attack on Monday, citing two officials.',
      'By Tuesday, the rebels had taken the city.',
      'Related talks were held in Ankara last month.',
      'The agencies AFP and EPA both carried the photographs of the aftermath, editors said.',
    ];
    const a = md(`# T\n\n${body.join('\n\n')}`);
    for (const s of body) assert.equal(kindOfBlockContaining(a, s.slice(0, 25)).kind, 'paragraph', s);
    assert.equal(a.byline, null);
  });

  it('marks "Read more:", "See also:", "Related:" and "READ MORE" link lines as related', () => {
    const a = md(
      '# T\n\nBody text that reports the news of the day.\n\nRead more: [Other story](https://x.org/1)\n\nSee also: Older coverage\n\n*Related:* [Third](https://x.org/3)\n\nREAD MORE [Fourth story](https://x.org/4)\n\nMore body text.',
    );
    for (const s of ['Read more:', 'See also:', 'Related:', 'READ MORE']) {
      const b = kindOfBlockContaining(a, s);
      assert.equal(b.kind, 'related', s);
      assert.equal(b.claim, false);
    }
  });

  it('takes "By NAME" as byline and an inline "Original url:" line as URL and source', () => {
    const a = md('# T\n\nBy Anna Petrova\n\n3 Dec. 2024\n\nText of the story.\n\nOriginal url: <https://www.Example.com/story/?utm_source=tg#x>');
    assert.equal(a.byline, 'Anna Petrova');
    assert.equal(a.published, '2024-12-03');
    assert.equal(a.url, 'https://www.example.com/story');
    assert.equal(a.source, 'example.com');
  });

  it('prefers the URL after an "Original url:" label to a bare URL line in the body', () => {
    const a = md('# T\n\nText of the story.\n\nhttps://twitter.com/someone/status/1\n\nMore text.\n\nOriginal url:\n\n<https://news.example.com/story>');
    assert.equal(a.url, 'https://news.example.com/story');
    assert.equal(a.source, 'news.example.com');
    assert.equal(kindOfBlockContaining(a, 'twitter.com').kind, 'meta');
  });

  it('re-joins only paragraphs broken mid-sentence', () => {
    const out = rejoinBroken([
      { kind: 'paragraph', text: 'The offensive began in' },
      { kind: 'paragraph', text: 'late November.' },
      { kind: 'paragraph', text: 'A sentence that ends.' },
      { kind: 'paragraph', text: 'lower-case start stays apart after a full stop.' },
      { kind: 'paragraph', text: 'No punctuation here' },
      { kind: 'paragraph', text: 'Upper-case start stays apart.' },
      { kind: 'heading', text: 'A heading' },
      { kind: 'paragraph', text: 'heading is not joined.' },
    ]);
    assert.deepEqual(
      out.map((b) => b.text),
      ['The offensive began in late November.', 'A sentence that ends.', 'lower-case start stays apart after a full stop.', 'No punctuation here', 'Upper-case start stays apart.', 'A heading', 'heading is not joined.'],
    );
  });
});

// ------------------------------------------------------------------ dates, URLs, formats

describe('dates', () => {
  it('recognises date lines in the forms news sites write', () => {
    const cases: [string, string][] = [
      ['December 03, 2024', '2024-12-03'],
      ['3 December 2024', '2024-12-03'],
      ['Dec. 3, 2024 10:15', '2024-12-03'],
      ['Tuesday, December 3rd, 2024', '2024-12-03'],
      ['2024-12-03', '2024-12-03'],
      ['2024-12-03T10:15:00Z', '2024-12-03T10:15:00Z'],
      ['2024-12-03T10:15:00.000+03:00', '2024-12-03T10:15:00+03:00'],
      ['Published: 3 Dec 2024, 10:15 GMT', '2024-12-03T10:15:00Z'],
      ['Updated Dec 3, 2024 4:05 p.m. EST', '2024-12-03T16:05:00-05:00'],
    ];
    for (const [s, iso] of cases) assert.equal(parseDateLine(s)?.iso, iso, s);
    for (const s of ['Tuesday', 'December 2024', 'February 30, 2024', 'On December 3, 2024 the talks began.', '12/03/2024']) {
      assert.equal(parseDateLine(s), null, s);
    }
  });

  it('normalises metadata dates (RFC 822, ISO with offset) and rejects nonsense', () => {
    assert.equal(normaliseDate('Tue, 03 Dec 2024 10:15:00 +0300'), '2024-12-03T10:15:00+03:00');
    assert.equal(normaliseDate('Mon, 02 Dec 2024 18:00:00 GMT'), '2024-12-02T18:00:00Z');
    assert.equal(normaliseDate('2024-12-03 10:15'), '2024-12-03');
    assert.equal(normaliseDate('not a date'), null);
    assert.equal(normaliseDate(''), null);
  });
});

describe('URLs', () => {
  it('canonicalises: drops fragment and tracking parameters, lower-cases the host, trims trailing slash', () => {
    assert.equal(canonicalUrl('https://WWW.Example.COM/a/b/?utm_source=x&id=3&fbclid=1&gclid=2#frag'), 'https://www.example.com/a/b?id=3');
    assert.equal(canonicalUrl('https://example.com/?utm_medium=y'), 'https://example.com/');
    assert.equal(canonicalUrl('  <https://example.com:443/x>  '), 'https://example.com/x');
    assert.equal(canonicalUrl('#'), '#');
  });

  it('derives the source from the host without www.', () => {
    assert.equal(sourceFromUrl('https://www.themoscowtimes.com/2024/12/03/x'), 'themoscowtimes.com');
    assert.equal(sourceFromUrl('https://news.example.org/'), 'news.example.org');
    assert.equal(sourceFromUrl('not a url'), null);
  });
});

describe('format detection', () => {
  it('detects formats by extension and sniffs ambiguous names', () => {
    assert.equal(detectFormat(readFileSync(FIXTURE), FIXTURE), 'markdown');
    assert.equal(detectFormat(readFileSync(F('page.html')), 'page.html'), 'html');
    assert.equal(detectFormat(readFileSync(F('feed-rss.xml')), 'feed-rss.xml'), 'rss');
    assert.equal(detectFormat(readFileSync(F('feed-atom.xml')), 'feed-atom.xml'), 'atom');
    assert.equal(detectFormat(readFileSync(F('articles.jsonl')), 'articles.jsonl'), 'jsonl');
    assert.equal(detectFormat(readFileSync(F('plain.txt')), 'plain.txt'), 'text');
    // by content alone
    assert.equal(detectFormat('<?xml version="1.0"?><rss version="2.0"></rss>', 'feed'), 'rss');
    assert.equal(detectFormat('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'feed'), 'atom');
    assert.equal(detectFormat('<!doctype html><html></html>', 'page'), 'html');
    assert.equal(detectFormat('{"text": "x"}\n{"text": "y"}', 'dump.json'), 'jsonl');
    assert.equal(detectFormat('# Title\n\nBody', 'clip'), 'markdown');
    assert.equal(detectFormat('Just words.\n\nMore words.', 'note'), 'text');
    assert.equal(detectFormat(readFileSync(F('binary.bin')), 'binary.bin'), null);
  });

  it('lets the caller force a format', () => {
    const r = readBuffer(Buffer.from('# Not a heading here\n\nText.'), 'x.md', { format: 'text' });
    assert.equal(r.format, 'text');
    assert.equal(r.articles[0].format, 'text');
  });
});

// ------------------------------------------------------------------ HTML

describe('html', async () => {
  const r = await readFile(F('page.html'));
  const a = r.articles[0];

  it('reads the title, byline, site name, published time and canonical URL from the head', () => {
    assert.equal(r.format, 'html');
    assert.deepEqual(r.messages, []);
    assert.equal(a.title, 'Flood Waters Rise Along the Lower Danube');
    assert.equal(a.byline, 'Jana Novak');
    assert.equal(a.source, 'The Example Herald');
    assert.equal(a.published, '2024-09-16T08:30:00+02:00');
    assert.equal(a.url, 'https://news.example.org/world/flood-waters-rise?id=7');
    assert.equal(a.language, 'en');
  });

  it('keeps the figcaption as a non-claim caption', () => {
    const caps = blocksOf(a, 'caption');
    assert.equal(caps.length, 1);
    assert.equal(caps[0].claim, false);
    assert.equal(slice(a, caps[0]), 'Residents fill sandbags in the town of Giurgiu. Photo: Ana Pop / Reuters');
  });

  it('maps p, h2, blockquote and li to paragraph, heading, quote and list blocks; drops the repeated h1', () => {
    assert.deepEqual(
      a.blocks.map((b) => b.kind),
      ['title', 'caption', 'paragraph', 'paragraph', 'heading', 'paragraph', 'quote', 'paragraph', 'list', 'list', 'paragraph'],
    );
    assert.equal(kindOfBlockContaining(a, 'Dams under watch').kind, 'heading');
    assert.ok(slice(a, blocksOf(a, 'paragraph')[0]).startsWith('Emergency services in Romania and Bulgaria evacuated more than 3,000 people on Sunday as the Danube rose'));
  });

  it('leaves navigation, header, footer and scripts out of the text', () => {
    for (const s of ['Home', 'News you can trust', 'All rights reserved', 'tracking']) assert.ok(!a.text.includes(s), s);
    assertWellFormed(a);
  });
});

// ------------------------------------------------------------------ feeds

describe('feeds', () => {
  it('reads an RSS 2.0 feed: one article per item with title, link, pubDate and content:encoded', async () => {
    const r = await readFile(F('feed-rss.xml'));
    assert.equal(r.format, 'rss');
    assert.equal(r.articles.length, 3);
    const [a, b, c] = r.articles;
    r.articles.forEach(assertWellFormed);
    assert.equal(a.format, 'rss');
    assert.equal(a.title, 'Ceasefire talks resume in Cairo');
    assert.equal(a.url, 'https://wire.example.com/world/ceasefire-talks-resume');
    assert.equal(a.source, 'wire.example.com');
    assert.equal(a.published, '2024-12-03T10:15:00+03:00');
    assert.equal(a.byline, 'Omar Haddad');
    assert.equal(a.origin.item, 0);
    assert.ok(!a.text.includes('Short summary'), 'content:encoded is preferred to description');
    assert.ok(a.text.includes('expected to last “several days”'));
    assert.equal(kindOfBlockContaining(a, 'Delegates arrive').kind, 'caption');
    // plain-text description split on blank lines; entity in the title decoded
    assert.equal(b.title, 'Parliament approves budget & tax plan');
    assert.equal(blocksOf(b, 'paragraph').length, 2);
    assert.equal(b.published, '2024-12-02T18:00:00Z');
    // escaped HTML description, and no date
    assert.equal(slice(c, blocksOf(c, 'paragraph')[0]), 'A brief item with no publication date at all.');
    assert.equal(c.published, null);
    assert.equal(c.origin.item, 2);
    const warn = c.messages.find((m) => m.code === 'date-unknown');
    assert.ok(warn && warn.message.includes('feed-rss.xml') && warn.message.includes('item 3'), warn?.message);
    assert.deepEqual(codes(r.messages), ['date-unknown']);
  });

  it('reads an Atom feed: alternate link, html and xhtml content, updated when there is no published', async () => {
    const r = await readFile(F('feed-atom.xml'));
    assert.equal(r.format, 'atom');
    assert.equal(r.articles.length, 2);
    const [a, b] = r.articles;
    r.articles.forEach(assertWellFormed);
    assert.equal(a.format, 'atom');
    assert.equal(a.title, 'Aid convoy reaches besieged town');
    assert.equal(a.url, 'https://www.monitor.example.net/reports/aid-convoy');
    assert.equal(a.published, '2024-11-19T07:45:00Z');
    assert.equal(a.byline, 'Lena Fischer');
    assert.deepEqual(blocksOf(a, 'paragraph').map((x) => slice(a, x)), ['A convoy of 40 trucks reached the town on Tuesday, the UN said.', 'It was the first delivery in "more than a month".']);
    assert.equal(b.url, 'https://monitor.example.net/reports/border-reopens');
    assert.equal(b.published, '2024-11-18');
    assert.deepEqual(blocksOf(b, 'paragraph').map((x) => slice(b, x)), ['The crossing reopened on Monday after a week.', 'Traders welcomed the move.']);
    assert.deepEqual(r.messages, []);
  });
});

// ------------------------------------------------------------------ JSON Lines and plain text

describe('jsonl', () => {
  it('reads the good lines and reports the broken line and the line without text by line number', async () => {
    const r = await readFile(F('articles.jsonl'));
    assert.equal(r.format, 'jsonl');
    assert.deepEqual(r.articles.map((a) => a.origin.line), [1, 3, 6]);
    r.articles.forEach(assertWellFormed);
    const [a, b, c] = r.articles;
    assert.equal(a.url, 'https://www.example.com/a/1');
    assert.equal(a.source, 'example.com');
    assert.equal(a.published, '2024-03-05');
    assert.equal(blocksOf(a, 'paragraph').length, 2);
    assert.equal(b.published, '2024-03-06');
    assert.deepEqual(blocksOf(b, 'paragraph').map((x) => slice(b, x)), ['Troops withdrew from the village on Wednesday.', 'Residents began to return.']);
    assert.equal(c.published, null);

    const bad = r.messages.find((m) => m.code === 'bad-json');
    assert.ok(bad);
    assert.equal(bad.level, 'error');
    assert.equal(bad.line, 2);
    assert.match(bad.message, /articles\.jsonl:2: /);
    const missing = r.messages.find((m) => m.code === 'missing-field');
    assert.ok(missing);
    assert.equal(missing.line, 4);
    assert.equal(missing.field, 'text');
    assert.match(missing.message, /articles\.jsonl:4: .*"text"/);
    assert.deepEqual(codes(r.messages), ['bad-json', 'missing-field', 'date-unknown']);
  });
});

describe('text', () => {
  it('splits paragraphs on blank lines and finds title, date line, byline and contributor line', async () => {
    const r = await readFile(F('plain.txt'));
    const a = r.articles[0];
    assertWellFormed(a);
    assert.equal(r.format, 'text');
    assert.equal(a.title, 'Harvest falls short in the north');
    assert.equal(a.published, '2023-08-12');
    assert.equal(a.byline, 'Priya Raman');
    assert.equal(kindOfBlockContaining(a, 'Reporting by').kind, 'byline');
    // hard-wrapped lines are joined; the paragraph broken after "until" is re-joined
    assert.equal(blocksOf(a, 'paragraph').length, 2);
    assert.ok(a.text.includes("a third below last year's, the agriculture ministry said"));
    assert.ok(a.text.includes('keep bread prices stable until the next harvest comes in.'));
  });

  it('takes published and URL from the options', () => {
    const r = readBuffer(Buffer.from('Talks ended.\n\nNo deal was reached.'), 'note.txt', { published: '2024-01-15', url: 'https://www.ex.org/n/?utm_source=a' });
    const a = r.articles[0];
    assert.equal(a.published, '2024-01-15');
    assert.equal(a.url, 'https://www.ex.org/n');
    assert.equal(a.source, 'ex.org');
    assert.deepEqual(r.messages, []);
  });
});

// ------------------------------------------------------------------ bad input

describe('bad input', () => {
  const oneError = (ms: Message[], code: string, file: string) => {
    assert.equal(ms.length, 1, JSON.stringify(ms));
    assert.equal(ms[0].level, 'error');
    assert.equal(ms[0].code, code);
    assert.equal(ms[0].file, file);
    assert.ok(ms[0].message.startsWith(`${file}:`), ms[0].message);
    assert.ok(!ms[0].message.includes('\n'));
  };

  it('binary file → error `binary`, no article', async () => {
    for (const f of [F('binary.bin'), F('nul.txt')]) {
      const r = await readFile(f);
      assert.equal(r.format, null);
      assert.equal(r.articles.length, 0);
      oneError(r.messages, 'binary', f);
    }
    assert.match((await readFile(F('binary.bin'))).messages[0].message, /PNG/);
  });

  it('empty file → error `empty`, also for white space only', async () => {
    const r = await readFile(F('empty.txt'));
    oneError(r.messages, 'empty', F('empty.txt'));
    oneError(readBuffer(Buffer.from(' \n\t\n'), 'blank.md').messages, 'empty', 'blank.md');
  });

  it('file over the size limit → error `too-large`', async () => {
    const r = await readFile(FIXTURE, { maxBytes: 100 });
    assert.equal(r.articles.length, 0);
    oneError(r.messages, 'too-large', FIXTURE);
    assert.match(r.messages[0].message, /limit of 100 bytes/);
    oneError(readBuffer(Buffer.alloc(101, 0x61), 'big.txt', { maxBytes: 100 }).messages, 'too-large', 'big.txt');
  });

  it('Latin-1 file → decoded, encoding recorded, warning `encoding` naming ISO-8859-1', async () => {
    const r = await readFile(F('latin1.txt'));
    const a = r.articles[0];
    assert.equal(a.origin.encoding, 'ISO-8859-1');
    assert.ok(a.text.startsWith('Les électeurs se sont rendus aux urnes dimanche à Montréal'));
    const w = r.messages.find((m) => m.code === 'encoding');
    assert.ok(w);
    assert.equal(w.level, 'warning');
    assert.match(w.message, /latin1\.txt: .*ISO-8859-1/);
    assert.ok(a.messages.includes(w), 'the article carries the encoding warning too');
  });

  it('Windows-1252 bytes (curly quotes in 0x80–0x9F) → decoded as windows-1252', () => {
    const buf = Buffer.from([...Buffer.from('The mayor'), 0x92, ...Buffer.from('s office said the vote would go ahead on Sunday, calling it '), 0x93, ...Buffer.from('fair'), 0x94, 0x2e]);
    const r = readBuffer(buf, 'cp1252.txt');
    const a = r.articles[0];
    assert.equal(a.origin.encoding, 'windows-1252');
    assert.equal(a.text, 'The mayor’s office said the vote would go ahead on Sunday, calling it “fair”.');
    assert.match(r.messages.find((m) => m.code === 'encoding')!.message, /windows-1252/);
  });

  it('UTF-16 files (LE and BE, with byte-order mark) → decoded, encoding named', async () => {
    const le = await readFile(F('utf16le.md'));
    assert.equal(le.format, 'markdown');
    assert.equal(le.articles[0].origin.encoding, 'UTF-16LE');
    assert.equal(le.articles[0].title, 'Election result delayed');
    assert.equal(le.articles[0].published, '2024-05-05');
    assert.ok(le.articles[0].text.includes('Kraków said the count would finish on Monday — “no earlier”.'));
    assert.match(le.messages.find((m) => m.code === 'encoding')!.message, /utf16le\.md: .*UTF-16LE/);
    const be = await readFile(F('utf16be.txt'));
    assert.equal(be.articles[0].origin.encoding, 'UTF-16BE');
    assert.ok(be.articles[0].text.startsWith('Zürich talks end.'));
    // UTF-16 without a byte-order mark is recognised by its zero bytes, not refused as binary
    const bare = readBuffer(Buffer.from('Plain words here.\n\nMore words.', 'utf16le'), 'nobom.txt');
    assert.equal(bare.articles[0].origin.encoding, 'UTF-16LE');
  });

  it('malformed HTML → read without crashing', async () => {
    const r = await readFile(F('malformed.html'));
    assert.equal(r.articles.length, 1);
    const a = r.articles[0];
    assertWellFormed(a);
    assert.equal(a.title, 'Broken page');
    assert.equal(a.published, '2024-02-29');
    assert.ok(a.text.includes('Police said about 2,000 people took part'));
    assert.ok(a.text.includes('The opposition said it would hold another rally next week.'));
    assert.ok(!r.messages.some((m) => m.level === 'error'));
    // fragments and garbage do not throw either
    for (const s of ['<p>unclosed <b>bold <i>and <div>more', '</div></p><<>>&&&', '<html><body></body>']) {
      const x = readBuffer(Buffer.from(s), 'frag.html');
      assert.ok(x.articles.length === 1 || x.messages.some((m) => m.code === 'no-content'), s);
    }
  });

  it('HTML page without readable text → error `no-content`', async () => {
    const r = await readFile(F('no-content.html'));
    assert.equal(r.articles.length, 0);
    oneError(r.messages, 'no-content', F('no-content.html'));
  });

  it('malformed XML feed → error `bad-xml` with the line number', async () => {
    const r = await readFile(F('bad-feed.xml'));
    assert.equal(r.articles.length, 0);
    oneError(r.messages, 'bad-xml', F('bad-feed.xml'));
    assert.equal(r.messages[0].line, 6);
    assert.match(r.messages[0].message, /bad-feed\.xml:6: /);
  });

  it('feed with no items → warning `no-items`', async () => {
    const r = await readFile(F('empty-feed.rss'));
    assert.equal(r.format, 'rss');
    assert.equal(r.articles.length, 0);
    assert.deepEqual(codes(r.messages), ['no-items']);
    assert.equal(r.messages[0].level, 'warning');
    assert.match(r.messages[0].message, /empty-feed\.rss: /);
    const atom = readBuffer(Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'), 'e.atom');
    assert.deepEqual(codes(atom.messages), ['no-items']);
  });

  it('JSONL with one broken line → error `bad-json` for that line, the others still read', () => {
    const r = readBuffer(Buffer.from('{"text": "First."}\n{"text": \n{"text": "Third."}\n[1,2]\n'), 'mix.jsonl');
    assert.equal(r.articles.length, 2);
    assert.deepEqual(r.messages.filter((m) => m.code === 'bad-json').map((m) => m.line), [2, 4]);
  });

  it('article with no date → published=null and warning `date-unknown`, never today', async () => {
    const r = await readFile(F('undated.md'));
    const a = r.articles[0];
    assert.equal(a.published, null);
    assert.deepEqual(codes(a.messages), ['date-unknown']);
    assert.equal(a.messages[0].level, 'warning');
    assert.match(a.messages[0].message, /undated\.md: /);
    assert.deepEqual(r.messages, a.messages);
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(!a.text.includes(today));
  });

  it('unparseable date option → warning `date-unparsed`, then `date-unknown`', () => {
    const r = readBuffer(Buffer.from('Some text.'), 'n.txt', { published: 'sometime soon' });
    assert.deepEqual(codes(r.messages), ['date-unparsed', 'date-unknown']);
  });

  it('missing file → error `not-found`; a directory → error `not-a-file`; no throw', async () => {
    const r = await readFile(F('does-not-exist.md'));
    oneError(r.messages, 'not-found', F('does-not-exist.md'));
    oneError((await readFile('test/fixtures/read')).messages, 'not-a-file', 'test/fixtures/read');
  });

  it('well-formed XML that is not a feed → error `not-a-feed`', () => {
    oneError(readBuffer(Buffer.from('<?xml version="1.0"?><catalog><book/></catalog>'), 'books.rss').messages, 'not-a-feed', 'books.rss');
  });
});

// ------------------------------------------------------------------ across all readers

describe('all readers', () => {
  it('produce well-formed articles from every fixture, and the same content hashes the same', async () => {
    for (const f of ['page.html', 'malformed.html', 'feed-rss.xml', 'feed-atom.xml', 'articles.jsonl', 'plain.txt', 'undated.md', 'clipper.md', 'latin1.txt', 'utf16le.md', 'utf16be.txt']) {
      const r = await readFile(F(f));
      assert.ok(r.articles.length > 0, f);
      r.articles.forEach(assertWellFormed);
    }
    const a = (await readFile(FIXTURE)).articles[0];
    const b = readBuffer(Buffer.from(readFileSync(FIXTURE, 'utf8').replace(/\n/g, '\r\n')), 'copy.md').articles[0];
    assert.equal(a.contentHash, b.contentHash);
  });
});
