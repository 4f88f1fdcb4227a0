/**
 * The body of an analysis thread: builds the pipeline from the spec it is given, then answers
 * each document with its analysed article (or the reason the analysis failed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawDocument } from '../core/index.js';
import { buildPipeline, type PipelineSpec } from '../lexicons/index.js';
import { analyseDocument } from './analyse-document.js';
import type { WorkerReply, WorkerRequest } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('analysis-worker.ts must run in a worker thread');

let run: ((doc: RawDocument) => WorkerReply) | undefined;
try {
  const pipeline = buildPipeline(workerData as PipelineSpec);
  run = (doc) => ({ type: 'done', task: -1, outcome: analyseDocument(pipeline, doc) });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
} catch (cause) {
  port.postMessage({ type: 'broken', error: (cause as Error).message } satisfies WorkerReply);
}

port.on('message', (request: WorkerRequest) => {
  if (run === undefined) return;
  const reply = run(request.doc);
  if (reply.type === 'done') port.postMessage({ ...reply, task: request.task } satisfies WorkerReply);
});
