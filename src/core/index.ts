export type * from './types.js';
export { PLOVER_TYPES } from './types.js';
export { OffsetMap, OffsetMapBuilder } from './offset-map.js';
export { DemarcheError, type ErrorCode } from './errors.js';
export { createArticle } from './article.js';
export { toOutputRecord, type OutputRecord } from './contract.js';
export { encodeMentions, decodeMentions } from './mention-tuples.js';
export {
  articleJson,
  packArticle,
  unpackArticle,
  type ArticleJson,
  type JsonField,
  type PackedArticle,
} from './article-json.js';
