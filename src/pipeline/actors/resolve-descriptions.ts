import type { Mention, Span } from '../../core/index.js';
import { matchTitle } from './build-name-lexicon.js';
import type { NameLexicon } from './build-name-lexicon.js';
import type { PersonDraft } from './find-people.js';
import { ArrayPool } from './array-pool.js';
import { SHAPE, WORD_CLASS } from './classify-words.js';
import type { TokenView } from './read-name-context.js';

/** A description or pronoun resolved to a person (index into drafts) or to an actor. */
export interface ResolvedDescription {
  readonly span: Span;
  readonly start: number;
  readonly person: number | null;
  /** The actor the words themselves name ("the UN chief" → UN), or null. */
  readonly actor: string | null;
  /** True when that actor is a nationality ("the Portuguese diplomat"), not what the person acts for. */
  readonly nationality: boolean;
}

const PRONOUNS = new Set(['he', 'she', 'him', 'his', 'her']);
/** Every word the description resolver reads a description or pronoun from (its `WORD_CLASS.descriptionWord`). */
export const DESCRIPTION_WORDS: readonly string[] = ['the', 'a', 'an', ...PRONOUNS];
const POSSESSED = new Set([
  'country',
  'government',
  'administration',
  'nation',
  'ministry',
  'party',
  'organization',
  'organisation',
  'office',
]);
/** Nouns that, after "the", refer back to the last organisation named (its `WORD_CLASS.collectiveNoun`). */
export const COLLECTIVE_NOUNS: readonly string[] = ['organization', 'organisation', 'bloc', 'body', 'agency'];
const COLLECTIVES = new Set(COLLECTIVE_NOUNS);
/** Heads a description may use for any person with a role ("the diplomat" for an ambassador). */
const GENERIC = new Set([
  'diplomat',
  'chief',
  'head',
  'leader',
  'politician',
  'minister',
  'envoy',
  'veteran',
]);
const UNNAMED = -1;
/** Arrays lent per article (array-pool.ts). */
const PERSON_START = new ArrayPool((n) => new Int32Array(n));
const USED = new ArrayPool((n) => new Uint8Array(n));
const IN_QUOTE = new ArrayPool((n) => new Uint8Array(n));
/** (Read once: an imported binding read in a loop may cost a call each time.) */
const DESCRIPTION_WORD = WORD_CLASS.descriptionWord;
const COLLECTIVE_NOUN = WORD_CLASS.collectiveNoun;
const TITLE_START = WORD_CLASS.titleStart;
const QUOTE_MARK = SHAPE.quoteMark;
/** (`SHAPE`: the text opens with a–z, with A–Z.) */
const LOWER_INITIAL = SHAPE.lowerInitial;
const UPPER_INITIAL = SHAPE.upperInitial;
const LINKS = new Set(['of', 'for']);
const OPEN_QUOTES = new Set(['“', '«']);
/** How many sentences back a description or pronoun may reach for its person. */
const DESCRIPTION_WINDOW = 5;
const PRONOUN_WINDOW = 3;

/**
 * Resolves definite descriptions ("the spokesman", "the UN chief", "the
 * Portuguese diplomat") and third-person pronouns ("he", "his country") to the
 * most recent compatible person, or a description naming an actor to that
 * actor; what the text does not support yields nothing. Quoted words are left alone.
 *
 * @example
 * // "… said Foreign Minister Jorge Arreaza. The minister added …"
 * resolveDescriptions(view, drafts, names, isCountry); // [{ span: [s, e], person: 0, actor: null, … }]
 */
export function resolveDescriptions(
  view: TokenView,
  drafts: readonly PersonDraft[],
  names: NameLexicon,
  isCountry: (code: string) => boolean,
): ResolvedDescription[] {
  const { tokens, keys } = view;
  const personStart = PERSON_START.take(tokens.length, -1);
  const used = USED.take(tokens.length);
  const actorOf: (string | null)[] = [];
  const roleHead: (string | null)[] = [];
  const gender: (Gender | null)[] = [];
  for (let index = 0; index < drafts.length; index++) {
    const draft = drafts[index]!;
    let actor: string | null = null;
    let head: string | null = null;
    let known: Gender | null = null;
    for (const run of draft.runs) {
      known ??= genderOf(run.start > 0 ? keys[run.start - 1]! : '') ?? genderOf(run.context.roleHead ?? '');
      personStart[run.start] = index;
      for (let k = run.start; k < run.end; k++) used[k] = 1;
      const { roleStart, roleEnd } = run.context;
      for (let k = Math.max(0, roleStart); k < roleEnd; k++) used[k] = 1;
      if (actor === null) actor = run.context.actor;
      if (head === null) head = run.context.roleHead;
    }
    actorOf.push(actor);
    roleHead.push(head);
    gender.push(known);
  }
  const inQuote = quotedTokens(view);
  const out: ResolvedDescription[] = [];
  const recent: Recent[] = [];

  for (let i = 0; i < tokens.length; i++) {
    if (personStart[i]! >= 0) {
      recent.push({ person: personStart[i]!, sentence: tokens[i]!.sentence, at: i });
      continue;
    }
    if ((view.classes[i]! & DESCRIPTION_WORD) === 0 || used[i] || inQuote[i]) continue;
    const sentence = tokens[i]!.sentence;
    const key = keys[i]!;
    if (key === 'a' || key === 'an') {
      // "a senior defence official said … He said": an unnamed person comes between
      const found = readDescription(view, i, names);
      if (found) {
        recent.push({ person: UNNAMED, sentence, at: i });
        i = found.end - 1;
      }
    } else if (key === 'the') {
      const found = readDescription(view, i, names);
      if (
        !found ||
        used[found.end - 1] ||
        (personStart[found.end] !== undefined && personStart[found.end]! >= 0)
      )
        continue;
      const nationality = found.actor !== null && found.actorKind === 'demonym';
      const wanted: Wanted = { found, nationality, actorOf, roleHead, isCountry };
      // a person holding that very title first ("the defence minister"), then any fitting person
      const person =
        pickPerson(recent, sentence, DESCRIPTION_WINDOW, wanted, true) ??
        pickPerson(recent, sentence, DESCRIPTION_WINDOW, wanted, false);
      const span = [tokens[i]!.start, tokens[found.end - 1]!.end] as const;
      if (person !== null) {
        if (!nationality && found.actor !== null && actorOf[person] === null) actorOf[person] = found.actor;
        out.push({ span, start: i, person, actor: found.actor, nationality });
        recent.push({ person, sentence, at: i });
      } else {
        if (found.actor !== null) out.push({ span, start: i, person: null, actor: found.actor, nationality });
        recent.push({ person: UNNAMED, sentence, at: i });
      }
      i = found.end - 1;
    } else if (PRONOUNS.has(key)) {
      const wanted = key === 'she' || key === 'her' ? 'f' : 'm';
      const person = pickPronounPerson(recent, sentence, gender, wanted);
      if (person === null) continue;
      gender[person] ??= wanted;
      let end = i + 1;
      if ((key === 'his' || key === 'her') && end < tokens.length && POSSESSED.has(keys[end]!)) end++;
      out.push({
        span: [tokens[i]!.start, tokens[end - 1]!.end],
        start: i,
        person,
        actor: null,
        nationality: false,
      });
      i = end - 1;
    }
  }
  // the organisation / the bloc → the last organisation named
  for (let i = 1; i < tokens.length; i++) {
    if ((view.classes[i]! & COLLECTIVE_NOUN) === 0) continue;
    if (keys[i - 1] !== 'the' || !COLLECTIVES.has(keys[i]!) || inQuote[i] || used[i]) continue;
    const code = lastOrganisation(view, i, isCountry);
    if (code !== null) {
      out.push({
        span: [tokens[i - 1]!.start, tokens[i]!.end],
        start: i - 1,
        person: null,
        actor: code,
        nationality: false,
      });
    }
  }
  return out;
}

/**
 * The actor each person acts for, as descriptions tell it ("the UN chief" → UN).
 *
 * @example
 * actorsLearned(descriptions, drafts.length); // [null, 'UN']
 */
export function actorsLearned(
  descriptions: readonly ResolvedDescription[],
  count: number,
): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(count).fill(null);
  for (const d of descriptions) {
    if (d.person !== null && d.actor !== null && !d.nationality && out[d.person] === null)
      out[d.person] = d.actor;
  }
  return out;
}

function readDescription(
  view: TokenView,
  i: number,
  names: NameLexicon,
): { end: number; head: string; actor: string | null; actorKind: Mention['kind'] | null } | null {
  const { keys, tokens } = view;
  const limit = view.sentences[tokens[i]!.sentence]!.tokenEnd;
  let k = skipModifiers(view, i + 1, limit, names);
  let actor: string | null = null;
  let actorKind: Mention['kind'] | null = null;
  const m = k < limit ? view.actorAt[k]! : -1;
  if (m >= 0 && view.mentionTokens[m]![0] === k) {
    const mention = view.mentions[m]!;
    // "the Japanese executive" is an actor, not a person
    if (mention.kind === 'institution' && !/^[A-Z]/.test(mention.text)) return null;
    actor = mention.actor;
    actorKind = mention.kind;
    k = view.mentionTokens[m]![1];
    if (k < limit && keys[k] === "'s") k++;
    k = skipModifiers(view, k, limit, names);
  }
  // (a word that opens no title needs no lookup)
  if (k >= limit || (view.classes[k]! & TITLE_START) === 0) return null;
  const title = matchTitle(keys, k, limit, names.titles);
  if (!title.entry) return null;
  let end = title.end;
  const headKey = keys[end - 1]!;
  // compound continuations ("the spokesman office", "the Official Journal") are not a description of a person
  if (end < limit && tokens[end]!.pos === 'NOUN' && (view.shapes[end]! & LOWER_INITIAL) !== 0) return null;
  if (end < limit && tokens[end]!.pos === 'PROPN' && (view.shapes[end]! & UPPER_INITIAL) !== 0) return null;
  if (actor === null && end + 1 < limit && LINKS.has(keys[end]!)) {
    let a = end + 1;
    if (a < limit && keys[a] === 'the') a++;
    const n = a < limit ? view.actorAt[a]! : -1;
    if (n >= 0 && view.mentionTokens[n]![0] === a) {
      actor = view.mentions[n]!.actor;
      actorKind = view.mentions[n]!.kind;
      end = view.mentionTokens[n]![1];
    }
  }
  return { end, head: headKey, actor, actorKind };
}

/** Skips up to three lower-case adjectives ("the veteran", "a senior", "the former"). */
function skipModifiers(view: TokenView, k: number, limit: number, names: NameLexicon): number {
  let n = 0;
  while (k < limit && n < 3) {
    const token = view.tokens[k]!;
    if ((view.classes[k]! & TITLE_START) !== 0 && matchTitle(view.keys, k, limit, names.titles).entry) break;
    if ((view.shapes[k]! & LOWER_INITIAL) === 0 || view.actorAt[k]! >= 0) break;
    if (!(token.pos === 'ADJ' || names.descriptionModifiers.has(token.lower))) break;
    k++;
    n++;
  }
  return k;
}

type Gender = 'f' | 'm';
const FEMALE = new Set([
  'ms',
  'mrs',
  'miss',
  'madam',
  'mme',
  'dame',
  'lady',
  'queen',
  'princess',
  'spokeswoman',
  'chairwoman',
  'congresswoman',
  'sra',
]);
const MALE = new Set([
  'mr',
  'sir',
  'lord',
  'king',
  'prince',
  'spokesman',
  'chairman',
  'congressman',
  'monsieur',
  'sr',
  'senor',
]);

function genderOf(word: string): Gender | null {
  return FEMALE.has(word) ? 'f' : MALE.has(word) ? 'm' : null;
}

interface Recent {
  readonly person: number;
  readonly sentence: number;
  readonly at: number;
}

/**
 * A pronoun's person: earlier in its own sentence (nearest first), else the
 * first-mentioned (subject-like) person of the nearest earlier sentence.
 */
function pickPronounPerson(
  recent: readonly Recent[],
  sentence: number,
  gender: readonly (Gender | null)[],
  wanted: Gender,
): number | null {
  let r = recent.length - 1;
  for (; r >= 0 && recent[r]!.sentence === sentence; r--) {
    const entry = recent[r]!;
    if (entry.person === UNNAMED) return null;
    if ((gender[entry.person] ?? wanted) === wanted) return entry.person;
  }
  while (r >= 0) {
    const s = recent[r]!.sentence;
    if (sentence - s > PRONOUN_WINDOW) return null;
    let first = r;
    while (first > 0 && recent[first - 1]!.sentence === s) first--;
    for (let k = first; k <= r; k++) {
      const entry = recent[k]!;
      if (entry.person === UNNAMED) return null;
      if ((gender[entry.person] ?? wanted) === wanted) return entry.person;
    }
    r = first - 1;
  }
  return null;
}

/** A description read at a "the" and what it is matched against (the people's actors and roles so far). */
interface Wanted {
  readonly found: { readonly head: string; readonly actor: string | null };
  readonly nationality: boolean;
  readonly actorOf: readonly (string | null)[];
  readonly roleHead: readonly (string | null)[];
  readonly isCountry: (code: string) => boolean;
}

/**
 * The most recent person of the window whom the description fits: holding that very title
 * (`exact`), or any person a generic head ("the diplomat") or the actor it names may stand for.
 */
function pickPerson(
  recent: readonly Recent[],
  sentence: number,
  window: number,
  wanted: Wanted,
  exact: boolean,
): number | null {
  for (let r = recent.length - 1; r >= 0; r--) {
    const entry = recent[r]!;
    if (sentence - entry.sentence > window || entry.person === UNNAMED) return null;
    if (fits(wanted, entry.person, exact)) return entry.person;
  }
  return null;
}

function fits(wanted: Wanted, p: number, exact: boolean): boolean {
  const { found, nationality } = wanted;
  const actor = wanted.actorOf[p] ?? null;
  if (found.actor !== null) {
    if (nationality) {
      if (actor !== null && wanted.isCountry(actor) && actor !== found.actor) return false;
    } else if (actor !== null && actor !== found.actor) {
      return false;
    }
  }
  const head = wanted.roleHead[p] ?? null;
  if (exact) return head === found.head;
  return GENERIC.has(found.head) || (head === null && found.actor !== null);
}

function lastOrganisation(view: TokenView, i: number, isCountry: (code: string) => boolean): string | null {
  const sentence = view.tokens[i]!.sentence;
  // the last mention ending at or before token i, by bisection (mentions are in text order)
  let lo = 0;
  let hi = view.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.mentionTokens[mid]![1] <= i) lo = mid + 1;
    else hi = mid;
  }
  for (let m = lo - 1; m >= 0; m--) {
    const mention = view.mentions[m]!;
    if (view.mentionTokens[m]![1] > i) continue;
    if (sentence - mention.sentence > 3) return null;
    if (mention.kind === 'organisation' && mention.actor !== null && !isCountry(mention.actor))
      return mention.actor;
  }
  return null;
}

function quotedTokens(view: TokenView): Uint8Array {
  const { tokens, sentences } = view;
  const flags = IN_QUOTE.take(tokens.length);
  let open = false;
  let paragraphStart = -1;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    if (sentences[s - 1]?.paragraph !== sentence.paragraph) {
      if (paragraphStart !== sentence.paragraph) open = false;
      paragraphStart = sentence.paragraph;
    }
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      // a quote mark: “ « (opening), ” » (closing) or " (classify-words.ts's SHAPE)
      if ((view.shapes[i]! & QUOTE_MARK) !== 0) {
        const t = tokens[i]!.text;
        if (OPEN_QUOTES.has(t) || (t === '"' && !open)) open = true;
        else open = false;
      } else if (open) {
        flags[i] = 1;
      }
    }
  }
  return flags;
}
