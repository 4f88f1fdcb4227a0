export { runCli, type CliIo } from './program.js';
export { formatArticleReport, formatEvalReport } from './format-report.js';
