import type { Mention, Sentence, Token } from '../../core/index.js';
import { matchTitle } from './build-name-lexicon.js';
import type { NameLexicon } from './build-name-lexicon.js';
import { SHAPE, WORD_CLASS } from './classify-words.js';

/** What the words around a name say about it. */
export interface NameContext {
  /** Why the run is a person's name, or null when nothing around it says so. */
  readonly evidence: 'title' | 'honorific' | 'apposition' | 'speech' | null;
  /** Surface text of the role phrase ("chief cabinet secretary"), when given. */
  readonly role: string | null;
  /** Actor the role is held for ("Japan's …" → JPN), when given. */
  readonly actor: string | null;
  /** Tokens [roleStart, roleEnd) of the role phrase, or -1 when none. */
  readonly roleStart: number;
  readonly roleEnd: number;
  /** Last word of the title, lower case ("spokesman"), or null. */
  readonly roleHead: string | null;
}

const NONE = { role: null, actor: null, roleStart: -1, roleEnd: -1, roleHead: null } as const;

/** Per-article view the name readers share. */
export interface TokenView {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly keys: readonly string[];
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  /** Index into `mentions` of the actor mention covering each token, or -1. */
  readonly actorAt: Int32Array;
  /** Token index where each actor mention starts and ends (exclusive). */
  readonly mentionTokens: readonly (readonly [start: number, end: number])[];
  /** 1 for each sentence written in title case (a headline), computed once per article. */
  readonly titleCase?: Uint8Array;
  /** `WORD_CLASS` bits of each token (classify-words.ts). */
  readonly classes: Uint16Array;
  /** `SHAPE` bits of each token (classify-words.ts). */
  readonly shapes: Uint8Array;
}

const LINKS = new Set(['of', 'for', 'at', 'to', 'in']);
/** (Read once: an imported binding read in a loop may cost a call each time.) */
const TITLE_START = WORD_CLASS.titleStart;

/**
 * Reads the title, honorific, apposition or speech verb around a name run
 * (tokens [start, end)) and the actor and role they give.
 *
 * @example
 * // "Japan's chief cabinet secretary Hirokazu Matsuno said"
 * readNameContext(view, start, end, names); // { evidence: 'title', role: 'chief cabinet secretary', actor: 'JPN' }
 */
export function readNameContext(
  view: TokenView,
  start: number,
  end: number,
  names: NameLexicon,
): NameContext {
  const { tokens, keys } = view;
  const sentence = view.sentences[tokens[start]!.sentence]!;
  const first = sentence.tokenStart;
  const limit = sentence.tokenEnd;

  const before = readRoleBefore(view, start, first, names);
  if (before) return before;
  const prev = start - 1 >= first ? keys[start - 1]! : '';
  const after = readRoleAfter(view, end, limit, names);
  if (names.honorifics.has(prev))
    return after ? { ...after, evidence: 'honorific' } : { evidence: 'honorific', ...NONE };
  if (after) return after;
  const next = end < limit ? keys[end]! : '';
  const nextNext = end + 1 < limit ? keys[end + 1]! : '';
  if (names.speechVerbs.has(next) || (next === ',' && names.speechVerbs.has(nextNext))) {
    return { evidence: 'speech', ...NONE };
  }
  if (
    names.invertedSpeechVerbs.has(prev) ||
    (prev === 'to' && start - 2 >= first && keys[start - 2] === 'according')
  ) {
    return { evidence: 'speech', ...NONE };
  }
  return trailingApposition(view, start, end, first, limit, names) ?? { evidence: null, ...NONE };
}

/** "[Actor('s)] [modifiers] TITLE [of|for (the) ACTOR] [,] NAME" ending right before `start`. */
function readRoleBefore(
  view: TokenView,
  start: number,
  first: number,
  names: NameLexicon,
): NameContext | null {
  const { keys } = view;
  let k = start - 1;
  let apposition = false;
  let roleEnd = -1;
  if (k >= first && keys[k] === ',') {
    k--;
    apposition = true;
  }
  let actor: string | null = null;
  // "… of US diplomacy", "for India's Foreign Ministry"
  const mentionIndex = k >= first ? view.actorAt[k]! : -1;
  if (mentionIndex >= 0) {
    const mStart = view.mentionTokens[mentionIndex]![0];
    const mEnd = view.mentionTokens[mentionIndex]![1];
    let b = mStart - 1;
    if (b >= first && keys[b] === 'the') b--;
    if (mEnd === k + 1 && b >= first && LINKS.has(keys[b]!)) {
      actor = view.mentions[mentionIndex]!.actor;
      roleEnd = mEnd;
      k = b - 1;
    }
  }
  const title = titleEndingAt(view, k, first, names);
  if (!title) return null;
  if (actor === null)
    actor =
      actorBefore(view, title.start, first, names) ?? actorWithin(view, title.start, k + 1) ?? title.actor;
  return {
    evidence: apposition ? 'apposition' : 'title',
    role: roleEnd > 0 ? surface(view, title.start, roleEnd) : title.role,
    actor,
    roleStart: title.start,
    roleEnd: roleEnd > 0 ? roleEnd : k + 1,
    roleHead: keys[k]!,
  };
}

/** "NAME, [the|a] [Actor('s)] [modifiers] TITLE [of|for (the) ACTOR]" starting at `end`. */
function readRoleAfter(view: TokenView, end: number, limit: number, names: NameLexicon): NameContext | null {
  const { keys } = view;
  if (end < limit && DASHES.has(keys[end]!)) return readCountryRoleAfter(view, end, limit, names);
  if (end >= limit || keys[end] !== ',') return null;
  const own = readCountryRoleAfter(view, end, limit, names);
  if (own !== null) return own;
  let k = end + 1;
  if (k < limit && (keys[k] === 'the' || keys[k] === 'a' || keys[k] === 'an')) k++;
  let actor: string | null = null;
  if (k < limit && view.actorAt[k]! >= 0) {
    const mStart = view.mentionTokens[view.actorAt[k]!]![0];
    const mEnd = view.mentionTokens[view.actorAt[k]!]![1];
    if (mStart === k) {
      actor = view.mentions[view.actorAt[k]!]!.actor;
      k = mEnd;
      if (k < limit && (keys[k] === "'s" || keys[k] === "'")) k++;
    }
  }
  let skipped = 0;
  while (k < limit && skipped < 3) {
    const title = matchTitle(keys, k, limit, names.titles);
    if (title.entry) {
      let e = title.end;
      if (actor === null && e < limit && LINKS.has(keys[e]!)) {
        e++;
        if (e < limit && keys[e] === 'the') e++;
        const m = e < limit ? view.actorAt[e]! : -1;
        if (m >= 0 && view.mentionTokens[m]![0] === e) actor = view.mentions[m]!.actor;
      }
      return {
        evidence: 'apposition',
        role: surface(view, k, title.end),
        actor: actor ?? actorWithin(view, k, title.end) ?? title.entry.actor,
        roleStart: k,
        roleEnd: title.end,
        roleHead: keys[title.end - 1]!,
      };
    }
    if (names.roleModifiers.has(keys[k]!) || /^[a-z-]+$/.test(view.tokens[k]!.text)) {
      k++;
      skipped++;
      continue;
    }
    break;
  }
  return null;
}

const DASHES = new Set(['--', '—', '–']);
/** Nouns that, in "NAME, the country's leader", stand for the state the sentence named last. */
const COUNTRY_NOUNS = new Set(['country', 'nation']);

/**
 * "NAME -- the country's first Muslim leader --", "NAME, the nation's president": a title of
 * "the country" in apposition → the state named last before the name in its sentence.
 */
function readCountryRoleAfter(
  view: TokenView,
  end: number,
  limit: number,
  names: NameLexicon,
): NameContext | null {
  const { keys, tokens } = view;
  let k = end + 1;
  if (keys[k] !== 'the' || !COUNTRY_NOUNS.has(keys[k + 1] ?? '') || keys[k + 2] !== "'s") return null;
  k += 3;
  for (let skipped = 0; k < limit && skipped < 3; skipped++) {
    if (matchTitle(keys, k, limit, names.titles).entry) break;
    const token = tokens[k]!;
    if (
      view.actorAt[k]! >= 0 ||
      !(token.pos === 'ADJ' || token.pos === 'PROPN' || /^[a-z-]+$/.test(token.text))
    )
      return null;
    k++;
  }
  const title = matchTitle(keys, k, limit, names.titles);
  if (!title.entry || title.entry.actor !== null) return null;
  const actor = stateBefore(view, end);
  if (actor === null) return null;
  return {
    evidence: 'apposition',
    role: surface(view, k, title.end),
    actor,
    roleStart: end + 1,
    roleEnd: title.end,
    roleHead: keys[title.end - 1]!,
  };
}

/** The state (country or capital) named last before token `t` in its sentence. */
function stateBefore(view: TokenView, t: number): string | null {
  const sentence = view.tokens[t]!.sentence;
  for (let m = view.mentions.length - 1; m >= 0; m--) {
    const mention = view.mentions[m]!;
    if (view.mentionTokens[m]![1] > t) continue;
    if (mention.sentence !== sentence) return null;
    if ((mention.kind === 'country' || mention.kind === 'capital') && mention.actor !== null)
      return mention.actor;
  }
  return null;
}

/** Actor of a mention ending right before token `start`, over modifiers, "'s" and "-" ("Brazil's centre-right President"). */
function actorBefore(view: TokenView, start: number, first: number, names: NameLexicon): string | null {
  const { keys, tokens } = view;
  let t = start - 1;
  for (let skipped = 0; t >= first && skipped < 4; skipped++) {
    const key = keys[t]!;
    const lowerWord = (view.shapes[t]! & SHAPE.lowerInitial) !== 0;
    if (
      names.roleModifiers.has(key) ||
      key === '-' ||
      (lowerWord && (tokens[t]!.pos === 'ADJ' || tokens[t]!.pos === 'NOUN'))
    )
      t--;
    else break;
  }
  if (t >= first && (keys[t] === "'s" || keys[t] === "'")) t--;
  if (t < first) return null;
  const m = view.actorAt[t]!;
  if (m < 0 || view.mentionTokens[m]![1] !== t + 1) return null;
  return view.mentions[m]!.actor;
}

/** Actor of a mention inside tokens [start, end) ("the Secretary-General" stands for the UN). */
function actorWithin(view: TokenView, start: number, end: number): string | null {
  for (let t = start; t < end; t++) {
    const m = view.actorAt[t]!;
    if (m >= 0) return view.mentions[m]!.actor;
  }
  return null;
}

/**
 * "the UN Secretary-General told reporters, NAME.": a name closing its sentence
 * after a comma is in apposition to the sentence's only unnamed role phrase.
 */
function trailingApposition(
  view: TokenView,
  start: number,
  end: number,
  first: number,
  limit: number,
  names: NameLexicon,
): NameContext | null {
  const { keys } = view;
  if (start - 1 < first || keys[start - 1] !== ',') return null;
  if (end < limit && !(end === limit - 1 && /^[.!?]$/.test(keys[end]!))) return null;
  for (let t = first; t < start - 1; t++) {
    if (keys[t] !== 'the') continue;
    let k = t + 1;
    while (k < start && view.actorAt[k]! >= 0 && view.mentions[view.actorAt[k]!]!.kind !== 'institution') {
      const mEnd = view.mentionTokens[view.actorAt[k]!]![1];
      if (view.tokens[k]!.text.charAt(0) === view.tokens[k]!.text.charAt(0).toLowerCase()) break;
      k = mEnd;
    }
    const title = matchTitle(keys, k, start, names.titles);
    if (!title.entry || (k === t + 1 && title.end === k)) continue;
    const actor = actorWithin(view, t + 1, title.end) ?? title.entry.actor;
    return {
      evidence: 'apposition',
      role: surface(view, k, title.end),
      actor,
      roleStart: t,
      roleEnd: title.end,
      roleHead: keys[title.end - 1]!,
    };
  }
  return null;
}

function titleEndingAt(
  view: TokenView,
  k: number,
  first: number,
  names: NameLexicon,
): { start: number; role: string; actor: string | null } | null {
  if (k < first) return null;
  for (let t = Math.max(first, k - 5); t <= k; t++) {
    if ((view.classes[t]! & TITLE_START) === 0) continue;
    const m = matchTitle(view.keys, t, k + 1, names.titles);
    if (m.entry && m.end === k + 1) return { start: t, role: surface(view, t, k + 1), actor: m.entry.actor };
  }
  return null;
}

function surface(view: TokenView, start: number, end: number): string {
  return view.text.slice(view.tokens[start]!.start, view.tokens[end - 1]!.end);
}
