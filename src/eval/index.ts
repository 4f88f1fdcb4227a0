export { evaluateDir, type EvalReport, type TypeCounts } from './run-eval.js';
export { parseGold, type GoldArticle, type GoldEvent, type GoldQuote } from './gold.js';
export {
  scoreArticle,
  prf,
  maxMatching,
  normaliseName,
  sameSpeaker,
  type ArticleScore,
  type Counts,
  type Prf,
} from './score.js';
export {
  readPetrarchRecords,
  scorePetrarch,
  type PetrarchCoding,
  type PetrarchRecord,
  type PetrarchScore,
} from './petrarch.js';
export { generateCorpus, prng } from './synthetic-corpus.js';
