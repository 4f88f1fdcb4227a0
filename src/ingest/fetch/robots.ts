/** One Allow or Disallow line of the group that applies to us. */
interface RobotsRule {
  readonly allow: boolean;
  readonly pattern: RegExp;
  /** Length of the path pattern: the longest matching rule wins (RFC 9309). */
  readonly length: number;
}

/** The rules of a robots.txt that apply to one user agent. */
export interface RobotsRules {
  readonly rules: readonly RobotsRule[];
}

/** Rules that allow everything (no robots.txt, or one with no group for us). */
export const ALLOW_ALL: RobotsRules = { rules: [] };
/** Rules that allow nothing (robots.txt could not be read: RFC 9309 says assume complete disallow). */
export const DISALLOW_ALL: RobotsRules = {
  rules: [{ allow: false, pattern: /^\//, length: 1 }],
};

/** A robots.txt path pattern as a regular expression: `*` any characters, a final `$` the end. */
function patternToRegExp(path: string): RegExp {
  const anchored = path.endsWith('$');
  const body = (anchored ? path.slice(0, -1) : path)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

interface Group {
  readonly agents: string[];
  readonly rules: RobotsRule[];
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (m === null) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (current === undefined || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (current === undefined || (key !== 'allow' && key !== 'disallow')) continue;
    // an empty Disallow allows everything: it adds no rule
    if (value === '') continue;
    current.rules.push({ allow: key === 'allow', pattern: patternToRegExp(value), length: value.length });
  }
  return groups;
}

/**
 * The rules of a robots.txt for a user agent: the groups naming a token of the agent's product
 * name (case-insensitive), else the `*` groups (RFC 9309).
 *
 * @example
 * const rules = parseRobots('User-agent: *\nDisallow: /private/', 'demarche');
 * isAllowedByRobots(rules, '/private/a.html'); // false
 */
export function parseRobots(text: string, product: string): RobotsRules {
  const groups = parseGroups(text);
  const name = product.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && a !== '' && name.includes(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  return { rules: chosen.flatMap((g) => g.rules) };
}

/**
 * Whether robots rules allow a path (with its query): the longest matching rule decides, Allow
 * winning a tie; `/robots.txt` itself is always allowed.
 *
 * @example
 * isAllowedByRobots(parseRobots('User-agent: *\nDisallow: /\nAllow: /news/', 'demarche'), '/news/a'); // true
 */
export function isAllowedByRobots(robots: RobotsRules, path: string): boolean {
  if (path === '/robots.txt') return true;
  let best: RobotsRule | undefined;
  for (const rule of robots.rules) {
    if (!rule.pattern.test(path)) continue;
    if (best === undefined || rule.length > best.length || (rule.length === best.length && rule.allow))
      best = rule;
  }
  return best?.allow ?? true;
}
