import type { Token } from '../../core/index.js';
import { TEXT_CUES, knownWordId, textCuesOf } from './parse-events-lexicon.js';
import type { EventsLexicon, PatternItem, TriggerEntry } from './parse-events-lexicon.js';
import { sortSmall } from '../sort-small.js';

/** A trigger found in a sentence: token range `[start, end)`, the head token and the matched word tokens. */
export interface TriggerMatch {
  readonly entry: TriggerEntry;
  readonly start: number;
  readonly end: number;
  readonly head: number;
  readonly words: readonly number[];
}

const MAX_GAP = 5;

/**
 * Lemma, lower-case text and lower-case text without a plural -s: the keys a pattern word is matched on.
 *
 * @example
 * tokenKeys(token); // ['airstrike', 'airstrikes'] (lemma, then lower-case text; the singular when it differs)
 */
export function tokenKeys(token: Token): readonly string[] {
  // wink-nlp leaves the lemma of some tokens undefined
  const raw = (token.lemma as string | undefined) ?? token.lower;
  const lower = token.lower;
  const lemma = raw === lower ? lower : raw.toLowerCase();
  const singular = lower.length > 3 && lower.endsWith('s') ? lower.slice(0, -1) : lower;
  // each key once: most tokens are their own lemma, and the matcher tries every key
  if (lemma === lower) return singular === lower ? [lower] : [lower, singular];
  return singular === lower || singular === lemma ? [lemma, lower] : [lemma, lower, singular];
}

/**
 * The first of a token's keys: its lemma, lower-case.
 *
 * @example
 * lemmaKey(token); // 'airstrike' (for "Airstrikes")
 */
export function lemmaKey(token: Token): string {
  const raw = (token.lemma as string | undefined) ?? token.lower;
  return raw === token.lower ? raw : raw.toLowerCase();
}

/**
 * Whether one of a token's keys (`tokenKeys`) is in `words`, without listing the keys: the stage
 * keeps no keys per token (an array per token held for a whole article cost more than the lookups).
 *
 * @example
 * hasKey(token, new Set(['airstrike'])); // true for "airstrikes"
 */
export function hasKey(token: Token, words: ReadonlySet<string>): boolean {
  const lower = token.lower;
  if (words.has(lower)) return true;
  const raw = (token.lemma as string | undefined) ?? lower;
  if (raw !== lower && words.has(raw.toLowerCase())) return true;
  return lower.length > 3 && lower.endsWith('s') && words.has(lower.slice(0, -1));
}

/**
 * Whether one of a token's key numbers (`TokenWords.words`) is in `ids` (a word item's): the
 * same answer as hasKey for the item's words, and most tokens have no number to test.
 */
function hasWord(words: readonly number[] | undefined, ids: ReadonlySet<number>): boolean {
  if (words === undefined) return false;
  for (let k = 0; k < words.length; k++) if (ids.has(words[k]!)) return true;
  return false;
}

function posFits(
  item: Extract<PatternItem, { kind: 'word' }>,
  token: Token,
  prev: Token | undefined,
): boolean {
  switch (item.pos) {
    case null:
      return true;
    case 'N':
      return token.pos === 'NOUN' || token.pos === 'PROPN';
    case 'V':
      // "the targeting of": a verb form after an article is a noun
      return (
        (token.pos === 'VERB' || token.pos === 'AUX') &&
        !(prev?.pos === 'DET' && prev.sentence === token.sentence)
      );
    case 'A':
      return token.pos === 'ADJ' || token.pos === 'NOUN';
  }
}

/**
 * Finds every trigger of the lexicon in tokens `[from, to)` (one sentence) and keeps the longest
 * non-overlapping ones: "imposed sanctions on" wins over the bare noun "sanctions".
 *
 * @example
 * matchTriggers(article.tokens, 0, 12, lexicon); // [{ entry: { type: 'REJECT', … }, start: 1, end: 2, head: 1 }]
 */
export function matchTriggers(
  tokens: readonly Token[],
  from: number,
  to: number,
  lexicon: EventsLexicon,
): TriggerMatch[] {
  const starts: TokenWords[] = [];
  for (let i = from; i < to; i++) {
    const keys = tokenKeys(tokens[i]!);
    starts[i] = {
      triggers: triggersStartingAt(keys, lexicon),
      words: wordIdsOf(keys),
      cues: textCuesOf(lexicon.cues, tokens[i]!.lower),
    };
  }
  return matchTriggersAt(tokens, starts, from, to);
}

/** The numbers (`wordId`) of the keys that some pattern has. */
function wordIdsOf(keys: readonly string[]): number[] {
  const ids: number[] = [];
  for (const key of keys) {
    const id = knownWordId(key);
    if (id !== -1) ids.push(id);
  }
  return ids;
}

/**
 * The triggers whose first word takes one of a token's keys, in key order, each once.
 *
 * @example
 * triggersStartingAt(['reject', 'rejected'], lexicon); // [{ type: 'REJECT', … }]
 */
export function triggersStartingAt(keys: readonly string[], lexicon: EventsLexicon): TriggerEntry[] {
  const out: TriggerEntry[] = [];
  for (const key of keys) {
    for (const entry of lexicon.byFirstWord.get(key) ?? []) if (!out.includes(entry)) out.push(entry);
  }
  return out;
}

/**
 * What the matcher reads of a token's keys: the triggers they start, their numbers (`wordId`), and
 * the cue bits of its text (`TEXT_CUES`: a pattern gap does not cross a hard boundary).
 */
export interface TokenWords {
  readonly triggers: readonly TriggerEntry[];
  readonly words: readonly number[];
  readonly cues: number;
}

/**
 * matchTriggers with the keys of each token looked up already (`starts[i]`: the triggers as
 * triggersStartingAt gives them, and the numbers of the keys that patterns have): the events stage
 * reads them once per word of the article, and a word item then compares numbers, not strings.
 *
 * @example
 * matchTriggersAt(ctx.tokens, ctx.senses, 0, 12);
 */
export function matchTriggersAt(
  tokens: readonly Token[],
  starts: readonly (TokenWords | undefined)[],
  from: number,
  to: number,
): TriggerMatch[] {
  const found: TriggerMatch[] = [];
  // the word tokens of the pattern being tried, by word item: one list, copied into each match found
  const words: number[] = [];
  let titleCase: boolean | null = null;
  for (let i = from; i < to; i++) {
    const entries = starts[i]?.triggers;
    if (entries === undefined || entries.length === 0) continue;
    // "Occupy Central", "Press Secretary": a capitalised name inside running text is no trigger
    const tok = tokens[i]!;
    if (
      i > from &&
      tok.pos === 'PROPN' &&
      tok.text !== tok.lower &&
      !(titleCase ??= isTitleCase(tokens, from, to))
    )
      continue;
    for (const entry of entries) {
      const end = matchFrom(entry.items, 0, i, to, tokens, starts, words, 0);
      if (end < 0) continue;
      if (excluded(entry, end, to, tokens)) continue;
      const matched = words.slice(0, wordCount(entry.items));
      const head = matched[entry.headWord] ?? i;
      if (isAttributiveParticiple(tokens, head, from)) continue;
      found.push({ entry, start: i, end, head, words: matched });
    }
  }
  if (found.length < 2) return found; // most sentences: nothing to choose between
  // longest pattern first (by matched words), then a user's trigger, then a verb over a noun it governs ("drop … tariffs"
  // over "tariffs on": the act is done to the noun), then the most compact; keep non-overlapping
  sortSmall(found, byPreference);
  const taken = new Uint8Array(to - from);
  const kept: TriggerMatch[] = [];
  for (const m of found) {
    let free = true;
    for (let t = m.start; t < m.end && free; t++) if (taken[t - from] === 1) free = false;
    if (!free) continue;
    for (let t = m.start; t < m.end; t++) taken[t - from] = 1;
    kept.push(m);
  }
  return sortSmall(kept, byStart);
}

function byPreference(a: TriggerMatch, b: TriggerMatch): number {
  return (
    b.words.length - a.words.length ||
    Number(b.entry.user) - Number(a.entry.user) ||
    verbFirst(a) - verbFirst(b) ||
    a.end - a.start - (b.end - b.start) ||
    a.start - b.start
  );
}

function verbFirst(m: TriggerMatch): number {
  return m.entry.frame === 'verb' ? 0 : 1;
}

function matchFrom(
  items: readonly PatternItem[],
  k: number,
  i: number,
  to: number,
  tokens: readonly Token[],
  starts: readonly (TokenWords | undefined)[],
  words: number[],
  w: number,
): number {
  // `words[w]` is where the next word item goes: a failed branch is overwritten, never popped
  if (k === items.length) return i;
  const item = items[k]!;
  if (item.kind === 'gap') {
    // up to MAX_GAP words: the pieces of a hyphenated word ("anti-dumping") count as one
    for (let skip = 0, skipped = 0; skipped <= MAX_GAP && i + skip < to; skip++) {
      if (skip > 0) {
        const t = tokens[i + skip - 1]!;
        if ((starts[i + skip - 1]!.cues & TEXT_CUES.hardBoundaries) !== 0 || t.lower === '.') return -1;
        const glued = skip > 1 && tokens[i + skip - 2]!.end === t.start;
        if (!glued) skipped++;
        if (skipped > MAX_GAP) return -1;
      }
      const end = matchFrom(items, k + 1, i + skip, to, tokens, starts, words, w);
      if (end >= 0) return end;
    }
    return -1;
  }
  // the word first: it reads only the token's senses, and most tokens have no pattern word
  if (i >= to || !hasWord(starts[i]?.words, item.ids)) return -1;
  if (!posFits(item, tokens[i]!, tokens[i - 1])) return -1;
  words[w] = i;
  return matchFrom(items, k + 1, i + 1, to, tokens, starts, words, w + 1);
}

/** How many word items (not gaps) a pattern has: the words a match of it lists. */
function wordCount(items: readonly PatternItem[]): number {
  let n = 0;
  for (const item of items) if (item.kind === 'word') n++;
  return n;
}

/** A headline in title case ("Iran Summons British Diplomat") tags its verbs as names. */
function isTitleCase(tokens: readonly Token[], from: number, to: number): boolean {
  let lower = 0;
  for (let i = from; i < to; i++) {
    const tok = tokens[i]!;
    if (
      (tok.pos === 'NOUN' || tok.pos === 'VERB' || tok.pos === 'ADJ') &&
      tok.text[0] === tok.lower[0] &&
      tok.lower.length > 3
    )
      lower++;
    if (lower >= 2) return false;
  }
  return true;
}

/** "the occupied territories": a participle right after a determiner describes, it reports no act. */
function isAttributiveParticiple(tokens: readonly Token[], head: number, from: number): boolean {
  const tok = tokens[head]!;
  if (head <= from || !tok.lower.endsWith('ed')) return false;
  const prev = tokens[head - 1]!;
  return prev.pos === 'DET' && prev.lower !== 'that';
}

function excluded(entry: TriggerEntry, end: number, to: number, tokens: readonly Token[]): boolean {
  if (entry.exclude.size === 0) return false;
  for (let t = end; t < Math.min(end + 3, to); t++) if (hasKey(tokens[t]!, entry.exclude)) return true;
  return false;
}

function byStart(a: TriggerMatch, b: TriggerMatch): number {
  return a.start - b.start;
}
