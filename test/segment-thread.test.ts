import { test } from 'node:test';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { createDoc, textArticle } from '../src/pipeline/doc.js';
import { segment } from '../src/pipeline/segment.js';
import { segmentInBackground } from '../src/pipeline/segment-thread.js';

const require = createRequire(import.meta.url);

const article = textArticle(
  'Recep Tayyip Erdoğan met Aleksandar Vučić in Ankara on Monday.\n\nThe talks, officials said, covered gas and the Miličević case.',
  '2025-03-03', 'Erdoğan and Vučić meet',
);

test('an article segmented on another thread gets the tokens and sentences segmenting it here gives, once', async () => {
  await segmentInBackground(article);
  const taken = createDoc(article);
  segment(taken);
  assert.ok(!Object.keys(require.cache).some((m) => m.includes('wink-')), 'taken without loading wink-nlp on this thread');
  const here = createDoc(article);
  segment(here);
  assert.ok(here.tokens.length > 20 && here.sentences.length === 3, `${here.tokens.length} tokens, ${here.sentences.length} sentences`);
  assert.deepEqual(taken.tokens, here.tokens);
  assert.deepEqual(taken.sentences, here.sentences);
  // the accented names are glued back whole, on either thread
  assert.ok(taken.tokens.some((t) => t.text === 'Erdoğan') && taken.tokens.some((t) => t.text === 'Miličević'));
});

test('a segmentation is taken only by a document with the same text and blocks', async () => {
  await segmentInBackground(article);
  const other = createDoc(textArticle(article.text, '2025-03-03'));
  segment(other);
  const here = createDoc(article);
  segment(here);
  // the same text without a title: its first line is a paragraph, no headline, as segmenting it here gives
  assert.equal(other.sentences[0].headline, false);
  assert.equal(here.sentences[0].headline, true);
});
