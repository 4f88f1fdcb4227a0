import type { Quote } from '../../core/index.js';
import { countWords } from './count-words.js';
import { resolveSlot } from './resolve-speaker.js';
import type { SpeakerContext } from './resolve-speaker.js';

/** Longest speaker label before a headline colon, in tokens ("A lesson from Jane Roe"). */
const LABEL_MAX = 6;
/** Place mentions: "WASHINGTON: …" is a dateline, not a speaker. */
const PLACES = new Set(['country', 'capital', 'demonym']);

/**
 * "Jane Roe: Voters Are Worried About the Economy", "City Council: ‘We Will Not Back Down’": a paragraph
 * opening with a person or organisation and a colon attributes the rest of its sentence to them (a headline
 * or a transcript line). The content is kind 'indirect'; quotes inside it take its speaker (see the stage).
 * Labels with a verb, a place or no one named are skipped.
 *
 * @example
 * findHeadlineQuotes(ctx); // [{ text: 'Voters Are Worried About the Economy', kind: 'indirect', cue: ':', speaker: { name: 'Jane Roe', … } }]
 */
export function findHeadlineQuotes(ctx: SpeakerContext): Quote[] {
  const { article, layout, mentionOf } = ctx;
  const { tokens, sentences, paragraphs, mentions, text } = article;
  const out: Quote[] = [];
  let inside: Map<string, number> | undefined; // built once, when a label needs it
  for (const paragraph of paragraphs) {
    const first = sentences[paragraph.sentenceStart];
    if (first === undefined || first.tokenStart >= first.tokenEnd) continue;
    const start = first.tokenStart;
    let colon = -1;
    for (let i = start; i < tokens.length && i - start <= LABEL_MAX; i++) {
      const t = tokens[i]!;
      // a capitalised "verb" after the first word is a name the tagger misread ("Jane Lynch")
      const verb = (t.pos === 'VERB' || t.pos === 'AUX') && (i === start || !/^\p{Lu}/u.test(t.text));
      if (layout.quoteOf[i] !== -1 || verb) break;
      if (t.text === ':') {
        colon = i;
        break;
      }
      if (t.pos === 'PUNCT') break;
    }
    if (colon <= start) continue;
    let place = false;
    for (let i = start; i < colon; i++) {
      const m = mentionOf[i]!;
      if (m !== -1 && PLACES.has(mentions[m]!.kind)) place = true;
    }
    if (place || !/^\p{Lu}/u.test(tokens[start]!.text)) continue;
    const speaker = resolveSlot(ctx, start, colon, 'last');
    if (speaker === null || !['person', 'name', 'organisation', 'document'].includes(speaker.via)) continue;
    // a label the actors stage does not know ("Note:", "Signature Issue:", a subheading) names a speaker only
    // when it ends with a body or document noun ("City Council", "Poll") or the story uses its last word again as a name
    const last = tokens[colon - 1]!.lower;
    const body = ctx.lexicon.bodies.has(last) || ctx.lexicon.documents.has(last);
    if (
      speaker.via !== 'person' &&
      speaker.speaker.actor === null &&
      !body &&
      ((inside ??= lastInside(ctx)).get(tokens[colon - 1]!.text) ?? -1) <= colon - 1
    )
      continue;
    // the content: the rest of the sentence the colon opens, within the paragraph
    const after = tokens[colon + 1];
    if (after === undefined || sentences[after.sentence]?.paragraph !== first.paragraph) continue;
    let end = sentences[after.sentence]!.tokenEnd;
    while (end > colon + 1 && tokens[end - 1]!.pos === 'PUNCT' && layout.quoteOf[end - 1] === -1) end--;
    if (end <= colon + 1) continue;
    const span = [tokens[colon + 1]!.start, tokens[end - 1]!.end] as const;
    const content = text.slice(span[0], span[1]);
    if (countWords(content, 3) < 3) continue;
    out.push({
      text: content,
      span: [span[0], span[1]],
      kind: 'indirect',
      cue: ':',
      speaker: speaker.speaker,
    });
  }
  return out;
}

/** For each word, the last token where it stands inside a sentence (not opening it): a name the story uses. */
function lastInside(ctx: SpeakerContext): Map<string, number> {
  const { tokens, sentences } = ctx.article;
  const out = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (sentences[t.sentence]?.tokenStart !== i && /^\p{Lu}/u.test(t.text)) out.set(t.text, i);
  }
  return out;
}
