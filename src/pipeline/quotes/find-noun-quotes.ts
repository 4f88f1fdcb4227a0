import type { Quote } from '../../core/index.js';
import { subjectBefore } from './attribute-speakers.js';
import { countWords } from './count-words.js';
import type { Cue } from './find-cues.js';
import { resolvePossessor, resolveSlot } from './resolve-speaker.js';
import type { Resolved, SpeakerContext } from './resolve-speaker.js';
import { NOUN_CUE, TOPIC_NOUN } from './word-flags.js';

/** A word that may be a noun cue. */
const NOUN_WORD = NOUN_CUE | TOPIC_NOUN;

/** Longest run of modifiers between a possessor or light verb and the cue noun ("his repeated public call"). */
const MODIFIERS_MAX = 4;
const POSSESSIVE = /^['’]s?$/;
/** Words opening an embedded question after a noun's preposition ("questions about whether …"). */
const WH = new Set(['whether', 'how', 'why', 'what', 'who', 'when', 'where']);

/**
 * Finds reported speech and views carried by a noun: "Trump's claim that C", "the council's decision
 * to V", "X voiced fears that C". The content is the clause after "that" or the infinitive (with its
 * "to"); the speaker is the noun's
 * possessor, else the subject of the light verb it is the object of ("issued a call to"), else unresolved.
 * Noun cues stand apart from the verb cues: they never bound or take another cue's content.
 *
 * @example
 * findNounQuotes(ctx, cuesByUnit);
 * // [{ text: 'its test had succeeded', kind: 'indirect', cue: 'claim', speaker: { name: 'North Korea', … } }]
 */
export function findNounQuotes(ctx: SpeakerContext, cuesByUnit: readonly (readonly Cue[])[]): Quote[] {
  const { article, layout, lexicon } = ctx;
  const { tokens, text } = article;
  const quotes: Quote[] = [];
  for (let u = 0; u < layout.units.length; u++) {
    const [unitStart, unitEnd] = layout.units[u]!;
    const cues = cuesByUnit[u] ?? [];
    for (let i = unitStart; i + 1 < unitEnd; i++) {
      // (a noun cue needs a word of `nouns` or `nounTopics`)
      if (layout.quoteOf[i] !== -1 || (layout.wordFlags[i]! & NOUN_WORD) === 0) continue;
      const t = tokens[i]!;
      if (t.pos !== 'NOUN') continue;
      const next = tokens[i + 1]!;
      const topic = lexicon.nounTopics.get(next.lower)?.has(t.lower) === true;
      if ((!topic && !lexicon.nouns.has(t.lower)) || layout.quoteOf[i + 1] !== -1) continue;
      let limit = unitEnd;
      for (const cue of cues) {
        if (cue.token > i) {
          limit = cue.token;
          break;
        }
      }
      let range: [number, number] | null = null;
      let speaker: Resolved | null | undefined;
      if (topic) {
        // "Trump's warning of a recession", "voiced concerns about the cost": the object, when someone holds it
        range = topicObject(i + 2, limit);
        speaker = range === null ? null : speakerOf(i);
        if (speaker === null) continue;
      } else if (
        next.lower === 'that' &&
        i + 2 < limit &&
        /^(DET|PRON|PROPN|NOUN|NUM|ADJ)$/.test(tokens[i + 2]!.pos)
      ) {
        range = [i + 2, limit];
      } else if (next.lower === 'to' && /^(VERB|AUX)$/.test(tokens[i + 2]?.pos ?? '')) {
        range = [i + 1, limit];
      }
      if (range === null) continue;
      let e = range[1];
      while (e > range[0] && tokens[e - 1]!.pos === 'PUNCT' && layout.quoteOf[e - 1] === -1) e--;
      if (e <= range[0]) continue;
      const span = [tokens[range[0]]!.start, tokens[e - 1]!.end] as const;
      const body = text.slice(span[0], span[1]);
      if (countWords(body, 2) < 2) continue;
      quotes.push({
        text: body,
        span,
        kind: 'indirect',
        cue: t.lower,
        speaker: (speaker === undefined ? speakerOf(i) : speaker)?.speaker ?? null,
      });
    }
  }
  return quotes;

  /**
   * The object of a noun's preposition from token `start`: a noun phrase or gerund up to a punctuation mark,
   * relative or finite verb ("concerns about the cost, which …"), or an embedded question to `limit`.
   */
  function topicObject(start: number, limit: number): [number, number] | null {
    const first = tokens[start];
    if (first === undefined || start >= limit || layout.quoteOf[start] !== -1) return null;
    if (WH.has(first.lower)) return [start, limit];
    const gerund = first.pos === 'VERB' && first.lower.endsWith('ing');
    if (!gerund && !/^(DET|PROPN|NOUN|NUM|ADJ|PRON)$/.test(first.pos)) return null;
    let end = start + 1;
    for (; end < limit; end++) {
      const w = tokens[end]!;
      if (layout.quoteOf[end] !== -1) continue;
      if (w.pos === 'PUNCT' && !POSSESSIVE.test(w.text) && w.text !== '-') break;
      if (lexicon.relatives.has(w.lower) || w.lower === 'that' || w.pos === 'SCONJ') break;
      const bare = w.lower.endsWith('ing') || tokens[end - 1]!.lower === 'to';
      if ((w.pos === 'VERB' || w.pos === 'AUX') && !bare) break;
    }
    return [start, end];
  }

  /** "Trump's claim", "his call", "the council made a call": the possessor, else the light verb's subject. */
  function speakerOf(noun: number): Resolved | null {
    let k = noun - 1;
    while (
      k >= 0 &&
      noun - k <= MODIFIERS_MAX &&
      /^(ADJ|ADV|NOUN)$/.test(tokens[k]!.pos) &&
      !POSSESSIVE.test(tokens[k]!.text)
    )
      k--;
    const before = tokens[k];
    if (before === undefined || layout.quoteOf[k] !== -1) return null;
    if (POSSESSIVE.test(before.text)) {
      // "North Korea's claims", "the Tax Foundation's estimate"
      let s = k;
      while (
        s > 0 &&
        k - s < MODIFIERS_MAX + 2 &&
        /^(PROPN|NOUN|ADJ|DET)$/.test(tokens[s - 1]!.pos) &&
        layout.quoteOf[s - 1] === -1
      )
        s--;
      return resolveSlot(ctx, s, k, 'last');
    }
    if (before.pos === 'PRON' || before.pos === 'DET') {
      const owner = resolvePossessor(ctx, k);
      if (owner !== null) return owner;
      if (before.pos === 'DET') k--;
    }
    const verb = tokens[k];
    if (verb !== undefined && lexicon.lightVerbs.has(verb.lower) && layout.quoteOf[k] === -1)
      return subjectBefore(ctx, k);
    return null;
  }
}
