import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_RESOURCE_LIMITS } from '../../src/pool/analysis-pool.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('V8 young generation', () => {
  it('is the same for the CLI, its analysis threads and the benchmark', () => {
    const semi = Number(/--max-semi-space-size=(\d+)/.exec(read('src/main.ts').split('\n')[0]!)?.[1]);
    expect(semi).toBeGreaterThan(0);
    // a young generation is two semi-spaces and a large-object space of the same size
    expect(ANALYSIS_RESOURCE_LIMITS.maxYoungGenerationSizeMb).toBe(3 * semi);
    const bench = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['bench'];
    expect(bench).toContain(`--max-semi-space-size=${semi}`);
    expect(read('scripts/bench.ts')).toContain(`--max-semi-space-size=${semi}`);
  });
});
