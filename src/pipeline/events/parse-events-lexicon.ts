import { PLOVER_TYPES } from '../../core/index.js';
import type { PloverType } from '../../core/index.js';
import { check, isRecord, isStringArray, requireFile } from '../lexicon.js';
import type { LexiconFiles } from '../lexicon.js';

/** One item of a trigger pattern: a word with alternatives, or a gap of up to four tokens. */
export type PatternItem =
  | {
      readonly kind: 'word';
      readonly alts: ReadonlySet<string>;
      /** The number (`wordId`) of each alternative: what the matcher compares a token's key numbers with. */
      readonly ids: ReadonlySet<number>;
      readonly pos: 'N' | 'V' | 'A' | null;
    }
  | { readonly kind: 'gap' };

export type Frame = 'verb' | 'noun';
export type Mutual = 'none' | 'group' | 'all';

export interface TriggerEntry {
  readonly index: number;
  readonly match: string;
  /** Short name for rules and diagnostics: each word's first alternative, gaps as "…" ("impose … sanction"). */
  readonly label: string;
  readonly items: readonly PatternItem[];
  /** Which matched word (0 = first) the roles are read around; `^` marks it in the pattern. */
  readonly headWord: number;
  readonly type: PloverType;
  readonly mode: string | null;
  readonly cameo: string;
  readonly frame: Frame;
  readonly mutual: Mutual;
  readonly negated: PloverType | null;
  readonly future: PloverType | null;
  readonly locative: boolean;
  /** The target may sit inside a complement clause ("warned that the United States will face …"). */
  readonly complement: boolean;
  /** The actor after the trigger is the source, the subject before it the target ("drew criticism from"). */
  readonly agentAfter: boolean;
  /** Codes only when negated ("cannot accept" → REJECT). */
  readonly onlyNegated: boolean;
  readonly exclude: ReadonlySet<string>;
  readonly confidence: number;
  /** From a user dictionary (`--verbs`): wins over a bundled trigger matching as many words. */
  readonly user: boolean;
}

export interface CameoCode {
  readonly name: string;
  readonly goldstein: number;
}

export interface EventCues {
  readonly negation: ReadonlySet<string>;
  readonly negationWindow: number;
  readonly future: ReadonlySet<string>;
  readonly hypothetical: ReadonlySet<string>;
  readonly conditionals: ReadonlySet<string>;
  readonly reportingVerbs: ReadonlySet<string>;
  readonly hardBoundaries: ReadonlySet<string>;
  readonly targetPrepositions: ReadonlySet<string>;
  readonly locativePrepositions: ReadonlySet<string>;
  readonly subjectBlockers: ReadonlySet<string>;
  readonly firstPerson: ReadonlySet<string>;
  readonly issues: ReadonlySet<string>;
  readonly issueTargetTypes: ReadonlySet<string>;
  readonly crowds: ReadonlySet<string>;
  readonly crowdTypes: ReadonlySet<string>;
  readonly protesterCode: string;
  /** Nouns for a crowd's own act ("a protest in Baghdad"): the place after them is the crowd's. */
  readonly gatherings: ReadonlySet<string>;
  /** Nouns whose "of"/"by" phrase names who acts when they head a subject ("the leader of the group"). */
  readonly agentNouns: ReadonlySet<string>;
  /** Types whose agentless passive or nominal trigger takes the state it happens in as source. */
  readonly placeAgentTypes: ReadonlySet<string>;
  readonly passiveAuxiliaries: ReadonlySet<string>;
  readonly weekdays: readonly string[];
}

export interface EventsLexicon {
  readonly triggers: readonly TriggerEntry[];
  /** Triggers indexed by every alternative of their first word item. */
  readonly byFirstWord: ReadonlyMap<string, readonly TriggerEntry[]>;
  readonly cameoByType: ReadonlyMap<PloverType, string>;
  /** PLOVER type of each CAMEO root ("11" → ACCUSE); roots PLOVER has no event for are absent. */
  readonly typeByRoot: ReadonlyMap<string, PloverType>;
  readonly cameoCodes: ReadonlyMap<string, CameoCode>;
  /** Context name → single-word cues and multi-word cues. */
  readonly contexts: ReadonlyArray<{
    readonly name: string;
    readonly words: ReadonlySet<string>;
    readonly phrases: readonly string[];
  }>;
  readonly cues: EventCues;
}

const TYPES: ReadonlySet<string> = new Set(PLOVER_TYPES);

function isType(value: unknown): value is PloverType {
  return typeof value === 'string' && TYPES.has(value);
}

/**
 * Checks and indexes `data/events/{triggers,cameo,contexts,cues}.json`.
 *
 * @example
 * const lexicon = parseEventsLexicon(loadLexicons().events ?? {});
 * lexicon.byFirstWord.get('condemn'); // [{ type: 'ACCUSE', cameo: '111', … }]
 */
export function parseEventsLexicon(files: LexiconFiles): EventsLexicon {
  const triggersFile = requireFile(files, 'events', 'triggers');
  const cameoFile = requireFile(files, 'events', 'cameo');
  const contextsFile = requireFile(files, 'events', 'contexts');
  const cuesFile = requireFile(files, 'events', 'cues');

  check(
    isRecord(cameoFile) && isRecord(cameoFile.types) && isRecord(cameoFile.codes),
    'data/events/cameo.json',
    'needs objects "types" and "codes"',
  );
  const cameoCodes = new Map<string, CameoCode>();
  for (const [code, value] of Object.entries(cameoFile.codes)) {
    const where = `data/events/cameo.json codes.${code}`;
    check(/^\d{2,4}$/.test(code), where, 'a CAMEO code is 2 to 4 digits');
    check(
      isRecord(value) && typeof value.name === 'string' && typeof value.goldstein === 'number',
      where,
      'needs name (string) and goldstein (number)',
    );
    check(value.goldstein >= -10 && value.goldstein <= 10, where, 'goldstein must be within -10..10');
    cameoCodes.set(code, { name: value.name, goldstein: value.goldstein });
  }
  const cameoByType = new Map<PloverType, string>();
  for (const type of PLOVER_TYPES) {
    const code = cameoFile.types[type];
    check(
      typeof code === 'string' && cameoCodes.has(code),
      `data/events/cameo.json types.${type}`,
      'needs a CAMEO code listed in "codes"',
    );
    cameoByType.set(type, code);
  }

  const typeByRoot = new Map<string, PloverType>();
  check(isRecord(cameoFile.roots), 'data/events/cameo.json', 'needs an object "roots"');
  for (const [root, type] of Object.entries(cameoFile.roots)) {
    check(
      /^\d{2}$/.test(root) && (type === null || isType(type)),
      `data/events/cameo.json roots.${root}`,
      'a two-digit root with a PLOVER type or null',
    );
    if (type !== null) typeByRoot.set(root, type);
  }

  check(
    isRecord(triggersFile) && Array.isArray(triggersFile.triggers),
    'data/events/triggers.json',
    'needs an array "triggers"',
  );
  const triggers: TriggerEntry[] = [];
  const byFirstWord = new Map<string, TriggerEntry[]>();
  triggersFile.triggers.forEach((raw: unknown, index: number) => {
    const entry = parseTrigger(raw, index, cameoCodes, 'data/events/triggers.json', false);
    triggers.push(entry);
    indexByFirstWord(byFirstWord, entry);
  });

  check(
    isRecord(contextsFile) && isRecord(contextsFile.contexts),
    'data/events/contexts.json',
    'needs an object "contexts"',
  );
  const contexts = Object.entries(contextsFile.contexts).map(([name, cues]) => {
    check(isStringArray(cues), `data/events/contexts.json contexts.${name}`, 'needs an array of strings');
    return {
      name,
      words: new Set(cues.filter((c) => !c.includes(' ')).map((c) => c.toLowerCase())),
      phrases: cues.filter((c) => c.includes(' ')).map((c) => c.toLowerCase()),
    };
  });

  check(isRecord(cuesFile), 'data/events/cues.json', 'needs an object');
  const set = (key: string): ReadonlySet<string> => {
    const value = cuesFile[key];
    check(isStringArray(value), `data/events/cues.json ${key}`, 'needs an array of strings');
    return new Set(value.map((v) => v.toLowerCase()));
  };
  const window = cuesFile.negationWindow;
  check(
    typeof window === 'number' && window > 0,
    'data/events/cues.json negationWindow',
    'needs a positive number',
  );
  check(
    isStringArray(cuesFile.issueTargetTypes) && cuesFile.issueTargetTypes.every(isType),
    'data/events/cues.json issueTargetTypes',
    'needs an array of PLOVER types',
  );
  check(
    isStringArray(cuesFile.crowdTypes) && cuesFile.crowdTypes.every(isType),
    'data/events/cues.json crowdTypes',
    'needs an array of PLOVER types',
  );
  check(
    isStringArray(cuesFile.placeAgentTypes) && cuesFile.placeAgentTypes.every(isType),
    'data/events/cues.json placeAgentTypes',
    'needs an array of PLOVER types',
  );
  check(
    typeof cuesFile.protesterCode === 'string' && cuesFile.protesterCode.startsWith('NSA:'),
    'data/events/cues.json protesterCode',
    'needs an NSA:<Name> code',
  );
  const weekdays = cuesFile.weekdays;
  check(
    isStringArray(weekdays) && weekdays.length === 7,
    'data/events/cues.json weekdays',
    'needs the seven weekday names, Sunday first',
  );
  const cues: EventCues = {
    negation: set('negation'),
    negationWindow: window,
    future: set('future'),
    hypothetical: set('hypothetical'),
    conditionals: set('conditionals'),
    reportingVerbs: set('reportingVerbs'),
    hardBoundaries: set('hardBoundaries'),
    targetPrepositions: set('targetPrepositions'),
    locativePrepositions: set('locativePrepositions'),
    subjectBlockers: set('subjectBlockers'),
    firstPerson: set('firstPerson'),
    issues: set('issues'),
    issueTargetTypes: new Set((cuesFile.issueTargetTypes as unknown[] | undefined)?.map(String) ?? []),
    crowds: set('crowds'),
    crowdTypes: new Set((cuesFile.crowdTypes as unknown[] | undefined)?.map(String) ?? []),
    protesterCode: String(cuesFile.protesterCode),
    agentNouns: set('agentNouns'),
    gatherings: set('gatherings'),
    placeAgentTypes: new Set((cuesFile.placeAgentTypes as unknown[] | undefined)?.map(String) ?? []),
    passiveAuxiliaries: set('passiveAuxiliaries'),
    weekdays: weekdays.map((w) => w.toLowerCase()),
  };
  return { triggers, byFirstWord, cameoByType, typeByRoot, cameoCodes, contexts, cues };
}

function indexByFirstWord(byFirstWord: Map<string, TriggerEntry[]>, entry: TriggerEntry): void {
  const first = entry.items[0];
  if (first?.kind !== 'word') return;
  for (const alt of first.alts) {
    const list = byFirstWord.get(alt);
    if (list) list.push(entry);
    else byFirstWord.set(alt, [entry]);
  }
}

/** Triggers a user brings (`--verbs FILE`): objects in the format of data/events/triggers.json. */
export interface UserTriggers {
  /** The file, named in errors. */
  readonly origin: string;
  readonly triggers: readonly unknown[];
  /**
   * Read from a dictionary that gives CAMEO codes only (PETRARCH): each trigger's type is its
   * root's, and triggers under a root PLOVER has no type for (01, 09) are left out.
   */
  readonly cameoOnly: boolean;
}

/**
 * The lexicon with user triggers added, checked as the bundled ones are (errors name the file).
 * A trigger without `type` takes its CAMEO root's. A user trigger wins over a bundled one that
 * matches as many words.
 *
 * @example
 * const lexicon = extendEventsLexicon(parseEventsLexicon(files), [
 *   { origin: 'mine.json', cameoOnly: false, triggers: [{ match: 'snub', type: 'REJECT', cameo: '120', frame: 'verb' }] },
 * ]);
 */
export function extendEventsLexicon(lexicon: EventsLexicon, user: readonly UserTriggers[]): EventsLexicon {
  if (user.every((u) => u.triggers.length === 0)) return lexicon;
  const triggers = [...lexicon.triggers];
  const byFirstWord = new Map<string, TriggerEntry[]>();
  for (const [key, list] of lexicon.byFirstWord) byFirstWord.set(key, [...list]);
  for (const { origin, triggers: raw, cameoOnly } of user) {
    raw.forEach((item, i) => {
      const where = `${origin} triggers[${i}]`;
      check(isRecord(item), where, 'must be an object');
      let typed: Record<string, unknown> = item;
      if (item.type === undefined && typeof item.cameo === 'string') {
        const type = lexicon.typeByRoot.get(item.cameo.slice(0, 2));
        if (type === undefined && cameoOnly) return;
        check(
          type !== undefined,
          where,
          `CAMEO root ${item.cameo.slice(0, 2)} has no PLOVER type: give "type"`,
        );
        typed = { ...item, type };
      }
      const entry = parseTrigger(typed, triggers.length, lexicon.cameoCodes, where, true);
      triggers.push(entry);
      indexByFirstWord(byFirstWord, entry);
    });
  }
  return { ...lexicon, triggers, byFirstWord };
}

function parseTrigger(
  raw: unknown,
  index: number,
  codes: ReadonlyMap<string, CameoCode>,
  file: string,
  user: boolean,
): TriggerEntry {
  const where = user ? file : `${file} triggers[${index}]`;
  check(isRecord(raw), where, 'must be an object');
  const {
    match,
    type,
    mode,
    cameo,
    frame,
    mutual,
    negated,
    future,
    locative,
    complement,
    onlyNegated,
    agentAfter,
    exclude,
    confidence,
  } = raw;
  check(typeof match === 'string' && match.trim() !== '', where, 'needs a "match" pattern');
  check(isType(type), where, `"type" must be one of ${PLOVER_TYPES.join(', ')}`);
  check(mode === undefined || mode === null || typeof mode === 'string', where, '"mode" must be a string');
  check(
    typeof cameo === 'string' && (codes.has(cameo) || codes.has(cameo.slice(0, 2))),
    where,
    '"cameo" must be a code (or under a root) listed in cameo.json',
  );
  check(frame === 'verb' || frame === 'noun', where, '"frame" must be "verb" or "noun"');
  check(
    mutual === undefined || mutual === 'group' || mutual === 'all',
    where,
    '"mutual" must be "group" or "all"',
  );
  check(negated === undefined || isType(negated), where, '"negated" must be a PLOVER type');
  check(future === undefined || isType(future), where, '"future" must be a PLOVER type');
  check(locative === undefined || typeof locative === 'boolean', where, '"locative" must be a boolean');
  check(
    onlyNegated === undefined || (onlyNegated === true && isType(negated)),
    where,
    '"onlyNegated" needs true and a "negated" type',
  );
  check(agentAfter === undefined || typeof agentAfter === 'boolean', where, '"agentAfter" must be a boolean');
  check(complement === undefined || typeof complement === 'boolean', where, '"complement" must be a boolean');
  check(exclude === undefined || isStringArray(exclude), where, '"exclude" must be an array of strings');
  check(
    confidence === undefined || (typeof confidence === 'number' && confidence > 0 && confidence <= 1),
    where,
    '"confidence" must be in (0, 1]',
  );
  const { items, headWord } = parsePattern(match, where);
  return {
    index,
    match,
    label: items.map((item) => (item.kind === 'gap' ? '…' : ([...item.alts][0] ?? ''))).join(' '),
    items,
    headWord,
    type,
    mode: typeof mode === 'string' ? mode : null,
    cameo,
    frame,
    mutual: mutual ?? 'none',
    negated: negated ?? null,
    future: future ?? null,
    locative: locative ?? false,
    complement: complement ?? false,
    onlyNegated: onlyNegated ?? false,
    agentAfter: agentAfter ?? false,
    exclude: new Set((exclude ?? []).map((e) => e.toLowerCase())),
    confidence: confidence ?? 0.8,
    user,
  };
}

function parsePattern(match: string, where: string): { items: PatternItem[]; headWord: number } {
  const items: PatternItem[] = [];
  let words = 0;
  let head = -1;
  for (const part of match.trim().split(/\s+/)) {
    if (part === '*') {
      check(items.length > 0, where, 'a pattern cannot start with "*"');
      items.push({ kind: 'gap' });
      continue;
    }
    let word = part;
    if (word.startsWith('^')) {
      check(head === -1, where, 'only one "^" head per pattern');
      head = words;
      word = word.slice(1);
    }
    let pos: 'N' | 'V' | 'A' | null = null;
    const at = word.lastIndexOf('@');
    if (at > 0) {
      const tag = word.slice(at + 1);
      check(tag === 'N' || tag === 'V' || tag === 'A', where, `unknown POS "@${tag}" (use @N, @V or @A)`);
      pos = tag;
      word = word.slice(0, at);
    }
    const alts = word
      .split('|')
      .map((w) => w.toLowerCase())
      .filter((w) => w !== '');
    check(alts.length > 0, where, `empty pattern item "${part}"`);
    items.push({
      kind: 'word',
      alts: new Set(alts),
      ids: new Set(alts.map(wordId)),
      pos,
    });
    words++;
  }
  check(items[items.length - 1]?.kind === 'word', where, 'a pattern cannot end with "*"');
  return { items, headWord: head === -1 ? 0 : head };
}

/**
 * The word cues that the clause readers ask about a token's lower-case text as they walk a
 * sentence, one bit each: a token's senses hold the bits of its text (`WordSense.cues`, read with
 * its other senses), so that a walk tests a bit instead of looking the text up in each set.
 */
export const TEXT_CUES = {
  hardBoundaries: 1,
  negation: 2,
  conditionals: 4,
  hypothetical: 8,
  future: 16,
  locativePrepositions: 32,
  targetPrepositions: 64,
} as const;

/**
 * The bits (`TEXT_CUES`) of the cue sets that hold a lower-case text.
 *
 * @example
 * textCuesOf(lexicon.cues, 'if'); // TEXT_CUES.hardBoundaries | TEXT_CUES.conditionals
 */
export function textCuesOf(cues: EventCues, text: string): number {
  let bits = 0;
  for (const name of Object.keys(TEXT_CUES) as (keyof typeof TEXT_CUES)[])
    if (cues[name].has(text)) bits |= TEXT_CUES[name];
  return bits;
}

/**
 * A number for each word of a pattern, the same in every lexicon parsed: a token's senses list the
 * numbers of its keys (index-words.ts), so that matching a word item compares small integers
 * instead of looking the token's strings up. Grows with the distinct pattern words of the lexicons
 * parsed, not with the text read.
 */
const WORD_IDS = new Map<string, number>();

/**
 * The number of a pattern word, given on first sight.
 *
 * @example
 * wordId('sanction') === wordId('sanction'); // true
 */
export function wordId(word: string): number {
  let id = WORD_IDS.get(word);
  if (id === undefined) WORD_IDS.set(word, (id = WORD_IDS.size));
  return id;
}

/**
 * The number of a word that some pattern has (`wordId`), or -1 for any other word.
 *
 * @example
 * knownWordId('the'); // -1, unless a pattern has "the"
 */
export function knownWordId(word: string): number {
  return WORD_IDS.get(word) ?? -1;
}
