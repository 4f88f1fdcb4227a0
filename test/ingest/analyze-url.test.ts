import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/index.js';
import { capture } from '../support/cli.js';
import { page, startServer, type TestServer } from './http-server.js';

const STORY = [
  'The government of Japan on Monday rejected the results of the referendums held by Russia, calling them illegal.',
  'Chief Cabinet Secretary Hirokazu Matsuno told reporters in Tokyo that Japan would never recognise the annexation.',
  'Officials said the ministry would summon the Russian ambassador later in the week to protest the votes.',
];

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/news/japan-rejects': page(`<!doctype html><html><head><title>Japan rejects the votes</title>
<link rel="canonical" href="/news/japan-rejects?ref=canonical">
<meta property="article:published_time" content="2022-09-30T09:00:00+09:00"></head>
<body><article>${STORY.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`),
  });
});

afterAll(async () => {
  await server.close();
});

describe('demarche analyze URL', () => {
  it('fetches an article page given as a URL and analyses it', async () => {
    const c = capture();
    const code = await runCli(['analyze', `${server.url}/news/japan-rejects`, '--format', 'jsonl'], c.io);
    expect(c.err.join('')).toBe('');
    expect(code).toBe(0);
    const record = JSON.parse(c.out.join('')) as {
      id: string;
      title: string;
      url: string;
      published: string;
      text: string;
      events: { type: string; source: { code: string }; target: { code: string } }[];
    };
    expect(record).toMatchObject({
      id: `${server.url}/news/japan-rejects`,
      title: 'Japan rejects the votes',
      url: `${server.url}/news/japan-rejects?ref=canonical`,
      published: '2022-09-30',
    });
    expect(record.text).toContain('calling them illegal');
    expect(record.events.some((e) => e.type === 'REJECT' && e.source.code === 'JPN')).toBe(true);
    expect(server.seen.find((s) => s.path === '/news/japan-rejects')!.userAgent).toMatch(/^demarche\//);
  });

  it('reports a URL that cannot be fetched with exit code 1', async () => {
    const c = capture();
    const code = await runCli(['analyze', `${server.url}/nowhere`, '--format', 'jsonl'], c.io);
    expect(code).toBe(1);
    expect(c.err.join('')).toBe(`demarche: ${server.url}/nowhere: HTTP 404 Not Found\n`);
  });
});
