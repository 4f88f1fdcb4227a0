import type { Modality, Sentence } from '../../core/index.js';
import { isCue } from './build-article-context.js';
import type { ArticleContext } from './build-article-context.js';
import type { Clause, HeadSet } from './assign-roles.js';
import type { Frame } from './parse-events-lexicon.js';
import type { TriggerMatch } from './match-triggers.js';
import { TEXT_CUES } from './parse-events-lexicon.js';
import type { EventCues } from './parse-events-lexicon.js';

export interface Factuality {
  readonly negated: boolean;
  readonly modality: Modality;
  /** The cue that decided it ("not", "will", "if", "2014"), for the rule and diagnostics. */
  readonly cue: string | null;
}

const FRONTING: ReadonlySet<string> = new Set([',', ';', ':', '—', '–', '(']);
const YEAR = /^(1[89]\d\d|20\d\d)$/;

/**
 * Reads negation ("did not condemn", "will never recognize"), future or plan ("will impose",
 * "plans to"), hypothesis ("if", "could", a question) and history (a year before the dateline)
 * from the clause around a trigger.
 *
 * @example
 * detectModality(ctx, sentence, match, clause, cues, 2022); // { negated: true, modality: 'future', cue: 'never' }
 */
export function detectModality(
  ctx: ArticleContext,
  sentence: Sentence,
  match: TriggerMatch,
  clause: Clause,
  cues: EventCues,
  publishedYear: number | null,
  frame: Frame,
  otherHeads: HeadSet,
): Factuality {
  const tokens = ctx.tokens;
  let negated = false;
  let negationCue: string | null = null;
  for (let i = match.head - 1; i >= Math.max(clause.left, match.head - cues.negationWindow); i--) {
    const tok = tokens[i]!;
    if (isCue(ctx, i, TEXT_CUES.negation)) {
      negated = true;
      negationCue = tok.lower;
      break;
    }
    if (ctx.mentionOfToken[i] !== -1 || otherHeads.has(i)) break;
  }
  // "no agreement", "not a single sanction": negation right before a noun trigger
  if (!negated && frame === 'noun') {
    const prev = tokens[match.start - 1];
    if (prev && (prev.lower === 'no' || prev.lower === 'without')) {
      negated = true;
      negationCue = prev.lower;
    }
  }

  const last = tokens[sentence.tokenEnd - 1];
  if (last?.lower === '?') return { negated, modality: 'hypothetical', cue: '?' };
  // inside a condition ("if it ignores the deadline"), or after a fronted one ("If X attacks, Y will respond")
  let comma = false;
  for (let i = match.start - 1; i >= sentence.tokenStart; i--) {
    const lower = tokens[i]!.lower;
    if (lower === ',' || lower === ';') comma = true;
    if (isCue(ctx, i, TEXT_CUES.conditionals)) {
      const before = tokens[i - 1];
      const fronted =
        i === sentence.tokenStart ||
        before === undefined ||
        FRONTING.has(before.lower) ||
        before.pos === 'CCONJ' ||
        before.pos === 'ADV';
      if (!comma || fronted) return { negated, modality: 'hypothetical', cue: lower };
      break;
    }
  }
  let reported = false;
  for (let i = sentence.tokenStart; i < match.start; i++) {
    const tok = tokens[i]!;
    if (tok.pos === 'VERB' && (cues.reportingVerbs.has(tok.lower) || cues.reportingVerbs.has(ctx.lemmas[i]!)))
      reported = true;
  }
  let future: string | null = null;
  for (let i = Math.max(clause.left, match.head - 6); i < match.head; i++) {
    const lower = tokens[i]!.lower;
    if (lower === 'would' && reported) {
      future = lower; // "said it would withdraw": a reported plan
    } else if (isCue(ctx, i, TEXT_CUES.hypothetical)) {
      return { negated, modality: 'hypothetical', cue: lower };
    } else if (isCue(ctx, i, TEXT_CUES.future)) {
      future = lower;
    }
  }
  if (future !== null) return { negated, modality: 'future', cue: negationCue ?? future };
  if (publishedYear !== null) {
    for (let i = clause.left; i < clause.right; i++) {
      const tok = tokens[i]!;
      if (tok.text.length === 4 && YEAR.test(tok.text) && Number(tok.text) < publishedYear) {
        const prev = tokens[i - 1]?.lower;
        if (
          prev === 'in' ||
          prev === 'since' ||
          prev === 'of' ||
          prev === 'during' ||
          prev === 'from' ||
          prev === 'until' ||
          prev === 'and'
        ) {
          return { negated, modality: 'historical', cue: tok.text };
        }
      }
    }
  }
  return { negated, modality: 'asserted', cue: negationCue };
}
