import type { Mention, Sentence, Token } from '../../core/index.js';
import { caseMatchesTokens } from './build-registry.js';
import type { Registry, RegistryEntry, TrieNode } from './build-registry.js';
import { SHAPE, WORD_CLASS } from './classify-words.js';
import { createMention } from './create-mention.js';
import { isCapitalised } from './normalise-key.js';
import { codeOn } from './parse-user-actors.js';

/** (Read once: an imported binding read in a loop may cost a call each time.) */
const ACTOR_START = WORD_CLASS.actorStart;
const BODY_START = WORD_CLASS.bodyStart;
const LONG = SHAPE.long;
const UPPER_INITIAL = SHAPE.upperInitial;
const LOWER_INITIAL = SHAPE.lowerInitial;

/**
 * The registry's root node of each token's key, found from the token's slot in the class table
 * (`ArticleWords.slots`), so that the first word of a name is not looked up a second time.
 */
export interface RootNodes {
  readonly slots: Int32Array;
  /** Root node of the key of each slot. */
  readonly nodes: readonly (TrieNode | undefined)[];
}

/** A matched actor name: tokens [start, end) of the article. */
export interface ActorMatch {
  readonly start: number;
  readonly end: number;
  readonly entry: RegistryEntry;
}

/**
 * Finds every actor mention (country, demonym, capital, institution,
 * organisation, group) by longest match over the registry trie, then widens
 * country and demonym mentions over a following or preceding government body
 * ("the Japanese executive", "Mali's government", "the government of Mali"), which
 * gives the mention the body's sector. A name that stands for no actor ("Latin
 * American") is consumed and yields nothing; a demonym right before a group's name
 * ("Lebanese Hezbollah") describes the group and yields nothing either. Date-bounded
 * codes of user dictionaries are read on `date` (the article's publication date). `classes` (the
 * tokens' `WORD_CLASS` bits), when given, spare a registry lookup at tokens that open no name.
 *
 * @example
 * findActorMentions(text, tokens, keys, sentences, registry); // [{ kind: 'country', actor: 'JPN', … }]
 */
export function findActorMentions(
  text: string,
  tokens: readonly Token[],
  keys: readonly string[],
  sentences: readonly Sentence[],
  registry: Registry,
  date?: string,
  titleCases: Uint8Array = titleCaseSentences(tokens, sentences),
  classes?: Uint16Array,
  roots?: RootNodes,
): Mention[] {
  const mentions: Mention[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    const titleCase = titleCases[s] === 1;
    let previousEnd = -1;
    let i = sentence.tokenStart;
    while (i < sentence.tokenEnd) {
      if (classes ? (classes[i]! & ACTOR_START) === 0 : !registry.root.has(keys[i]!)) {
        i++;
        continue;
      }
      const first = roots === undefined ? undefined : roots.nodes[roots.slots[i]!];
      const match = longestMatch(tokens, keys, i, sentence.tokenEnd, registry.root, first);
      if (!match || !accepts(match, tokens, sentence, previousEnd, titleCase)) {
        i++;
        continue;
      }
      const code = match.entry.dated.length > 0 ? codeOn(withNull(match.entry), date) : match.entry.code;
      if (!code || describesGroup(match, tokens, keys, sentence, registry, classes, roots)) {
        i = match.end;
        continue;
      }
      let start = match.start;
      let end = match.end;
      let kind: Mention['kind'] = match.entry.kind;
      let sector = match.entry.sector;
      if (kind === 'country' || kind === 'demonym') {
        const after = bodyAfter(keys, end, sentence.tokenEnd, registry, classes);
        if (after !== null) {
          end = after.end;
          sector = after.sector;
          kind = 'institution';
        } else if (kind === 'country') {
          const before = bodyBefore(tokens, keys, start, sentence.tokenStart, registry, classes);
          if (before !== null) {
            start = before.start;
            sector = before.sector;
            kind = 'institution';
          }
        }
      }
      const span = [tokens[start]!.start, tokens[end - 1]!.end] as const;
      // a user dictionary may give several codes to one name (PETRARCH's "FRO/BIL/SAM")
      if (code.indexOf('/') < 0) {
        mentions.push(createMention(span, text.slice(span[0], span[1]), kind, code, null, s, sector));
      } else {
        for (const actor of code.split('/')) {
          mentions.push(createMention(span, text.slice(span[0], span[1]), kind, actor, null, s, sector));
        }
      }
      previousEnd = end;
      i = end;
    }
  }
  return mentions;
}

/**
 * Longest registry match starting at token `i` whose case rules hold.
 *
 * @example
 * longestMatch(tokens, keys, 0, tokens.length, registry.root)?.entry.code; // 'USA' for "United States …"
 */
export function longestMatch(
  tokens: readonly Token[],
  keys: readonly string[],
  i: number,
  limit: number,
  root: Map<string, TrieNode>,
  first?: TrieNode,
): ActorMatch | null {
  let map = root;
  let best: ActorMatch | null = null;
  for (let j = i; j < limit; j++) {
    const node = j === i && first !== undefined ? first : map.get(keys[j]!);
    if (!node) break;
    if (!node.ambiguous && node.entries.length > 0) {
      let chosen: RegistryEntry | null = null;
      for (const entry of node.entries) {
        if ((!chosen || entry.priority > chosen.priority) && caseMatchesTokens(entry, tokens, i))
          chosen = entry;
      }
      if (chosen) best = { start: i, end: j + 1, entry: chosen };
    }
    if (node.next.size === 0) break;
    map = node.next;
  }
  return best;
}

function accepts(
  match: ActorMatch,
  tokens: readonly Token[],
  sentence: Sentence,
  previousEnd: number,
  titleCase: boolean,
): boolean {
  const { entry, start, end } = match;
  if (
    entry.organ &&
    (previousEnd === start || (previousEnd === start - 1 && tokens[start - 1]?.lower === 'the'))
  ) {
    return false;
  }
  if (!(entry.personLike || entry.organ || entry.kind === 'capital') || titleCase) return true;
  // "Michael Jordan", "the Washington Post", "the Federal Election Commission": part of a longer proper name
  const prev = tokens[start - 1];
  if (prev && start > sentence.tokenStart && prev.pos === 'PROPN' && isCapitalised(prev.text)) return false;
  const next = tokens[end];
  // (an organ may precede a name: "Secretary-General Ban Ki-moon")
  if (
    !entry.organ &&
    next &&
    end < sentence.tokenEnd &&
    isCapitalised(next.text) &&
    !NOT_NAME_POS.has(next.pos)
  ) {
    return false;
  }
  // "the Commission on Presidential Debates"
  const after = tokens[end + 1];
  if (
    entry.organ &&
    next &&
    after &&
    end + 1 < sentence.tokenEnd &&
    (next.lower === 'on' || next.lower === 'of' || next.lower === 'for') &&
    isCapitalised(after.text)
  ) {
    return false;
  }
  return true;
}

function withNull(entry: RegistryEntry): { code: string | null; dated: RegistryEntry['dated'] } {
  return { code: entry.code === '' ? null : entry.code, dated: entry.dated };
}

/**
 * "Lebanese Hezbollah", "Palestinian Hamas": a demonym directly before a group's name only describes
 * it. `classes` and `roots`, when given, spare the lookup where no name opens after the demonym.
 */
function describesGroup(
  match: ActorMatch,
  tokens: readonly Token[],
  keys: readonly string[],
  sentence: Sentence,
  registry: Registry,
  classes?: Uint16Array,
  roots?: RootNodes,
): boolean {
  if (match.entry.kind !== 'demonym') return false;
  const at = match.end;
  if (at >= sentence.tokenEnd || (classes !== undefined && (classes[at]! & ACTOR_START) === 0)) return false;
  const first = roots === undefined ? undefined : roots.nodes[roots.slots[at]!];
  const next = longestMatch(tokens, keys, at, sentence.tokenEnd, registry.root, first);
  return next !== null && (next.entry.kind === 'group' || next.entry.kind === 'organisation');
}

interface BodyMatch {
  readonly end: number;
  readonly sector: string | null;
}

/** End token (and sector) of a government body directly after a country or demonym ("'s government"), or null. */
function bodyAfter(
  keys: readonly string[],
  end: number,
  limit: number,
  registry: Registry,
  classes: Uint16Array | undefined,
): BodyMatch | null {
  let k = end;
  if (k < limit && (keys[k] === "'s" || keys[k] === "'")) k++;
  return longestBody(keys, k, limit, registry, classes);
}

/** Start token (and sector) of "<body> of|from (the) <country>", or null. */
function bodyBefore(
  tokens: readonly Token[],
  keys: readonly string[],
  start: number,
  first: number,
  registry: Registry,
  classes: Uint16Array | undefined,
): { start: number; sector: string | null } | null {
  let k = start - 1;
  if (k >= first && keys[k] === 'the') k--;
  // "the government of Mali", "soldiers from Gondor"
  if (k < first || (keys[k] !== 'of' && keys[k] !== 'from')) return null;
  // try every body start within three words before "of"
  for (let b = Math.max(first, k - 4); b < k; b++) {
    const found = longestBody(keys, b, k, registry, classes);
    if (found !== null && found.end === k) return { start: b, sector: found.sector };
  }
  void tokens;
  return null;
}

/**
 * The longest government body at token `i`, or null; `classes`, when given, spare the lookup where
 * no body starts.
 */
function longestBody(
  keys: readonly string[],
  i: number,
  limit: number,
  registry: Registry,
  classes: Uint16Array | undefined,
): BodyMatch | null {
  if (classes !== undefined && i < limit && (classes[i]! & BODY_START) === 0) return null;
  let map = registry.bodies;
  let end = i;
  let sector: string | null = null;
  for (let j = i; j < limit; j++) {
    const node = map.get(keys[j]!);
    if (!node) break;
    const entry = node.entries[node.entries.length - 1];
    if (entry) {
      end = j + 1;
      sector = entry.sector;
    }
    map = node.next;
  }
  return end > i ? { end, sector } : null;
}

/** Parts of speech that cannot continue a proper name ("Jordan Said" in a headline is a verb). */
const NOT_NAME_POS = new Set(['VERB', 'AUX', 'ADP', 'DET', 'CCONJ', 'SCONJ', 'PART', 'PRON', 'PUNCT', 'NUM']);
const CLOSED_CLASS = new Set(['VERB', 'AUX', 'ADP', 'DET', 'CCONJ', 'SCONJ', 'PART', 'PRON', 'ADV']);

/**
 * Headlines written in Title Case ("Japan Rejects The Vote"): mostly capitalised
 * words, including verbs or function words, so capitals say nothing about names there.
 *
 * @example
 * isTitleCaseSentence(tokens, sentences[0]); // true for "Japan Rejects The Vote In Ukraine"
 */
export function isTitleCaseSentence(tokens: readonly Token[], sentence: Sentence): boolean {
  let words = 0;
  let capitalised = 0;
  let capitalisedClosed = false;
  for (let k = sentence.tokenStart + 1; k < sentence.tokenEnd; k++) {
    const token = tokens[k]!;
    const text = token.text;
    if (text.length < 2) continue;
    const c = text.charCodeAt(0);
    const upper = c >= 0x41 && c <= 0x5a;
    if (!upper && !(c >= 0x61 && c <= 0x7a)) continue;
    words++;
    if (!upper) continue;
    capitalised++;
    // (one capitalised closed-class word is enough: no lookup after it)
    if (!capitalisedClosed && CLOSED_CLASS.has(token.pos)) capitalisedClosed = true;
  }
  return words >= 3 && capitalisedClosed && capitalised / words > 0.6;
}

/**
 * `isTitleCaseSentence` of every sentence, as 1 or 0: computed once per article. `shapes` (the
 * tokens' `SHAPE` bits), when given, spare reading the text of each token.
 *
 * @example
 * titleCaseSentences(tokens, sentences)[0]; // 1 for a headline in title case
 */
export function titleCaseSentences(
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  shapes?: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(sentences.length);
  for (let s = 0; s < sentences.length; s++) {
    const titleCase = shapes
      ? isTitleCaseByShape(tokens, sentences[s]!, shapes)
      : isTitleCaseSentence(tokens, sentences[s]!);
    out[s] = titleCase ? 1 : 0;
  }
  return out;
}

/** `isTitleCaseSentence`, read from the tokens' shapes. */
function isTitleCaseByShape(tokens: readonly Token[], sentence: Sentence, shapes: Uint8Array): boolean {
  let words = 0;
  let capitalised = 0;
  let capitalisedClosed = false;
  for (let k = sentence.tokenStart + 1; k < sentence.tokenEnd; k++) {
    const shape = shapes[k]!;
    if ((shape & LONG) === 0 || (shape & (UPPER_INITIAL | LOWER_INITIAL)) === 0) continue;
    words++;
    if ((shape & UPPER_INITIAL) === 0) continue;
    capitalised++;
    if (!capitalisedClosed && CLOSED_CLASS.has(tokens[k]!.pos)) capitalisedClosed = true;
  }
  return words >= 3 && capitalisedClosed && capitalised / words > 0.6;
}
