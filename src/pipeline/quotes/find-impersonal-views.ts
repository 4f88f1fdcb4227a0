import type { Quote } from '../../core/index.js';
import { countWords } from './count-words.js';
import type { SpeakerContext } from './resolve-speaker.js';
import { IMPERSONAL_ADJECTIVE, PASSIVE_VIEW, SEEM_VERB } from './word-flags.js';

/** Forms of "be" before a participle of `passiveViews` ("is expected to", "was viewed as"). */
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', "'re", '’re']);
/** Parts of speech a subject noun phrase is made of ("the lack of enthusiasm for Clinton"). */
const SUBJECT = new Set(['DET', 'NOUN', 'PROPN', 'ADJ', 'NUM', 'PRON']);
/** Prepositions inside a subject noun phrase. */
const SUBJECT_ADP = new Set(['of', 'for', 'in', 'on', 'among', 'about']);
/** Longest subject walked back over, in tokens. */
const SUBJECT_MAX = 12;
/** Fewest words of content. */
const MIN_WORDS = 3;
const POSSESSIVE = /^['’]s?$/;
/** Prepositions opening the complement of a reported speech act ("accused of", "blamed for", "charged with"). */
const COMPLEMENT_ADP = new Set(['of', 'for', 'with']);
/** Participles whose complement may be a bare noun phrase or adjective ("is considered a threat", "was labeled false"). */
const NAMING = new Set(['considered', 'deemed', 'labeled', 'labelled', 'rated']);
/** Words opening a subordinate clause, whatever the tagger read. */
const SUBORDINATORS = new Set([
  'although',
  'though',
  'if',
  'because',
  'while',
  'when',
  'since',
  'unless',
  'whether',
]);

/** A word that may open an impersonal view. */
const VIEW_WORD = SEEM_VERB | IMPERSONAL_ADJECTIVE | PASSIVE_VIEW;

/**
 * Views reported without a named holder: "Melania seems to have vanished", "it appears that …", "the veto is
 * expected to come Friday", "it is considered a threat", "peacekeepers have been blamed for …". Each becomes an indirect quote with no speaker: its
 * subject and the words after the verb up to the end of the clause (the writer reports a view, no one said it).
 *
 * @example
 * findImpersonalViews(ctx); // [{ text: 'Melania seems to have vanished from the campaign trail', kind: 'indirect', cue: 'seems', speaker: null, … }]
 */
export function findImpersonalViews(ctx: SpeakerContext): Quote[] {
  const { article, layout, lexicon } = ctx;
  const { tokens, text } = article;
  const quotes: Quote[] = [];
  if (
    lexicon.seemVerbs.size === 0 &&
    lexicon.passiveViews.size === 0 &&
    lexicon.impersonalAdjectives.size === 0
  )
    return quotes;
  for (const [unitStart, unitEnd] of layout.units) {
    for (let i = unitStart; i < unitEnd; i++) {
      const flags = layout.wordFlags[i]!;
      if ((flags & VIEW_WORD) === 0 || layout.quoteOf[i] !== -1) continue;
      const seem = (flags & SEEM_VERB) !== 0;
      const adjective = (flags & IMPERSONAL_ADJECTIVE) !== 0;
      const verbStart = adjective ? adjectiveView(i) : seem ? seemView(i) : passiveView(i);
      if (verbStart === -1) continue;
      add(i, verbStart, unitStart, unitEnd);
    }
  }
  return quotes;

  /** "X seems to …", "X appeared that …", "X seems credible", "X looked like …": the first token of the verb group, else -1. */
  function seemView(i: number): number {
    const t = tokens[i]!;
    if (t.pos !== 'VERB' && t.pos !== 'AUX') return -1;
    const next = tokens[i + 1];
    if (next === undefined || layout.quoteOf[i + 1] !== -1) return -1;
    const infinitive = next.lower === 'to' && /^(VERB|AUX)$/.test(tokens[i + 2]?.pos ?? '');
    if (!infinitive && next.lower !== 'that' && next.lower !== 'like' && next.pos !== 'ADJ') return -1;
    return auxiliariesBefore(i);
  }

  /** "X is expected to …", "X was viewed as …", "it is believed that …", "X is considered a threat", else -1. */
  function passiveView(i: number): number {
    const start = auxiliariesBefore(i);
    let be = false;
    for (let k = start; k < i && !be; k++) be = BE.has(tokens[k]!.lower);
    if (!be) return -1;
    const next = tokens[i + 1];
    if (next === undefined || layout.quoteOf[i + 1] !== -1) return -1;
    if (next.lower === 'to') return /^(VERB|AUX)$/.test(tokens[i + 2]?.pos ?? '') ? start : -1;
    if (next.lower === 'as' || next.lower === 'that') return start;
    // "was accused of …", "have been blamed for …", "was charged with …"
    if (COMPLEMENT_ADP.has(next.lower)) return start;
    // "is considered a threat", "was deemed unconstitutional"
    const complement = NAMING.has(tokens[i]!.lower);
    return complement && /^(DET|ADJ)$/.test(next.pos) ? start : -1;
  }

  /** "it is clear that …", "it was unclear whether …", "it was clear Clinton is …": the first token of "it", else -1. */
  function adjectiveView(i: number): number {
    if (tokens[i]!.pos !== 'ADJ') return -1;
    const start = auxiliariesBefore(i);
    let be = false;
    for (let k = start; k < i && !be; k++) be = BE.has(tokens[k]!.lower) || /^['’]s$/.test(tokens[k]!.text);
    if (!be || tokens[start - 1]?.lower !== 'it' || layout.quoteOf[start - 1] !== -1) return -1;
    const next = tokens[i + 1];
    if (next === undefined || layout.quoteOf[i + 1] !== -1) return -1;
    if (next.lower === 'that' || next.lower === 'whether') return start;
    // a bare clause: a subject and its own finite verb before any punctuation
    if (!/^(PRON|PROPN|DET|NOUN|NUM)$/.test(next.pos)) return -1;
    for (let j = i + 2; j < tokens.length && j - i <= 8; j++) {
      const w = tokens[j]!;
      if (layout.quoteOf[j] !== -1 || w.pos === 'PUNCT' || w.pos === 'ADP') return -1;
      if (w.pos === 'AUX' || (w.pos === 'VERB' && !w.lower.endsWith('ing'))) return start;
    }
    return -1;
  }

  /** The first of the auxiliaries, adverbs and "not" right before token `i` ("could be", "is not"). */
  function auxiliariesBefore(i: number): number {
    let k = i;
    while (k > 0 && /^(AUX|PART|ADV)$/.test(tokens[k - 1]!.pos) && layout.quoteOf[k - 1] === -1 && i - k < 4)
      k--;
    return k;
  }

  function add(verb: number, verbStart: number, unitStart: number, unitEnd: number): void {
    // the subject: a noun phrase right before the verb group
    let s = verbStart;
    while (s > unitStart && verbStart - s < SUBJECT_MAX && layout.quoteOf[s - 1] === -1) {
      const t = tokens[s - 1]!;
      if (!SUBJECT.has(t.pos) && !POSSESSIVE.test(t.text) && !(t.pos === 'ADP' && SUBJECT_ADP.has(t.lower)))
        break;
      s--;
    }
    // a preposition cannot open the subject ("in the city")
    while (s < verbStart && tokens[s]!.pos === 'ADP') s++;
    if (s === verbStart) return;
    const before = tokens[s - 1];
    // "to appear next time", "the chance to be considered": an infinitive holds no view of its own;
    // "made him seem kinder": the subject is the object of the verb before it
    const infinitive = tokens[verbStart]!.lower === 'to' || tokens[verbStart - 1]?.lower === 'to';
    if (infinitive || (s > unitStart && before!.pos === 'VERB')) return;
    let from = s;
    const next = tokens[verb + 1]!;
    const it = verbStart - s === 1 && tokens[s]!.lower === 'it';
    // "it appears that …", "it is believed that …": the clause after "that" is the view
    if (next.lower === 'that') {
      if (!it) return;
      from = verb + 2;
    } else if (it && next.pos === 'ADJ') return; // "it seems likely" says nothing alone
    // "Although X is not thought to …, Y": a view in a subordinate clause ends with it
    const subordinate = s > unitStart && (before!.pos === 'SCONJ' || SUBORDINATORS.has(before!.lower));
    // the content ends with its clause: at ";" or at a comma before a conjunction ("…, but Republicans …")
    let e = verb + 1;
    while (e < unitEnd) {
      const t = tokens[e]!;
      const comma = t.text === ',' && (subordinate || tokens[e + 1]?.pos === 'CCONJ');
      if (layout.quoteOf[e] === -1 && (t.text === ';' || comma)) break;
      e++;
    }
    while (e > from && tokens[e - 1]!.pos === 'PUNCT' && layout.quoteOf[e - 1] === -1) e--;
    if (e <= from) return;
    const span = [tokens[from]!.start, tokens[e - 1]!.end] as const;
    const body = text.slice(span[0], span[1]);
    if (countWords(body, MIN_WORDS) < MIN_WORDS) return;
    quotes.push({ text: body, span, kind: 'indirect', cue: tokens[verb]!.lower, speaker: null });
  }
}
