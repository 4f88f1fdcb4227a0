import type { Article } from '../../core/index.js';
import type { QuoteLayout } from './build-units.js';
import type { QuotesLexicon } from './parse-quotes-lexicon.js';

/** A reporting cue outside the quotes: a verb ("said"), "according to X" or "quoted X as saying". */
export interface Cue {
  readonly kind: 'verb' | 'according' | 'quoted-as';
  /** First token of the cue ("quoted" for quoted-as). */
  readonly token: number;
  /** One past the last token of the cue. */
  readonly end: number;
  /** The verb token for kind verb; the token after "to" for according; "as" for quoted-as. */
  readonly head: number;
  readonly text: string;
  /** "-ing" forms take the subject of the clause they hang on ("…, adding that"). */
  readonly participle: boolean;
  readonly unit: number;
}

/** A possessive "'s" the tagger may read as punctuation. */
const POSSESSIVE_MARK = /^['’]s?$/;
/** Verb forms taken as cues whatever the tagger says about them. */
const ALWAYS = new Set(['said', 'says', 'told', 'added']);
/** Forms of "have" that make a past participle a perfect verb ("has warned"). */
const HAVE = new Set(['has', 'have', 'had', "'ve", '’ve']);
/** Forms of "be" that make an -ing form progressive ("is saying"). */
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'am', "'s", '’s', "'re", '’re']);

/**
 * Finds reporting cues in the text outside quotation marks, grouped by attribution unit.
 *
 * @example
 * const cues = findCues(article, layout, lexicon);
 * cues[0]; // [{ kind: 'verb', text: 'said', token: 7, … }]
 */
export function findCues(article: Article, layout: QuoteLayout, lexicon: QuotesLexicon): Cue[][] {
  const { tokens } = article;
  const byUnit: Cue[][] = layout.units.map(() => []);
  for (let u = 0; u < layout.units.length; u++) {
    const [start, end] = layout.units[u]!;
    let quoted = -1;
    for (let i = start; i < end; i++) {
      if (layout.quoteOf[i] !== -1) continue;
      const t = tokens[i]!;
      const lower = t.lower;
      if (lower === 'quoted' && quoted === -1) {
        quoted = i;
        continue;
      }
      const phrase = matchAccording(i, end);
      if (phrase > 0) {
        byUnit[u]!.push({
          kind: 'according',
          token: i,
          end: i + phrase,
          head: i + phrase,
          text: tokens
            .slice(i, i + phrase)
            .map((x) => x.lower)
            .join(' '),
          participle: false,
          unit: u,
        });
        i += phrase - 1;
        continue;
      }
      if (!lexicon.verbs.has(lower)) continue;
      if (!ALWAYS.has(lower) && t.pos !== 'VERB' && !endsClause(i) && !afterAuxiliary(i)) continue;
      const prev = tokens[i - 1];
      if (quoted !== -1 && prev?.lower === 'as' && lower.endsWith('ing') && i - quoted < 20) {
        byUnit[u]!.push({
          kind: 'quoted-as',
          token: quoted,
          end: i + 1,
          head: i - 1,
          text: `quoted as ${lower}`,
          participle: false,
          unit: u,
        });
        quoted = -1;
        continue;
      }
      byUnit[u]!.push({
        kind: 'verb',
        token: i,
        end: i + 1,
        head: i,
        text: lower,
        participle: lower.endsWith('ing') && !progressive(i),
        unit: u,
      });
    }
  }
  for (const cues of byUnit) cues.sort((a, b) => a.token - b.token);
  return byUnit;

  /** "The White House is saying that …": an -ing form after a form of "be" is the finite verb, not a participle. */
  function progressive(i: number): boolean {
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const t = tokens[k]!;
      if (BE.has(t.lower)) return true;
      if (t.pos !== 'ADV' && t.pos !== 'PART') return false;
    }
    return false;
  }

  /** "is promising to", "has promised": a form after "be" or "have" is a verb, whatever the tagger read. */
  function afterAuxiliary(i: number): boolean {
    const lower = tokens[i]!.lower;
    if (lower.endsWith('ing')) return progressive(i);
    if (!lower.endsWith('ed')) return false;
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const t = tokens[k]!;
      if (HAVE.has(t.lower)) return true;
      if (t.pos !== 'ADV' && t.pos !== 'PART') return false;
    }
    return false;
  }

  /** "…,” the press release states." — a cue form the tagger read as a noun, closing its clause. */
  function endsClause(i: number): boolean {
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (prev === undefined || !/^(NOUN|PROPN|PRON)$/.test(prev.pos)) return false;
    return (
      next === undefined ||
      next.lower === 'that' ||
      next.pos === 'PUNCT' ||
      next.sentence !== tokens[i]!.sentence
    );
  }

  function matchAccording(i: number, end: number): number {
    for (const words of lexicon.according) {
      if (words[0] === 'quoted') continue; // handled as quoted-as, with the speaker inside
      if (i + words.length > end) continue;
      let ok = true;
      for (let k = 0; k < words.length; k++) {
        if (tokens[i + k]!.lower !== words[k] || layout.quoteOf[i + k] !== -1) {
          ok = false;
          break;
        }
      }
      if (ok) return words.length;
    }
    return 0;
  }
}

/**
 * Whether cue `inner` sits inside the reported clause of cue `outer` in the same unit ("he told the
 * crowd that he wants …", "According to the ministry, the authorities have decided …"): a finite verb
 * cue after `outer` with no punctuation, conjunction or quotation between them but a "that" or the
 * comma closing an "according to" phrase.
 *
 * @example
 * nestsIn(article, layout, toldCue, wantsCue); // true
 */
export function nestsIn(article: Article, layout: QuoteLayout, outer: Cue, inner: Cue): boolean {
  const { tokens } = article;
  if (inner.kind !== 'verb' || inner.participle || inner.token < outer.end || inner.unit !== outer.unit)
    return false;
  let comma = outer.kind === 'according';
  for (let i = outer.end; i < inner.token; i++) {
    const t = tokens[i]!;
    if (layout.quoteOf[i] !== -1 || t.pos === 'CCONJ') return false;
    if (t.pos !== 'PUNCT' || POSSESSIVE_MARK.test(t.text)) continue;
    if (t.text === ',' && comma) {
      comma = false;
      continue;
    }
    return false;
  }
  return true;
}
