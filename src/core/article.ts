import { OffsetMap } from './offset-map.js';
import type { Article, RawDocument } from './types.js';

/** An article before any stage ran: raw input and metadata, every layer empty. */
export function createArticle(doc: RawDocument): Article {
  return {
    id: doc.id,
    ...(doc.title !== undefined ? { title: doc.title } : {}),
    ...(doc.url !== undefined ? { url: doc.url } : {}),
    ...(doc.published !== undefined ? { published: doc.published } : {}),
    lang: 'en',
    raw: doc.raw,
    text: '',
    offsets: OffsetMap.identity(0),
    edits: [],
    credits: doc.credits !== undefined ? [...doc.credits] : [],
    paragraphs: [],
    sentences: [],
    tokens: [],
    mentions: [],
    people: [],
    actors: [],
    quotes: [],
    events: [],
    diagnostics: [],
  };
}
