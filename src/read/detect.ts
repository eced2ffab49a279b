// Which reader a file needs: by its name's extension where that is unambiguous, else by content.
import { extname } from 'node:path';
import type { InputFormat } from '../model/types.js';
import { binaryReason } from './decode.js';

const BY_EXTENSION: Record<string, InputFormat> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdown': 'markdown', '.mkd': 'markdown',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.shtml': 'html',
  '.rss': 'rss', '.atom': 'atom',
  '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.jsonlines': 'jsonl',
  '.txt': 'text', '.text': 'text',
};

/** The opening of the input as text, enough to sniff markers (handles UTF-16 byte-order marks). */
function head(input: Buffer | Uint8Array | string): string | null {
  if (typeof input === 'string') return input.slice(0, 8192);
  const buf = Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, 8192));
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  if (binaryReason(buf)) return null;
  return buf.toString('utf8');
}

/** Sniff the format from content alone; null when it is not text. */
export function sniffFormat(text: string): InputFormat {
  const t = text.replace(/^\uFEFF/, '').replace(/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*/, '');
  if (/^<rss[\s>]/i.test(t) || /^<rdf:RDF[\s>]/i.test(t)) return 'rss';
  if (/^<feed[\s>]/i.test(t)) return 'atom';
  if (/^<!doctype\s+html/i.test(t) || /^<(?:html|head|body)[\s>]/i.test(t)) return 'html';
  if (/^</.test(t) && /<(?:p|div|article|section|h[1-6])[\s>]/i.test(t.slice(0, 4000))) return 'html';
  const firstLine = t.split('\n').find((l) => l.trim()) ?? '';
  if (/^\s*\{/.test(firstLine)) {
    try {
      const v = JSON.parse(firstLine);
      if (v && typeof v === 'object') return 'jsonl';
    } catch {
      /* a JSON Lines file whose first line is broken still starts with "{" and a quoted key */
      if (/^\s*\{\s*"[^"]+"\s*:/.test(firstLine)) return 'jsonl';
    }
  }
  if (/^---\s*\n[\s\S]*?\n---\s*\n/.test(t) || /^#{1,6}\s+\S/m.test(t) || /\]\([^)\s]*\)|^\s*!\[|\*\*\S[^*]*\*\*/m.test(t)) return 'markdown';
  return 'text';
}

/**
 * The input format of a file from its name and content: the extension decides for .md, .html,
 * .jsonl, .txt, .rss, .atom; .xml, .json and other names are sniffed (RSS vs Atom vs HTML vs JSON
 * Lines vs Markdown vs text). Null when the content is empty or binary and the name says nothing.
 */
export function detectFormat(input: Buffer | Uint8Array | string, name: string): InputFormat | null {
  const ext = extname(name).toLowerCase();
  const text = head(input);
  if (ext === '.rss' || ext === '.atom' || ext === '.xml') {
    if (text) {
      const s = sniffFormat(text);
      if (s === 'rss' || s === 'atom') return s;
      if (ext === '.xml') return s === 'html' ? 'html' : 'rss';
    }
    if (ext !== '.xml') return BY_EXTENSION[ext];
    return 'rss';
  }
  if (BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  if (!text || !text.trim()) return null;
  return sniffFormat(text);
}
