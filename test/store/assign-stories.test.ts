import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/eval/index.js';
import {
  EXACT_CHECKS,
  assignStories,
  storedCandidates,
  type BandIndex,
  type StoryCandidate,
} from '../../src/store/dedup/assign-stories.js';
import { containment, createFingerprinter, estimateContainment } from '../../src/store/dedup/minhash.js';

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
    const c = { articleId: i + 1, story: i + 1, size: fp.shingles.length, signature: fp.bytes };
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

  it('skip look-alikes whose signatures a copy would not show, though they estimate more than 0.5', () => {
    const fresh = { id: 1000, fingerprint: fingerprinter.fingerprint(base.join(' ')) };
    // sharing the first 55% of the new text: under 0.8, but most estimate 0.5 or more
    const half = texts
      .slice(1, 25)
      .map((own) =>
        [
          ...base.slice(0, Math.floor(base.length * 0.55)),
          ...own.slice(0, Math.ceil(base.length * 0.45)),
        ].join(' '),
      );
    const estimates = half.map((text) => {
      const fp = fingerprinter.fingerprint(text);
      expect(containment(fresh.fingerprint.shingles, fp.shingles)).toBeLessThan(0.8);
      return estimateContainment(
        fresh.fingerprint.bytes,
        fp.bytes,
        fresh.fingerprint.shingles.length,
        fp.shingles.length,
      );
    });
    expect(estimates.filter((e) => e >= 0.5).length).toBeGreaterThan(EXACT_CHECKS);
    expect(storedCandidates([fresh], storedIndex(half).index).size).toBeLessThanOrEqual(2);
  });

  it('check a short copy inside a long article, though its signature estimates it under 0.5', () => {
    // 200 shingles, 170 of them in an article of 600: a copy (0.85); their signatures agree in 10
    // of 96 positions, which estimates 0.37 but is what such a pair can show (at least 8 at 4 σ)
    const short = Uint32Array.from({ length: 200 }, (_, i) => i + 1);
    const long = Uint32Array.from({ length: 600 }, (_, i) => (i < 170 ? i + 1 : 1000 + i));
    const bytes = Buffer.from(Uint8Array.from({ length: 96 }, (_, k) => k));
    const other = Uint8Array.from({ length: 96 }, (_, k) => (k < 10 ? k : 128 + k));
    expect(estimateContainment(bytes, other, 200, 600)).toBeLessThan(0.5);
    const signature = new Int32Array(96); // (the bands below stand for it)
    const fresh = { id: 1000, fingerprint: { shingles: short, signature, bytes, bands: [7] } };
    const index = new Map([[7, [{ articleId: 1, story: 1, size: 600, signature: other }]]]);
    expect(storedCandidates([fresh], index).has(1)).toBe(true);
    expect(assignStories([fresh], index, new Map([[1, long]]))[0]!.story).toBe(1);
    // with 7, the pair would share less than 0.8 but for a chance of about 1 in 140,000
    const fewer = Uint8Array.from({ length: 96 }, (_, k) => (k < 7 ? k : 128 + k));
    const unlikely = new Map([[7, [{ articleId: 1, story: 1, size: 600, signature: fewer }]]]);
    expect(storedCandidates([fresh], unlikely).size).toBe(0);
  });
});
