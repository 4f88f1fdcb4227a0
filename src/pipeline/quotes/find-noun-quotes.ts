import type { Quote } from '../../core/index.js';
import { subjectBefore } from './attribute-speakers.js';
import { countWords } from './count-words.js';
import type { Cue } from './find-cues.js';
import { resolvePossessor, resolveSlot } from './resolve-speaker.js';
import type { Resolved, SpeakerContext } from './resolve-speaker.js';

/** Longest run of modifiers between a possessor or light verb and the cue noun ("his repeated public call"). */
const MODIFIERS_MAX = 4;
const POSSESSIVE = /^['’]s?$/;

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
      const t = tokens[i]!;
      if (layout.quoteOf[i] !== -1 || t.pos !== 'NOUN' || !lexicon.nouns.has(t.lower)) continue;
      const next = tokens[i + 1]!;
      if (layout.quoteOf[i + 1] !== -1) continue;
      let limit = unitEnd;
      for (const cue of cues) {
        if (cue.token > i) {
          limit = cue.token;
          break;
        }
      }
      let range: [number, number] | null = null;
      if (
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
      const span = [tokens[range[0]]!.span[0], tokens[e - 1]!.span[1]] as const;
      const body = text.slice(span[0], span[1]);
      if (countWords(body, 2) < 2) continue;
      quotes.push({
        text: body,
        span,
        kind: 'indirect',
        cue: t.lower,
        speaker: speakerOf(i)?.speaker ?? null,
      });
    }
  }
  return quotes;

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
