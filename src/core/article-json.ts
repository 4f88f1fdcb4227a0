import { decodeMentions, encodeMentions } from './mention-tuples.js';
import type { AnalysedArticle } from './types.js';

/**
 * Fields of an analysed article that are stored whole, each as one JSON text (a column of the
 * article's row), and that nothing on the way to the store reads item by item. A hundred mentions,
 * a few dozen edits and diagnostics: most of an article's small objects.
 */
export type JsonField = 'credits' | 'edits' | 'actors' | 'diagnostics' | 'mentions';

/**
 * The JSON texts of an article's `JsonField`s as the store keeps them: each field's JSON, but the
 * mentions as compact tuples (`encodeMentions`).
 */
export type ArticleJson = { readonly [K in JsonField]: string };

/** An analysed article without its `JsonField`s, which travel beside it as `ArticleJson`. */
export type PackedArticle = Omit<AnalysedArticle, JsonField>;

/**
 * The JSON texts of an article's stored-whole fields.
 *
 * @example
 * articleJson(article).mentions; // '[[0,5,"country","JPN",null,0],…]'
 */
export function articleJson(article: AnalysedArticle): ArticleJson {
  return {
    credits: JSON.stringify(article.credits),
    edits: JSON.stringify(article.edits),
    actors: JSON.stringify(article.actors),
    diagnostics: JSON.stringify(article.diagnostics),
    mentions: encodeMentions(article.mentions),
  };
}

/**
 * An article split for a thread boundary: its `JsonField`s as JSON texts, the rest as objects.
 * Structured clone rebuilds an object property by property (a mention cost about 1.5 µs on the
 * receiving thread, an article of the benchmark corpus 0.3 ms), while a string crosses as one
 * copy; and the store, which writes those fields as JSON anyway, takes the texts as they are.
 *
 * @example
 * port.postMessage(packArticle(article)); // on the analysis thread
 */
export function packArticle(article: AnalysedArticle): { article: PackedArticle; json: ArticleJson } {
  const { credits: _c, edits: _e, actors: _a, diagnostics: _d, mentions: _m, ...rest } = article;
  return { article: rest, json: articleJson(article) };
}

/**
 * The article again from its packed form: the `JsonField`s are parsed from their texts when first
 * read (a caller that only stores the article never parses them). Like every field of the
 * article, they are read-only.
 *
 * @example
 * const article = unpackArticle(reply.article, reply.json); // article.mentions parses once
 */
export function unpackArticle(article: PackedArticle, json: ArticleJson): AnalysedArticle {
  const out: Record<string, unknown> = {};
  const lazy = (field: JsonField) => {
    const read =
      field === 'mentions' ? (text: string) => decodeMentions(JSON.parse(text), article.text) : JSON.parse;
    let value: unknown;
    let parsed = false;
    Object.defineProperty(out, field, {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!parsed) {
          value = read(json[field]);
          parsed = true;
        }
        return value;
      },
    });
  };
  // the fields in the order the pipeline's article has them (createArticle), so that the article
  // serialises as it would have on the thread that analysed it
  for (const [key, value] of Object.entries(article)) {
    out[key] = value;
    for (const field of FIELDS_AFTER[key] ?? []) lazy(field);
  }
  for (const field of JSON_FIELDS) if (!(field in out)) lazy(field);
  return out as unknown as AnalysedArticle;
}

const JSON_FIELDS: readonly JsonField[] = ['edits', 'credits', 'mentions', 'actors', 'diagnostics'];

/** Where each `JsonField` stands in an article: after which other field. */
const FIELDS_AFTER: Readonly<Record<string, readonly JsonField[]>> = {
  text: ['edits', 'credits', 'mentions'],
  people: ['actors'],
  events: ['diagnostics'],
};
