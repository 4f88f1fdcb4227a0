import { containment, containmentOf, equalMinima, mayShare, type Fingerprint } from './minhash.js';

/** A copy must hold at least this share of the smaller text's shingles (exact containment). */
export const CONTAINMENT = 0.8;
/**
 * Candidates whose signatures agree too little for a pair sharing `CONTAINMENT` are dropped before
 * the exact check, at this many standard errors (`mayShare`): a pair of equal sizes sharing
 * exactly that much is dropped 5 times in 100,000 (binomial tail), one sharing more far more
 * rarely. It replaces a floor of 0.5 on the estimate, which passed about 36 look-alikes per new
 * article to the ranking below in a store of 50,000 generated seed-like articles (this bound: 1.6,
 * so the exact checks read 8 times fewer stored texts), and which, blind to the sizes, could drop
 * a short text copied into a long one (1 in 3,500 generated excerpts of a quarter or a third of an
 * article sharing 0.80-0.85 and a band key).
 */
export const STANDARD_ERRORS = 4;
/** Per story, the exact check is tried on this many of its best-estimated articles. */
const TRIES_PER_STORY = 2;
/**
 * Per new article, the exact check is tried on this many candidates at most, the best estimated.
 * Each check reads a stored text and shingles it again, and news that shares much of its wording
 * (agency templates, stock paragraphs: generated seed-like news estimates above the floor against
 * about 55 stored articles each once 30,000 are stored) made that cost grow with the archive. A
 * copy estimates near its true containment (the estimate's standard error is about 0.04 at 0.8
 * with 96 hashes), so it ranks above the articles that merely share wording.
 */
export const EXACT_CHECKS = 8;

/** A stored (or earlier in the batch) article sharing a band key with a new one. */
export interface StoryCandidate {
  readonly articleId: number;
  readonly story: number;
  /** Its distinct shingle count. */
  readonly size: number;
  /** Its compact signature (`compactSignature`). */
  readonly signature: Uint8Array;
}

/** An article of the batch being stored: its id and fingerprint. */
export interface NewArticle {
  readonly id: number;
  readonly fingerprint: Fingerprint;
}

/** Band-key matches grouped by key. */
export type BandIndex = ReadonlyMap<number, readonly StoryCandidate[]>;

/** Where each new article goes, and the band keys to store for it. */
export interface StoryAssignment {
  readonly story: number;
  /**
   * Its band keys that no article of its story holds yet: a copy repeating its story's keys adds
   * no rows, so a story copied by hundreds of outlets keeps about one row per distinct key.
   */
  readonly bands: readonly number[];
}

/**
 * Best estimate first; ties: the older article. (This and the next are module functions, not
 * callbacks made per call: docs/scaling.md, "Full collections also cost compilation".)
 */
function byEstimate(
  a: { c: StoryCandidate; estimate: number },
  b: { c: StoryCandidate; estimate: number },
): number {
  return b.estimate - a.estimate || a.c.articleId - b.c.articleId;
}

/** Whether an article of `story` holds band `key` in the index. */
function storyHolds(index: BandIndex, key: number, story: number): boolean {
  const list = index.get(key);
  if (list !== undefined) for (const c of list) if (c.story === story) return true;
  return false;
}

/**
 * The candidates worth an exact check for one fingerprint: sharing a band key, with signatures
 * that a pair sharing `CONTAINMENT` could show (`mayShare`), per story only the `TRIES_PER_STORY` best estimated
 * (ties: the older article), and `EXACT_CHECKS` at most; best first.
 */
function likelyCopies(fp: Fingerprint, indexes: readonly BandIndex[]): StoryCandidate[] {
  const seen = new Set<number>();
  const scored: { c: StoryCandidate; estimate: number }[] = [];
  for (const index of indexes)
    for (const key of fp.bands)
      for (const c of index.get(key) ?? []) {
        if (seen.has(c.articleId)) continue;
        seen.add(c.articleId);
        const equal = equalMinima(fp.bytes, c.signature);
        if (mayShare(equal, fp.shingles.length, c.size, CONTAINMENT, STANDARD_ERRORS))
          scored.push({ c, estimate: containmentOf(equal, fp.shingles.length, c.size) });
      }
  scored.sort(byEstimate);
  const tries = new Map<number, number>();
  const chosen: StoryCandidate[] = [];
  for (const { c } of scored) {
    const n = tries.get(c.story) ?? 0;
    tries.set(c.story, n + 1);
    if (n < TRIES_PER_STORY && chosen.push(c) === EXACT_CHECKS) break;
  }
  return chosen;
}

/**
 * The stored articles whose shingles the exact check will need (fetch their texts once per batch).
 *
 * @example
 * const ids = storedCandidates(batch, bandIndexOf(await io.bandMatches(keys)));
 */
export function storedCandidates(articles: readonly NewArticle[], stored: BandIndex): Set<number> {
  const ids = new Set<number>();
  for (const a of articles) for (const c of likelyCopies(a.fingerprint, [stored])) ids.add(c.articleId);
  return ids;
}

/**
 * The story cluster of each new article, in batch order: the story of the candidate (a stored
 * article, or an earlier article of the batch) holding the largest share of the smaller text's
 * shingles, when that share is at least `CONTAINMENT` (ties: the older story); else the article
 * starts its own story (its id). Candidates come from LSH: a shared band key, then the signature
 * estimate, then the exact containment over the shingle sets.
 *
 * @example
 * assignStories(batch, stored, shinglesOfStored).map((a) => a.story); // [12, 40, 12]: the third copies story 12
 */
export function assignStories(
  articles: readonly NewArticle[],
  stored: BandIndex,
  storedShingles: ReadonlyMap<number, Uint32Array>,
): StoryAssignment[] {
  const batch = new Map<number, StoryCandidate[]>();
  const shinglesOf = new Map(storedShingles);
  const assigned: StoryAssignment[] = [];
  for (const { id, fingerprint: fp } of articles) {
    let best: { story: number; share: number } | null = null;
    for (const c of likelyCopies(fp, [stored, batch])) {
      const other = shinglesOf.get(c.articleId);
      if (other === undefined) continue;
      const share = containment(fp.shingles, other);
      if (
        share >= CONTAINMENT &&
        (best === null || share > best.share || (share === best.share && c.story < best.story))
      )
        best = { story: c.story, share };
    }
    const story = best?.story ?? id;
    let bands = fp.bands;
    if (story !== id) {
      const unheld: number[] = [];
      for (const key of fp.bands)
        if (!storyHolds(stored, key, story) && !storyHolds(batch, key, story)) unheld.push(key);
      bands = unheld;
    }
    if (bands.length > 0) {
      shinglesOf.set(id, fp.shingles);
      const self = { articleId: id, story, size: fp.shingles.length, signature: fp.bytes };
      for (const key of bands) {
        const list = batch.get(key);
        if (list === undefined) batch.set(key, [self]);
        else list.push(self);
      }
    }
    assigned.push({ story, bands });
  }
  return assigned;
}
