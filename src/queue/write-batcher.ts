import type { ArticleToStore, PutOutcome, Store } from '../store/index.js';

export interface WriteBatcherOptions {
  /** Articles written in one transaction at most (default 64). */
  readonly max?: number;
  /** How long the first waiting article waits for others before its batch is written (ms, default 20). */
  readonly waitMs?: number;
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
 * up to `waitMs` for others, then go to `putArticles` together; one batch is written at a time and
 * the next gathers meanwhile. When a batch write throws, each of its articles is written on its own,
 * so one article the store cannot take fails alone and the others are stored (a poison article never
 * blocks its neighbours' jobs).
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
  let writing: Promise<void> | undefined;

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

  /** Starts writing what waits, unless a batch is being written (it starts the next when done). */
  const flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (writing !== undefined || waiting.length === 0) return;
    const batch = waiting.splice(0, max);
    writing = write(batch).finally(() => {
      writing = undefined;
      if (waiting.length >= max) flush();
      else if (waiting.length > 0) timer ??= setTimeout(flush, waitMs);
    });
  };

  return {
    put(item) {
      return new Promise<PutOutcome>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (waiting.length >= max) flush();
        else timer ??= setTimeout(flush, waitMs);
      });
    },
    async drain() {
      while (writing !== undefined || waiting.length > 0) {
        flush();
        await writing;
      }
    },
  };
}
