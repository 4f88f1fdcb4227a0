import type { Mention, Span } from '../../core/index.js';
import { indexSentenceMentions } from './index-sentence-mentions.js';
import type { SentenceMentionIndex, SentenceMentions } from './index-sentence-mentions.js';
import type { TokenView } from './read-name-context.js';
import { WORD_CLASS } from './classify-words.js';

/** A plural pronoun resolved to the actors of a plural subject ("India and Pakistan … they"). */
export interface PronounReference {
  readonly span: Span;
  readonly start: number;
  readonly actor: string;
}

/** Parts of speech that may stand before a sentence's subject ("But the protesters", "Then India"). */
const BEFORE_SUBJECT = new Set(['DET', 'ADV', 'CCONJ', 'PUNCT']);
/** (Read once: an imported binding read in a loop may cost a call each time.) */
const PLURAL_PRONOUN = WORD_CLASS.pluralPronoun;

/**
 * Resolves plural pronouns ("they", "their") to the plural actor subject of their sentence, when
 * the pronoun follows it, else of the previous sentence: coordinated actors ("India and Pakistan",
 * "Chile, Peru and Bolivia"), a pair ("the two sides") or an actor named by a plural noun ("the
 * protesters", "Malian troops") or by a noun in `pluralHeads` ("police"). A subject that is not plural, or not an actor, resolves nothing.
 * `mentions` are the article's mentions so far, in text order.
 *
 * @example
 * // "India and Pakistan met on Monday. They agreed to talk."
 * resolvePluralPronouns(view, mentions, new Set(['they'])); // "They" → IND and PAK
 */
export function resolvePluralPronouns(
  view: TokenView,
  mentions: readonly Mention[],
  pronouns: ReadonlySet<string>,
  pluralHeads: ReadonlySet<string> = new Set(),
  index: SentenceMentionIndex = indexSentenceMentions(view, mentions),
): PronounReference[] {
  const { tokens, keys } = view;
  const subjects = new Map<number, ReturnType<typeof subjectOf>>();
  const subjectAt = (s: number): ReturnType<typeof subjectOf> => {
    let subject = subjects.get(s);
    if (subject === undefined) {
      subject = subjectOf(view, mentions, index.of(s), pluralHeads);
      subjects.set(s, subject);
    }
    return subject;
  };

  const out: PronounReference[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if ((view.classes[i]! & PLURAL_PRONOUN) === 0) continue;
    if (tokens[i]!.pos !== 'PRON' || !pronouns.has(keys[i]!) || index.coveringToken(i) !== -1) continue;
    const s = tokens[i]!.sentence;
    const own = subjectAt(s);
    // the sentence's own subject; or, for a pronoun that opens its sentence's subject ("They then
    // left", "But their envoys …"), the previous sentence's
    const subject = own ? (own.end <= i ? own : null) : opensSentence(view, i) ? subjectAt(s - 1) : null;
    if (!subject?.plural) continue;
    for (const actor of subject.actors)
      out.push({ span: [tokens[i]!.start, tokens[i]!.end], start: i, actor });
  }
  return out;
}

/** Whether only words that may stand before a subject precede token `i` in its sentence. */
function opensSentence(view: TokenView, i: number): boolean {
  const { tokens } = view;
  const start = view.sentences[tokens[i]!.sentence]!.tokenStart;
  if (start === 0 && tokens[i]!.sentence === 0) return false;
  for (let k = start; k < i; k++) if (!BEFORE_SUBJECT.has(tokens[k]!.pos)) return false;
  return true;
}

/** The actors of a sentence's subject actor, whether it is plural, and the token it ends at. */
function subjectOf(
  view: TokenView,
  mentions: readonly Mention[],
  { indexes, starts, ends }: SentenceMentions,
  pluralHeads: ReadonlySet<string>,
): { actors: string[]; end: number; plural: boolean } | null {
  if (indexes.length === 0) return null;
  const { tokens, keys } = view;
  const sentence = view.sentences[mentions[indexes[0]!]!.sentence]!;
  for (let k = sentence.tokenStart; k < starts[0]!; k++) {
    if (!BEFORE_SUBJECT.has(tokens[k]!.pos)) return null;
  }
  const actors: string[] = [];
  let end = starts[0]!;
  for (let j = 0; j < indexes.length; j++) {
    const mention = mentions[indexes[j]!]!;
    if (starts[j]! > end) {
      // "India and Pakistan", "Chile, Peru and Bolivia": only "and" and commas between
      for (let k = end; k < starts[j]!; k++) if (keys[k] !== 'and' && keys[k] !== ',') return result();
    }
    // else: the same span (both actors of "the two sides") or right after ("KKE protesters")
    if (mention.actor === null) return result();
    if (!actors.includes(mention.actor)) actors.push(mention.actor);
    end = Math.max(end, ends[j]!);
  }
  return result();

  function result(): { actors: string[]; end: number; plural: boolean } | null {
    if (actors.length === 0) return null;
    const head = tokens[end - 1]!;
    const pluralNoun =
      head.pos === 'NOUN' && (head.lemma.toLowerCase() !== head.lower || pluralHeads.has(keys[end - 1]!));
    return { actors, end, plural: actors.length > 1 || pluralNoun };
  }
}
