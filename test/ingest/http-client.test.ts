import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpOptions } from '../../src/ingest/index.js';
import { createHostGate } from '../../src/ingest/fetch/host-gate.js';
import { isAllowedByRobots, parseRobots } from '../../src/ingest/fetch/robots.js';
import { delay, page, startServer, type TestServer } from './http-server.js';

/** Fast settings for tests: no delay between requests unless a test asks for one. */
const FAST: HttpOptions = { perHostDelayMs: 0, retryBaseMs: 20, timeoutMs: 2000, robots: false };

let server: TestServer;
let unreachable: string;

beforeAll(async () => {
  const big = 'x'.repeat(200_000);
  server = await startServer({
    '/ok': page('<html><body><p>fine</p></body></html>'),
    '/slow': async (_req, res) => {
      await delay(1500);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>late</p>');
    },
    '/big-declared': page(`<html><body><p>${big}</p></body></html>`),
    '/big-streamed': async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 20 && !res.destroyed; i++) {
        res.write(`<p>${'y'.repeat(10_000)}</p>`);
        await delay(5);
      }
      res.end();
    },
    '/busy': (_req, res, hit) => {
      if (hit === 1)
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>now</p>');
    },
    '/down': (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
    },
    '/far-future': (_req, res) => {
      res.writeHead(429, { 'retry-after': '86400' }).end();
    },
    '/r1': (_req, res) => {
      res.writeHead(301, { location: '/r2' }).end();
    },
    '/r2': (_req, res) => {
      res.writeHead(302, { location: `${server.url}/ok` }).end();
    },
    '/loop': (_req, res) => {
      res.writeHead(302, { location: '/loop' }).end();
    },
    '/image': page('PNG', 'image/png'),
    '/latin1': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
      res.end(Buffer.from([0x3c, 0x70, 0x3e, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]));
    },
    '/meta-charset': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        Buffer.concat([
          Buffer.from('<html><head><meta charset="iso-8859-1"></head><body>na'),
          Buffer.from([0xef, 0x76, 0x65]),
          Buffer.from('</body></html>'),
        ]),
      );
    },
    '/robots.txt': page(
      'User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n',
      'text/plain',
    ),
    '/private/page': page('<p>secret</p>'),
    '/public/page': page('<p>public</p>'),
    '/slow-a': async (_req, res) => {
      await delay(60);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>a</p>');
    },
  });
  // a port that was open a moment ago and is now closed: connecting to it is refused
  const closed = await startServer({});
  unreachable = closed.url;
  await closed.close();
});

afterAll(async () => {
  await server.close();
});

describe('createHttpClient', () => {
  it('fetches a page and names demarche and the contact in the User-Agent', async () => {
    const client = createHttpClient({ ...FAST, contact: 'mailto:analyst@example.org' });
    const r = await client.get(`${server.url}/ok`);
    expect(r).toMatchObject({ ok: true, mediaType: 'text/html', url: `${server.url}/ok` });
    expect(r.ok && r.text).toContain('fine');
    const ua = server.seen.find((s) => s.path === '/ok')!.userAgent;
    expect(ua).toMatch(/^demarche\/\d+\.\d+\.\d+ \(\+mailto:analyst@example\.org\)$/);
  });

  it('gives up on a page that does not answer within the timeout', async () => {
    const client = createHttpClient({ ...FAST, timeoutMs: 300 });
    const started = performance.now();
    const r = await client.get(`${server.url}/slow`);
    expect(r).toEqual({
      ok: false,
      requested: `${server.url}/slow`,
      error: 'no complete response within 0.3 s',
    });
    expect(performance.now() - started).toBeLessThan(1400);
  });

  it('refuses a body larger than the cap, declared or streamed', async () => {
    const client = createHttpClient({ ...FAST, maxBytes: 50_000 });
    const declared = await client.get(`${server.url}/big-declared`);
    expect(declared).toMatchObject({ ok: false, error: 'the response is larger than 50 kB' });
    const streamed = await client.get(`${server.url}/big-streamed`);
    expect(streamed).toMatchObject({ ok: false, error: 'the response is larger than 50 kB' });
  });

  it('waits as long as Retry-After asks after a 429, then succeeds', async () => {
    const client = createHttpClient(FAST);
    const r = await client.get(`${server.url}/busy`);
    expect(r.ok).toBe(true);
    const hits = server.seen.filter((s) => s.path === '/busy');
    expect(hits).toHaveLength(2);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries a 503 a bounded number of times, then reports it', async () => {
    const client = createHttpClient({ ...FAST, maxRetries: 2 });
    const r = await client.get(`${server.url}/down`);
    expect(r).toMatchObject({ ok: false, error: 'HTTP 503 Service Unavailable' });
    expect(server.seen.filter((s) => s.path === '/down')).toHaveLength(3);
  });

  it('does not wait for a Retry-After beyond its limit', async () => {
    const r = await createHttpClient(FAST).get(`${server.url}/far-future`);
    expect(r).toMatchObject({ ok: false, error: 'HTTP 429: the server asks to retry after 86400 s' });
  });

  it('retries network errors with backoff and reports them', async () => {
    const r = await createHttpClient({ ...FAST, maxRetries: 1 }).get(`${unreachable}/x`);
    expect(r).toMatchObject({ ok: false, error: 'network error (ECONNREFUSED)' });
  });

  it('follows redirects up to a limit', async () => {
    const client = createHttpClient({ ...FAST, maxRedirects: 3 });
    expect(await client.get(`${server.url}/r1`)).toMatchObject({ ok: true, url: `${server.url}/ok` });
    expect(await client.get(`${server.url}/loop`)).toMatchObject({
      ok: false,
      error: 'more than 3 redirects',
    });
  });

  it('accepts only HTML, RSS, Atom and XML', async () => {
    const r = await createHttpClient(FAST).get(`${server.url}/image`);
    expect(r).toMatchObject({
      ok: false,
      error: 'unsupported content type "image/png" (not HTML, RSS, Atom or XML)',
    });
    expect(await createHttpClient(FAST).get('ftp://example.org/a')).toMatchObject({ ok: false });
  });

  it('decodes the charset of the header, else of the meta tag', async () => {
    const client = createHttpClient(FAST);
    const latin = await client.get(`${server.url}/latin1`);
    expect(latin.ok && latin.text).toBe('<p>café \u201cq\u201d');
    const meta = await client.get(`${server.url}/meta-charset`);
    expect(meta.ok && meta.text).toContain('naïve');
  });

  it('obeys robots.txt, reading it once per host', async () => {
    const client = createHttpClient({ ...FAST, robots: true });
    const before = server.seen.filter((s) => s.path === '/robots.txt').length;
    const denied = await client.get(`${server.url}/private/page`);
    expect(denied).toMatchObject({
      ok: false,
      error: 'robots.txt of ' + new URL(server.url).host + ' disallows /private/page for demarche',
    });
    expect(await client.get(`${server.url}/public/page`)).toMatchObject({ ok: true });
    expect(server.seen.filter((s) => s.path === '/robots.txt').length - before).toBe(1);
    expect(server.seen.some((s) => s.path === '/private/page')).toBe(false);
  });

  it('sends at most perHostConcurrency requests to a host at once, spaced by perHostDelayMs', async () => {
    const client = createHttpClient({ ...FAST, perHostConcurrency: 1, perHostDelayMs: 40, concurrency: 8 });
    const first = server.seen.length;
    const results = await Promise.all(Array.from({ length: 5 }, () => client.get(`${server.url}/slow-a`)));
    expect(results.every((r) => r.ok)).toBe(true);
    const starts = server.seen.slice(first).map((s) => s.at);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(35);
    expect(server.maxConcurrent('/slow-a')).toBe(1);
  });
});

describe('createHostGate', () => {
  it('bounds requests per host and overall', async () => {
    const gate = createHostGate({ concurrency: 3, perHost: 2, delayMs: 0 });
    const active = new Map<string, number>();
    let total = 0;
    let peakTotal = 0;
    const peakHost = new Map<string, number>();
    const job = async (host: string) => {
      const release = await gate.acquire(host);
      total++;
      active.set(host, (active.get(host) ?? 0) + 1);
      peakTotal = Math.max(peakTotal, total);
      peakHost.set(host, Math.max(peakHost.get(host) ?? 0, active.get(host)!));
      await delay(15);
      total--;
      active.set(host, active.get(host)! - 1);
      release();
    };
    await Promise.all(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c'].map(job));
    expect(peakTotal).toBe(3);
    expect(Math.max(...peakHost.values())).toBe(2);
  });
});

describe('robots.txt rules', () => {
  it('picks our group, else *, and lets the longest rule decide', () => {
    const text =
      'User-agent: *\nDisallow: /\n\nUser-agent: Demarche\nDisallow: /a/\nAllow: /a/open$\nDisallow: /*.pdf';
    const ours = parseRobots(text, 'demarche');
    expect(isAllowedByRobots(ours, '/b')).toBe(true);
    expect(isAllowedByRobots(ours, '/a/x')).toBe(false);
    expect(isAllowedByRobots(ours, '/a/open')).toBe(true);
    expect(isAllowedByRobots(ours, '/a/open/more')).toBe(false);
    expect(isAllowedByRobots(ours, '/doc/file.pdf')).toBe(false);
    expect(isAllowedByRobots(parseRobots(text, 'otherbot'), '/b')).toBe(false);
    expect(isAllowedByRobots(parseRobots('User-agent: *\nDisallow:', 'demarche'), '/b')).toBe(true);
  });
});
