import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DemarcheError, type RawDocument } from '../core/index.js';
import type { Pipeline } from '../pipeline/index.js';
import type { PipelineSpec } from '../lexicons/index.js';
import { analyseDocuments, fromPackedOutcome, toJsonOutcome } from './analyse-documents.js';
import type { AnalysisOutcome, JsonOutcome, PackedOutcome, WorkerReply, WorkerRequest } from './messages.js';

/** Runs the pipeline on every core: documents in, analysed articles out. */
export interface AnalysisPool {
  /** Analysis threads (0: the calling thread analyses, one document at a time). */
  readonly threads: number;
  /** Resolves once every thread has built its pipeline; rejects with the build error (a bad dictionary). */
  ready(): Promise<void>;
  /** Analyses one document; never rejects for a bad document (the outcome says why it failed). */
  analyse(doc: RawDocument): Promise<AnalysisOutcome>;
  /**
   * Analyses one document into its output record's JSON text (`toJsonOutcome`), made on the thread
   * that analysed it: for a caller that prints the record, it spares the main thread the article's
   * objects.
   */
  analyseToJson(doc: RawDocument): Promise<JsonOutcome>;
  /** Stops the threads; pending documents get a failed outcome. */
  close(): Promise<void>;
  /** The V8 heap limits each running thread has (none without threads), as node reports them. */
  threadLimits(): ResourceLimits[];
}

export interface PoolOptions {
  /** Analysis threads; default: one per core. 0 analyses on the calling thread. */
  readonly threads?: number;
  /** The data every thread builds its pipeline from. */
  readonly spec?: PipelineSpec;
  /**
   * Each thread's young generation (V8's semi-spaces, where new objects live until they survive a
   * collection), in MB; default V8's own, 48 MB on 64-bit machines. Smaller holds less memory and
   * collects more often: `ingest` and `worker` use `WRITER_YOUNG_GENERATION_MB`. A node flag such
   * as `--max-semi-space-size` overrides it.
   */
  readonly youngGenerationMb?: number;
}

/**
 * Analysis threads for a process whose main thread is busy too, writing what the threads analyse
 * (`ingest`, `worker`): one per core but one, at least one. A worker's main thread takes every job
 * from Redis and writes every batch to the store, 1.5-1.8 ms of CPU per article against the
 * analysis thread's 3.5, so a thread per core leaves more busy threads than cores: on two cores
 * (Postgres beside), one worker with two threads stored 123-132 articles/s against 133-140 with
 * one, in four alternating pairs, at a peak of 385-392 MB against 269-276 (docs/scaling.md).
 *
 * @example
 * createAnalysisPool({ threads: threadsBesideMain() }); // 1 on two cores, 7 on eight
 */
export function threadsBesideMain(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Young generation, in MB, of the analysis threads of a process whose main thread writes (`ingest`,
 * `worker`; V8's default is 48). Smaller semi-spaces collect more often and hold less memory:
 * - `ingest`: its one writing main thread sets the pace, so its threads have time to spare; in
 *   alternating runs 24 MB kept 15-20 MB off the peak in the same time (5 MB benchmark corpus, one
 *   thread: 277-290 MB against 294-300; 20 MB: 307-309 against 325-328).
 * - `worker`: 24 MB pays for twice the jobs in flight (`startArticleWorker`'s default
 *   concurrency), whose larger batches cost less CPU per article. Against 64 jobs per thread with
 *   V8's young generation, one worker stored more articles/s in 10 of 11 alternating pairs of
 *   drains of the benchmark corpus (by 5% in the median pair), at a peak of 257-278 MB against 264-275
 *   (docs/performance-log.md, "Workers").
 */
export const WRITER_YOUNG_GENERATION_MB = 24;

/**
 * Documents sent to one thread ahead of its answers, so it never waits for the main thread (which
 * may be busy for a while writing a batch to SQLite, synchronously).
 */
const AHEAD = 256;

interface Task {
  readonly id: number;
  readonly doc: RawDocument;
  readonly as: WorkerRequest['as'];
  readonly resolve: (outcome: AnalysisOutcome | JsonOutcome) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly inFlight: Map<number, Task>;
  /** Whether it built its pipeline; a thread that dies before is not replaced. */
  ready: boolean;
}

/**
 * Starts a pool of analysis threads (node:worker_threads), each building the pipeline from `spec`.
 * Work goes to the least busy thread; a thread that dies is replaced and its documents fail with
 * the reason, the rest go on.
 *
 * @example
 * const pool = createAnalysisPool({ spec: { actorFiles: ['mine.yaml'] } });
 * await pool.ready();
 * const outcomes = await Promise.all(docs.map((d) => pool.analyse(d)));
 * await pool.close();
 */
export function createAnalysisPool(options: PoolOptions = {}): AnalysisPool {
  const spec = options.spec ?? {};
  const size = options.threads ?? availableParallelism();
  if (!Number.isInteger(size) || size < 0) {
    throw new DemarcheError('OPTION_INVALID', `threads must be a whole number ≥ 0, not ${size}`);
  }
  const limits: ResourceLimits =
    options.youngGenerationMb !== undefined ? { maxYoungGenerationSizeMb: options.youngGenerationMb } : {};
  return size === 0 ? createInlinePool(spec) : createThreadPool(size, spec, limits);
}

function createInlinePool(spec: PipelineSpec): AnalysisPool {
  // the pipeline's modules (wink-nlp's model, chrono, the lexicons) load on first use: a process
  // whose analysis runs on threads never loads them on its main thread
  let pipeline: Promise<Pipeline> | undefined;
  const built = () =>
    (pipeline ??= import('../lexicons/index.js').then(({ buildPipeline }) => buildPipeline(spec)));
  // the documents asked for in one go (ingest asks for a whole batch at once) are analysed
  // together, stage by stage (`runMany` takes them through in groups)
  const waiting: {
    readonly doc: RawDocument;
    readonly resolve: (outcome: AnalysisOutcome) => void;
    readonly reject: (cause: unknown) => void;
  }[] = [];
  const analyse = (doc: RawDocument) =>
    new Promise<AnalysisOutcome>((resolve, reject) => {
      waiting.push({ doc, resolve, reject });
      schedule();
    });
  let scheduled = false;
  const analyseWaiting = async () => {
    const ready = await built().then(
      (pipeline) => ({ pipeline }),
      (cause: unknown) => ({ cause }),
    );
    scheduled = false;
    const batch = waiting.splice(0);
    if (!('pipeline' in ready)) {
      for (const w of batch) w.reject(ready.cause);
      return;
    }
    const outcomes = analyseDocuments(
      ready.pipeline,
      batch.map((w) => w.doc),
    );
    batch.forEach((w, i) => w.resolve(outcomes[i]!));
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void analyseWaiting());
  };
  return {
    threads: 0,
    ready: async () => void (await built()),
    analyse,
    analyseToJson: async (doc) => toJsonOutcome(await analyse(doc)),
    close: async () => {},
    threadLimits: () => [],
  };
}

/**
 * Starts the worker module next to this file: the compiled JavaScript, or (when demarche runs from
 * its TypeScript sources, as in tests) the TypeScript through tsx's loader, which a worker's entry
 * module does not inherit from `--import`.
 */
function startWorker(spec: PipelineSpec, resourceLimits: ResourceLimits): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData: spec, resourceLimits });
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./analysis-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: spec, resourceLimits });
}

function createThreadPool(size: number, spec: PipelineSpec, limits: ResourceLimits): AnalysisPool {
  const threads: Thread[] = [];
  const waiting: Task[] = [];
  let nextId = 0;
  let closed = false;
  let readyCount = 0;
  let settleReady: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const readyPromise = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  readyPromise.catch(() => {}); // observed through ready(); never an unhandled rejection

  const dispatch = () => {
    while (waiting.length > 0) {
      let best: Thread | undefined;
      for (const t of threads)
        if (t.inFlight.size < AHEAD && (!best || t.inFlight.size < best.inFlight.size)) best = t;
      if (best === undefined) return;
      const task = waiting.shift()!;
      best.inFlight.set(task.id, task);
      best.worker.postMessage({ task: task.id, doc: task.doc, as: task.as } satisfies WorkerRequest);
    }
  };

  const failAll = (tasks: Iterable<Task>, error: string) => {
    for (const task of tasks) task.resolve({ ok: false, error });
  };

  /** A thread could not build its pipeline: every thread would fail the same way. */
  const breakPool = (error: string) => {
    settleReady?.reject(new DemarcheError('LEXICON_INVALID', error));
    closed = true;
    failAll(waiting.splice(0), error);
    for (const t of threads) void t.worker.terminate();
  };

  const start = (): Thread => {
    const thread: Thread = {
      worker: startWorker(spec, limits),
      inFlight: new Map(),
      ready: false,
    };
    thread.worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        thread.ready = true;
        if (++readyCount >= size) settleReady?.resolve();
      } else if (reply.type === 'broken') {
        breakPool(reply.error);
      } else {
        const task = thread.inFlight.get(reply.task);
        thread.inFlight.delete(reply.task);
        task?.resolve(
          task.as === 'article'
            ? fromPackedOutcome(reply.outcome as PackedOutcome)
            : (reply.outcome as JsonOutcome),
        );
        dispatch();
      }
    });
    thread.worker.on('error', (cause) => {
      failAll(thread.inFlight.values(), `analysis thread failed: ${cause.message}`);
      thread.inFlight.clear();
      if (!thread.ready) breakPool(`an analysis thread could not start: ${cause.message}`);
    });
    thread.worker.on('exit', () => {
      failAll(thread.inFlight.values(), 'analysis thread stopped');
      thread.inFlight.clear();
      if (closed || !thread.ready) return;
      // replace the dead thread so the pool keeps its size
      const i = threads.indexOf(thread);
      if (i >= 0) threads[i] = start();
      dispatch();
    });
    return thread;
  };

  for (let i = 0; i < size; i++) threads.push(start());

  /** Queues a document; the outcome is what the thread answers for `as` (see WorkerRequest). */
  const submit = <O extends AnalysisOutcome | JsonOutcome>(
    doc: RawDocument,
    as: WorkerRequest['as'],
  ): Promise<O> => {
    if (closed) return Promise.resolve({ ok: false, error: 'the analysis pool is closed' } as O);
    return new Promise<O>((resolve) => {
      waiting.push({ id: nextId++, doc, as, resolve: resolve as Task['resolve'] });
      dispatch();
    });
  };

  return {
    threads: size,
    ready: () => readyPromise,
    analyse: (doc) => submit<AnalysisOutcome>(doc, 'article'),
    analyseToJson: (doc) => submit<JsonOutcome>(doc, 'json'),
    async close() {
      closed = true;
      failAll(waiting.splice(0), 'the analysis pool is closed');
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
    threadLimits: () => threads.flatMap((t) => (t.worker.resourceLimits ? [t.worker.resourceLimits] : [])),
  };
}
