import type { Quote } from '../../core/index.js';
import type { Stage } from '../stage.js';
import { attributeQuotes, resolveCues } from './attribute-speakers.js';
import { buildUnits } from './build-units.js';
import { findCues } from './find-cues.js';
import { findHeadlineQuotes } from './find-headline-quotes.js';
import { findImpersonalViews } from './find-impersonal-views.js';
import { findIndirectQuotes } from './find-indirect-quotes.js';
import { findNounQuotes } from './find-noun-quotes.js';
import { pairQuoteMarks } from './pair-quote-marks.js';
import type { QuotesLexicon } from './parse-quotes-lexicon.js';
import { createSpeakerContext } from './resolve-speaker.js';

export { parseQuotesLexicon, type QuotesLexicon } from './parse-quotes-lexicon.js';
export { pairQuoteMarks, type MarkSpan } from './pair-quote-marks.js';
export { countWords } from './count-words.js';
export { MIN_QUOTE_WORDS } from './attribute-speakers.js';

/**
 * The quotes stage: pairs quotation marks, finds reporting cues, and attributes
 * every quotation of three words or more (kind 'direct', or 'mixed' inside reported
 * speech) and every reported clause without marks (kind 'indirect') to a speaker
 * resolved through the actors stage's mentions and people. Unresolved → speaker null.
 *
 * @example
 * const quotes = createQuotesStage(parseQuotesLexicon(loadLexicons().quotes ?? {}));
 * quotes.run(article).quotes; // [{ text: '…', kind: 'direct', cue: 'said', speaker: { name: 'Hirokazu Matsuno', … } }]
 */
export function createQuotesStage(lexicon: QuotesLexicon): Stage {
  return {
    name: 'quotes',
    requires: ['tokens', 'mentions', 'people'],
    provides: ['quotes'],
    run(article) {
      const marks = pairQuoteMarks(article.text);
      const layout = buildUnits(article, marks, lexicon);
      const ctx = createSpeakerContext(article, lexicon, layout);
      const cuesByUnit = findCues(article, layout, lexicon);
      const speakers = resolveCues(ctx, cuesByUnit);
      const direct = attributeQuotes(ctx, marks, cuesByUnit, speakers);
      const indirect = findIndirectQuotes(ctx, cuesByUnit, speakers);
      const nouns = findNounQuotes(ctx, cuesByUnit);
      const headlines = findHeadlineQuotes(ctx);
      const views = findImpersonalViews(ctx);
      const reports = outermost(indirect).filter((q) => !headlines.some((h) => inside(q, h)));
      const quotes: Quote[] = [
        ...withHeadlineSpeakers(withNounSpeakers(direct, nouns), headlines),
        ...reports,
        ...nouns.filter((n) => !indirect.some((q) => objectOf(article.text, q, n))),
        ...views.filter((q) => !headlines.some((h) => inside(q, h))),
        // content wholly quoted is the quote itself
        ...headlines.filter((h) => !direct.some((q) => covers(q, h))),
      ].sort(byStart);
      return { quotes };
    },
  };
}

/** Words quoted inside the content of a noun cue ("Trump's claim that there were “thousands of shootings”") are the noun's speaker's. */
function withNounSpeakers(direct: readonly Quote[], nouns: readonly Quote[]): Quote[] {
  if (nouns.length === 0) return [...direct];
  return direct.map((q) => {
    if (q.kind !== 'mixed') return q;
    const host = nouns.find(
      (n) => n.speaker !== null && n.span[0] <= q.span[0] && q.span[1] <= n.span[1] + 1,
    );
    return host === undefined ? q : { ...q, cue: host.cue, speaker: host.speaker };
  });
}

/** Most words between a verb's object and the content of the noun opening it ("voiced serious concerns about"). */
const OBJECT_NOUN_WORDS = 4;

/** "voiced concerns about C": the noun cue opens the verb's content, which already reports it, noun and all. */
function objectOf(text: string, verb: Quote, noun: Quote): boolean {
  if (noun.speaker === null || noun.span[0] <= verb.span[0] || noun.span[1] > verb.span[1] + 1) return false;
  return text.slice(verb.span[0], noun.span[0]).split(/\s+/).filter(Boolean).length <= OBJECT_NOUN_WORDS;
}

/** Whether quote `q` lies within the content of `host` (a closing mark's width either side). */
function inside(q: Quote, host: Quote): boolean {
  return host.span[0] - 1 <= q.span[0] && q.span[1] <= host.span[1] + 1;
}

/** Whether quote `q` holds nearly all of `host`'s content ("Jane Roe: ‘We Will Win’"). */
function covers(q: Quote, host: Quote): boolean {
  const overlap = Math.min(q.span[1], host.span[1]) - Math.max(q.span[0], host.span[0]);
  return overlap >= 0.8 * (host.span[1] - host.span[0]);
}

/** Quoted words in a headline's content ("Jane Roe: Voters ‘Are Worried’") are the label's. */
function withHeadlineSpeakers(direct: readonly Quote[], headlines: readonly Quote[]): Quote[] {
  if (headlines.length === 0) return [...direct];
  return direct.map((q) => {
    const host = headlines.find((h) => inside(q, h));
    return host === undefined ? q : { ...q, cue: host.cue, speaker: host.speaker };
  });
}

/**
 * Quotes in text order. (Comparators at module level: one made per article is compiled again after
 * a full collection drops it, docs/scaling.md, "Full collections also cost compilation".)
 */
function byStart(a: Quote, b: Quote): number {
  return a.span[0] - b.span[0];
}

/** Quotes in text order, the longer first where two start together. */
function byStartLongerFirst(a: Quote, b: Quote): number {
  return a.span[0] - b.span[0] || b.span[1] - a.span[1];
}

/**
 * The reports not nested in the content of a longer one, in their order ("She said leaders had agreed to a plan": what
 * the leaders agreed to is part of what she said, and is reported once, as hers).
 */
function outermost(reports: readonly Quote[]): readonly Quote[] {
  const n = reports.length;
  if (n < 2) return reports;
  // usually in text order already: sort (by start, the longer first) only when not
  let sorted = true;
  for (let k = 1; k < n && sorted; k++) {
    const a = reports[k - 1]!.span;
    const b = reports[k]!.span;
    sorted = a[0] < b[0] || (a[0] === b[0] && a[1] >= b[1]);
  }
  const order = sorted ? reports : [...reports].sort(byStartLongerFirst);
  let nested: Set<Quote> | null = null;
  // the span reaching furthest among those that start no later than the current one
  let far: Quote | null = null;
  for (const q of order) {
    if (far !== null && q.span[1] <= far.span[1]) {
      // inside `far` (which starts no later), unless it is the very same span
      if (far.span[0] !== q.span[0] || far.span[1] !== q.span[1]) (nested ??= new Set()).add(q);
    } else far = q;
  }
  return nested === null ? reports : reports.filter((q) => !nested.has(q));
}
