/**
 * The body of an analysis thread: builds the pipeline from the spec it is given, then answers
 * each document with its analysed article (or the reason the analysis failed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildPipeline, type PipelineSpec } from '../lexicons/index.js';
import { STAGE_BATCH, type Pipeline } from '../pipeline/index.js';
import { analyseDocuments, toJsonOutcome, toPackedOutcome } from './analyse-documents.js';
import type { WorkerReply, WorkerRequest } from './messages.js';

if (parentPort === null) throw new Error('analysis-worker.ts must run in a worker thread');
const port: NonNullable<typeof parentPort> = parentPort;

let pipeline: Pipeline | undefined;
try {
  pipeline = buildPipeline(workerData as PipelineSpec);
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
} catch (cause) {
  port.postMessage({ type: 'broken', error: (cause as Error).message } satisfies WorkerReply);
}

/**
 * Requests received and not analysed yet. The main thread sends documents ahead of the answers
 * (one message each); those that arrive while a batch is analysed wait here, and the next batch
 * takes up to STAGE_BATCH of them at once, stage by stage.
 */
const received: WorkerRequest[] = [];
let scheduled = false;

/** Analyses one batch of what has been received, then lets the messages sent meanwhile arrive. */
function analyseReceived(): void {
  scheduled = false;
  if (pipeline === undefined) return;
  const batch = received.splice(0, STAGE_BATCH);
  const outcomes = analyseDocuments(
    pipeline,
    batch.map((request) => request.doc),
  );
  batch.forEach((request, i) => {
    const outcome = request.as === 'json' ? toJsonOutcome(outcomes[i]!) : toPackedOutcome(outcomes[i]!);
    port.postMessage({ type: 'done', task: request.task, outcome } satisfies WorkerReply);
  });
  if (received.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // after the messages already delivered to this thread are read (setImmediate runs after I/O)
  setImmediate(analyseReceived);
}

port.on('message', (request: WorkerRequest) => {
  if (pipeline === undefined) return;
  received.push(request);
  schedule();
});
