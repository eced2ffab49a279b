// Small text helpers shared by the readers.
import type { Level, Message } from '../model/types.js';

/**
 * `s` with every line break, and the white space around it, made one space, in linear time (a
 * regex of optional white space, a line break and optional white space rescans a long run of
 * spaces from each of its positions).
 */
export function joinLines(s: string): string {
  if (!s.includes('\n')) return s;
  const parts = s.split('\n');
  const inner = parts.slice(1, -1).map((p) => p.trim()).filter(Boolean);
  return [parts[0].trimEnd(), ...inner, parts[parts.length - 1].trimStart()].join(' ');
}

/** `s` without any of `chars` at its end, in linear time. */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without any of `chars` at its start. */
export function trimStartOf(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start])) start++;
  return start ? s.slice(start) : s;
}

/** A one-line message that names the file (and line, for JSON Lines) it is about. */
export function makeMessage(
  level: Level,
  code: string,
  text: string,
  where: { file?: string; line?: number; field?: string } = {},
): Message {
  const place = where.file ? `${where.file}${where.line !== undefined ? `:${where.line}` : ''}: ` : where.line !== undefined ? `line ${where.line}: ` : '';
  const m: Message = { level, code, message: joinLines(`${place}${text}`) };
  if (where.file !== undefined) m.file = where.file;
  if (where.line !== undefined) m.line = where.line;
  if (where.field !== undefined) m.field = where.field;
  return m;
}

/** Collapse runs of white space (including no-break spaces) to one space and trim; drop invisible characters. */
export function collapse(s: string): string {
  return s
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ')
    .trim();
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™',
  deg: '°', plusmn: '±', times: '×', divide: '÷', frac12: '½', frac14: '¼', frac34: '¾', sect: '§', para: '¶',
  euro: '€', pound: '£', yen: '¥', cent: '¢', dagger: '†', Dagger: '‡', prime: '′', Prime: '″', shy: '\u00AD',
  zwj: '\u200D', zwnj: '\u200C', iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º', micro: 'µ', minus: '−',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï',
  ETH: 'Ð', Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø',
  Ugrave: 'Ù', Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', THORN: 'Þ', szlig: 'ß',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç',
  egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï',
  eth: 'ð', ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø',
  ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', thorn: 'þ', yuml: 'ÿ',
  Scaron: 'Š', scaron: 'š', Zcaron: 'Ž', zcaron: 'ž', OElig: 'Œ', oelig: 'œ', Yuml: 'Ÿ',
};

/** Decode HTML character references (named ones in common use, decimal and hex). Unknown names are kept. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? all;
  });
}
