import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawDocument } from '../../src/core/index.js';
import { toOutputRecord } from '../../src/core/index.js';
import { readInputs } from '../../src/ingest/index.js';
import { loadLexicons } from '../../src/lexicons/index.js';
import { createDefaultPipeline } from '../../src/pipeline/preset.js';
import { testTempDir } from '../support/temp-dir.js';

/** A page written for this test: a photo credit and a story credit outside the article text. */
const PAGE = `<!doctype html>
<html lang="en"><head>
<title>Lakeland recalls envoy | Test Herald</title>
<meta property="article:published_time" content="2025-02-11T08:00:00Z">
</head><body>
<article>
<h1>Lakeland recalls its envoy to Hillmark</h1>
<div class="photo-credit">Photo: Test Herald Pictures</div>
<p>The government of Lakeland recalled its ambassador to Hillmark on Monday after a row over a border crossing that closed without warning last week.</p>
<p>A spokeswoman for the foreign ministry said the envoy would return to the capital for consultations and that the decision was not taken lightly.</p>
<p>Officials in Hillmark said the crossing had been closed for repairs and that they regretted the misunderstanding between the two neighbours. (Reuters)</p>
<p>Trade between the two countries has grown every year since a customs agreement was signed, and both sides say they want the crossing open again soon.</p>
<div class="story-credits">Reuters</div>
</article>
</body></html>`;

async function readPage(): Promise<RawDocument> {
  const dir = testTempDir('demarche-credits-');
  const file = join(dir, 'lakeland.html');
  writeFileSync(file, PAGE);
  for await (const record of readInputs([file])) if (record.ok) return record.doc;
  throw new Error('the page was not read');
}

describe('credits of an HTML page', () => {
  const pipeline = createDefaultPipeline(loadLexicons());

  it('are carried on the document', async () => {
    const doc = await readPage();
    expect(doc.credits).toEqual(['Photo: Test Herald Pictures', 'Reuters']);
    expect(doc.raw).not.toContain('Test Herald Pictures');
  });

  it('land in the output with those found in the text, each once', async () => {
    const article = pipeline.run(await readPage());
    expect(article.credits).toEqual(['Photo: Test Herald Pictures', 'Reuters']);
    expect(toOutputRecord(article).credits).toEqual(['Photo: Test Herald Pictures', 'Reuters']);
  });

  it('are read for the agencies they name and merged with text credits, each once', () => {
    const article = pipeline.run({
      id: 'merge',
      raw: 'Lakeland recalled its ambassador on Monday. (AFP)\n\nThe ministry gave no date for his return.',
      mediaType: 'text/html',
      credits: ['Photo:  Test Herald', 'afp', 'photo: test herald'],
    });
    expect(article.credits).toEqual(['Photo: Test Herald', 'AFP']);
  });

  it('leave plain text documents as before', () => {
    const article = pipeline.run({
      id: 'plain',
      raw: 'Lakeland recalled its ambassador. (AFP)',
      mediaType: 'text/plain',
    });
    expect(article.credits).toEqual(['AFP']);
  });
});
