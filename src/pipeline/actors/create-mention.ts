import type { Mention, MentionKind, Span } from '../../core/index.js';

/** A mention being built: `Mention` with its fields writable. */
type MentionDraft = { -readonly [K in keyof Mention]: Mention[K] };

/**
 * A mention, built field by field in one order (with `sector` only when there is one), so that
 * every mention of the stage shares one of two object shapes and the resolvers read them fast.
 *
 * @example
 * createMention([0, 5], 'Japan', 'country', 'JPN', null, 0); // { span: [0, 5], text: 'Japan', kind: 'country', … }
 */
export function createMention(
  span: Span,
  text: string,
  kind: MentionKind,
  actor: string | null,
  person: number | null,
  sentence: number,
  sector?: string | null,
): Mention {
  const mention: MentionDraft = { span, text, kind, actor, person, sentence };
  if (sector) mention.sector = sector;
  return mention;
}

/**
 * The mention with another actor, in the same shape.
 *
 * @example
 * withActor(crowdMention, 'NSA:KKE').actor; // 'NSA:KKE'
 */
export function withActor(mention: Mention, actor: string | null): Mention {
  const { span, text, kind, person, sentence, sector } = mention;
  return createMention(span, text, kind, actor, person, sentence, sector);
}
