// Reads PETRARCH2's actor dictionaries: a primary phrase, `+` synonyms, and `[CODE dates]`
// restrictions (inline or on tab-indented lines) that say which code applies when.
import { displayName, isoDay, nameKey, stripComment, type ImportMessage } from './common.js';
import type { ActorFile, PetrarchActor, PetrarchRole } from './schema.js';

export type { ActorFile };

/** Words that make a name a body rather than a person. */
const GROUP_WORDS = new Set([
  'army', 'forces', 'force', 'party', 'front', 'movement', 'brigade', 'brigades', 'organization', 'organisation',
  'council', 'committee', 'union', 'ministry', 'government', 'police', 'guard', 'guards', 'group', 'groups',
  'association', 'alliance', 'league', 'federation', 'agency', 'commission', 'court', 'bank', 'fund', 'office',
  'assembly', 'parliament', 'congress', 'senate', 'cabinet', 'militia', 'militias', 'rebels', 'cells', 'faction',
  'nuclei', 'coalition', 'network', 'institute', 'university', 'service', 'services', 'department', 'authority',
  'company', 'corporation', 'program', 'programme', 'bureau', 'tribunal', 'mission', 'secretariat', 'board',
  'troops', 'battalion', 'regiment', 'command', 'navy', 'unit', 'units', 'society', 'foundation', 'centre', 'center',
  'jihad', 'taliban', 'mujahideen', 'resistance', 'revolution', 'revolutionary', 'liberation', 'islamic', 'national', 'people\'s',
]);

interface Draft {
  names: string[];
  line: number;
  file: ActorFile;
  fromCountryInfo: boolean;
  defaults: string[];
  roles: PetrarchRole[];
}

export interface ActorParse {
  records: (PetrarchActor & { file: ActorFile; line: number })[];
  /** the latest day any restriction names */
  latestDay: string | null;
}

export function parseActors(text: string, file: string, which: ActorFile, messages: ImportMessage[] = []): ActorParse {
  const drafts: Draft[] = [];
  let cur: Draft | null = null;
  let latestDay: string | null = null;
  const warn = (line: number, message: string) => messages.push({ file, line, message });

  const readRestrictions = (s: string, n: number) => {
    for (const m of s.matchAll(/\[([^\]]*)\]/g)) {
      const parts = m[1].trim().split(/\s+/);
      const code = parts[0];
      if (!/^[A-Z]{3,}$/.test(code ?? '')) {
        if (code !== '---') warn(n, `unreadable actor code [${m[1]}]`);
        continue;
      }
      if (parts.length === 1) { cur!.defaults.push(code); continue; }
      const spec = parts.slice(1).join('');
      let from: string | null = null;
      let to: string | null = null;
      let ok: boolean;
      if (spec.startsWith('<')) ok = !!(to = isoDay(spec.slice(1)));
      else if (spec.startsWith('>')) ok = !!(from = isoDay(spec.slice(1)));
      else {
        const [a, b, extra] = spec.split('-');
        from = isoDay(a);
        to = isoDay(b ?? '');
        ok = !!from && !!to && extra === undefined && from <= to;
      }
      if (!ok) { warn(n, `unreadable date in [${m[1]}]: restriction skipped`); continue; }
      for (const d of [from, to]) if (d && (!latestDay || d > latestDay)) latestDay = d;
      cur!.roles.push([code, from, to]);
    }
  };

  text.split(/\r?\n/).forEach((raw, i) => {
    const n = i + 1;
    if (raw.startsWith('#') || raw.startsWith('<!')) return;
    const line = stripComment(raw);
    if (!line.trim()) return;
    const comment = raw.slice(line.length);
    const body = line.trim();
    if (/^\s/.test(line) || body.startsWith('[')) {
      if (!cur) return warn(n, 'restriction before any actor');
      readRestrictions(body, n);
      return;
    }
    const bracket = body.indexOf('[');
    const phrase = (bracket >= 0 ? body.slice(0, bracket) : body).trim();
    const isSynonym = phrase.startsWith('+');
    const name = displayName(phrase.replace(/^\+/, '').replace(/_+$/, ''));
    if (!name) return warn(n, 'empty actor phrase');
    if (isSynonym && cur) cur.names.push(name);
    else {
      if (isSynonym) warn(n, 'synonym before any actor: read as a new actor');
      cur = { names: [name], line: n, file: which, fromCountryInfo: /CountryInfo/.test(comment), defaults: [], roles: [] };
      drafts.push(cur);
    }
    if (bracket >= 0) readRestrictions(body.slice(bracket), n);
  });

  const records = drafts.map((d) => finish(d));
  return { records, latestDay };
}

function finish(d: Draft): PetrarchActor & { file: ActorFile; line: number } {
  const keys = new Set<string>();
  const names = d.names.filter((nm) => { const k = nameKey(nm); if (keys.has(k)) return false; keys.add(k); return true; });
  // "Animal Liberation Front (ALF)" is known as "Animal Liberation Front"; the written form stays an alias.
  const bare = names[0].replace(/\s*\([^)]*\)$/, '');
  if (bare !== names[0] && bare && !keys.has(nameKey(bare))) names.unshift(bare);
  const rec: PetrarchActor = { name: names[0], kind: guessKind(names, d) };
  if (names.length > 1) rec.aliases = names.slice(1);
  if (d.defaults.length) rec.code = d.defaults[0];
  if (d.roles.length) rec.roles = d.roles;
  return { ...rec, file: d.file, line: d.line };
}

function guessKind(names: string[], d: Draft): PetrarchActor['kind'] {
  const words = names.flatMap((nm) => nameKey(nm).split(/[\s-]+/));
  if (words.some((w) => GROUP_WORDS.has(w))) return 'group';
  if (/^[A-Z.&]{2,8}$/.test(names[0])) return 'group';
  // International and non-governmental bodies listed without dates are organisations, not their officers.
  if (!d.roles.length && d.defaults.some((c) => /^(IGO|NGO)/.test(c))) return 'group';
  if (d.fromCountryInfo) return 'person';
  if (d.roles.length && names[0].includes(' ')) return 'person';
  return 'unknown';
}
