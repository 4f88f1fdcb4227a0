/** The seeded PRNG of the synthetic corpus, for property and fuzz tests, so failures replay. */
export { prng } from '../../src/eval/index.js';
