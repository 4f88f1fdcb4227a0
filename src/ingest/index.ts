export { countInputs, readInputs, type InputRecord, type ReadOptions } from './read-inputs.js';
export { extractArticle, type ExtractedArticle } from './html/extract-article.js';
export { canonicalUrl, contentHash, identifyArticle, type ArticleIdentity } from './identify-article.js';
