export { createAnalysisPool, type AnalysisPool, type PoolOptions } from './analysis-pool.js';
export { ANALYSIS_BATCH, analyseDocuments, toAnalysed } from './analyse-document.js';
export type { AnalysisOutcome } from './messages.js';
