export {
  createAnalysisPool,
  threadsBesideMain,
  WRITER_YOUNG_GENERATION_MB,
  type AnalysisPool,
  type PoolOptions,
} from './analysis-pool.js';
export { analyseDocuments, toAnalysed, toJsonOutcome } from './analyse-documents.js';
export type { AnalysisOutcome, JsonOutcome } from './messages.js';
