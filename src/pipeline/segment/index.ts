export { createSegmentStage, type SegmentOptions } from './split-sentences.js';
