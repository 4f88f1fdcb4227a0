import type { ArticleToStore, PutOutcome, Store } from '../store/index.js';

export interface WriteBatcherOptions {
  /** Articles written in one transaction at most (default 64). */
  readonly max?: number;
  /** How long the first waiting article waits for others before its batch is written (ms, default 20). */
  readonly waitMs?: number;
  /**
   * Batches written at once at most (default 1). With more, a full batch starts while another is
   * being written, so that one inserts its own rows while the other holds the store's batch lock.
   */
  readonly parallel?: number;
}

/** Coalesces single-article writes into batches: one transaction (and one store lock) for many jobs. */
export interface WriteBatcher {
  /** Stores one article with the next batch; resolves with its outcome, rejects when the write fails. */
  put(item: ArticleToStore): Promise<PutOutcome>;
  /** Writes what waits and resolves once every write is done. */
  drain(): Promise<void>;
}

interface Waiting {
  readonly item: ArticleToStore;
  readonly resolve: (outcome: PutOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for queue workers: each job analyses one article, but a transaction per article
 * costs a round trip, a commit and (on Postgres) the store's batch lock each time. Articles wait
 * up to `waitMs` for others, then go to `putArticles` together, and the next batch gathers
 * meanwhile; with `parallel` above 1, a full batch is written beside the one being written (a
 * Postgres batch inserts its own articles, people and quotes before it takes the store's batch
 * lock, so one does that while the other holds the lock). When a batch write throws, each of its
 * articles is written on its own, so one article the store cannot take fails alone and the others
 * are stored (a poison article never blocks its neighbours' jobs).
 *
 * @example
 * const batcher = createWriteBatcher(store);
 * const outcome = await batcher.put({ article, contentHash, canonicalUrl, origin });
 */
export function createWriteBatcher(store: Store, options: WriteBatcherOptions = {}): WriteBatcher {
  const max = options.max ?? 64;
  const waitMs = options.waitMs ?? 20;
  const waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  const parallel = Math.max(1, options.parallel ?? 1);
  /** The batches being written. */
  const writing = new Set<Promise<void>>();

  /** Writes a batch; when the store throws, each of its articles alone (which one it refused is unknown). */
  const write = async (batch: readonly Waiting[]): Promise<void> => {
    let outcomes: PutOutcome[];
    try {
      outcomes = await store.putArticles(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const w of batch) await write([w]);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) w.reject(new Error(`${w.item.origin}: the store gave no outcome`));
      else w.resolve(outcome);
    });
  };

  /** Starts writing the next batch of what waits; `then` runs once it is written. */
  const start = (then: () => void) => {
    const done: Promise<void> = write(waiting.splice(0, max)).finally(() => {
      writing.delete(done);
      then();
    });
    writing.add(done);
  };

  /**
   * Starts writing what waits: a batch when nothing is being written (after `waitMs`, or at once
   * when full), and beside batches being written only a full one, so that batches stay large (a
   * transaction's statements cost about as much for a few articles as for many).
   */
  const flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    while (waiting.length > 0 && writing.size < parallel && (writing.size === 0 || waiting.length >= max))
      start(afterWrite);
  };
  /** Once a batch is written: a full one goes at once, a partial one after `waitMs` when nothing else is written. */
  const afterWrite = () => {
    if (waiting.length >= max) flush();
    else if (waiting.length > 0 && writing.size === 0) timer ??= setTimeout(flush, waitMs);
  };
  return {
    put(item) {
      return new Promise<PutOutcome>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (waiting.length >= max) flush();
        else if (writing.size === 0) timer ??= setTimeout(flush, waitMs);
      });
    },
    async drain() {
      while (writing.size > 0 || waiting.length > 0) {
        if (waiting.length > 0 && writing.size < parallel) {
          // what waits goes now, whatever its size
          if (timer !== undefined) clearTimeout(timer);
          timer = undefined;
          start(() => {});
        }
        await Promise.race(writing);
      }
    },
  };
}
