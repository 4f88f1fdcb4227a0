import type { Quote } from '../../core/index.js';
import type { CueSpeakers } from './attribute-speakers.js';
import { countWords } from './count-words.js';
import type { Cue } from './find-cues.js';
import type { SpeakerContext } from './resolve-speaker.js';

const CLAUSE_START = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM', 'ADJ']);
const SKIP_MAX = 6;
const TIME =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|earlier|later)$/;

/**
 * Finds reported speech without quotation marks: "X said (that) C", "C, X said",
 * "According to X, C". Each becomes a quote of kind 'indirect' with the cue's speaker.
 *
 * @example
 * findIndirectQuotes(ctx, cuesByUnit, speakers);
 * // [{ text: 'the decision was made after a meeting', kind: 'indirect', cue: 'said', … }]
 */
export function findIndirectQuotes(
  ctx: SpeakerContext,
  cuesByUnit: readonly (readonly Cue[])[],
  speakers: CueSpeakers,
): Quote[] {
  const { article, layout, lexicon } = ctx;
  const { tokens, text } = article;
  const quotes: Quote[] = [];
  for (let u = 0; u < cuesByUnit.length; u++) {
    const [unitStart, unitEnd] = layout.units[u]!;
    const cues = cuesByUnit[u]!;
    for (let c = 0; c < cues.length; c++) {
      const cue = cues[c]!;
      const limit = cues[c + 1]?.token ?? unitEnd;
      const range =
        cue.kind === 'according'
          ? accordingContent(cue, unitStart, unitEnd)
          : verbContent(cue, unitStart, limit, unitEnd);
      if (range === null) continue;
      const s = range[0];
      let e = range[1];
      while (e > s && tokens[e - 1]!.pos === 'PUNCT' && layout.quoteOf[e - 1] === -1) e--;
      if (e <= s) continue;
      if (layout.quoteOf[s] !== -1 && layout.quoteOf[e - 1] === layout.quoteOf[s]) continue; // all quoted
      const span = [tokens[s]!.span[0], tokens[e - 1]!.span[1]] as const;
      const body = text.slice(span[0], span[1]);
      if (countWords(body) < 3) continue;
      quotes.push({
        text: body,
        span,
        kind: 'indirect',
        cue: cue.text,
        speaker: speakers.get(cue)?.speaker ?? null,
      });
    }
  }
  return quotes;

  function verbContent(cue: Cue, unitStart: number, limit: number, unitEnd: number): [number, number] | null {
    // "X said (that) C", "X told reporters that C"
    let i = cue.end;
    const object = lexicon.objectVerbs.has(cue.text);
    for (let k = 0; i < limit && k < SKIP_MAX; k++, i++) {
      const t = tokens[i]!;
      if (t.lower === 'that' && layout.quoteOf[i] === -1) return [i + 1, limit];
      if (t.pos === 'PUNCT' || t.pos === 'VERB' || layout.quoteOf[i] !== -1) break;
    }
    i = cue.end;
    // "said Tuesday the envoys …", "said on Monday the talks …": the time is not what was said
    if (tokens[i]?.lower === 'on' && TIME.test(tokens[i + 1]?.lower ?? '')) i += 2;
    else if (TIME.test(tokens[i]?.lower ?? '')) i++;
    const next = tokens[i];
    if (
      !object &&
      next !== undefined &&
      i < limit &&
      layout.quoteOf[i] === -1 &&
      CLAUSE_START.has(next.pos)
    ) {
      const hasVerb = tokens
        .slice(i, Math.min(limit, i + 12))
        .some((t) => t.pos === 'VERB' || t.pos === 'AUX');
      if (
        hasVerb &&
        /^(said|says|say|added|adds|stressed|insisted|claimed|warned|noted|believes)$/.test(cue.text)
      ) {
        return [i, limit];
      }
    }
    // "C, X said."
    let tail = cue.end;
    while (
      tail < unitEnd &&
      tokens[tail]!.pos !== 'VERB' &&
      layout.quoteOf[tail] === -1 &&
      tail - cue.end < 5
    )
      tail++;
    if (tail < unitEnd && !(tokens[tail]!.pos === 'PUNCT' && tail === unitEnd - 1)) return null;
    let comma = cue.token - 1;
    while (comma > unitStart && tokens[comma]!.text !== ',' && cue.token - comma < 8) comma--;
    if (comma <= unitStart || tokens[comma]!.text !== ',') return null;
    const quote = layout.firstQuote[layout.unitOf[unitStart]!]!;
    if (quote !== -1 && quote < comma) return null;
    return [unitStart, comma];
  }

  function accordingContent(cue: Cue, unitStart: number, unitEnd: number): [number, number] | null {
    let comma = cue.end;
    while (comma < unitEnd && tokens[comma]!.text !== ',') comma++;
    if (cue.token === unitStart || (tokens[cue.token - 1]?.pos === 'PUNCT' && cue.token - 1 === unitStart)) {
      return comma < unitEnd ? [comma + 1, unitEnd] : null;
    }
    if (tokens[cue.token - 1]?.text === ',' && comma >= unitEnd - 1) {
      const quote = layout.firstQuote[layout.unitOf[unitStart]!]!;
      if (quote !== -1 && quote < cue.token - 1) return null;
      return [unitStart, cue.token - 1];
    }
    return null;
  }
}
