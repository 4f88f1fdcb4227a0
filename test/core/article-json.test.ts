import { describe, expect, it } from 'vitest';
import {
  articleJson,
  decodeMentions,
  encodeMentions,
  packArticle,
  unpackArticle,
  type AnalysedArticle,
  type Article,
} from '../../src/core/index.js';
import { toAnalysed } from '../../src/pool/index.js';
import { analysedDevSet } from '../store/dev-set.js';

const devArticles = async (): Promise<AnalysedArticle[]> =>
  // (the dev set's articles are the pipeline's, token layers and all)
  (await analysedDevSet()).items.map((i) => toAnalysed(i.article as Article));

describe('an article packed for a thread boundary', () => {
  it('unpacks to the article it was packed from, for every dev article', async () => {
    const articles = await devArticles();
    expect(articles.length).toBeGreaterThan(30);
    for (const article of articles) {
      const { article: rest, json } = packArticle(article);
      // the packed part has none of the fields that travel as JSON
      for (const field of ['credits', 'edits', 'actors', 'diagnostics', 'mentions'])
        expect(Object.keys(rest)).not.toContain(field);
      expect(json).toEqual(articleJson(article));
      // across a thread boundary (structured clone), then unpacked
      const sent = structuredClone({ article: rest, json });
      const back = unpackArticle(sent.article, sent.json);
      expect(back).toEqual(article);
      expect(Object.keys(back).sort()).toEqual(Object.keys(article).sort());
      expect(JSON.stringify(back)).toBe(JSON.stringify(article));
    }
  }, 60_000);

  it('keeps the mentions as the store keeps them, and parses each field once, when first read', async () => {
    const [article] = await devArticles();
    const { article: rest, json } = packArticle(article!);
    expect(json.mentions).toBe(encodeMentions(article!.mentions));
    expect(decodeMentions(JSON.parse(json.mentions), article!.text)).toEqual(article!.mentions);
    const back = unpackArticle(rest, json);
    expect(back.mentions).toBe(back.mentions); // the same array each time: parsed once
    expect(back.diagnostics).toEqual(article!.diagnostics);
  });

  it('leaves its fields read-only, as the analysed article type has them', async () => {
    const [article] = await devArticles();
    const back = unpackArticle(packArticle(article!).article, packArticle(article!).json);
    expect(() => {
      (back as { edits: unknown }).edits = [];
    }).toThrow(TypeError);
    expect(back.edits).toEqual(article!.edits);
  });
});
