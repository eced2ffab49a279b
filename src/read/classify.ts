// General rules that tell an article's own reporting from the furniture around it: datelines,
// photo captions and credits, "Related article" links, bylines and metadata lines. They look at
// the shape of a block (a credit pattern at its end, a label at its start, a bare date or URL),
// never at any particular article's words.
import type { BlockKind } from '../model/types.js';
import { parseDateLine } from './date.js';
import { canonicalUrl, isHttpUrl } from './url.js';
import { trimEndOf, trimStartOf } from './util.js';

/** A block as a reader found it, before classification. */
export interface Candidate {
  /** Structural kind from the reader: paragraph, heading, quote, list, caption, title ... */
  kind: BlockKind;
  /** Plain text (no markup). */
  text: string;
  /** Plain text of a bold/italic (or <strong>/<em>) run that ends the block, when there is one. */
  tail?: string;
  /** The block comes straight after an image. */
  afterImage?: boolean;
  /** The block is nothing but one link. */
  linkOnly?: boolean;
  /** The reader is sure of the kind (e.g. an HTML <figcaption>); do not reclassify. */
  fixed?: boolean;
  /** Set by classification: the ISO date of a dateline block. */
  date?: string;
  /** Set by classification: the URL a metadata block gives. */
  url?: string;
}

export interface Classified {
  blocks: Candidate[];
  /** ISO date from the first dateline near the top, or null. */
  published: string | null;
  /** Name(s) from a "By ..." line, or null. */
  byline: string | null;
  /** URL from an "Original url:" / bare URL line, canonicalised, or null. */
  url: string | null;
}

// ------------------------------------------------------------------ credits and captions

/** Words that mark a picture credit: agencies, photo libraries, "Photo", "handout", "courtesy". */
const CREDIT_WORD =
  /\b(?:photos?|photograph(?:s|er)?|pictures?|images?|pic|foto|credit|getty(?: images)?|afp|epa|efe|reuters|ap|associated press|shutterstock|alamy|imago|wikimedia(?: commons)?|wikipedia|commons|flickr|unsplash|kremlin\.ru|government\.ru|mil\.ru|mos\.ru|handout|courtesy|pool|tass|ria novosti|sputnik|anadolu(?: agency)?|xinhua|dpa|ansa|sipa|zuma|abaca|bloomberg|nurphoto|sopa images|press service|telegram|x\.com|twitter|screenshot|screengrab|social media|file photo|cc by(?:-sa)?(?: \d\.\d)?|public domain|©)(?=$|[^\p{L}\p{N}])/iu;

/** One part of a " / "-separated credit: a short capitalised name or a domain ("Kremlin.ru"). */
const CREDIT_PART = /^(?:[\p{Lu}\p{N}][\p{L}\p{N}.'’&-]*|[a-z0-9-]+\.[a-z]{2,})(?:\s+(?:[\p{Lu}\p{N}&][\p{L}\p{N}.'’&-]*|de|da|di|del|van|von|der|al|bin|el|la|le|of|and|via|for))*$/u;

const CREDIT_LOWER = /^(?:of|the|via|for|and|by|from|to|photo|photos|handout|pool|file|courtesy|screenshot|screengrab|images?|media|press|service|agency|commons|ministry|office|army|forces|department|government|x|[a-z0-9-]+\.[a-z]{2,})$/i;

/** True when `s` (already plain text) reads as a picture credit. */
export function isCredit(s: string): boolean {
  const c = trimEndOf(trimStartOf(s.trim(), '(['), ')].,;').trim();
  if (!c || c.length > 100) return false;
  const tokens = c.split(/\s+/);
  // "Mohammed Al-Rifai / EPA / TASS", "AP Photo/Evan Vucci", "Kremlin.ru / Handout"
  const spaced = /\s\/\s/.test(c);
  const parts = c.split(/\s*\/\s*/);
  if (parts.length >= 2 && parts.length <= 5 && parts.every((p) => p && p.split(/\s+/).length <= 5 && CREDIT_PART.test(p))) {
    if (spaced || CREDIT_WORD.test(c)) return true;
  }
  // "Photo: Jane Doe", "Photo by Jane Doe", "Image credit: ...", "© Reuters"
  if (/^(?:(?:file |main |top |header )?(?:photo(?:graph)?|picture|image|pic|foto|illustration|video|credit)s?(?:\s+credit)?\s*(?::|by\b|—|–|-|©))|^©/i.test(c) && tokens.length <= 14) return true;
  // "Getty Images", "(Reuters)", "Handout", "Courtesy of the ministry": short, credit-worded, and
  // made of names and credit words only (so "Reuters reported the attack" is not one).
  if (tokens.length <= 8 && CREDIT_WORD.test(c)) {
    const courtesy = /^(?:[Cc]ourtesy(?:\s+of\b|\s*:|\s+\p{Lu})|[Hh]andout\b|HANDOUT\b|COURTESY\b)/u.test(c);
    if (courtesy || tokens.every((w) => /^[\p{Lu}\p{N}©(]/u.test(w) || CREDIT_LOWER.test(w.replace(/[(),.:;]/g, '')))) return true;
  }
  return false;
}

/** The last sentence-like piece of a block: the part a trailing credit sits in. */
function lastPiece(text: string): { head: string; piece: string } {
  const m = /^(.*[.!?”"’)])\s+(\S.*)$/su.exec(text);
  return m ? { head: m[1], piece: m[2] } : { head: '', piece: text };
}

/** 'caption' / 'credit' when the block is a picture caption or a bare credit line; else null. */
function captionKind(c: Candidate, inBody: boolean): 'caption' | 'credit' | null {
  const text = c.text;
  const short = text.length <= 350;
  // "Caption text. **Photographer / Agency**" — a bold or italic credit ends the block.
  if (c.tail && c.tail.length < text.length && isCredit(c.tail) && short) return 'caption';
  // "Caption text. Photo: Jane Doe" / "... (Reuters)" / "... AP Photo/Evan Vucci"
  const { head, piece } = lastPiece(text);
  if (head && isCredit(piece) && short) return 'caption';
  // nothing but a credit: "Getty Images", "**Jane Doe / AFP**"
  if (isCredit(text)) return 'credit';
  // A short block straight after an image, before the article body gets going, is its caption.
  if (c.afterImage && text.length <= 300 && !inBody) return 'caption';
  if (c.afterImage && text.length <= 200) return 'caption';
  return null;
}

// ------------------------------------------------------------------ related links, bylines, metadata

const RELATED_LABEL =
  /^(?:related(?:\s+(?:articles?|stories|story|coverage|content|reading|news|posts?|links?|topics?))?|read\s+(?:more|also|next|further|this|the full story)|also\s+read|see\s+also|more\s+(?:on\s+this(?:\s+story|\s+topic)?|reading|coverage|stories|news|from\s+[\p{L} ]{2,30})|recommended(?:\s+(?:reading|stories|articles))?|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested(?:\s+in)?)|further\s+reading|(?:watch|listen)(?:\s+now)?|top\s+stories|most\s+read|editor'?s?\s+picks?)\b/iu;

/** 'related' when the block is a pointer to other articles. */
function isRelated(c: Candidate): boolean {
  const t = c.text;
  const m = RELATED_LABEL.exec(t);
  if (m) {
    const rest = t.slice(m[0].length);
    if (/^\s*(?::|—|–|-|\||»|>|›)/.test(rest)) return true; // "Related article: ...", "READ MORE — ..."
    if (!rest.trim()) return true; // the label alone
    if (c.linkOnly) return true;
    if (m[0] === m[0].toUpperCase() && /\p{Lu}/u.test(m[0]) && m[0].length >= 4) return true; // "READ MORE Syria ..."
  }
  // A block that is nothing but one link, in a list or standing alone, points elsewhere.
  if (c.linkOnly && t.length <= 200) return true;
  return false;
}

const NOT_A_NAME = /^(?:the|a|an|this|that|then|now|far|contrast|comparison|mid|early|late|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|noon|midnight|dawn|nightfall|evening|morning|law|default|design|way|all|some|most|many|its|his|her|their|our)$/i;
const NAME_TOKEN = /^(?:[\p{Lu}][\p{L}.'’-]*|[\p{Lu}]\.|and|&|van|von|de|der|den|da|di|del|al|al-[\p{L}-]+|bin|ibn|el|la|le|du|dos|y|,)$/u;

/** The name(s) in a "By NAME" line, or null when the block is not one. */
export function bylineName(text: string): string | null {
  const t = text.trim();
  const m = /^by\s+(.+)$/i.exec(t);
  if (!m || t.length > 140) return null;
  // Cut a trailing role, outlet or date: "By Jane Doe, Reuters", "By Jane Doe | The Moscow Times"
  const namePart = m[1].split(/\s*(?:\||·|•|—|–|\s-\s|,\s*(?:\p{Ll}|\d)|\bfor\b|\bin\b)\s*/u)[0].replace(/[,.;:]\s*$/, '');
  const remainder = m[1].slice(namePart.length).replace(/^[\s,.;:|·•—–-]+/, '').trim();
  // what follows the names is a short role, outlet or date, not the rest of a sentence
  if (remainder && !parseDateLine(remainder) && (remainder.split(/\s+/).length > 6 || /[.!?]$/.test(remainder))) return null;
  const tokens = namePart.replace(/,/g, ' , ').split(/\s+/).filter(Boolean);
  if (!tokens.length || tokens.length > 14) return null;
  const first = tokens[0];
  if (NOT_A_NAME.test(first) || !/^[\p{Lu}]/u.test(first)) return null;
  if (!tokens.every((w) => NAME_TOKEN.test(w))) return null;
  // "By Tuesday the rebels ..." fails above; a full stop that ends a sentence means prose, not a byline.
  if (/[a-z]{3,}\.\s+\p{Lu}/u.test(m[1]) && !/\|/.test(m[1])) return null;
  return namePart.replace(/\s+,/g, ',').trim();
}

const CONTRIBUTION =
  /^\(?\s*(?:with\s+)?(?:additional\s+|extra\s+)?(?:reporting|writing|editing|edited|compiled|produced|translated|translation|research|graphics|photography|photos|video|interviews?|text|written|fact-checking)(?:\s+(?:and|&)\s+[a-z-]+)*\s+by\b/i;
const CONTRIBUTED = /\bcontributed\s+(?:reporting|(?:additional\s+)?reporting\s+to\s+this\s+\w+|to\s+(?:this|the)\s+(?:report|story|article|reporting|coverage))\s*[.)]*\s*$/i;
const CONTRIBUTOR_TOKEN = /^(?:[\p{Lu}][\p{L}.'’-]*|[\p{Lu}]\.|and|&|in|from|at|of|with|van|von|de|der|da|di|del|al|al-[\p{L}-]+|bin|ibn|el|la|le|du|dos|y)$/u;

/** "Reporting by A in Kyiv; Editing by B", "AFP contributed reporting." */
function isCreditLine(text: string): boolean {
  const t = text.replace(/^\(|\)\.?$|\.$/g, '').trim();
  if (CONTRIBUTION.test(t) && t.length <= 300) {
    // every part reads "<role> by <names>": names, places and connectors only
    return t.split(/\s*;\s*/).every((part) => {
      const m = /\bby\s+(.+)$/i.exec(part);
      if (!m || !CONTRIBUTION.test(part)) return false;
      return m[1].replace(/,/g, ' ').split(/\s+/).filter(Boolean).every((w) => CONTRIBUTOR_TOKEN.test(w));
    });
  }
  if (text.length <= 160 && CONTRIBUTED.test(text) && text.split(/[.!?]\s+\p{Lu}/u).length === 1) return true;
  return false;
}

const META_LABEL =
  /^(?:original\s+(?:url|link|article|source|story|post)|source\s*(?:url|link)?|url|link|canonical(?:\s+url)?|permalink|article\s+(?:url|link)|clipped\s+from|saved\s+from|retrieved\s+from|archived\s+(?:from|at)|originally\s+(?:published|appeared)\s+(?:at|on))\s*:?\s*(?:<?(https?:\/\/[^\s<>]+)>?)?\s*$/i;
const FURNITURE =
  /^(?:advertisement|advert|sponsored(?:\s+content)?|share(?:\s+(?:this|the)\s+(?:article|story|page))?(?:\s+on\s+[\p{L} ]+)?|skip\s+(?:to\s+\S+|advertisement).*|scroll\s+to\s+continue.*|continue\s+reading(?:\s+below)?|subscribe(?:\s+to\s+[\p{L} ]+)?|sign\s+up.*newsletter.*|comments?)\s*\.?$/iu;

/** A metadata line: its URL (possibly empty string when the line is a label alone), or null. */
function metaUrl(c: Candidate): string | null {
  const t = c.text.trim();
  const bare = /^<?(https?:\/\/[^\s<>]+)>?$/i.exec(t);
  if (bare && isHttpUrl(bare[1])) return bare[1];
  const m = META_LABEL.exec(t);
  if (m && (m[1] || /:\s*$/.test(t) || /^original/i.test(t))) return m[1] ?? '';
  return null;
}

// ------------------------------------------------------------------ the pass

/**
 * Classify candidate blocks in place: datelines, metadata, related links, bylines, captions and
 * credits. Title, heading-level kinds and `fixed` blocks keep their kind (headings may still be
 * "Related" labels). Returns the date, byline and URL the blocks gave.
 */
export function classifyBlocks(cands: Candidate[]): Classified {
  let published: string | null = null;
  let publishedLabel = '';
  let byline: string | null = null;
  let labelledUrl: string | null = null;
  let bareUrl: string | null = null;
  let bodyParagraphs = 0;
  let expectUrl = false;

  for (const c of cands) {
    if (c.kind === 'title') continue;
    const inBody = bodyParagraphs >= 1;
    if (c.fixed) {
      if (c.kind === 'paragraph') bodyParagraphs++;
      continue;
    }
    const text = c.text;
    const structural = c.kind;
    const nearTop = bodyParagraphs < 3;

    // metadata: "Original url:", bare URL lines, page furniture
    const mu = structural === 'paragraph' || structural === 'list' ? metaUrl(c) : null;
    if (mu !== null && (mu || !c.linkOnly)) {
      c.kind = 'meta';
      if (mu) {
        c.url = canonicalUrl(mu);
        // A URL after (or on) an "Original url:" label beats a bare URL line elsewhere.
        const labelled = expectUrl || !/^<?https?:/i.test(text);
        if (labelled && !labelledUrl) labelledUrl = c.url;
        if (!labelled && !bareUrl) bareUrl = c.url;
      }
      expectUrl = !mu;
      continue;
    }
    expectUrl = false;
    if (structural === 'paragraph' && FURNITURE.test(text) && text.length <= 80) {
      c.kind = 'meta';
      continue;
    }

    // datelines: a block that is only a date
    if (structural === 'paragraph' || structural === 'heading') {
      const d = parseDateLine(text);
      if (d) {
        c.kind = 'dateline';
        c.date = d.iso;
        const isUpdate = /updat|modif/.test(d.label);
        if (nearTop && (!published || (/updat|modif/.test(publishedLabel) && !isUpdate))) {
          published = d.iso;
          publishedLabel = d.label;
        }
        continue;
      }
    }

    if ((structural === 'paragraph' || structural === 'list' || structural === 'heading') && isRelated(c)) {
      c.kind = 'related';
      continue;
    }

    if (structural === 'paragraph' || structural === 'caption') {
      const name = bylineName(text);
      if (name) {
        c.kind = 'byline';
        if (!byline) byline = name;
        continue;
      }
      if (isCreditLine(text)) {
        c.kind = 'byline';
        continue;
      }
    }

    if (structural === 'paragraph' || structural === 'quote') {
      const k = captionKind(c, inBody);
      if (k) {
        c.kind = k;
        continue;
      }
    }
    if (c.kind === 'paragraph') bodyParagraphs++;
  }
  return { blocks: cands, published, byline, url: labelledUrl ?? bareUrl };
}
