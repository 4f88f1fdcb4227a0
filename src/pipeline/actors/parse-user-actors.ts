import { DemarcheError } from '../../core/index.js';
import { isRecord, isStringArray } from '../lexicon.js';

/** A code that holds between two ISO dates (inclusive; null = open). */
export interface DatedCode {
  readonly code: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** An actor of a user dictionary: its names and the code(s) they stand for. */
export interface UserActor {
  /** Code when no dated code applies, or null (only dated codes). */
  readonly code: string | null;
  readonly name: string;
  readonly kind: 'country' | 'organisation' | 'group';
  /** Names as written in text ("Minas Tirith", "the Kremlin", "U.S."). */
  readonly names: readonly string[];
  readonly sector: string | null;
  /** Codes bounded by dates, first match wins ("who was what when"). */
  readonly dated: readonly DatedCode[];
}

/** A role a person held, optionally bounded by dates. */
export interface UserRole {
  readonly actor: string | null;
  readonly role: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

/** A person of a user dictionary: who they act for, and as what, when. */
export interface UserPerson {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly actor: string | null;
  readonly role: string | null;
  readonly roles: readonly UserRole[];
}

/** Role words that name an arm of the actor they follow ("government" → GOV), as PETRARCH agents. */
export interface UserAgent {
  readonly names: readonly string[];
  readonly sector: string;
}

/** A title that introduces a person ("foreign minister" → role "Foreign Minister"). */
export interface UserTitle {
  readonly title: string;
  readonly role: string;
  readonly actor: string | null;
}

/** Everything user dictionaries add to the actors stage. */
export interface UserActors {
  readonly actors: readonly UserActor[];
  readonly people: readonly UserPerson[];
  readonly agents: readonly UserAgent[];
  readonly titles: readonly UserTitle[];
}

export const NO_USER_ACTORS: UserActors = { actors: [], people: [], agents: [], titles: [] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = new Set(['country', 'organisation', 'group']);

/**
 * Checks a JSON user dictionary (`--actors FILE`, format in docs/actors.md) and returns its entries.
 *
 * @example
 * parseUserActors({ actors: [{ code: 'ARN', names: ['Arnor'] }] }, 'my.json').actors[0]?.code; // 'ARN'
 */
export function parseUserActors(value: unknown, file: string): UserActors {
  const fail = (where: string, problem: string): never => {
    throw new DemarcheError('LEXICON_INVALID', `${file}: ${where}: ${problem}`);
  };
  if (!isRecord(value)) return fail('top level', 'must be an object');
  const list = (key: string): Record<string, unknown>[] => {
    const items = value[key] ?? [];
    if (!Array.isArray(items)) return fail(key, 'must be an array');
    return items.map((item: unknown, i) =>
      isRecord(item) ? item : fail(`${key}[${i}]`, 'must be an object'),
    );
  };
  const str = (item: Record<string, unknown>, key: string, where: string): string | null => {
    const v = item[key];
    if (v === undefined || v === null) return null;
    return typeof v === 'string' && v.length > 0 ? v : fail(`${where}.${key}`, 'must be a non-empty string');
  };
  const date = (item: Record<string, unknown>, key: string, where: string): string | null => {
    const v = str(item, key, where);
    return v === null || ISO_DATE.test(v) ? v : fail(`${where}.${key}`, 'must be a YYYY-MM-DD date');
  };
  const strings = (item: Record<string, unknown>, key: string, where: string): string[] => {
    const v = item[key] ?? [];
    return isStringArray(v) ? v : fail(`${where}.${key}`, 'must be an array of strings');
  };

  const actors = list('actors').map((item, i): UserActor => {
    const where = `actors[${i}]`;
    const code = str(item, 'code', where);
    const name = str(item, 'name', where);
    const kind = str(item, 'kind', where) ?? defaultKind(code ?? '');
    if (!KINDS.has(kind)) fail(`${where}.kind`, 'must be country, organisation or group');
    const dated = (Array.isArray(item['codes']) ? item['codes'] : []).map((c: unknown, j): DatedCode => {
      const w = `${where}.codes[${j}]`;
      if (!isRecord(c)) return fail(w, 'must be an object');
      const dc = str(c, 'code', w);
      return dc === null
        ? fail(`${w}.code`, 'is required')
        : { code: dc, from: date(c, 'from', w), to: date(c, 'to', w) };
    });
    if (code === null && dated.length === 0) fail(where, 'needs a code or dated codes');
    const names = [...(name ? [name] : []), ...strings(item, 'aliases', where)];
    if (names.length === 0) fail(where, 'needs a name or aliases');
    return {
      code,
      name: name ?? names[0]!,
      kind: kind as UserActor['kind'],
      names,
      sector: str(item, 'sector', where),
      dated,
    };
  });
  const people = list('people').map((item, i): UserPerson => {
    const where = `people[${i}]`;
    const name = str(item, 'name', where) ?? fail(`${where}.name`, 'is required');
    const roles = (Array.isArray(item['roles']) ? item['roles'] : []).map((r: unknown, j): UserRole => {
      const w = `${where}.roles[${j}]`;
      if (!isRecord(r)) return fail(w, 'must be an object');
      return {
        actor: str(r, 'actor', w),
        role: str(r, 'role', w),
        from: date(r, 'from', w),
        to: date(r, 'to', w),
      };
    });
    return {
      name,
      aliases: strings(item, 'aliases', where),
      actor: str(item, 'actor', where),
      role: str(item, 'role', where),
      roles,
    };
  });
  const agents = list('agents').map((item, i): UserAgent => {
    const where = `agents[${i}]`;
    const sector = str(item, 'sector', where) ?? fail(`${where}.sector`, 'is required');
    return { names: strings(item, 'names', where), sector };
  });
  const titles = list('roles').map((item, i): UserTitle => {
    const where = `roles[${i}]`;
    const title = str(item, 'title', where) ?? fail(`${where}.title`, 'is required');
    return {
      title: title.toLowerCase(),
      role: str(item, 'role', where) ?? title,
      actor: str(item, 'actor', where),
    };
  });
  return { actors, people, agents, titles };
}

/**
 * Joins user dictionaries; later ones come last, so their names win ties.
 *
 * @example
 * mergeUserActors([petrarchActors, petrarchAgents]).agents.length;
 */
export function mergeUserActors(list: readonly UserActors[]): UserActors {
  return {
    actors: list.flatMap((u) => u.actors),
    people: list.flatMap((u) => u.people),
    agents: list.flatMap((u) => u.agents),
    titles: list.flatMap((u) => u.titles),
  };
}

/**
 * The code an actor stands for on `date` (ISO, or undefined when unknown): the first dated
 * code whose bounds hold, else the undated code.
 *
 * @example
 * codeOn({ code: 'HOB', dated: [{ code: 'HOBGOV', from: '2012-11-09', to: null }] }, '2013-01-01'); // 'HOBGOV'
 */
export function codeOn(
  actor: { readonly code: string | null; readonly dated: readonly DatedCode[] },
  date: string | undefined,
): string | null {
  if (date !== undefined) {
    const day = date.slice(0, 10);
    for (const d of actor.dated) if (within(day, d.from, d.to)) return d.code;
  }
  return actor.code ?? (date === undefined ? (actor.dated[0]?.code ?? null) : null);
}

/**
 * The role a user person held on `date`: the first dated role whose bounds hold, else
 * their undated actor and role.
 *
 * @example
 * roleOn(lavrov, '2010-05-01'); // { actor: 'RUS', role: 'Foreign Minister' }
 */
export function roleOn(
  person: UserPerson,
  date: string | undefined,
): { actor: string | null; role: string | null } {
  if (date !== undefined) {
    const day = date.slice(0, 10);
    for (const r of person.roles) if (within(day, r.from, r.to)) return { actor: r.actor, role: r.role };
  }
  return { actor: person.actor, role: person.role };
}

function within(day: string, from: string | null, to: string | null): boolean {
  return (from === null || day >= from) && (to === null || day <= to);
}

function defaultKind(code: string): UserActor['kind'] {
  return /^[A-Z]{3}$/.test(code) ? 'country' : code.startsWith('NSA:') ? 'group' : 'organisation';
}
