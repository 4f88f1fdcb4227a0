export {
  countInputs,
  readInputs,
  FULL_CONTENT_CHARS,
  type InputRecord,
  type ReadOptions,
} from './read-inputs.js';
export { extractArticle, type ExtractedArticle } from './html/extract-article.js';
export { canonicalUrl, contentHash, identifyArticle, type ArticleIdentity } from './identify-article.js';
export {
  looksLikeFeed,
  parseFeed,
  type Feed,
  type FeedItem,
  type FeedResult,
  type FeedText,
} from './feeds/parse-feed.js';
export { parseFeedDate } from './feeds/parse-feed-date.js';
export {
  createHttpClient,
  DEFAULT_HTTP_OPTIONS,
  type FetchResult,
  type HttpClient,
  type HttpOptions,
} from './fetch/http-client.js';
