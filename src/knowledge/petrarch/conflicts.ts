// Where eventwire's own trigger lexicon and the imported PETRARCH2 patterns speak of the same
// verb and arguments but name different PLOVER types. eventwire's lexicon wins; this lists them.
import type { Sector, Trigger } from '../../model/schema.js';
import type { PetrarchAgents, PetrarchVerbs, VerbPattern } from './index.js';

const FUNCTION_WORDS = new Set([
  'to', 'for', 'with', 'against', 'on', 'in', 'into', 'from', 'of', 'at', 'by', 'about', 'over', 'under', 'upon', 'between',
  'up', 'down', 'off', 'out', 'away', 'back', 'forward', 'aside', 'together', 'around', 'through', 'as', 'toward', 'towards',
]);

export interface LexiconConflict {
  lemma: string;
  trigger: { id: string; pattern: string; type: string };
  petrarch: { id: string; words: string; cameo: string; plover: string; line: number };
  /** the pattern asks for modifiers the trigger does not name ("launch verbal attack"): a word sense, not a contradiction */
  narrower: boolean;
}

export interface ConflictReport {
  conflicts: LexiconConflict[];
  /** pairs where both name the same PLOVER type */
  agreements: number;
  /** eventwire verb triggers that PETRARCH2 has a comparable pattern for */
  triggersCompared: number;
}

const heads = (alts: string[] | undefined) => (alts ?? []).flatMap((a) => {
  const h = a.split(' ').pop()!;
  return h.endsWith('s') ? [h, h.slice(0, -1)] : [h];
});

/**
 * The argument words of a PETRARCH pattern: function words (particle, cases), the particle alone,
 * and one set of head words per noun slot (object, each preposition's noun, further nouns).
 */
function patternWords(p: VerbPattern): { fn: Set<string>; particle: string[]; slots: string[][] } | null {
  if (p.subject && !p.object && !p.preps) return null;
  const particle = p.particle?.split(' ') ?? [];
  const fn = new Set([...particle, ...(p.preps ?? []).map((x) => x.case)]);
  const slots = [p.object, ...(p.preps ?? []).map((x) => x.object), ...(p.more ?? [])]
    .filter((alts): alts is string[] => !!alts)
    .map((alts) => alts.filter((a) => !FUNCTION_WORDS.has(a.split(' ').pop()!)))
    .filter((alts) => alts.length > 0);
  return { fn, particle, slots };
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

export function lexiconConflicts(triggers: Trigger[], verbs: PetrarchVerbs): ConflictReport {
  const conflicts: LexiconConflict[] = [];
  let agreements = 0;
  let triggersCompared = 0;
  for (const t of triggers) {
    if (t.pos !== 'verb') continue;
    const toks = t.pattern.split(/\s+/).filter((x) => x && x !== '...');
    const lemmas = toks[0].split('|');
    const rest = toks.slice(1).flatMap((x) => x.split('|'));
    const fn = new Set(rest.filter((w) => FUNCTION_WORDS.has(w)));
    const content = new Set(rest.filter((w) => !FUNCTION_WORDS.has(w)));
    let compared = false;
    for (const lemma of lemmas) {
      for (const p of verbs.patterns(lemma)) {
        if (!p.plover) continue;
        const pw = patternWords(p);
        if (!pw) continue;
        // Comparable: the same particle, and every noun PETRARCH2 asks for is one the trigger names
        // ("hold up talks" is not "hold talks"; "hold talks on contract" is narrower than it).
        const comparable = content.size
          ? pw.slots.length > 0 && pw.slots.every((alts) => heads(alts).some((w) => content.has(w))) && pw.particle.every((w) => fn.has(w))
          : pw.slots.length === 0 && sameSet(fn, pw.fn);
        if (!comparable) continue;
        compared = true;
        if (p.plover === t.type) { agreements++; continue; }
        conflicts.push({
          lemma,
          trigger: { id: t.id, pattern: t.pattern, type: t.type },
          petrarch: { id: p.id, words: p.words.join(' '), cameo: p.cameo!, plover: p.plover, line: p.line },
          narrower: pw.slots.some((alts) => alts.filter((a) => heads([a]).some((w) => content.has(w))).every((a) => a.includes(' ') && !a.split(' ').slice(0, -1).some((m) => content.has(m)))),
        });
      }
    }
    if (compared) triggersCompared++;
  }
  return { conflicts, agreements, triggersCompared };
}

export interface SectorConflict { word: string; sector: string; agent: { phrase: string; code: string; sector: string } }

/** sectors.json words the agents dictionary puts in another sector. */
export function sectorConflicts(sectors: Sector[], agents: PetrarchAgents): { conflicts: SectorConflict[]; agreements: number } {
  const conflicts: SectorConflict[] = [];
  let agreements = 0;
  for (const s of sectors) {
    for (const w of s.words) {
      const a = agents.of(w);
      if (!a) continue;
      if (a.sector === s.sector) agreements++;
      else conflicts.push({ word: w, sector: s.sector, agent: { phrase: a.phrase, code: a.code, sector: a.sector } });
    }
  }
  return { conflicts, agreements };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function conflictsMarkdown(lex: ConflictReport, sec: { conflicts: SectorConflict[]; agreements: number }): string {
  const lines = [
    '# PETRARCH2 import: where it disagrees with eventwire\'s own knowledge',
    '',
    'Generated by `npm run import:petrarch`; do not edit. eventwire\'s own lexicon and sectors win',
    'wherever both speak: the event stage uses a PETRARCH2 pattern only where no own trigger',
    'covers the same verb and argument.',
    '',
    '## Verb triggers',
    '',
    'A pair is compared when an eventwire verb trigger and a PETRARCH2 pattern share the verb lemma and',
    'either every noun the pattern asks for is one the trigger names, with the pattern\'s particle among',
    'the trigger\'s words (`call for ... release` and `CALL * (FOR RELEASE)`), or neither names a noun and',
    'both have the same particles and prepositions (`meet` and the bare verb `MEET`).',
    '',
    `- eventwire verb triggers with a comparable PETRARCH2 pattern: ${lex.triggersCompared}`,
    `- pairs naming the same PLOVER type: ${lex.agreements}`,
    `- pairs naming different PLOVER types (listed below): ${lex.conflicts.length}, of which ${lex.conflicts.filter((c) => c.narrower).length} are narrower:`,
    '  the pattern asks for a modifier the trigger does not name ("launch verbal attack" → ACCUSE), a word',
    '  sense the trigger may lack rather than a contradiction',
    '',
  ];
  const byType = new Map<string, number>();
  for (const c of lex.conflicts) {
    const k = `${c.trigger.type} ← ${c.petrarch.plover}`;
    byType.set(k, (byType.get(k) ?? 0) + 1);
  }
  if (byType.size) {
    lines.push('| eventwire type ← PETRARCH2 type | pairs |', '|---|---|');
    for (const [k, n] of [...byType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) lines.push(`| ${k} | ${n} |`);
    lines.push('');
    lines.push('| lemma | eventwire trigger | type | PETRARCH2 pattern | CAMEO | type | narrower | line |', '|---|---|---|---|---|---|---|---|');
    for (const c of lex.conflicts) {
      lines.push(`| ${c.lemma} | \`${cell(c.trigger.id)}\`: ${cell(c.trigger.pattern)} | ${c.trigger.type} | ${cell(c.petrarch.words)} | ${c.petrarch.cameo} | ${c.petrarch.plover} | ${c.narrower ? 'yes' : ''} | ${c.petrarch.line} |`);
    }
    lines.push('');
  }
  lines.push('## Agent nouns', '', `sectors.json words the agents dictionary also lists: ${sec.agreements + sec.conflicts.length}; same sector: ${sec.agreements}; another sector: ${sec.conflicts.length}.`, '');
  if (sec.conflicts.length) {
    lines.push('| word | eventwire sector | PETRARCH2 agent | code |', '|---|---|---|---|');
    for (const c of sec.conflicts) lines.push(`| ${c.word} | ${c.sector} | ${c.agent.phrase} | ${c.agent.code} |`);
    lines.push('');
  }
  return lines.join('\n');
}
