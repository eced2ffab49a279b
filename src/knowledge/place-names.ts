// Place-name keys: how the gazetteer folds a written name into the key it is indexed and looked
// up by, and the spelling variants it indexes besides (transliterations, type words dropped).
// Shared by the gazetteer (src/knowledge/gazetteer.ts) and the generator of its prebuilt city
// index (src/knowledge/city-index.ts), so that both fold names the same way.

const SPECIAL: Record<string, string> = {
  'ı': 'i', 'ø': 'o', 'Ø': 'o', 'æ': 'ae', 'Æ': 'ae', 'ß': 'ss', 'đ': 'd', 'Đ': 'd', 'ł': 'l', 'Ł': 'l',
  'þ': 'th', 'Þ': 'th', 'œ': 'oe', 'Œ': 'oe', 'ð': 'd', 'Ð': 'd', 'ħ': 'h', 'Ħ': 'h',
};
const WORD_ABBR: Record<string, string> = { st: 'saint', ste: 'sainte', mt: 'mount', ft: 'fort' };

/**
 * The lookup key of a name: diacritics folded, lower case, apostrophes and full stops dropped,
 * hyphens, commas and runs of space made one space, St/Mt/Ft spelled out.
 * "Washington, D.C." and "Washington DC" → "washington dc"; "Al-Ḩasakah" → "al hasakah".
 */
const SIMPLE = /^[A-Za-z]+(?: [A-Za-z]+)*$/;
const ABBR_RE = /\b(?:st|ste|mt|ft)\b/;

export function nameKey(s: string): string {
  if (SIMPLE.test(s)) {
    const low = s.toLowerCase();
    return ABBR_RE.test(low) ? low.replace(/\b(?:st|ste|mt|ft)\b/g, (w) => WORD_ABBR[w]) : low;
  }
  let t = s;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(t)) {
    t = t.normalize('NFD').replace(/\p{M}/gu, '').replace(/[ıøØæÆßđĐłŁþÞœŒðÐħĦ]/g, (c) => SPECIAL[c]);
  }
  t = t.toLowerCase().replace(/[’'ʼʻʿʾ‘`´".]/g, '').replace(/[\s\-‐‑–—,_]+/g, ' ').trim();
  if (ABBR_RE.test(t)) t = t.replace(/\b(?:st|ste|mt|ft)\b/g, (w) => WORD_ABBR[w]);
  return t;
}

/** An acronym key ("U.S." → "US", "D.R.C." → "DRC"); null when the form is not an all-capitals acronym. */
export function acronymKey(s: string): string | null {
  if (s.length > 12 || /[a-z]/.test(s)) return null;
  const t = s.replace(/[.\s]/g, '');
  return /^[A-Z]{2,5}$/.test(t) ? t : null;
}

// Countries where Arabic article and -ah endings vary in transliteration.
export const ARABIC_SCRIPT = new Set(['SY', 'IQ', 'YE', 'LB', 'JO', 'PS', 'SA', 'AE', 'OM', 'QA', 'BH', 'KW', 'EG', 'LY', 'TN', 'DZ', 'MA', 'SD', 'MR', 'EH']);

/** Transliteration variants of an Arabic place name key: "ar raqqah" → "raqqah", "raqqa", "ar raqqa". */
export function arabicVariants(key: string): string[] {
  const out = new Set<string>();
  const forms = [key];
  const m = /^(?:al|el|ar|as|ad|an|at|az|ash|ath|adh|ad|ag|ak|aş|ul)\s+(.{4,})$/.exec(key);
  if (m) forms.push(m[1]);
  for (const f of forms) {
    out.add(f);
    if (/[^aeiou]ah$/.test(f)) out.add(f.slice(0, -1));
    if (/iyah$/.test(f)) out.add(f.slice(0, -4) + 'iya');
    if (/[^aeiou]eh$/.test(f)) out.add(f.slice(0, -1));
  }
  out.delete(key);
  return [...out];
}

// Admin-1 names carry a type word in country-state-city ("Aleppo Governorate", "Donetska oblast").
export const ADMIN_SUFFIX = /\s+(?:governorate|province|region|oblast|prefecture|emirate|district|county|department|municipality|state|territory|division|voivodeship|krai|kraj|okrug|canton|parish|zone|borough|council|autonomous region|special administrative region|sar|capital district|capital territory|metropolitan city)$/;
export const ADMIN_PREFIX = /^(?:city of|london borough of|royal borough of|province of|state of|region of|autonomous republic of|republic of)\s+/;
