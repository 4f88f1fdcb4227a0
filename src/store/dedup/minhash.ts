/**
 * Near-duplicate detection for syndicated copies: MinHash over word shingles, LSH band keys, and
 * exact containment. Everything works on typed arrays; a `Fingerprinter` reuses its buffers.
 */

/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** MinHash values per signature (`BANDS` × `ROWS`). */
export const HASHES = 96;
/** LSH bands, of `ROWS` signature values each: a pair sharing any band's values is a candidate. */
export const BANDS = 32;
export const ROWS = 3;
/** Texts with fewer distinct shingles (about 25 words) are never clustered: too little to tell a copy. */
export const MIN_SHINGLES = 20;

/** What the store keeps of an article to find its copies. */
export interface Fingerprint {
  /** The distinct shingle hashes, sorted ascending (unsigned). */
  readonly shingles: Uint32Array;
  /** MinHash signature: `HASHES` minima, one per bin of the seeded permutation. */
  readonly signature: Int32Array;
  /**
   * The signature as the store keeps and compares it: the low byte of each minimum (b-bit MinHash,
   * b = 8; `compactSignature`), `HASHES` bytes.
   */
  readonly bytes: Buffer;
  /** One key per band (`BANDS`), safe integers below 2^52; empty when the text is too short. */
  readonly bands: readonly number[];
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** One MurmurHash3 block step: folds the 32-bit word `k` into the state `h`. */
function mixIn(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, C2);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The seed of the permutation (fixed: signatures stored by one version must match the next). */
const PERMUTATION_SEED = 0x2545f491;
const EMPTY = 0x7fffffff;

/**
 * One-permutation MinHash (Li, Owen and Zhang 2012) with optimal densification (Shrivastava 2017):
 * the shingles are permuted once (a seeded bijection of 32-bit values), the permuted range is cut
 * into `HASHES` equal bins, and each bin keeps its least value; an empty bin takes the value of a
 * donor bin chosen by a hash of (bin, attempt), the same for every text, so that two signatures
 * still agree in a share of positions that estimates the Jaccard similarity. One hash per shingle
 * instead of `HASHES`: about 60 times less work than independent permutations at 600 shingles.
 * `raw` is scratch space of `HASHES` values.
 */
function minHash(shingles: Uint32Array, raw: Int32Array): Int32Array {
  raw.fill(EMPTY);
  const filled = new Uint8Array(HASHES);
  let nonEmpty = 0;
  for (let i = 0; i < shingles.length; i++) {
    const p = fmix32(shingles[i]! ^ PERMUTATION_SEED) >>> 0;
    const bin = Math.floor((p * HASHES) / 4294967296);
    const value = p & 0x7fffffff; // the position inside the bin orders its values
    if (filled[bin] === 0) {
      filled[bin] = 1;
      nonEmpty++;
      raw[bin] = value;
    } else if (value < raw[bin]!) raw[bin] = value;
  }
  const signature = new Int32Array(HASHES);
  for (let k = 0; k < HASHES; k++) {
    if (filled[k] === 1 || nonEmpty === 0) {
      signature[k] = raw[k]!;
      continue;
    }
    for (let attempt = 1; ; attempt++) {
      const donor = (fmix32(Math.imul(k + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) >>> 0) % HASHES;
      if (filled[donor] === 1) {
        signature[k] = raw[donor]!;
        break;
      }
    }
  }
  return signature;
}

/** Non-word code units: ASCII other than letters and digits, and the punctuation and symbol blocks. */
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  if (c < 0xc0) return false; // Latin-1 punctuation, no-break space, ¿ « » …
  if (c === 0xd7 || c === 0xf7) return false; // × ÷
  if (c >= 0x2000 && c <= 0x2bff) return false; // general punctuation, symbols, arrows, dingbats
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xfe30 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return true;
}

/** Ascending unsigned sort and de-duplication in place; returns the number of distinct values. */
function sortUnique(values: Uint32Array): number {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++)
    if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
  return n;
}

/** Computes fingerprints, reusing its scratch buffers between calls (one per store, not shared). */
export interface Fingerprinter {
  fingerprint(text: string): Fingerprint;
}

/**
 * A fingerprinter: the text is case-folded and split into words (letters and digits); every run of
 * `SHINGLE_WORDS` words is hashed (MurmurHash3 over the words' FNV-1a hashes); the signature is a
 * one-permutation MinHash of the distinct shingles (`minHash`); each band key hashes `ROWS`
 * signature values with the band number.
 *
 * @example
 * const fp = createFingerprinter().fingerprint(article.text);
 * fp.bands.length; // 32 (0 for a text under about 25 words)
 */
export function createFingerprinter(): Fingerprinter {
  let words = new Int32Array(1024);
  const raw = new Int32Array(HASHES);

  return {
    fingerprint(text: string): Fingerprint {
      const folded = text.toLowerCase();
      let count = 0;
      let h = 0x811c9dc5;
      let inWord = false;
      for (let i = 0; i <= folded.length; i++) {
        const c = i < folded.length ? folded.charCodeAt(i) : 0x20;
        if (isWordUnit(c)) {
          h = Math.imul(h ^ c, 0x01000193);
          inWord = true;
        } else if (inWord) {
          if (count === words.length) {
            const grown = new Int32Array(words.length * 2);
            grown.set(words);
            words = grown;
          }
          words[count++] = fmix32(h);
          h = 0x811c9dc5;
          inWord = false;
        }
      }
      const total = Math.max(0, count - SHINGLE_WORDS + 1);
      const all = new Uint32Array(total);
      for (let i = 0; i < total; i++) {
        let s = 0x3c6ef372;
        for (let j = 0; j < SHINGLE_WORDS; j++) s = mixIn(s, words[i + j]!);
        all[i] = fmix32(s ^ SHINGLE_WORDS);
      }
      const shingles = all.subarray(0, sortUnique(all));
      const signature = minHash(shingles, raw);
      return {
        shingles,
        signature,
        bytes: compactSignature(signature),
        bands: shingles.length < MIN_SHINGLES ? [] : bandKeys(signature),
      };
    },
  };
}

/** The LSH key of each band: two 32-bit hashes of its values, packed under the band number (< 2^52). */
function bandKeys(signature: Int32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h1 = b;
    let h2 = b ^ 0x5bd1e995;
    for (let r = 0; r < ROWS; r++) {
      const v = signature[b * ROWS + r]!;
      h1 = mixIn(h1, v);
      h2 = mixIn(h2, v ^ 0x27d4eb2f);
    }
    keys.push(b * 2 ** 47 + (fmix32(h2) & 0x7fff) * 2 ** 32 + (fmix32(h1) >>> 0));
  }
  return keys;
}

/**
 * The share of the smaller set's shingles that the other set holds (both sorted ascending).
 *
 * @example
 * containment(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(2, 3, 4, 9, 10)); // 0.75
 */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const small = Math.min(a.length, b.length);
  if (small === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / small;
}

/**
 * The signature as one byte per position: the low 8 bits of each minimum (b-bit MinHash, Li and
 * König 2010). Two positions holding the same minimum hold the same byte; two holding different
 * minima hold the same byte by chance, 1 time in 256 (`BYTE_COLLISION`: a minimum's low bits are
 * uniform). Story clustering compares signatures for every stored article that shares a band key
 * with a new one, tens of thousands per batch in a large store: a quarter of the bytes to store,
 * send and decode made that read cheaper for the database and for the client, whose main thread
 * had decoded a buffer per holder (docs/performance-log.md, "Writing into Postgres and the batch
 * lock").
 *
 * @example
 * compactSignature(fp.signature).length; // 96
 */
export function compactSignature(signature: Int32Array): Buffer {
  const out = Buffer.allocUnsafe(signature.length);
  for (let k = 0; k < signature.length; k++) out[k] = signature[k]! & 0xff;
  return out;
}

/** The chance that two positions holding different minima hold the same low byte. */
export const BYTE_COLLISION = 1 / 256;

/**
 * A stored signature as `compactSignature` gives it: `HASHES` bytes as they are (a view, no copy);
 * a row written before signatures were compacted holds the full minima, 4 bytes each (little-endian),
 * and gives their low bytes.
 *
 * @example
 * compactFrom(row.minhash); // Uint8Array(96)
 */
export function compactFrom(stored: Uint8Array): Uint8Array {
  if (stored.byteLength === HASHES) return stored;
  if (stored.byteLength !== 4 * HASHES)
    throw new RangeError(
      `a MinHash signature of ${stored.byteLength} bytes (expected ${HASHES} or ${4 * HASHES})`,
    );
  const out = new Uint8Array(HASHES);
  for (let k = 0; k < HASHES; k++) out[k] = stored[4 * k]!;
  return out;
}

/**
 * Containment of the smaller set estimated from two compact signatures and the set sizes: the
 * share of equal bytes, less the chance collisions, estimates the Jaccard similarity J, and
 * |A ∩ B| = J (|A| + |B|) / (1 + J).
 *
 * @example
 * estimateContainment(fp.bytes, other.bytes, fp.shingles.length, otherSize); // ≈ 0.9 for a trimmed copy
 */
export function estimateContainment(a: Uint8Array, b: Uint8Array, sizeA: number, sizeB: number): number {
  return containmentOf(equalMinima(a, b), sizeA, sizeB);
}

/**
 * How many of two compact signatures' `HASHES` positions hold the same byte: every position whose
 * minima are equal, and about 1 in 256 of the others (`BYTE_COLLISION`).
 */
export function equalMinima(a: Uint8Array, b: Uint8Array): number {
  let equal = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) equal++;
  return equal;
}

/**
 * The containment `estimateContainment` gives for `equal` equal bytes (`equalMinima`): the share
 * of equal minima is estimated as (equal / HASHES − c) / (1 − c), c the chance collision.
 */
export function containmentOf(equal: number, sizeA: number, sizeB: number): number {
  const small = Math.min(sizeA, sizeB);
  if (small === 0) return 0;
  const j = Math.max(0, (equal / HASHES - BYTE_COLLISION) / (1 - BYTE_COLLISION));
  return Math.min(1, (j * (sizeA + sizeB)) / (1 + j) / small);
}

/**
 * Whether two sets of `sizeA` and `sizeB` shingles whose signatures agree in `equal` positions may
 * share at least `share` of the smaller set, at `z` standard errors: the fewest equal minima that
 * such a pair shows, but with a chance below the normal tail beyond `z`. A pair sharing exactly
 * `share` has the Jaccard similarity J* = share·s / (a + b − share·s) (s the smaller size), and its
 * count of equal minima is about binomial (`HASHES`, J*) — one permutation's bins, like
 * independent hashes, each agree with the chance J. The bound therefore depends on the sizes:
 * at equal sizes and a share of 0.8 it is 46 of 96 at z = 4 (an estimate of 0.65), while a text
 * copied into one three times its size needs only 8 (an estimate of 0.31): one floor on the
 * estimate either checks many more look-alikes or misses such copies. Given the equal bytes of
 * compact signatures, which count every equal minimum and a few chance collisions besides, the
 * test keeps every pair that the full minima would keep, and a few more.
 *
 * @example
 * mayShare(equalMinima(fp.bytes, other.bytes), fp.shingles.length, otherSize, 0.8, 4);
 */
export function mayShare(equal: number, sizeA: number, sizeB: number, share: number, z: number): boolean {
  const small = Math.min(sizeA, sizeB);
  if (small === 0) return false;
  const j = (share * small) / (sizeA + sizeB - share * small);
  return equal >= HASHES * j - z * Math.sqrt(HASHES * j * (1 - j));
}
