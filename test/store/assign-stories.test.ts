import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import {
  EXACT_CHECKS,
  assignStories,
  storedCandidates,
  type BandIndex,
  type StoryCandidate,
} from '../../src/store/dedup/assign-stories.js';
import { containment, createFingerprinter } from '../../src/store/dedup/minhash.js';

const fingerprinter = createFingerprinter();

/** The words of generated seed-like articles, as long runs of text that share no wording. */
const texts = generateCorpus({ seed: 11, bytes: 200_000 }).map((d) => d.raw.split(/\s+/).filter(Boolean));
const base = texts[0]!;

/** Articles that share their first 70% with the new one and then go on in words of their own. */
const lookalikes = texts
  .slice(1, 25)
  .map((own) =>
    [...base.slice(0, Math.floor(base.length * 0.7)), ...own.slice(0, Math.ceil(base.length * 0.3))].join(
      ' ',
    ),
  );
/** A copy of the new article with its last sentence or so cut. */
const copy = base.slice(0, Math.floor(base.length * 0.95)).join(' ');

/** Stored articles (ids 1, 2, …, each its own story) as the band index bandMatches would give. */
function storedIndex(stored: readonly string[]): { index: BandIndex; shingles: Map<number, Uint32Array> } {
  const index = new Map<number, StoryCandidate[]>();
  const shingles = new Map<number, Uint32Array>();
  stored.forEach((text, i) => {
    const fp = fingerprinter.fingerprint(text);
    const c = { articleId: i + 1, story: i + 1, size: fp.shingles.length, signature: fp.signature };
    shingles.set(c.articleId, fp.shingles);
    for (const key of fp.bands) index.set(key, [...(index.get(key) ?? []), c]);
  });
  return { index, shingles };
}

describe('story candidates', () => {
  it(`get the exact check for ${EXACT_CHECKS} stored articles at most, and a copy among look-alikes is found`, () => {
    const fresh = { id: 1000, fingerprint: fingerprinter.fingerprint(base.join(' ')) };
    // the look-alikes hold less than 0.8 of the new text, but their signatures estimate more than 0.5
    for (const text of lookalikes)
      expect(containment(fresh.fingerprint.shingles, fingerprinter.fingerprint(text).shingles)).toBeLessThan(
        0.8,
      );
    const stored = [...lookalikes.slice(0, 12), copy, ...lookalikes.slice(12)];
    const { index, shingles } = storedIndex(stored);
    const needed = storedCandidates([fresh], index);
    expect(needed.size).toBe(EXACT_CHECKS);
    // the copy (id 13) ranks first and the new article joins its story
    expect(needed.has(13)).toBe(true);
    const [assigned] = assignStories([fresh], index, new Map([...shingles].filter(([id]) => needed.has(id))));
    expect(assigned!.story).toBe(13);
  });

  it('leave an article among look-alikes alone in its own story', () => {
    const fresh = { id: 1000, fingerprint: fingerprinter.fingerprint(base.join(' ')) };
    const { index, shingles } = storedIndex(lookalikes);
    const needed = storedCandidates([fresh], index);
    expect(needed.size).toBe(EXACT_CHECKS);
    const [assigned] = assignStories([fresh], index, new Map([...shingles].filter(([id]) => needed.has(id))));
    expect(assigned!.story).toBe(1000);
  });
});
