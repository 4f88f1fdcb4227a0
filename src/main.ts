#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { runCli } from './interfaces/cli/index.js';

// On a machine with much memory V8 lets the old generation grow to four times the live data
// before a full collection; ingest and workers keep each batch's analyses alive for a while, so
// those are promoted and the heap balloons with garbage (main thread: 77 MB live, 314 MB used).
// Growing by half at most (in every thread: V8 flags are per process) cut the peak RSS of
// `demarche ingest` on 5,000 seed-sized articles from 663 to 456 MB for 1-2% of throughput.
// It costs CPU where the cores are all busy (more full collections, marked on V8's helper threads:
// about 0.7 ms per article in a worker against 100%), so a setting of the user's own on node's
// command line is kept (docs/scaling.md, "Memory over a long run"; NODE_OPTIONS refuses V8 flags).
if (!process.execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag)))
  setFlagsFromString('--heap-growing-percent=50');
// The young generation keeps V8's default (16 MB semi-spaces), here and in the analysis threads:
// 32 MB ones (tried) cost 20-60 MB of peak memory and made the analysis no faster end to end
// (docs/scaling.md, "Memory over a long run").

// `demarche analyze … | head` closes the pipe early: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));
