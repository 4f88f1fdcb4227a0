import type { Quote } from '../../core/index.js';
import type { CueSpeakers } from './attribute-speakers.js';
import { countWords } from './count-words.js';
import { nestsIn } from './find-cues.js';
import type { Cue } from './find-cues.js';
import type { SpeakerContext } from './resolve-speaker.js';

const CLAUSE_START = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM', 'ADJ', 'ADV']);
const SKIP_MAX = 6;
const OBJECT_SKIP_MAX = 12;
const POSSESSIVE = /^['’]s?$/;
const OBJECT_START = new Set(['DET', 'PROPN', 'NOUN', 'NUM', 'ADJ', 'PRON']);
/** Words opening an embedded question after a cue. */
const WH = new Set(['whether', 'how', 'why', 'what', 'where', 'who']);
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
      // "he said he hoped it would …": a cue inside the content (its subject there too) nests in it
      let n = c + 1;
      while (cue.kind === 'verb' && n < cues.length && nestsIn(article, layout, cue, cues[n]!)) n++;
      const limit = cues[n]?.token ?? unitEnd;
      const range =
        cue.kind === 'according'
          ? accordingContent(cue, unitStart, unitEnd)
          : verbContent(cue, unitStart, limit, unitEnd);
      if (range === null) continue;
      const s = range[0];
      let e = range[1];
      // trailing punctuation and a conjunction that joins the next clause ("… and pledged to …") are not content
      while (e > s && /^(PUNCT|CCONJ)$/.test(tokens[e - 1]!.pos) && layout.quoteOf[e - 1] === -1) e--;
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
    // the hearer of "told an invited crowd at the club that …" can be a long noun phrase
    const skip = object ? OBJECT_SKIP_MAX : SKIP_MAX;
    for (let k = 0; i < limit && k < skip; k++, i++) {
      const t = tokens[i]!;
      if (t.lower === 'that' && layout.quoteOf[i] === -1) return [i + 1, limit];
      // "asked whether …", "told reporters how …": an embedded question is the content, its word included
      if (WH.has(t.lower) && layout.quoteOf[i] === -1 && i + 1 < limit) return [i, limit];
      if ((t.pos === 'PUNCT' && !POSSESSIVE.test(t.text)) || t.pos === 'VERB' || layout.quoteOf[i] !== -1)
        break;
    }
    if (lexicon.infinitiveVerbs.has(cue.text)) {
      // "pledged to remain civil", "urged voters to turn out": the content is the (object and) infinitive
      for (let k = cue.end; k < limit && k - cue.end < SKIP_MAX; k++) {
        const t = tokens[k]!;
        if (t.lower === 'to' && layout.quoteOf[k] === -1 && tokens[k + 1]?.pos !== 'DET')
          return [cue.end, limit];
        if (t.pos === 'PUNCT' || t.pos === 'VERB' || t.pos === 'AUX') break;
      }
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
      if (hasVerb && lexicon.clauseVerbs.has(cue.text)) {
        return [i, limit];
      }
    }
    if (
      lexicon.objectContentVerbs.has(cue.text) &&
      next !== undefined &&
      i < limit &&
      layout.quoteOf[i] === -1
    ) {
      // "denied any role in the attack", "called for a full inquiry": the speech act's object is what was said
      const j = next.lower === 'for' || next.lower === 'on' ? i + 1 : i;
      if (OBJECT_START.has(tokens[j]?.pos ?? '') && j < limit) return [j, limit];
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
