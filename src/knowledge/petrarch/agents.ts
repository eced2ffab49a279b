// Reads PETRARCH2's agents dictionary (Phoenix.agents.txt): generic actor nouns → agent codes.
import { phraseWords, regularPlural, stripComment, type ImportMessage } from './common.js';
import type { PetrarchAgent } from './schema.js';

/** Kinds for agent sectors eventwire's sectors.json does not list. */
const FALLBACK_KINDS: Record<string, PetrarchAgent['kind']> = {
  PPL: 'civilians', CRM: 'group', UAF: 'armed group', IMG: 'armed group', INS: 'armed group',
  IGO: 'igo', NGM: 'ngo', PTY: 'party', ELI: 'person',
};

/**
 * Agent records, one per phrase after `!SET!` substitution. `sectorKinds` maps a CAMEO sector
 * (GOV, MIL, COP …) to the kind eventwire gives such an actor (from sectors.json).
 */
export function parseAgents(text: string, file: string, sectorKinds: Map<string, string>, messages: ImportMessage[] = []): PetrarchAgent[] {
  const subs = new Map<string, string[]>();
  const out: PetrarchAgent[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const n = i + 1;
    if (raw.startsWith('<!')) return;
    const line = stripComment(raw).trim();
    if (!line) return;
    const sub = /^(![A-Z]+!)\s*=\s*(.+)$/.exec(line);
    if (sub) {
      subs.set(sub[1], sub[2].split(',').map((s) => s.trim()).filter(Boolean));
      return;
    }
    // "[~ENV}" occurs: a code closed by } is read as if closed by ].
    const c = /\[([^\]}]*)[\]}]\s*$/.exec(line);
    if (!c) { messages.push({ file, line: n, message: `agent without a [code]: ${line.slice(0, 60)}` }); return; }
    const code = /^(~)?([A-Z]{3,})(~)?$/.exec(c[1].trim());
    if (!code || (!code[1] && !code[3])) { messages.push({ file, line: n, message: `unreadable agent code [${c[1]}]` }); return; }
    let rest = line.slice(0, c.index).trim();
    let plural: string | null | undefined;
    const p = /\{([^}]*)\}\s*$/.exec(rest);
    if (p) {
      plural = p[1].trim() ? phraseWords(p[1]) : null;
      rest = rest.slice(0, p.index).trim();
    }
    let phrases = [rest];
    for (const [marker, items] of subs) {
      // Substituted forms are taken as written: no plural is formed from them.
      if (phrases.some((s) => s.includes(marker))) {
        phrases = phrases.flatMap((s) => items.map((it) => s.split(marker).join(it)));
        plural = null;
      }
    }
    if (phrases.some((s) => /!/.test(s))) { messages.push({ file, line: n, message: `unknown substitution in ${rest}` }); return; }
    const sector = code[2].slice(0, 3);
    const kind = (sectorKinds.get(sector) ?? FALLBACK_KINDS[sector] ?? 'group') as PetrarchAgent['kind'];
    for (const s of phrases) {
      const phrase = phraseWords(s.replace(/_+$/, ''));
      if (!phrase || seen.has(phrase)) continue;
      seen.add(phrase);
      const rec: PetrarchAgent = { phrase, code: code[2], sector, kind, line: n };
      const pl = plural === undefined ? regularPlural(phrase) : plural;
      if (pl && pl !== phrase) rec.plural = pl;
      if (code[3]) rec.prefix = true;
      out.push(rec);
    }
  });
  return out;
}
