import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDir } from '../../src/eval/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline } from '../../src/pipeline/index.js';

/**
 * The quality gate (ARCHITECTURE.md habit 7): F1 on the hand-annotated dev set must not
 * fall below these floors. Raising a floor is a commit; lowering one needs a stated reason.
 */
const FLOORS = { events: 0.75, quotes: 0.9, people: 0.98 };

const DEV = fileURLToPath(new URL('../../../shared/eval/dev/', import.meta.url));

describe('dev set quality gate', () => {
  it('finds the dev gold set beside the repository', () => {
    expect(existsSync(DEV), `expected the gold set at ${DEV}`).toBe(true);
  });

  it('scores at or above the pinned F1 floors', async () => {
    const report = await evaluateDir(DEV, createDefaultPipeline(loadLexicons()));
    expect(report.errors).toEqual([]);
    expect(report.files).toBe(31);
    expect(report.events.f1).toBeGreaterThanOrEqual(FLOORS.events);
    expect(report.quotes.f1).toBeGreaterThanOrEqual(FLOORS.quotes);
    expect(report.people.f1).toBeGreaterThanOrEqual(FLOORS.people);
  });

  it('codes no event in the articles that report no interaction', () => {
    const pipeline = createDefaultPipeline(loadLexicons());
    const quiet = readdirSync(DEV)
      .filter((f) => f.endsWith('.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(`${DEV}${f}`, 'utf8')) as {
            id: string;
            text: string;
            published?: string;
            events: unknown[];
          },
      )
      .filter((g) => g.events.length === 0);
    expect(quiet.length).toBeGreaterThan(0);
    for (const g of quiet) {
      const article = pipeline.run({
        id: g.id,
        raw: g.text,
        mediaType: 'text/plain',
        ...(g.published ? { published: g.published } : {}),
      });
      expect(
        article.events.map((e) => `${e.source.code} ${e.type} ${e.target.code}`),
        g.id,
      ).toEqual([]);
    }
  });
});
