import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';
import { measureActorAccuracy } from './measure-actor-accuracy.js';

const DEV = fileURLToPath(new URL('../../../shared/eval/dev/', import.meta.url));

/**
 * Actor-code accuracy (issue 4): for every gold event of the dev set, its source and target
 * codes must be among the actors found in, or resolved for, the sentence(s) of its evidence.
 * Issue 4 asks for 0.95; the floor pins what the stage reaches now (0.957, 396 of 414, on
 * 2026-12-03; it was 0.802, then 0.913, 0.937 and 0.947) and may only be raised. `npx tsx scripts/actor-accuracy.ts` lists every miss.
 */
const FLOOR = 0.956;

describe('actor-code accuracy on the dev set', () => {
  it('finds the source and target of the gold events in their evidence sentences', () => {
    expect(existsSync(DEV), `expected the gold set at ${DEV}`).toBe(true);
    const result = measureActorAccuracy(createDefaultPipeline(loadLexicons()), DEV);
    expect(result.checked).toBeGreaterThan(400);
    expect(result.found / result.checked).toBeGreaterThanOrEqual(FLOOR);
  });
});
