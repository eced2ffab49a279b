// Reads PETRARCH2's verb dictionary (CAMEO.2.0.txt): noun synonym sets, verb blocks with their
// verbs and patterns. The format is described in PETRARCH2's dictionaries.rst.
import { phraseWords, regularPlural, regularVerbForms, stripComment, type ImportMessage } from './common.js';
import type { PetrarchBlock, PetrarchPattern, PetrarchVerb, SlotName } from './schema.js';

/** Words written after a verb that a dependency parse attaches as its particle (compound:prt). */
const PARTICLES = new Set(['up', 'down', 'off', 'out', 'away', 'back', 'forward', 'aside', 'together', 'apart', 'ahead', 'over', 'around', 'through', 'on', 'in']);
/** Of those, the ones PETRARCH sometimes writes like a preposition: `(ASIDE RIFT)`. */
const NOT_PREPOSITIONS = new Set(['aside', 'away', 'back', 'forward', 'together', 'apart', 'ahead']);
const ARTICLES = new Set(['a', 'an', 'the']);
const CODE = /^\d{2,4}$/;

export interface VerbDictionary {
  synsets: Record<string, string[]>;
  blocks: PetrarchBlock[];
  transformations: number;
}

export function parseVerbDictionary(text: string, file: string, messages: ImportMessage[] = []): VerbDictionary {
  const synsets: Record<string, string[]> = {};
  const blocks: PetrarchBlock[] = [];
  let block: PetrarchBlock | null = null;
  let synset: { name: string; plural: boolean } | null = null;
  let transformations = 0;
  const warn = (line: number, message: string) => messages.push({ file, line, message });

  text.split(/\r?\n/).forEach((raw, i) => {
    const n = i + 1;
    if (raw.startsWith('<!')) return;
    const line = stripComment(raw).trim();
    if (!line) return;
    if (line.startsWith('&')) {
      const label = line.split(/\s+/)[0];
      const plural = !label.endsWith('_');
      const name = label.slice(1).replace(/_$/, '').toLowerCase();
      synset = { name, plural };
      synsets[name] = [];
      return;
    }
    if (line.startsWith('+') && synset) {
      const word = line.slice(1).trim();
      const phrase = phraseWords(word.replace(/_$/, ''));
      if (!phrase) return warn(n, 'empty synonym');
      const list = synsets[synset.name];
      if (!list.includes(phrase)) list.push(phrase);
      const plural = synset.plural && !word.endsWith('_') ? regularPlural(phrase) : null;
      if (plural && !list.includes(plural)) list.push(plural);
      return;
    }
    synset = null;
    if (line.startsWith('---')) {
      const m = /^---\s*(.*?)\s*(?:\[([^\]]*)\])?\s*---/.exec(line);
      if (!m) return warn(n, `unreadable block header: ${line.slice(0, 60)}`);
      const codes = readCode(m[2] ?? '---');
      if (!codes) return warn(n, `block ${m[1]}: unreadable code [${m[2]}]`);
      block = { name: m[1].replace(/\s+/g, '_'), line: n, cameo: codes.active, verbs: [], patterns: [] };
      if (codes.passive) block.passive = codes.passive;
      blocks.push(block);
      return;
    }
    if (line.startsWith('~')) {
      // Verb-in-verb transformations ("A said A will attack B" → threaten) need the clause tree, not a pattern.
      transformations++;
      return;
    }
    if (!block) return warn(n, `outside any verb block: ${line.slice(0, 60)}`);
    if (line.startsWith('-')) {
      const p = parsePattern(line.slice(1), n, synsets, warn);
      if (p) block.patterns.push(p);
      return;
    }
    const v = parseVerb(line, n, warn);
    if (v && !block.verbs.some((o) => o.lemma === v.lemma && o.particle === v.particle && o.before === v.before)) block.verbs.push(v);
  });
  for (const b of blocks) if (!b.verbs.length) warn(b.line, `block ${b.name} has no verbs`);
  return { synsets, blocks, transformations };
}

function readCode(raw: string): { active: string | null; passive?: string } | null {
  const s = raw.trim();
  if (s === '---' || s === '') return { active: null };
  const [a, p, extra] = s.split(':').map((x) => x.trim());
  if (extra !== undefined) return null;
  const active = a === '' || a === '---' ? null : a;
  const passive = p === undefined || p === '' || p === '---' ? undefined : p;
  if ((active && !CODE.test(active)) || (passive && !CODE.test(passive))) return null;
  return passive ? { active, passive } : { active };
}

/** `HURRY {HURRIES HURRYING HURRIED}`, `+CORDON_OFF {+CORDONED_OFF ...}`, `WIRE_+TAP`, `ASK [020]`. */
function parseVerb(line: string, n: number, warn: (n: number, m: string) => void): PetrarchVerb | null {
  let rest = line;
  let code: ReturnType<typeof readCode> = { active: null };
  let hasCode = false;
  const c = /\[([^\]]*)\]\s*$/.exec(rest);
  if (c) {
    code = readCode(c[1]);
    if (!code) { warn(n, `unreadable verb code [${c[1]}]`); return null; }
    hasCode = true;
    rest = rest.slice(0, c.index);
  }
  let forms: string[] | null = null;
  const f = /\{([^}]*)\}/.exec(rest);
  if (f) {
    forms = f[1].split(/\s+/).filter(Boolean);
    rest = rest.slice(0, f.index);
  }
  const words = rest.trim().split(/\s+/);
  if (words.length !== 1 || !words[0]) { warn(n, `not one verb: ${line.slice(0, 60)}`); return null; }
  const split = splitCompound(words[0]);
  if (!/^[a-z][a-z'-]*$/.test(split.verb)) { warn(n, `not a verb: ${words[0]}`); return null; }
  // "KIDNAPPED_AND_KILLED": two coordinated verbs, which a parse sees as two; each has its own block.
  if (/\b(and|or)\b/.test(split.after ?? '')) { warn(n, `coordinated verbs ${words[0]}: skipped`); return null; }
  const v: PetrarchVerb = { lemma: split.verb, line: n };
  if (split.before) v.before = split.before;
  if (split.after) v.particle = split.after;
  v.forms = forms ? forms.map((w) => splitCompound(w).verb).filter((w) => w && w !== split.verb) : regularVerbForms(split.verb);
  if (hasCode) {
    v.cameo = code!.active;
    if (code!.passive) v.passive = code!.passive;
  }
  return v;
}

/** `WIRE_+TAP` → verb tap, before "wire"; `+COME_UPON` → verb come, after "upon". */
function splitCompound(token: string): { verb: string; before?: string; after?: string } {
  const parts = token.split('_').filter(Boolean);
  let at = parts.findIndex((p) => p.startsWith('+'));
  if (at < 0) at = 0;
  const verb = parts[at].replace(/^\+/, '').toLowerCase();
  const out: { verb: string; before?: string; after?: string } = { verb };
  if (at > 0) out.before = parts.slice(0, at).join(' ').toLowerCase();
  if (at < parts.length - 1) out.after = parts.slice(at + 1).join(' ').toLowerCase();
  return out;
}

type Tok = string;

function tokenize(s: string): Tok[] {
  return s.replace(/([(){}])/g, ' $1 ').split(/\s+/).filter(Boolean);
}

/** `- [pre-verb nouns] [pre-verb preps] * [post-verb nouns] [post-verb preps] [CODE]`. */
function parsePattern(body: string, n: number, synsets: Record<string, string[]>, warn: (n: number, m: string) => void): PetrarchPattern | null {
  const c = /\[([^\]]*)\]\s*$/.exec(body);
  if (!c) { warn(n, 'pattern without a [code]'); return null; }
  const code = readCode(c[1]);
  if (!code) { warn(n, `unreadable pattern code [${c[1]}]`); return null; }
  const text = body.slice(0, c.index);
  const star = text.indexOf('*');
  if (star < 0 || text.indexOf('*', star + 1) >= 0) { warn(n, 'pattern needs exactly one *'); return null; }
  const p: PetrarchPattern = { line: n, cameo: code.active, words: [] };
  if (code.passive) p.passive = code.passive;
  const roles: { source?: SlotName; target?: SlotName } = {};
  const more: string[] = [];
  const preps: NonNullable<PetrarchPattern['preps']> = [];
  let undefinedSynset = '';

  const checkSynsets = (phrase: string) => {
    for (const w of phrase.split(' ')) if (w.startsWith('&') && !synsets[w.slice(1)]) undefinedSynset = w;
  };
  const phraseOf = (toks: Tok[]) => toks.map((t) => t.toLowerCase()).filter((t) => !ARTICLES.has(t)).join(' ');

  for (const half of ['pre', 'post'] as const) {
    const toks = tokenize(half === 'pre' ? text.slice(0, star) : text.slice(star + 1));
    if (half === 'post') p.words.push('*');
    let lastSlot: SlotName | null = null;
    let sawNoun = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t === '$' || t === '+' || t === '^' || t === '%') {
        if (t === '$' || t === '+') {
          const slot: SlotName = lastSlot ?? (half === 'pre' ? 'subject' : 'object');
          roles[t === '$' ? 'source' : 'target'] = slot;
        }
        continue;
      }
      if (t === '(') {
        const close = toks.indexOf(')', i);
        if (close < 0) { warn(n, 'unclosed ('); return null; }
        const inner = toks.slice(i + 1, close);
        i = close;
        const cs = (inner.shift() ?? '').toLowerCase();
        if (!/^[a-z][a-z-]*$/.test(cs)) { warn(n, `no preposition in (${inner.join(' ')})`); return null; }
        let role: 'source' | 'target' | undefined;
        const words = inner.filter((w) => {
          if (w === '$') { role = 'source'; return false; }
          if (w === '+') { role = 'target'; return false; }
          return w !== '^' && w !== '%' && w !== '{' && w !== '}';
        });
        p.words.push(cs, ...words.map((w) => w.toLowerCase()));
        const obj = phraseOf(words);
        if (obj) checkSynsets(obj);
        if (NOT_PREPOSITIONS.has(cs) && half === 'post' && !p.particle && !sawNoun) {
          p.particle = cs;
          if (obj) { p.object = obj; sawNoun = true; lastSlot = 'object'; }
          continue;
        }
        const prep: NonNullable<PetrarchPattern['preps']>[number] = { case: cs };
        if (obj) prep.object = obj;
        preps.push(prep);
        lastSlot = `prep:${cs}`;
        if (role) roles[role] = lastSlot;
        continue;
      }
      let phrase: string;
      if (t === '{') {
        const close = toks.indexOf('}', i);
        if (close < 0) { warn(n, 'unclosed {'); return null; }
        const inner = toks.slice(i + 1, close);
        i = close;
        phrase = phraseOf(inner);
        p.words.push(...inner.map((w) => w.toLowerCase()));
      } else {
        phrase = phraseOf([t]);
        p.words.push(t.toLowerCase());
      }
      if (!phrase) continue;
      checkSynsets(phrase);
      if (half === 'post' && !sawNoun && !p.particle && !preps.length && PARTICLES.has(phrase)) {
        p.particle = phrase;
        continue;
      }
      if (half === 'pre' && !p.subject) { p.subject = phrase; lastSlot = 'subject'; }
      else if (half === 'post' && !p.object) { p.object = phrase; lastSlot = 'object'; }
      else { more.push(phrase); lastSlot = null; }
      sawNoun = true;
    }
  }
  if (undefinedSynset) { warn(n, `undefined synonym set ${undefinedSynset}: pattern skipped (as PETRARCH does)`); return null; }
  if (preps.length) p.preps = preps;
  if (more.length) p.more = more;
  if (roles.source || roles.target) p.roles = roles;
  return p;
}
