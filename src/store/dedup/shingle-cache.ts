import type { StoryCandidate } from './assign-stories.js';
import type { Fingerprint } from './minhash.js';

/**
 * Shingles a store keeps at most (4 bytes each, 8 MB): the shingle sets of about 2,900 articles of
 * the generated 4.5 kB corpus.
 */
export const CACHED_SHINGLES = 2 ** 21;

interface Entry {
  readonly signature: Uint8Array;
  readonly shingles: Uint32Array;
}

/**
 * The shingle sets of the articles a store wrote or checked lately, for the exact copy check of
 * story clustering (dedup/assign-stories.ts). Without it every check of a stored candidate read the
 * candidate's text from the database and shingled it again, inside the batch lock that all writers
 * of a database take in turn; the candidates of news are mostly the stories' recent articles, which
 * a writer has usually just stored or checked itself (a worker storing the 10 MB generated corpus
 * read 2.2 texts per article, 1 in 3 of them new to it).
 *
 * An entry answers only for the article it was made from: a candidate's id must come with the same
 * shingle count and MinHash signature (an SQLite row id can be taken again after a rollback), so a
 * cached set is the one its text would give. Least recently used entries go first once the cache
 * holds `limit` shingles.
 *
 * @example
 * const cache = new ShingleCache();
 * cache.put(12, fingerprint);
 * cache.get({ articleId: 12, story: 12, size: fingerprint.shingles.length, signature: fingerprint.bytes });
 */
export class ShingleCache {
  private readonly entries = new Map<number, Entry>();
  private held = 0;

  constructor(private readonly limit = CACHED_SHINGLES) {}

  /** The candidate's shingles, when they are cached for its id and its signature; refreshes the entry. */
  get(candidate: StoryCandidate): Uint32Array | undefined {
    const entry = this.entries.get(candidate.articleId);
    if (entry === undefined) return undefined;
    if (entry.shingles.length !== candidate.size || !sameSignature(entry.signature, candidate.signature)) {
      this.drop(candidate.articleId, entry);
      return undefined;
    }
    this.entries.delete(candidate.articleId);
    this.entries.set(candidate.articleId, entry);
    return entry.shingles;
  }

  /** Keeps an article's shingles under its id (a set larger than the whole cache is not kept). */
  put(id: number, fp: Pick<Fingerprint, 'shingles' | 'bytes'>): void {
    const old = this.entries.get(id);
    if (old !== undefined) this.drop(id, old);
    if (fp.shingles.length > this.limit) return;
    this.entries.set(id, { signature: fp.bytes, shingles: fp.shingles });
    this.held += fp.shingles.length;
    for (const [oldest, entry] of this.entries) {
      if (this.held <= this.limit) break;
      this.drop(oldest, entry);
    }
  }

  /** Shingles held, and entries. */
  get size(): { readonly shingles: number; readonly articles: number } {
    return { shingles: this.held, articles: this.entries.size };
  }

  private drop(id: number, entry: Entry): void {
    this.entries.delete(id);
    this.held -= entry.shingles.length;
  }
}

function sameSignature(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
