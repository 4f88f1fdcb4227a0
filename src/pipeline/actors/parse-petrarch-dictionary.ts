import type { DatedCode, UserActor, UserActors, UserAgent } from './parse-user-actors.js';

/** Codes PETRARCH uses for "recognise the name but code nothing". */
const NULL_CODES = new Set(['---', '+++', '###']);
const FUNCTION_WORDS = new Set(['of', 'the', 'and', 'for', 'de', 'la', 'le', 'du', 'des', 'on', 'in', 'to']);

interface Draft {
  names: string[];
  codes: { code: string; from: string | null; to: string | null }[];
  plurals: string[] | null;
}

/**
 * Reads a PETRARCH/TABARI actor or agent dictionary: entries `NAME_WITH_UNDERSCORES [CODE]`,
 * synonyms on `+NAME` lines, codes on the following lines, date-bounded codes
 * (`[HOBGOV 19950601 - 19990815]`, `[HOB < 950601]`, `[HOBREB > 990816]`), agents
 * `[~GOV]` with plural forms (`{PLURAL}`, `{}` for none) and `!SUBST! = A, B` markers.
 * Comments (`#`, `<!-- -->`) are skipped. Entries whose code is `---` are kept with no code,
 * so their words match and code nothing. A code list `FRO/BIL/SAM` is kept whole: the stage
 * gives one mention per code.
 *
 * @example
 * parsePetrarchDictionary('GONDOR [GON]\n+MINAS_TIRITH\n').actors[0]?.names; // ['Gondor', 'Minas Tirith']
 */
export function parsePetrarchDictionary(text: string): UserActors {
  const substitutions = new Map<string, string[]>();
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const body = text.replace(/<!\s*-*[\s\S]*?-->/g, '\n');
  for (const rawLine of body.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (line === '' || line.startsWith('<')) continue;
    const subst = /^!([A-Z0-9_]+)!\s*=\s*(.+)$/i.exec(line);
    if (subst) {
      substitutions.set(
        subst[1]!.toUpperCase(),
        subst[2]!
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
      continue;
    }
    const codes = [...line.matchAll(/\[([^\]]*)\]/g)].map((m) => parseCode(m[1]!));
    const head = line.replace(/\[[^\]]*\]/g, '').trim();
    if (line.startsWith('[')) {
      if (current) current.codes.push(...codes.filter((c) => c !== null));
      continue;
    }
    if (head.startsWith('+')) {
      if (current) current.names.push(head.slice(1).trim());
      if (current) current.codes.push(...codes.filter((c) => c !== null));
      continue;
    }
    const plural = /\{([^}]*)\}/.exec(head);
    const name = head.replace(/\{[^}]*\}/g, '').trim();
    if (name === '') continue;
    current = {
      names: [name],
      codes: codes.filter((c) => c !== null),
      plurals: plural
        ? plural[1]!
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
        : null,
    };
    drafts.push(current);
  }

  const actors: UserActor[] = [];
  const agents: UserAgent[] = [];
  for (const draft of drafts) {
    const first = draft.codes[0];
    if (first === undefined) continue;
    const names = draft.names.flatMap((n) => expand(n, substitutions));
    if (first.code.includes('~')) {
      const sector = first.code.replace(/~/g, '').trim();
      const plurals = draft.plurals ?? names.map(pluralOf);
      const all = [...names, ...plurals.flatMap((p) => expand(p, substitutions))].map(words);
      agents.push({ names: [...new Set(all)], sector });
      continue;
    }
    const undated = draft.codes.find((c) => c.from === null && c.to === null);
    const dated: DatedCode[] = draft.codes.filter((c) => c.from !== null || c.to !== null).map(nullable);
    const code = undated ? (NULL_CODES.has(undated.code) ? null : undated.code) : null;
    const display = names.map(displayName);
    actors.push({
      code,
      name: display[0]!,
      kind: code !== null && /^[A-Z]{3}(\/[A-Z]{3})*$/.test(code) ? 'country' : 'group',
      names: display,
      sector: null,
      dated,
    });
  }
  return { actors, people: [], agents, titles: [] };
}

function nullable(c: DatedCode): DatedCode {
  return NULL_CODES.has(c.code) ? { ...c, code: '' } : c;
}

/** `HOBGOV 19950601 - 19990815`, `HOB < 950601`, `HOBREB > 990816`, `ELR/GAL` → code with bounds. */
function parseCode(spec: string): DatedCode | null {
  const s = spec.trim();
  if (s === '') return null;
  const range = /^(\S+)\s+(\d{6,8})\s*-\s*(\d{6,8})$/.exec(s);
  if (range) return { code: first(range[1]!), from: isoDate(range[2]!), to: isoDate(range[3]!) };
  const before = /^(\S+)\s*<\s*(\d{6,8})$/.exec(s);
  if (before) return { code: first(before[1]!), from: null, to: dayBefore(isoDate(before[2]!)) };
  const after = /^(\S+)\s*>\s*(\d{6,8})$/.exec(s);
  if (after) return { code: first(after[1]!), from: isoDate(after[2]!), to: null };
  const code = s.split(/\s+/)[0]!;
  return { code: code.includes('~') ? s.replace(/\s+/g, '') : first(code), from: null, to: null };
}

function first(code: string): string {
  return code;
}

function isoDate(digits: string): string {
  const full = digits.length === 6 ? `${Number(digits.slice(0, 2)) < 30 ? '20' : '19'}${digits}` : digits;
  return `${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}`;
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function expand(name: string, substitutions: ReadonlyMap<string, readonly string[]>): string[] {
  const marker = /!([A-Z0-9_]+)!/i.exec(name);
  if (!marker) return [name];
  const options = substitutions.get(marker[1]!.toUpperCase()) ?? [];
  return options.flatMap((o) => expand(name.replace(marker[0], o), substitutions));
}

function pluralOf(name: string): string {
  if (/MEN$/i.test(name)) return name;
  if (/MAN$/i.test(name)) return `${name.slice(0, -3)}${name.slice(-3, -2) === 'm' ? 'men' : 'MEN'}`;
  return /(S|SH|CH|X|Z)$/i.test(name)
    ? `${name}ES`
    : /[^AEIOU]Y$/i.test(name)
      ? `${name.slice(0, -1)}IES`
      : `${name}S`;
}

function words(name: string): string {
  return name
    .replace(/_+$/, '')
    .split(/[_\s]+/)
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/**
 * `MINAS_TIRITH` → "Minas Tirith", `U.S.` and three-letter capitals stay acronyms,
 * function words go lower case so that they match either case.
 */
function displayName(name: string): string {
  const parts = name
    .replace(/_+$/, '')
    .split(/[_\s]+/)
    .filter(Boolean);
  return parts
    .map((w) => {
      if (w.includes('.') || (parts.length === 1 && /^[A-Z]{2,3}$/.test(w))) return w;
      const lower = w.toLowerCase();
      if (FUNCTION_WORDS.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
}
