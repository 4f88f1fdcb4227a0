/**
 * The speed benchmark (issue 9): a fixed corpus of generated seed-like articles (≥ 5 MB, seeded, so
 * every run reads the same text) through
 *   (a) a bare wink-nlp pass (tokenise, sentences, POS: what the segment stage asks of wink),
 *   (b) demarche's full analysis on one thread, and on the analysis pool (one thread per core),
 *   (b) also in 1, then 2 copies of this script at once (`--solo`), to see how far it scales here,
 *   (b) also as users stream it: `demarche analyze corpus.jsonl --format jsonl`, its own process,
 *   (c) `demarche ingest` into a fresh SQLite file, its own process,
 *   (d) the queue path (BullMQ on Redis) with 1 and 2 workers of one analysis thread, in three
 *       rounds (the median round's speed-up), then one worker with a thread per core (against the
 *       default, one per core but one), when a Redis URL is given,
 * with MB/s, articles/s, the ratio (b)/(a), and the peak RSS of each command's process (threads
 * included). Commands run from dist/ (the npm script builds first), as users run them.
 *
 * Usage: npm run bench [-- --mb 5] [-- --queue redis://127.0.0.1:6379 --pg postgres://root@127.0.0.1:5432/test]
 * (d) runs when --queue is given: workers are `demarche worker` processes with one analysis thread
 * each (then one with a thread per core: a worker's default leaves one core to its main thread, and
 * this run shows what that core would give), writing to a fresh Postgres
 * database made on the --pg server (dropped afterwards); they first drain the warm-up articles,
 * then the corpus is timed, and on Linux the CPU time per article of their main threads, their
 * other threads, Postgres, Redis and this script is printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { generateCorpus } from '../src/eval/index.js';
import type * as Lexicons from '../src/lexicons/index.js';
import type * as PipelineModule from '../src/pipeline/index.js';
import type * as Pool from '../src/pool/index.js';
import { Queue } from 'bullmq';
import { QUEUE_NAME, openProducer, readQueueStatus, redisConnection } from '../src/queue/index.js';
import { openPostgresStore } from '../src/store/index.js';
import pg from 'pg';
import { BUILT_CLI, builtCliEnv, runBuiltCli } from './lib/run-built-cli.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    passes: { type: 'string', default: '5' },
    queue: { type: 'string' },
    pg: { type: 'string' },
    /** Internal: this process is one of the independent analysis processes that (b) starts. */
    solo: { type: 'boolean', default: false },
  },
});
const docs = generateCorpus({ seed: Number(values.seed), bytes: Number(values.mb) * 1e6 });
/**
 * Other articles of the same kind, to warm up on: each isolate (this thread, each pool thread)
 * first spends 1-2 s of CPU compiling its hot code (about 1,000 articles before a pass settles).
 * Later rounds over the timed corpus are not flattered by the date parser's cache: it holds 4,096
 * windows and one pass reads 5,470, so a second pass misses as often as the first (4,844 of 5,470).
 */
const warmUp = generateCorpus({ seed: Number(values.seed) + 1000, bytes: 3e6 });
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.raw), 0);
const mb = bytes / 1e6;

interface Figure {
  readonly label: string;
  readonly seconds: number;
}

function report({ label, seconds }: Figure): void {
  console.log(
    `${label.padEnd(44)} ${(mb / seconds).toFixed(2).padStart(7)} MB/s ${(docs.length / seconds).toFixed(0).padStart(6)} articles/s  (${seconds.toFixed(1)} s)`,
  );
}

/** In-process steps are timed after a warm-up on other articles: the first pass pays for compilation. */
async function timed(label: string, run: () => unknown): Promise<Figure> {
  const t = performance.now();
  await run();
  const figure = { label, seconds: (performance.now() - t) / 1000 };
  report(figure);
  return figure;
}

if (!values.solo)
  console.log(
    `corpus: ${docs.length} generated articles, ${mb.toFixed(1)} MB (seed ${values.seed}); ` +
      `Node ${process.version}, ${availableParallelism()} cores`,
  );

/**
 * (b) runs the built modules (dist/, which the npm script builds first), as users run them. The
 * TypeScript sources run through tsx's loader, which wraps every function and closure it compiles
 * in a naming call (esbuild's keepNames): that cost is the loader's, not demarche's, and it made the
 * full analysis about 5% slower.
 */
const { buildPipeline } = (await import(
  new URL('../dist/lexicons/index.js', import.meta.url).href
)) as typeof Lexicons;
const { createAnalysisPool } = (await import(
  new URL('../dist/pool/index.js', import.meta.url).href
)) as typeof Pool;
const { STAGE_BATCH, createPipeline } = (await import(
  new URL('../dist/pipeline/index.js', import.meta.url).href
)) as typeof PipelineModule;

const nlp = winkNLP(model, ['sbd', 'pos']);
const wink = (set = docs) => {
  for (const d of set) {
    const doc = nlp.readDoc(d.raw);
    doc.tokens().out(nlp.its.pos);
    doc.sentences().out(nlp.its.span);
  }
};
const pipeline = buildPipeline();
/** Passes over the corpus each independent analysis process times. */
const SOLO_PASSES = 2;
/** (b) as demarche's analysis threads run it: a batch of documents, stage by stage. */
const analyse = (set = docs) => pipeline.runMany(set);
/** (b) one document at a time, all stages each (as POST /api/analyze does). */
const analyseEach = (set = docs) => {
  for (const d of set) pipeline.run(d);
};
if (values.solo) {
  // one of the independent analysis processes: warm up, say so, time SOLO_PASSES passes of the
  // corpus once told to start (so that the processes of a run analyse at the same time)
  analyse(warmUp);
  process.stdout.write('ready\n');
  await new Promise((go) => process.stdin.once('data', go));
  const t = performance.now();
  for (let r = 0; r < SOLO_PASSES; r++)
    for (let i = 0; i < docs.length; i += STAGE_BATCH) analyse(docs.slice(i, i + STAGE_BATCH));
  process.stdout.write(`${(performance.now() - t) / 1000}\n`);
  process.exit(0);
}
wink(warmUp);
analyse(warmUp);
analyseEach(warmUp);
/**
 * (a) and (b) take turns every CHUNK articles (one analysis batch), over `--passes` passes of the
 * corpus, and each figure is its median pass: a shared machine has slow spells (the same pass can
 * take 30% longer from one minute to the next), and taking turns this often lets a spell weigh on
 * both sides of the ratio alike.
 */
const CHUNK = STAGE_BATCH;
const passes = Math.max(1, Number(values.passes));
const seconds = { bare: [] as number[], full: [] as number[], each: [] as number[] };
for (let r = 0; r < passes; r++) {
  let bareMs = 0;
  let fullMs = 0;
  let eachMs = 0;
  for (let i = 0; i < docs.length; i += CHUNK) {
    const chunk = docs.slice(i, i + CHUNK);
    const t = performance.now();
    wink(chunk);
    const u = performance.now();
    analyse(chunk);
    const v = performance.now();
    analyseEach(chunk);
    bareMs += u - t;
    fullMs += v - u;
    eachMs += performance.now() - v;
  }
  seconds.bare.push(bareMs / 1000);
  seconds.full.push(fullMs / 1000);
  seconds.each.push(eachMs / 1000);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
const bare = { label: '(a) wink-nlp tokenise + sentences + POS', seconds: median(seconds.bare) };
const full = {
  label: `(b) full analysis, one thread (batches of ${STAGE_BATCH})`,
  seconds: median(seconds.full),
};
report(bare);
report(full);
report({ label: '    the same, one article at a time', seconds: median(seconds.each) });

/**
 * Where (b)'s time goes: two more passes through the same stages, each timed, taking turns with (a)
 * as above, so that each stage is also given as a multiple of the bare pass it builds on (the
 * segment stage runs that pass itself, so it cannot take less than about 1.0 (a)).
 */
const stageMs = new Map(pipeline.stages.map((stage) => [stage.name, 0]));
const timedPipeline = createPipeline(
  pipeline.stages.map((stage) => ({
    ...stage,
    run(article) {
      const t = performance.now();
      const out = stage.run(article);
      stageMs.set(stage.name, stageMs.get(stage.name)! + performance.now() - t);
      return out;
    },
  })),
);
let stageBareMs = 0;
for (let r = 0; r < 2; r++) {
  for (let i = 0; i < docs.length; i += CHUNK) {
    const chunk = docs.slice(i, i + CHUNK);
    const t = performance.now();
    wink(chunk);
    stageBareMs += performance.now() - t;
    timedPipeline.runMany(chunk);
  }
}
const stagesMs = [...stageMs.values()].reduce((a, b) => a + b, 0);
console.log(
  `    by stage (share of (b), multiple of (a)): ` +
    [...stageMs]
      .map(([name, ms]) => `${name} ${((100 * ms) / stagesMs).toFixed(0)}% ${(ms / stageBareMs).toFixed(2)}`)
      .join(', '),
);

// each pool thread warms up on its share of the warm-up articles, twice (a thread sees half of them
// once), and the figure is the median of three passes, as (a) and (b) are medians of theirs
const pool = createAnalysisPool();
await pool.ready();
for (let r = 0; r < 2; r++) await Promise.all(warmUp.map((d) => pool.analyse(d)));
const poolSeconds: number[] = [];
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  await Promise.all(docs.map((d) => pool.analyse(d)));
  poolSeconds.push((performance.now() - t) / 1000);
}
report({ label: `(b) full analysis, pool of ${pool.threads} threads`, seconds: median(poolSeconds) });
await pool.close();

/**
 * Starts `count` processes of this script in `--solo` mode at once: each warms up, then all analyse
 * the corpus on one thread at the same time, sharing nothing. Resolves with each one's seconds.
 */
async function soloProcesses(count: number): Promise<number[]> {
  const args = [...process.execArgv, process.argv[1]!, '--solo', '--mb', values.mb!, '--seed', values.seed!];
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  // each child's next line of output ('ready', then its seconds); none means it failed
  const lines = children.map((child) => {
    const reader = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    return async (): Promise<string> => {
      const line = await reader.next();
      if (line.done) throw new Error(`an analysis process ended early (exit code ${child.exitCode})`);
      return line.value;
    };
  });
  await Promise.all(lines.map((next) => next()));
  for (const child of children) child.stdin.end('go\n');
  return Promise.all(lines.map(async (next) => Number(await next())));
}

/**
 * How far the analysis itself scales on this machine: 1, then 2 processes at once that share
 * nothing (no queue, no database, no messages). Each round times one process alone before and
 * after the pair, and compares the pair with their mean, since this machine's speed can drift by
 * half within a minute; the median round's speed-up is the most any two demarche processes could
 * reach here (compare (d)).
 */
const soloRounds: { alone: number; together: number[]; speedUp: number }[] = [];
for (let r = 0; r < 3; r++) {
  const [before] = await soloProcesses(1);
  const together = await soloProcesses(2);
  const [after] = await soloProcesses(1);
  const alone = (before! + after!) / 2;
  soloRounds.push({ alone, together, speedUp: (2 * alone) / Math.max(...together) });
}
const soloMedian = [...soloRounds].sort((x, y) => x.speedUp - y.speedUp)[1]!;
const soloMb = SOLO_PASSES * mb;
console.log(
  `(b) independent processes, one thread each: 1 alone ${(soloMb / soloMedian.alone).toFixed(2)} MB/s (before and after the pair), ` +
    `2 at once ${soloMedian.together.map((t) => (soloMb / t).toFixed(2)).join(' + ')} MB/s: ` +
    `${soloMedian.speedUp.toFixed(2)}× (median of 3 rounds: ${soloRounds.map((x) => x.speedUp.toFixed(2)).join(', ')})`,
);

const dir = mkdtempSync(join(tmpdir(), 'demarche-bench-'));
const peaks: string[] = [];
try {
  const input = join(dir, 'corpus.jsonl');
  writeFileSync(
    input,
    docs
      .map((d) => JSON.stringify({ id: d.id, text: d.raw, title: d.title, published: d.published }))
      .join('\n'),
  );
  const analysed = await runBuiltCli(['analyze', input, '--format', 'jsonl']);
  report({ label: '(b) demarche analyze, streaming (own process)', seconds: analysed.seconds });
  peaks.push(`analyze ${analysed.peakMb.toFixed(0)} MB`);
  const ingested = await runBuiltCli(['ingest', input, '--db', join(dir, 'bench.db'), '--quiet'], true);
  report({ label: '(c) demarche ingest into SQLite (own process)', seconds: ingested.seconds });
  peaks.push(`ingest ${ingested.peakMb.toFixed(0)} MB`);
  const threads = /(\d+) analysis threads/.exec(ingested.stdout)?.[1] ?? '?';
  console.log(`    ${threads} analysis thread(s) beside the writing main thread`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const ROOT = join(import.meta.dirname, '..');

/**
 * Starts a built `demarche worker` process (peak RSS reported at exit, and its last line with the
 * store lock's time per article kept in `log`); resolves once it waits for jobs.
 */
function startWorker(
  queue: string,
  db: string,
  prefix: string,
  threads: number,
): Promise<ChildProcess & { log: string[] }> {
  const args = [
    'worker',
    '--queue',
    queue,
    '--db',
    db,
    '--prefix',
    prefix,
    '--threads',
    String(threads),
    '--quiet',
  ];
  const child = Object.assign(
    spawn(BUILT_CLI, args, { cwd: ROOT, env: builtCliEnv(), stdio: ['ignore', 'pipe', 'pipe'] }),
    {
      log: [] as string[],
    },
  );
  child.stdout!.on('data', (d: Buffer) => child.log.push(d.toString()));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      child.log.push(d.toString());
      if (d.toString().includes('waiting for articles')) resolve(child);
    });
    child.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

/** CPU seconds used, from a Linux /proc `stat` file (a process's or a thread's), or null without one. */
function statCpuSeconds(path: string): number | null {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}

/** CPU seconds of every running process whose name starts with `name` (Postgres's, Redis's). */
function serviceCpuSeconds(name: string): number {
  let sum = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith(name))
        sum += statCpuSeconds(`/proc/${pid}/stat`) ?? 0;
    } catch {
      // the process ended meanwhile
    }
  }
  return sum;
}

/** Where the machine's CPU goes while workers run, as CPU seconds so far (Linux; NaN elsewhere). */
function cpuSplit(workers: readonly ChildProcess[]): Record<string, number> {
  const sum = (paths: string[]) => paths.reduce((n, path) => n + (statCpuSeconds(path) ?? Number.NaN), 0);
  return {
    "workers' main threads (queue, store writes)": sum(
      workers.map((w) => `/proc/${w.pid}/task/${w.pid}/stat`),
    ),
    'their analysis threads and V8 helper threads (GC, compiler)':
      sum(workers.map((w) => `/proc/${w.pid}/stat`)) -
      sum(workers.map((w) => `/proc/${w.pid}/task/${w.pid}/stat`)),
    Postgres: serviceCpuSeconds('postgres'),
    Redis: serviceCpuSeconds('redis-server'),
    'this benchmark (adding jobs, polling)': statCpuSeconds(`/proc/${process.pid}/stat`) ?? Number.NaN,
  };
}

/** The whole machine's CPU ticks from /proc/stat (all processes: workers, Postgres, Redis, this one), or null. */
function machineTicks(): { busy: number; total: number; steal: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const busy = user! + nice! + system! + irq! + softirq!;
    return { busy, total: busy + idle! + iowait! + steal!, steal: steal! };
  } catch {
    return null;
  }
}

/** What one (d) run measured: articles/s, and how busy the machine's cores were meanwhile (0-1). */
interface QueueRun {
  readonly rate: number;
  readonly busy: number | null;
}

/** Peak RSS of the workers of each (d) setup over its runs, in kB, by its label. */
const workerPeaks = new Map<string, number>();

/** Adds articles to the queue and waits until no job waits, runs or is delayed. */
async function drainThrough(queue: string, prefix: string, set: typeof docs, tag: string): Promise<void> {
  const producer = openProducer(queue, { prefix });
  for (let i = 0; i < set.length; i += 500)
    await producer.add(set.slice(i, i + 500).map((doc, j) => ({ doc, origin: `${tag}:${i + j + 1}` })));
  await producer.close();
  for (;;) {
    const s = await readQueueStatus(queue, { prefix });
    if (s.waiting + s.active + s.delayed === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * One (d) run: `workers` worker processes, each with `threads` analysis threads, into a fresh
 * database. `detail` prints the run's rate, where the CPU went and the batch lock; without it the
 * caller prints the rate.
 */
async function queuePath(
  queue: string,
  server: string,
  workers: number,
  threads = 1,
  detail = true,
): Promise<QueueRun> {
  const name = `demarche_bench_${process.pid}_${workers}_${threads}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const db = server.replace(/\/[^/]*$/, `/${name}`);
  const prefix = `demarche-bench-${process.pid}-${workers}-${threads}`;
  const children = await Promise.all(
    Array.from({ length: workers }, () => startWorker(queue, db, prefix, threads)),
  );
  const store = await openPostgresStore({ url: db });
  try {
    // the workers warm up on the other articles first, as (a) and (b) do: a worker reads for hours,
    // and each process's first ~1,000 articles pay for compiling its hot code
    await drainThrough(queue, prefix, warmUp, 'warm-up');
    const storedBefore = (await store.counts()).articles;
    const cpuBefore = cpuSplit(children);
    const ticksBefore = machineTicks();
    const label =
      `(d) queue path, ${workers} worker process${workers > 1 ? 'es' : ''}` +
      `${threads > 1 ? `, ${threads} threads` : ''} → Postgres`;
    const drain = () => drainThrough(queue, prefix, docs, 'corpus');
    const t = performance.now();
    const { seconds } = detail
      ? await timed(label, drain)
      : await drain().then(() => ({ seconds: (performance.now() - t) / 1000 }));
    const ticksAfter = machineTicks();
    const cpuAfter = cpuSplit(children);
    const stored = (await store.counts()).articles - storedBefore;
    const split = Object.entries(cpuAfter)
      .filter(([part, after]) => !Number.isNaN(after - cpuBefore[part]!))
      .map(([part, after]) => `${part} ${((1000 * (after - cpuBefore[part]!)) / docs.length).toFixed(1)}`);
    if (detail)
      console.log(
        `    ${stored} articles stored` +
          (split.length > 0 ? `; ms of CPU per article: ${split.join(', ')}` : ''),
      );
    else if (stored !== docs.length) console.log(`    only ${stored} articles stored of ${docs.length}`);
    let busy: number | null = null;
    if (ticksBefore !== null && ticksAfter !== null) {
      // a tick is 10 ms of one core; the share of the machine's cores busy while the corpus drained
      const total = ticksAfter.total - ticksBefore.total;
      busy = (ticksAfter.busy - ticksBefore.busy) / total;
      const cpuMs = (10 * (ticksAfter.busy - ticksBefore.busy)) / docs.length;
      const cores = availableParallelism();
      if (detail)
        console.log(
          `    machine: ${(100 * busy).toFixed(0)}% of its ${cores} cores busy (stolen by the host: ` +
            `${((100 * (ticksAfter.steal - ticksBefore.steal)) / total).toFixed(0)}%), ${cpuMs.toFixed(1)} ms of CPU per ` +
            `article over all processes (workers, Postgres, Redis, this benchmark): at most ` +
            `${((1000 * cores) / cpuMs).toFixed(0)} articles/s with every core busy`,
        );
    }
    return { rate: docs.length / seconds, busy };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('close', r)))),
    );
    const peak = Math.max(...children.map((c) => Number(/peak-rss-kb (\d+)/.exec(c.log.join(''))?.[1] ?? 0)));
    // each worker's time holding the store's batch lock per article written (warm-up included):
    // one batch at a time holds it, so it bounds the rate of all workers together
    const locks = children.map((c) => Number(/store lock ([\d.]+) ms per article/.exec(c.log.join(''))?.[1]));
    if (detail && locks.every((l) => l > 0))
      console.log(
        `    store batch lock held ${locks.map((l) => l.toFixed(2)).join(' and ')} ms per article: ` +
          `this database takes at most ${Math.round(1000 / Math.max(...locks))} articles/s from any number of workers`,
      );
    const setup = `worker (${workers} running${threads > 1 ? `, ${threads} threads` : ''})`;
    workerPeaks.set(setup, Math.max(peak, workerPeaks.get(setup) ?? 0));
    await store.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
    // and the run's queue (its events and metrics) from Redis
    const left = new Queue(QUEUE_NAME, { connection: redisConnection(queue), prefix });
    await left.obliterate({ force: true });
    await left.close();
  }
}

/**
 * (d) 1 then 2 workers, in `QUEUE_ROUNDS` rounds (the first printed in detail): one drain of the
 * corpus per run moves with the machine's spells, so the speed-up is the median round's.
 */
const QUEUE_ROUNDS = 3;

if (values.queue !== undefined) {
  const server = values.pg ?? process.env['DEMARCHE_TEST_PG'] ?? 'postgres://root@127.0.0.1:5432/test';
  const busyText = (run: QueueRun) => (run.busy === null ? '' : `, ${(100 * run.busy).toFixed(0)}% busy`);
  const rounds: { one: QueueRun; two: QueueRun; speedUp: number }[] = [];
  for (let r = 0; r < QUEUE_ROUNDS; r++) {
    const detail = r === 0;
    const one = await queuePath(values.queue, server, 1, 1, detail);
    const two = await queuePath(values.queue, server, 2, 1, detail);
    rounds.push({ one, two, speedUp: two.rate / one.rate });
    if (!detail)
      console.log(
        `    round ${r + 1}: 1 worker ${one.rate.toFixed(0)} articles/s${busyText(one)}, ` +
          `2 workers ${two.rate.toFixed(0)}${busyText(two)}: ${(two.rate / one.rate).toFixed(2)}×`,
      );
  }
  const middle = [...rounds].sort((x, y) => x.speedUp - y.speedUp)[QUEUE_ROUNDS >> 1]!;
  const one = middle.one;
  // one worker that keeps a share b of the cores busy can be sped up at most 1/b times by more
  // workers on the same machine, however well they scale
  console.log(
    `    2 workers / 1: ${middle.speedUp.toFixed(2)}× (median of ${QUEUE_ROUNDS} rounds: ` +
      `${rounds.map((x) => x.speedUp.toFixed(2)).join(', ')})` +
      (one.busy === null
        ? ''
        : `; in that round one worker kept ${(100 * one.busy).toFixed(0)}% of the cores busy, so this machine allowed at most ${(1 / one.busy).toFixed(2)}×`) +
      ` (two analysis processes sharing nothing: ${soloMedian.speedUp.toFixed(2)}×)`,
  );
  // and one process analysing on every core, its main thread, V8's helper threads and its store
  // connections shared by the threads: what a worker's default (one thread per core but one, for
  // the main thread) gives up, against the median one-worker rate
  const cores = availableParallelism();
  if (cores > 1) {
    const all = await queuePath(values.queue, server, 1, cores);
    const base = median(rounds.map((x) => x.one.rate));
    console.log(
      `    1 worker with ${cores} analysis threads / 1 with one (its median rate, ${base.toFixed(0)} articles/s): ` +
        `${(all.rate / base).toFixed(2)}×`,
    );
  }
  for (const [setup, kb] of workerPeaks) peaks.push(`${setup} ${(kb / 1024).toFixed(0)} MB`);
}

// the ratio of each pass, whose (a) and (b) ran in the same minutes, then their median: the median
// times above may come from different passes, one in a slow spell and one not
const ratios = seconds.bare.map((b, i) => b / seconds.full[i]!);
console.log(
  `ratio (b)/(a), one thread: ${median(ratios).toFixed(2)} (median of ${passes} passes taking turns every ${CHUNK} articles; ` +
    `passes: ${ratios.map((r) => r.toFixed(2)).join(', ')}); one article at a time: ` +
    median(seconds.bare.map((b, i) => b / seconds.each[i]!)).toFixed(2),
);
console.log(`peak RSS of each command's process (threads included): ${peaks.join(', ')}`);
console.log(
  `peak RSS of this benchmark process (corpus in memory, pool): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
