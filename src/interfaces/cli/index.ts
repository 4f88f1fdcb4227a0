export { runCli } from './program.js';
export type { CliIo, CliContext, RegisterCommand } from './context.js';
export { formatArticleReport, formatEvalReport } from './format-report.js';
