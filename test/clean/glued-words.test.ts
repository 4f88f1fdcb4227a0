import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { clean } from './helpers.js';

const DEV = fileURLToPath(new URL('../../../shared/eval/dev/', import.meta.url));

interface Gold {
  readonly text: string;
  readonly people?: readonly string[];
}

const golds: Gold[] = readdirSync(DEV)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(DEV + f, 'utf8')) as Gold);

/** A pair of letter-only words separated by one space, the left one starting at `start`. */
interface Pair {
  readonly doc: number;
  readonly start: number;
  readonly space: number;
  readonly end: number;
  readonly name: boolean;
}

const WORD_PAIR = /(?<=^|[\s“"(])(\p{L}+) (\p{L}+)(?=[\s,.;:!?”")]|$)/gu;

function pairs(): { names: Pair[]; others: Pair[] } {
  const names: Pair[] = [];
  const others: Pair[] = [];
  golds.forEach((g, doc) => {
    for (const m of g.text.matchAll(WORD_PAIR)) {
      const left = m[1]!;
      const start = m.index;
      const space = start + left.length;
      const pair = { doc, start, space, end: space + 1 + m[2]!.length, name: false };
      const prev = g.text.slice(Math.max(0, start - 2), start);
      const capital = /^\p{Lu}\p{Ll}+$/u.test(left);
      // a name: capitalised inside a sentence
      if (capital && !/[.!?:“"(\n]\s?$/u.test(prev) && start > 0) names.push({ ...pair, name: true });
      else if (!capital) others.push(pair);
    }
  });
  return { names, others };
}

describe('glued-word repair on the dev set', () => {
  it('splits glued pairs with precision ≥ 0.98 and recall ≥ 0.5', () => {
    const random = prng(3);
    const { names, others } = pairs();
    let correct = 0;
    let wrong = 0;
    const trials = 1000;
    const baseline = new Map<number, Set<string>>();

    for (let t = 0; t < trials; t++) {
      const pool = t % 2 === 0 ? names : others;
      const p = pool[Math.floor(random() * pool.length)]!;
      const text = golds[p.doc]!.text;
      const glued = text.slice(0, p.space) + text.slice(p.space + 1);
      const expected = text.slice(p.start, p.end);
      let base = baseline.get(p.doc);
      if (base === undefined) {
        base = new Set(
          clean(text)
            .edits.filter((e) => e.kind === 'split-glued-word')
            .map((e) => e.before),
        );
        baseline.set(p.doc, base);
      }
      let hit = false;
      for (const edit of clean(glued).edits) {
        if (edit.kind !== 'split-glued-word') continue;
        const onPair = edit.raw[0] <= p.start && edit.raw[1] >= p.end - 1;
        if (onPair && edit.after.includes(expected)) hit = true;
        else if (!base.has(edit.before)) wrong++;
      }
      if (hit) correct++;
    }
    const precision = correct / Math.max(1, correct + wrong);
    const recall = correct / trials;
    console.log(
      `glued words: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${correct}/${trials}, ${wrong} wrong)`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.5);
  });

  it('never splits a name of the dev set', () => {
    const split: string[] = [];
    for (const g of golds) {
      const names = new Set((g.people ?? []).flatMap((n) => n.split(/\s+/)));
      // capitalised words used twice or more inside sentences: the names of the article
      const seen = new Map<string, number>();
      for (const m of g.text.matchAll(/(?<![.!?]\s)\b\p{Lu}\p{Ll}{2,}\b/gu))
        seen.set(m[0], (seen.get(m[0]) ?? 0) + 1);
      for (const [name, n] of seen) if (n > 1) names.add(name);
      for (const edit of clean(g.text).edits) {
        if (edit.kind === 'split-glued-word' && names.has(edit.before)) split.push(edit.before);
      }
    }
    expect(split).toEqual([]);
  });
});
