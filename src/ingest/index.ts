export { readInputs, type InputRecord, type ReadOptions } from './read-inputs.js';
