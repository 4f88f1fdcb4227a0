import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseDates } from '../../src/pipeline/events/index.js';

/** V8's full collection, made callable in this test's thread (a new context sees the flag). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('the date parser cache', () => {
  it('does not keep the articles whose sentences it read alive', () => {
    const gc = collector();
    const ARTICLES = 96;
    const ARTICLE_CHARS = 1 << 18; // 256 kB each: 24 MB in all, one byte a character
    const heapAfterGc = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const read = (n: number) => {
      // an article's text, and its last sentence cut from it as the pipeline cuts sentences
      const article = `${'Talks went on. '.repeat(ARTICLE_CHARS / 15)}Delegation ${n} met the minister on Tuesday ${n} in Geneva.`;
      const sentence = article.slice(article.lastIndexOf('Delegation'));
      return parseDates(sentence, '2022-09-30').length;
    };
    read(-1); // chrono's own first-use allocations are not counted
    const before = heapAfterGc();
    let found = 0;
    for (let n = 0; n < ARTICLES; n++) found += read(n);
    const grown = heapAfterGc() - before;
    expect(found).toBeGreaterThanOrEqual(ARTICLES); // each sentence was read, its window cached
    // the windows and their dates are a few hundred bytes each; the articles would be 24 MB
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });
});
