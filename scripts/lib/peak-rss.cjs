// Preloaded (node --require) into a benchmarked child process: reports its peak resident memory,
// threads included, on standard error as it exits.
/* global process */
'use strict';
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
