export { createAnalysisPool, type AnalysisPool, type PoolOptions } from './analysis-pool.js';
export { analyseDocuments, toAnalysed } from './analyse-documents.js';
export type { AnalysisOutcome } from './messages.js';
