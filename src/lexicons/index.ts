export { loadLexicons, DEFAULT_DATA_DIR } from './load-lexicons.js';
