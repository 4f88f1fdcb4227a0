import type { Mention, Span } from '../../core/index.js';
import type { ActorsLexicon } from './parse-actors-lexicon.js';
import { indexSentenceMentions } from './index-sentence-mentions.js';
import type { SentenceMentionIndex, SentenceMentions } from './index-sentence-mentions.js';
import { normaliseKey } from './normalise-key.js';
import type { TokenView } from './read-name-context.js';
import { WORD_CLASS } from './classify-words.js';

/** A noun phrase that stands for an act of an actor the article named ("the move", "annexation plans"). */
export interface ActReference {
  readonly span: Span;
  /** First token of the phrase. */
  readonly start: number;
  readonly actor: string;
}

/** Lookup sets of the act-reference resolver, built once per lexicon. */
export interface ActLexicon {
  readonly references: ReadonlySet<string>;
  readonly determiners: ReadonlySet<string>;
  readonly actNouns: ReadonlySet<string>;
  readonly ordinals: ReadonlySet<string>;
}

/** How many sentences back "the move" may look for the report of the act. */
const ACT_WINDOW = 3;
/** (Read once: an imported binding read in a loop may cost a call each time.) */
const ACT_NOUN = WORD_CLASS.actNoun;
/** Words after a reference noun that give the act itself ("the decision to annex", "the step of expelling"). */
const COMPLEMENT_WORDS = new Set(['of', 'to', 'by', 'on', 'against', 'towards', 'toward', 'for']);

/**
 * @example
 * buildActLexicon(lexicon).references.has('move'); // true
 */
export function buildActLexicon(lexicon: ActorsLexicon): ActLexicon {
  return {
    references: new Set(lexicon.actReferences.map(normaliseKey)),
    determiners: new Set(lexicon.actReferenceDeterminers.map(normaliseKey)),
    actNouns: new Set(lexicon.actNouns.map(normaliseKey)),
    ordinals: new Set(lexicon.ordinalModifiers.map(normaliseKey)),
  };
}

/**
 * Resolves noun phrases that stand for an act the article reported, to the actor of that act:
 * - "the move", "this decision", "the allegations" (a determiner, the noun, and no "of"/"to"/"by"
 *   giving the act itself) → the first actor of the nearest of the previous sentences that reports
 *   an act (a sentence whose verb is only a form of "be" reports none), or else the agent such a
 *   sentence gives an act noun ("… were critical of Mr Maduro's decision. The announcement …");
 * - an act noun ("annexation") whose agent the article gave before ("Valdoria's annexation", "the
 *   annexation by Valdoria") and does not give here → that agent.
 * `mentions` are the article's mentions so far (actors, people, descriptions), in text order.
 *
 * @example
 * // "Valdoria expelled the envoy. The move angered Kestra."
 * resolveActReferences(view, mentions, lexicon); // [{ actor: 'VLD', … }] for "The move"
 */
export function resolveActReferences(
  view: TokenView,
  mentions: readonly Mention[],
  lexicon: ActLexicon,
  index: SentenceMentionIndex = indexSentenceMentions(view, mentions),
): ActReference[] {
  const { tokens, keys, sentences, classes } = view;
  const out: ActReference[] = [];
  const agents = new Map<string, readonly string[]>();
  const subjects = new Map<number, readonly string[] | null>();
  const subjectOf = (s: number): readonly string[] | null => {
    let actors = subjects.get(s);
    if (actors === undefined) {
      actors = subjectActors(view, mentions, index.of(s), s);
      subjects.set(s, actors);
    }
    return actors;
  };
  const owned = new Map<number, readonly string[] | null>();
  /** The agent of the last act noun of sentence `s` that is given one ("Mr Maduro's decision"). */
  const ownedActOf = (s: number): readonly string[] | null => {
    let actors = owned.get(s);
    if (actors === undefined) {
      actors = null;
      const { tokenStart, tokenEnd } = sentences[s]!;
      for (let k = tokenStart; k < tokenEnd; k++) {
        if (
          (classes[k]! & ACT_NOUN) === 0 ||
          tokens[k]!.pos !== 'NOUN' ||
          !(lexicon.actNouns.has(keys[k]!) || lexicon.references.has(keys[k]!))
        )
          continue;
        actors = agentOf(view, mentions, index, k, tokenStart, tokenEnd) ?? actors;
      }
      owned.set(s, actors);
    }
    return actors;
  };
  for (let i = 0; i < tokens.length; i++) {
    if ((classes[i]! & ACT_NOUN) === 0 || tokens[i]!.pos !== 'NOUN') continue;
    const key = keys[i]!;
    const act = lexicon.actNouns.has(key);
    if (!act && !lexicon.references.has(key)) continue;
    if (index.coveringToken(i) !== -1) continue;
    const sentence = tokens[i]!.sentence;
    const { tokenStart, tokenEnd } = sentences[sentence]!;

    if (act) {
      const lemma = tokens[i]!.lemma.toLowerCase();
      const agent = agentOf(view, mentions, index, i, tokenStart, tokenEnd);
      if (agent !== null) agents.set(lemma, agent);
      else {
        const known = agents.get(lemma);
        if (known !== undefined)
          for (const actor of known) out.push({ span: [tokens[i]!.start, tokens[i]!.end], start: i, actor });
      }
      continue;
    }

    let d = i - 1;
    while (d > tokenStart && d >= i - 3 && tokens[d]!.pos === 'ADJ' && !lexicon.ordinals.has(keys[d]!)) d--;
    if (d < tokenStart || !lexicon.determiners.has(keys[d]!)) continue;
    if (i + 1 < tokenEnd && COMPLEMENT_WORDS.has(keys[i + 1]!)) continue;
    for (let s = sentence - 1; s >= 0 && s >= sentence - ACT_WINDOW; s--) {
      const subject = subjectOf(s);
      const actors = subject && reportsAct(view, s) ? subject : ownedActOf(s);
      if (!actors) continue;
      for (const actor of actors) {
        out.push({ span: [tokens[d]!.start, tokens[i]!.end], start: d, actor });
      }
      break;
    }
  }
  return out;
}

/**
 * The actors of a sentence's subject: its first coded mention when nothing but a time adverbial
 * stands before it, with every mention of the same span (both actors of "the two sides").
 */
function subjectActors(
  view: TokenView,
  mentions: readonly Mention[],
  inSentence: SentenceMentions,
  s: number,
): readonly string[] | null {
  const { indexes, starts } = inSentence;
  for (let k = 0; k < indexes.length; k++) {
    const first = mentions[indexes[k]!]!;
    if (first.actor === null) continue;
    if (!opensSentence(view, starts[k]!, s)) return null;
    const actors = [first.actor];
    for (let j = k + 1; j < indexes.length; j++) {
      const other = mentions[indexes[j]!]!;
      if (other.span[0] !== first.span[0] || other.span[1] !== first.span[1]) break;
      if (other.actor !== null && !actors.includes(other.actor)) actors.push(other.actor);
    }
    return actors;
  }
  return null;
}

/**
 * The agents an act noun is given in its phrase: "Valdoria's annexation", "Valdorian annexation",
 * "annexation by Valdoria", "a deal between Valdoria and Kestra", "the agreement was signed by
 * Valdoria and Kestra".
 */
function agentOf(
  view: TokenView,
  mentions: readonly Mention[],
  index: SentenceMentionIndex,
  i: number,
  first: number,
  limit: number,
): readonly string[] | null {
  const { keys, tokens } = view;
  let before = i - 1;
  if (before > first && (keys[before] === "'s" || keys[before] === "'")) before--;
  const owner = before >= first ? index.coveringToken(before) : -1;
  if (owner >= 0 && mentions[owner]!.actor !== null) return [mentions[owner]!.actor!];
  const by = i + 2 < limit && keys[i + 1] === 'by' ? index.coveringToken(i + 2) : -1;
  if (by >= 0) return mentions[by]!.actor === null ? null : [mentions[by]!.actor!];
  if (keys[i + 1] === 'between') {
    const pair = actorsOfClause(view, mentions, index, i + 2, limit);
    return pair.length >= 2 ? pair : null;
  }
  // "The agreement was signed by …": the act noun as subject of a passive with its agent
  let k = i + 1;
  if (k >= limit || tokens[k]!.pos !== 'AUX') return null;
  while (k < limit && (tokens[k]!.pos === 'AUX' || tokens[k]!.pos === 'ADV')) k++;
  if (k + 1 >= limit || tokens[k]!.pos !== 'VERB' || keys[k + 1] !== 'by') return null;
  const agents = actorsOfClause(view, mentions, index, k + 2, limit);
  return agents.length > 0 ? agents : null;
}

/** Words that end the clause an agent phrase is read in. */
const CLAUSE_BREAKS = new Set([',', ';', ':', '--', '—', '–', '(']);

/** Parts of speech that, after the first agent, end the coordination of agents ("… by Valdoria in Port Merrin"). */
const AFTER_AGENTS = new Set(['ADP', 'VERB', 'AUX', 'SCONJ', 'PRON', 'ADV']);

/**
 * The distinct actors of the agent phrase from token `from`: the first actor named in the clause
 * and those coordinated with it ("Valdoria and Kestra", "representatives of Valdoria and Kestra").
 */
function actorsOfClause(
  view: TokenView,
  mentions: readonly Mention[],
  index: SentenceMentionIndex,
  from: number,
  limit: number,
): string[] {
  const out: string[] = [];
  for (let k = from; k < limit && !CLAUSE_BREAKS.has(view.keys[k]!); k++) {
    const m = index.coveringToken(k);
    const actor = m >= 0 ? mentions[m]!.actor : null;
    if (actor !== null) {
      if (!out.includes(actor)) out.push(actor);
    } else if (m < 0 && out.length > 0 && AFTER_AGENTS.has(view.tokens[k]!.pos)) {
      break;
    }
  }
  return out;
}

/** Words of a time adverbial or an opening that may stand before a subject ("On Tuesday the …"). */
const BEFORE_SUBJECT = new Set(['DET', 'ADV', 'CCONJ', 'PUNCT', 'ADP', 'NUM', 'PROPN']);

/** Whether token `t` opens its sentence's subject: no noun, verb or pronoun stands before it. */
function opensSentence(view: TokenView, t: number, s: number): boolean {
  const start = view.sentences[s]!.tokenStart;
  for (let k = start; k < t; k++) if (!BEFORE_SUBJECT.has(view.tokens[k]!.pos)) return false;
  return true;
}

/**
 * Whether sentence `s` reports an act: its first verb group holds a verb ("took", "has expelled",
 * "was asked"), not only a form of "be" or "have" ("has been Syria's envoy").
 */
function reportsAct(view: TokenView, s: number): boolean {
  const { tokens } = view;
  const end = view.sentences[s]!.tokenEnd;
  let k = view.sentences[s]!.tokenStart;
  while (k < end && tokens[k]!.pos !== 'VERB' && tokens[k]!.pos !== 'AUX') k++;
  if (k >= end || tokens[k]!.pos === 'VERB') return true;
  while (k < end && (tokens[k]!.pos === 'AUX' || tokens[k]!.pos === 'ADV' || tokens[k]!.pos === 'PART')) k++;
  return k < end && tokens[k]!.pos === 'VERB';
}
