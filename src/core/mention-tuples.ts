import type { Mention, MentionKind } from './types.js';

/**
 * One mention in `articles.mentions`: `[start, end, kind, actor, person, sentence]`, with the
 * sector appended when the mention has one. The mention's text is left out: it is the clean text
 * between `start` and `end`. About 30 bytes a mention, against 90 for the contract's object.
 */
type MentionTuple =
  | [number, number, MentionKind, string | null, number | null, number]
  | [number, number, MentionKind, string | null, number | null, number, string];

/**
 * An article's mentions as the JSON text of its `mentions` column.
 *
 * @example
 * encodeMentions(article.mentions); // '[[0,5,"country","JPN",null,0],…]'
 */
export function encodeMentions(mentions: readonly Mention[]): string {
  const tuples: MentionTuple[] = [];
  for (const m of mentions)
    tuples.push(
      m.sector === undefined
        ? [m.span[0], m.span[1], m.kind, m.actor, m.person, m.sentence]
        : [m.span[0], m.span[1], m.kind, m.actor, m.person, m.sentence, m.sector],
    );
  return JSON.stringify(tuples);
}

/**
 * The mentions of an article's `mentions` column (parsed JSON: Postgres returns jsonb parsed,
 * SQLite text, which the caller parses), their texts read from the article's clean `text`.
 *
 * @example
 * decodeMentions(JSON.parse(row.mentions), row.text)[0]; // { span: [0, 5], text: 'Japan', kind: 'country', … }
 */
export function decodeMentions(tuples: unknown, text: string): Mention[] {
  return (tuples as MentionTuple[]).map((t): Mention => {
    const mention: Mention = {
      span: [t[0], t[1]],
      text: text.slice(t[0], t[1]),
      kind: t[2],
      actor: t[3],
      person: t[4],
      sentence: t[5],
    };
    return t.length === 7 ? { ...mention, sector: t[6] } : mention;
  });
}
