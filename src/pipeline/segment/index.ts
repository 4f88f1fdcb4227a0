export { createSegmentStage } from './split-sentences.js';
