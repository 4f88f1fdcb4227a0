import type { EventsLexicon } from './parse-events-lexicon.js';

/**
 * PLOVER contexts of a sentence from keyword data (`data/events/contexts.json`): a context
 * applies when one of its words is a token (lemma or lower-case) or one of its phrases occurs.
 *
 * @example
 * detectContexts(['japan', 'reject', 'referendum'], 'japan rejected the referendums', lexicon); // ['territory', 'election']
 */
export function detectContexts(
  words: ReadonlySet<string>,
  lowerText: string,
  lexicon: EventsLexicon,
): string[] {
  const out: string[] = [];
  for (const context of lexicon.contexts) {
    let hit = false;
    for (const w of context.words) {
      if (words.has(w)) {
        hit = true;
        break;
      }
    }
    if (!hit) hit = context.phrases.some((p) => lowerText.includes(p));
    if (hit) out.push(context.name);
  }
  return out;
}
