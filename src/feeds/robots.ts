// robots.txt: the rules of the group for "eventwire" if there is one, otherwise of the group for
// "*"; the longest matching Allow/Disallow path wins (Allow on a tie); `*` and a final `$` are
// understood in paths. An empty Disallow allows everything.

export const ROBOTS_AGENT = 'eventwire';

export interface RobotsRules {
  allow: string[];
  disallow: string[];
}

/** The rules that apply to eventwire in a robots.txt. */
export function parseRobots(text: string, agent = ROBOTS_AGENT): RobotsRules {
  const groups: { agents: string[]; allow: string[]; disallow: string[] }[] = [];
  let current: (typeof groups)[number] | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], allow: [], disallow: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'disallow' && value) current.disallow.push(value);
    else if (key === 'allow' && value) current.allow.push(value);
  }
  const own = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.toLowerCase().startsWith(a)));
  const chosen = own.length ? own : groups.filter((g) => g.agents.includes('*'));
  return { allow: chosen.flatMap((g) => g.allow), disallow: chosen.flatMap((g) => g.disallow) };
}

function patternMatch(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const re = new RegExp('^' + body.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + (anchored ? '$' : ''));
  return re.test(path);
}

/** Whether a URL's path (with its query) may be fetched under the rules. */
export function robotsAllows(rules: RobotsRules, url: string): boolean {
  const u = new URL(url);
  const path = u.pathname + u.search;
  let best = -1;
  let allowed = true;
  for (const p of rules.allow) if (patternMatch(p, path) && p.length >= best) { best = p.length; allowed = true; }
  for (const p of rules.disallow) if (patternMatch(p, path) && p.length > best) { best = p.length; allowed = false; }
  return allowed;
}
