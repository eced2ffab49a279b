// Hostile input has a bounded cost. Each input that used to make a reader's regex or loop run in
// quadratic time (or a parser without end) is 100-200 KB here and runs in a worker thread that is
// stopped after a limit hundreds of times what a linear pass needs: the test fails by reaching the
// limit, it does not measure speed. What the analysis is given is bounded deterministically.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { MAX_SENTENCE_CHARS, MAX_WORD_CHARS, boundedArticle, overlongSpans } from '../src/analysis/bounds.js';
import { capNesting, MAX_HTML_DEPTH } from '../src/read/nesting.js';
import { readBuffer } from '../src/read/index.js';
import { expandInputs } from '../src/ingest.js';

const LIMIT_MS = 4000;
const K100 = 100_000;
const MODULES = {
  read: new URL('../src/read/index.js', import.meta.url).href,
  text: new URL('../src/read/text.js', import.meta.url).href,
  util: new URL('../src/read/util.js', import.meta.url).href,
  classify: new URL('../src/read/classify.js', import.meta.url).href,
  url: new URL('../src/read/url.js', import.meta.url).href,
};

/** Calls `fn` of a module in a worker thread; rejects when the call is still running after the limit. */
function bounded(module: keyof typeof MODULES, fn: string, args: unknown[]): Promise<unknown> {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.url).then((m) => {
      parentPort.postMessage('loaded');
      const args = workerData.args.map((a) => a && a.buffer === true ? Buffer.from(a.text) : a);
      const r = m[workerData.fn](...args);
      parentPort.postMessage(r && typeof r === 'object' && 'articles' in r ? { articles: r.articles.length, messages: r.messages.map((x) => x.code + ': ' + x.message) } : r);
    });`;
  const wire = args.map((a) => (Buffer.isBuffer(a) ? { buffer: true, text: a.toString('utf8') } : a));
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { url: MODULES[module], fn, args: wire } });
    let timer: NodeJS.Timeout | undefined;
    // the limit runs from the call, not from the thread's start and module loading
    w.on('message', (m) => {
      if (m === 'loaded') {
        timer = setTimeout(() => {
          void w.terminate();
          reject(new Error(`${module}.${fn} still running after ${LIMIT_MS} ms`));
        }, LIMIT_MS);
        return;
      }
      clearTimeout(timer);
      void w.terminate();
      resolve(m);
    });
    w.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

const spaces = (n = K100) => ' '.repeat(n);

describe('reader regexes and loops on 100 KB adversarial input', () => {
  test('plain-text paragraphs: a long run of spaces (line joining)', async () => {
    assert.deepEqual(await bounded('text', 'textParagraphs', [`a${spaces()}b\nc\n\nd`]), [`a${spaces()}b c`, 'd']);
  });
  test('messages: a long run of spaces in a message text', async () => {
    const m = await bounded('util', 'makeMessage', ['warning', 'x', `a${spaces()}b`]) as { message: string };
    assert.equal(m.message.length, K100 + 2);
  });
  test('credits: a long run of commas or full stops', async () => {
    assert.equal(await bounded('classify', 'isCredit', [`${','.repeat(K100)}x`]), false);
    assert.equal(await bounded('classify', 'isCredit', [`x${'.'.repeat(K100)}y`]), false);
    assert.equal(await bounded('classify', 'isCredit', ['(Photo: AFP).']), true, 'a credit is still one');
  });
  test('URLs: a long run of slashes', async () => {
    assert.equal(await bounded('url', 'canonicalUrl', [`https://example.org/a${'/'.repeat(K100)}b`]), `https://example.org/a${'/'.repeat(K100)}b`);
    assert.equal(await bounded('url', 'canonicalUrl', [`https://example.org/a${'/'.repeat(K100)}`]), 'https://example.org/a');
  });
  const reads: [string, string, string][] = [
    ['plain text: 150,000 spaces', 'x.txt', `Russia said${spaces(150_000)}today.`],
    ['plain text: 150,000 commas', 'x.txt', `Russia said${','.repeat(150_000)}today.`],
    ['plain text: 100,000 full stops', 'x.txt', `Russia said ${'.'.repeat(K100)} today.`],
    ['markdown: a block of spaces', 'x.md', `# T\n\nA${spaces()}b\n`],
    ['markdown: front matter with a long value', 'x.md', `---\ntitle: a${spaces()}b\n---\n\nText here.\n`],
    ['markdown: a table row of spaces', 'x.md', `# T\n\n| a${spaces()}b |\n\nText.\n`],
    ['markdown: spaces before a line break', 'x.md', `# T\n\na${spaces()}b\nc\n`],
    ['HTML: 2,000 nested divs', 'x.html', `<html><body>${'<div>'.repeat(2000)}Russia attacked Ukraine on Monday, officials said in a statement.${'</div>'.repeat(2000)}</body></html>`],
    ['HTML: 50,000 nested unclosed tags', 'x.html', `<html><body>${'<b>'.repeat(50_000)}text`],
    ['RSS: a title of 100,000 "<"', 'x.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>f</title><item><title><![CDATA[${'<'.repeat(K100)}]]></title><description>Some text here.</description></item></channel></rss>`],
    ['JSON Lines: a record with 20,000 nested tags and a good one', 'x.jsonl',
      `${JSON.stringify({ html: `<html><body>${'<div>'.repeat(20_000)}deep</body></html>` })}\n${JSON.stringify({ text: 'Russia attacked Ukraine on Monday.' })}\n`],
  ];
  for (const [name, file, text] of reads) {
    test(`readBuffer: ${name}`, async () => {
      const r = await bounded('read', 'readBuffer', [Buffer.from(text), file, { published: '2024-05-01' }]) as { articles: number; messages: string[] };
      assert.ok(r.articles >= 1 || r.messages.some((m) => /^(no-content|bad-record|bad-item)/.test(m)), JSON.stringify(r.messages).slice(0, 300));
    });
  }
});

describe('HTML nesting', () => {
  test('tags below the depth limit are dropped, their text kept; shallow markup is untouched', () => {
    const deep = `${'<div>'.repeat(300)}word${'</div>'.repeat(300)}`;
    const r = capNesting(deep);
    assert.equal(r.dropped, 300 - MAX_HTML_DEPTH);
    assert.equal(r.html.match(/<\/?div>/g)!.length, 2 * MAX_HTML_DEPTH, 'their close tags go too');
    assert.ok(r.html.includes('word'));
    const shallow = '<html><body><div><p>a <b>b</b><br>c</p><img src="x"></div></body></html>';
    assert.deepEqual(capNesting(shallow), { html: shallow, dropped: 0 });
  });
  test('a page nested too deeply is read, with a warning', () => {
    const page = `<html><body>${'<div>'.repeat(1000)}<p>${'Russia attacked Ukraine on Monday, officials said in a statement. '.repeat(5)}</p>${'</div>'.repeat(1000)}</body></html>`;
    const r = readBuffer(Buffer.from(page), 'deep.html', {});
    assert.equal(r.articles.length, 1);
    assert.match(r.articles[0].text, /Russia attacked Ukraine/);
    assert.ok(r.messages.some((m) => m.code === 'deep-html'));
  });
});

describe('what the analysis reads', () => {
  test('an overlong sentence and a run without spaces are blanked, offsets kept, with a warning', () => {
    const ok = 'Russia attacked Ukraine on Monday. ';
    const long = `The list: ${'one, two and three, '.repeat(300)}end.`;
    const word = 'x'.repeat(MAX_WORD_CHARS + 1);
    const text = `${ok}${long} ${ok}${word} ${ok}`;
    const article = readBuffer(Buffer.from(text), 'a.txt', {}).articles[0];
    const b = boundedArticle(article);
    assert.equal(b.article.text.length, article.text.length);
    assert.equal(b.article.text.split(ok.trim()).length, 4, 'the sentences around are kept');
    assert.ok(!b.article.text.includes('one, two') && !b.article.text.includes('xxx'));
    assert.deepEqual(b.messages.map((m) => m.code), ['long-sentence', 'long-word']);
    assert.ok(long.length > MAX_SENTENCE_CHARS);
  });
  test('no reference article loses anything to the bounds', async () => {
    const { files } = expandInputs(['test/gold', 'test/fixtures', 'examples']);
    assert.ok(files.length > 10);
    for (const f of files) {
      const { readFile } = await import('../src/read/index.js');
      for (const a of (await readFile(f)).articles) assert.deepEqual(overlongSpans(a.text, a.blocks.map((x) => x.end)), [], f);
    }
  });
});

describe('readers: a bad record or malformed markup', () => {
  test('a JSON Lines record that once overflowed the stack no longer loses its file: every record is read or named by line', () => {
    const deep = JSON.stringify({ html: `<html><body>${'<div>'.repeat(20_000)}<p>Deep text of the record.</p></body></html>` });
    const good = JSON.stringify({ text: 'Russia attacked Ukraine on Monday.', published: '2024-05-01' });
    const r = readBuffer(Buffer.from(`${good}\n${deep}\n${good.replace('Monday', 'Tuesday')}\n`), 'x.jsonl', {});
    const errors = r.messages.filter((m) => m.level === 'error');
    assert.ok(r.articles.length === 3 || (r.articles.length === 2 && errors.every((m) => m.line === 2)), JSON.stringify(r.messages));
    assert.ok(!errors.some((m) => /call stack/i.test(m.message)));
  });
  test('a feed whose item holds deeply nested HTML keeps its other items', () => {
    const item = (t: string) => `<item><title>${t}</title><description><![CDATA[${t === 'deep' ? '<div>'.repeat(20_000) : ''}<p>Text of ${t}.</p>]]></description></item>`;
    const r = readBuffer(Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>${item('one')}${item('deep')}${item('two')}</channel></rss>`), 'f.xml', {});
    assert.ok(r.articles.length >= 2, JSON.stringify(r.messages));
    assert.deepEqual(r.articles.filter((a) => a.title !== 'deep').map((a) => a.title), ['one', 'two']);
  });
  test('malformed HTML is refused with a message about the input, never about the code', () => {
    for (const html of ['<html a="', '<', '<html><body><p a="', '<!--', '<html><head><title>x']) {
      const r = readBuffer(Buffer.from(html), 'x.html', {});
      for (const m of r.messages) assert.doesNotMatch(m.message, /destructure|TypeError|is not a function|Cannot read propert|of undefined|of null/, `${html}: ${m.message}`);
      assert.ok(r.articles.length || r.messages.some((m) => m.level === 'error' && /HTML|markup|malformed/.test(m.message)), html);
    }
  });
});
