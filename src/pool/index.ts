export { createAnalysisPool, type AnalysisPool, type PoolOptions } from './analysis-pool.js';
export { analyseDocument, toAnalysed } from './analyse-document.js';
export type { AnalysisOutcome } from './messages.js';
