import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, readInputs } from '../../src/ingest/index.js';
import { testTempDir } from '../support/temp-dir.js';

const BODY = [
  'The foreign ministry of Examplestan said on Tuesday that it had summoned the ambassador of Otherland over remarks made at a summit in the capital last week.',
  'A spokesman for the ministry told reporters that the remarks were unacceptable and that the government expected a formal apology within days.',
  'Officials in Otherland did not respond to a request for comment, but a senior diplomat said talks between the two countries would continue next month as planned.',
  'Relations between the neighbours have been strained since a dispute over fishing rights flared up in the spring, leading to a series of protests on both sides.',
];

/** A news page written for the tests: metadata, a figure, share and related blocks around the article. */
function page(): string {
  return `<!doctype html>
<html lang="en"><head>
<title>Examplestan summons envoy | Example News</title>
<meta property="og:title" content="Examplestan summons Otherland envoy">
<meta property="article:published_time" content="2024-03-05T10:15:00Z">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.org/world/examplestan-envoy">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Examplestan summons envoy","datePublished":"2024-03-04"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<article>
<h1>Examplestan summons Otherland envoy</h1>
<figure><img src="a.jpg"><figcaption>The ministry building in the capital. Photo: Example Agency</figcaption></figure>
${BODY.slice(0, 2)
  .map((p) => `<p>${p}</p>`)
  .join('\n')}
<div class="newsletter-signup"><p>Sign up for our daily newsletter to get the top stories in your inbox every morning.</p></div>
${BODY.slice(2)
  .map((p) => `<p>${p}</p>`)
  .join('\n')}
<p class="photo-credit">Photo credit: Example Agency</p>
</article>
<aside class="related-stories"><h3>Related</h3><ul><li><a href="/a">Otherland recalls its ambassador</a></li><li><a href="/b">Fishing dispute explained</a></li></ul></aside>
<footer>© Example News</footer>
</body></html>`;
}

describe('extractArticle', () => {
  it('extracts the article text as paragraphs, without caption, share, newsletter and related blocks', () => {
    const a = extractArticle(page());
    expect(a.text.split('\n\n')).toEqual(expect.arrayContaining(BODY));
    for (const furniture of ['Share on', 'newsletter', 'Fishing dispute explained', 'Photo:', 'Home']) {
      expect(a.text).not.toContain(furniture);
    }
    expect(a.captions).toEqual(['The ministry building in the capital. Photo: Example Agency']);
    expect(a.credits).toEqual(['Photo credit: Example Agency']);
  });

  it('reads title, byline, published date and canonical URL', () => {
    const a = extractArticle(page());
    expect(a.title).toBe('Examplestan summons Otherland envoy');
    expect(a.byline).toBe('Jane Reporter');
    expect(a.published).toBe('2024-03-05T10:15:00Z');
    expect(a.url).toBe('https://news.example.org/world/examplestan-envoy');
  });

  it('falls back to JSON-LD and <time datetime> for the date', () => {
    const ld = page().replace(/<meta property="article:published_time"[^>]*>/, '');
    expect(extractArticle(ld).published).toBe('2024-03-04');
    const time = ld
      .replace(/<script type="application\/ld\+json">.*?<\/script>/, '')
      .replace('<h1>', '<time datetime="2024-03-01">March 1</time><h1>');
    expect(extractArticle(time).published).toBe('2024-03-01');
  });

  it('takes a fragment without <html> and keeps its paragraphs', () => {
    const a = extractArticle(BODY.map((p) => `<p>${p}</p>`).join(''));
    expect(a.text).toBe(BODY.join('\n\n'));
  });

  it('never throws on broken input', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const inputs = [
      '',
      '<',
      '<html><body><p>Unclosed <b>tags <i>everywhere<div><p>',
      '</p></div></body></html>'.repeat(50),
      '<script>'.repeat(100) + 'x',
      '<p>' + 'a '.repeat(2_500_000) + '</p>', // a 5 MB single line
      Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join(''),
      Array.from(
        { length: 2000 },
        () => ['<div>', '</div>', '<p>', '</span>', '<a href="', '">', 'text '][Math.floor(random() * 7)],
      ).join(''),
      '<script type="application/ld+json">{not json</script><p>Text.</p>',
    ];
    for (const input of inputs) expect(() => extractArticle(input)).not.toThrow();
  });
});

describe('readInputs on HTML files', () => {
  it('reads .html files as text/html documents with the extracted text and metadata', async () => {
    const dir = testTempDir('demarche-html-');
    writeFileSync(join(dir, 'story.html'), page());
    writeFileSync(join(dir, 'empty.htm'), '<html><body></body></html>');
    const records = [];
    for await (const rec of readInputs([dir])) records.push(rec);
    const byOrigin = new Map(records.map((r) => [r.origin.slice(dir.length + 1), r]));
    const story = byOrigin.get('story.html');
    expect(story?.ok).toBe(true);
    if (story?.ok) {
      expect(story.doc.mediaType).toBe('text/html');
      expect(story.doc.id).toBe('story');
      expect(story.doc.published).toBe('2024-03-05');
      expect(story.doc.url).toBe('https://news.example.org/world/examplestan-envoy');
      expect(story.doc.raw).toContain(BODY[3]);
    }
    expect(byOrigin.get('empty.htm')).toMatchObject({
      ok: false,
      error: 'no article text found in the HTML page',
    });
  });

  it('sniffs HTML on standard input', async () => {
    const records = [];
    for await (const rec of readInputs(['-'], { stdin: async () => page() })) records.push(rec);
    expect(records[0]).toMatchObject({ ok: true, doc: { mediaType: 'text/html' } });
  });
});
