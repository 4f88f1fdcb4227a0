import type { Token } from '../../core/index.js';
import type { EventsLexicon } from './parse-events-lexicon.js';

/** The context cues of a lexicon indexed for lookup: contexts by cue word, and the multi-word cues. */
export interface ContextIndex {
  readonly names: readonly string[];
  /** Cue word → positions in `names` of the contexts it cues. */
  readonly byWord: ReadonlyMap<string, readonly number[]>;
  readonly phrases: readonly { readonly context: number; readonly phrase: string }[];
}

/** What detectContexts reads of an article (an ArticleContext has it): text, tokens, the contexts each token cues. */
export interface ContextSource {
  readonly article: { readonly text: string };
  readonly tokens: readonly Token[];
  readonly senses: readonly { readonly contexts: readonly number[] }[];
}

/**
 * Indexes the contexts of `data/events/contexts.json` by cue word, once per lexicon.
 *
 * @example
 * indexContexts(lexicon.contexts).byWord.get('referendum'); // [3] (the position of 'election')
 */
export function indexContexts(contexts: EventsLexicon['contexts']): ContextIndex {
  const byWord = new Map<string, number[]>();
  const phrases: { context: number; phrase: string }[] = [];
  contexts.forEach((context, c) => {
    for (const word of context.words) {
      const list = byWord.get(word);
      if (list === undefined) byWord.set(word, [c]);
      else list.push(c);
    }
    for (const phrase of context.phrases) phrases.push({ context: c, phrase });
  });
  return { names: contexts.map((c) => c.name), byWord, phrases };
}

/**
 * PLOVER contexts of the tokens `[from, to)` (a trigger's clause) from keyword data
 * (`data/events/contexts.json`): a context applies when one of its words is a token key (lemma or
 * lower-case; `ctx.senses` holds the contexts of each token's keys, from the same index) or one of
 * its phrases occurs in the lower-case text. Contexts come in lexicon order.
 *
 * @example
 * detectContexts(ctx, clause.left, clause.right, indexContexts(lexicon.contexts)); // ['territory', 'election']
 */
export function detectContexts(ctx: ContextSource, from: number, to: number, index: ContextIndex): string[] {
  const hit = new Uint8Array(index.names.length);
  for (let i = from; i < to; i++) for (const c of ctx.senses[i]!.contexts) hit[c] = 1;
  let lower: string | null = null;
  for (const { context, phrase } of index.phrases) {
    if (hit[context] === 1) continue;
    lower ??= ctx.article.text.slice(ctx.tokens[from]!.start, ctx.tokens[to - 1]!.end).toLowerCase();
    if (lower.includes(phrase)) hit[context] = 1;
  }
  const out: string[] = [];
  for (let c = 0; c < index.names.length; c++) if (hit[c] === 1) out.push(index.names[c]!);
  return out;
}
