// Bytes → text. Byte-order marks first (UTF-8, UTF-16LE/BE), then strict UTF-8, then a charset the
// document declares (HTML/XML), then chardet's guess decoded with iconv-lite. Binary, empty and
// oversized inputs are refused with an error message.
import { createRequire } from 'node:module';
import type chardetApi from 'chardet';
import type iconvApi from 'iconv-lite';
import type { Message } from '../model/types.js';
import { makeMessage } from './util.js';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

// iconv-lite and chardet serve only text that is not UTF-8: they load then (their CommonJS builds).
const require = createRequire(import.meta.url);
let iconvModule: typeof iconvApi | null = null;
const iconv = (): typeof iconvApi => (iconvModule ??= require('iconv-lite') as typeof iconvApi);
const chardet = (): typeof chardetApi => require('chardet') as typeof chardetApi;

export interface Decoded {
  /** The text, NFC-normalised, with \n line ends and no byte-order mark; null when refused. */
  text: string | null;
  /** Encoding name as recorded in `Article.origin.encoding` ("UTF-8", "UTF-16LE", "windows-1252"...). */
  encoding: string | null;
  messages: Message[];
}

const MAGIC: [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive (or DOCX/XLSX/EPUB)', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
  ['SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['OLE2 document (DOC/XLS)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
];

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

/** UTF-16 without a byte-order mark: ASCII-range text leaves every other byte zero. */
function sniffUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length - (buf.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.7 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.7 && oddZero / pairs < 0.05) return 'utf-16be';
  return null;
}

/** A reason the bytes are not text, or null. Looks at the first 8 KB. */
export function binaryReason(buf: Uint8Array): string | null {
  for (const [name, bytes] of MAGIC) if (startsWith(buf, bytes)) return `looks like a ${name}`;
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return 'contains NUL bytes';
    // tab, LF, VT, FF, CR and ESC occur in text files; other C0 controls do not.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  if (n > 0 && control / n > 0.1) return `${Math.round((100 * control) / n)}% control characters`;
  return null;
}

/** The charset an HTML or XML document declares in its first 2 KB (meta charset, http-equiv, XML prolog). */
export function declaredCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 2048)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function finish(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode a file's bytes. `file` names the input in messages; `maxBytes` (default 20 MB) caps the size.
 * Errors: `too-large`, `empty`, `binary`. Warning: `encoding` when the text was not UTF-8.
 */
export function decode(buf: Uint8Array, file: string, maxBytes: number = DEFAULT_MAX_BYTES): Decoded {
  const where = { file };
  const refuse = (code: string, text: string): Decoded => ({ text: null, encoding: null, messages: [makeMessage('error', code, text, where)] });
  if (buf.length > maxBytes) return refuse('too-large', `file is ${buf.length} bytes, over the limit of ${maxBytes} bytes; not read`);
  if (buf.length === 0) return refuse('empty', 'file is empty; no article read');

  const messages: Message[] = [];
  let text: string;
  let encoding: string;
  let how = '';
  const utf16 = startsWith(buf, [0xff, 0xfe]) ? 'utf-16le' : startsWith(buf, [0xfe, 0xff]) ? 'utf-16be' : null;
  const sniffed = utf16 ? null : startsWith(buf, [0xef, 0xbb, 0xbf]) ? null : sniffUtf16(buf);
  if (utf16 || sniffed) {
    const enc = (utf16 ?? sniffed)!;
    const body = utf16 ? buf.subarray(2) : buf;
    text = iconv().decode(Buffer.from(body), enc);
    encoding = enc === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    how = utf16 ? 'byte-order mark' : 'zero-byte pattern, no byte-order mark';
  } else {
    const why = binaryReason(buf);
    if (why) return refuse('binary', `binary file (${why}), not text; not read`);
    try {
      text = UTF8.decode(buf);
      encoding = 'UTF-8';
    } catch {
      const declared = declaredCharset(buf);
      let enc: string | null = declared && !/^utf-?8$/.test(declared) && iconv().encodingExists(declared) ? declared : null;
      if (enc) how = 'declared in the document';
      if (!enc) {
        const guess = chardet().detect(buf);
        enc = guess && !/^utf-?(8|16|32)/i.test(guess) && iconv().encodingExists(guess) ? guess : 'windows-1252';
        how = guess ? 'detected by chardet' : 'no encoding detected; assumed';
      }
      // ISO-8859-1 text with bytes 0x80–0x9F is Windows-1252 (those are C1 controls in Latin-1).
      if (/^(iso-?8859-1|latin-?1)$/i.test(enc) && buf.some((b) => b >= 0x80 && b <= 0x9f)) enc = 'windows-1252';
      text = iconv().decode(Buffer.from(buf), enc);
      encoding = /^(iso-?8859-1|latin-?1)$/i.test(enc) ? 'ISO-8859-1' : enc.toLowerCase().startsWith('windows') ? enc.toLowerCase() : enc.toUpperCase();
    }
  }
  text = finish(text);
  if (!text.trim()) return refuse('empty', 'file holds only white space; no article read');
  if (encoding !== 'UTF-8') {
    messages.push(makeMessage('warning', 'encoding', `not UTF-8: decoded as ${encoding} (${how})`, where));
  }
  return { text, encoding, messages };
}
