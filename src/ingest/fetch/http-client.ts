import { decodeBody } from './decode-body.js';
import { createHostGate, sleep, type HostGate } from './host-gate.js';
import { readCappedBody } from './read-body.js';
import { ALLOW_ALL, DISALLOW_ALL, isAllowedByRobots, parseRobots, type RobotsRules } from './robots.js';

/**
 * How the HTTP client behaves; every field has a polite default ({@link DEFAULT_HTTP_OPTIONS}), used
 * when the field is absent or undefined.
 */
export interface HttpOptions {
  /** The whole User-Agent header; by default `demarche/VERSION`, with `(+contact)` when given. */
  readonly userAgent?: string | undefined;
  /** A URL or e-mail address where site owners can reach the operator, added to the User-Agent. */
  readonly contact?: string | undefined;
  /** Time allowed for one request, headers and body, in milliseconds. */
  readonly timeoutMs?: number | undefined;
  /** Largest response body read, in bytes; a larger one is abandoned. */
  readonly maxBytes?: number | undefined;
  /** Retries of a request answered 429 or 503, or failing at the network level. */
  readonly maxRetries?: number | undefined;
  /** First backoff delay in milliseconds, doubled at each retry (when no Retry-After is given). */
  readonly retryBaseMs?: number | undefined;
  /** Longest Retry-After honoured, in milliseconds; a server asking for longer gets an error. */
  readonly maxRetryAfterMs?: number | undefined;
  /** Redirects followed before giving up. */
  readonly maxRedirects?: number | undefined;
  /** Requests in flight at once, all hosts together. */
  readonly concurrency?: number | undefined;
  /** Requests in flight at once to one host. */
  readonly perHostConcurrency?: number | undefined;
  /** Least time between the starts of two requests to one host, in milliseconds. */
  readonly perHostDelayMs?: number | undefined;
  /** Whether robots.txt is read (once per host) and its Disallow rules for us obeyed. */
  readonly robots?: boolean | undefined;
}

/** The options with every default filled in (the contact is folded into the User-Agent). */
export type ResolvedHttpOptions = {
  readonly [K in Exclude<keyof HttpOptions, 'contact'>]-?: Exclude<HttpOptions[K], undefined>;
};

/** The version named in the default User-Agent. */
const VERSION = '0.1.0';

/** The defaults: 15 s timeout, 5 MB cap, 2 retries, 4 requests at once but 1 per host, 1 s apart. */
export const DEFAULT_HTTP_OPTIONS: ResolvedHttpOptions = {
  userAgent: `demarche/${VERSION}`,
  timeoutMs: 15_000,
  maxBytes: 5_000_000,
  maxRetries: 2,
  retryBaseMs: 1000,
  maxRetryAfterMs: 120_000,
  maxRedirects: 5,
  concurrency: 4,
  perHostConcurrency: 1,
  perHostDelayMs: 1000,
  robots: true,
};

/** A fetched document, decoded to text, or why it could not be fetched. */
export type FetchResult =
  | {
      readonly ok: true;
      /** The URL requested. */
      readonly requested: string;
      /** The URL finally answered, after redirects. */
      readonly url: string;
      /** The media type of the response, lower-cased, without parameters ('' when none was sent). */
      readonly mediaType: string;
      readonly text: string;
    }
  | { readonly ok: false; readonly requested: string; readonly error: string };

export interface HttpClient {
  /** Fetches an HTML page or a feed, politely; never throws. */
  get(url: string): Promise<FetchResult>;
  /** The options in force, defaults filled in. */
  readonly options: ResolvedHttpOptions;
}

/** Media types of documents the client reads: HTML pages, RSS, Atom and other XML. */
const ACCEPTED =
  /^(?:text\/html|application\/xhtml\+xml|application\/(?:rss|atom|rdf)\+xml|(?:application|text)\/xml|application\/[\w.-]+\+xml)$/;
const ACCEPT_HEADER =
  'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9';
/** Largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB). */
const ROBOTS_MAX_BYTES = 512_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RETRIED = new Set([429, 503]);

/** What one HTTP exchange gave: a body, a redirect, a status to report, or a failure. */
type Exchange =
  | {
      readonly kind: 'body';
      readonly status: number;
      readonly contentType: string | null;
      readonly bytes: Uint8Array;
    }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'status'; readonly status: number; readonly statusText: string }
  | { readonly kind: 'failed'; readonly error: string };

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function describeFailure(cause: unknown, timeoutMs: number): { error: string; retry: boolean } {
  const error = cause as Error & { cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError' || error.name === 'AbortError')
    return { error: `no complete response within ${timeoutMs / 1000} s`, retry: false };
  const detail = error.cause?.code ?? error.cause?.message ?? error.message;
  return { error: `network error (${detail})`, retry: true };
}

function resolveOptions(options: HttpOptions): ResolvedHttpOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved = { ...DEFAULT_HTTP_OPTIONS, ...defined } as ResolvedHttpOptions & { contact?: string };
  const userAgent =
    options.userAgent ??
    (options.contact !== undefined && options.contact !== ''
      ? `${DEFAULT_HTTP_OPTIONS.userAgent} (+${options.contact})`
      : DEFAULT_HTTP_OPTIONS.userAgent);
  const { contact: _contact, ...rest } = resolved;
  return { ...rest, userAgent };
}

/**
 * A polite HTTP client for pages and feeds (Node's fetch): a User-Agent naming demarche, a timeout
 * per request, a cap on the body size (streamed, abandoned past the cap), HTML/RSS/Atom/XML media
 * types only, bounded concurrency overall and per host with a delay between requests to one host,
 * retries with exponential backoff on 429, 503 and network errors (honouring Retry-After),
 * redirects followed up to a limit, the charset of the header or the document, and robots.txt.
 *
 * @example
 * const client = createHttpClient({ contact: 'https://example.org/about', timeoutMs: 10_000 });
 * const page = await client.get('https://example.org/news/1');
 * if (page.ok) extractArticle(page.text); else console.error(page.error);
 */
export function createHttpClient(options: HttpOptions = {}): HttpClient {
  const o = resolveOptions(options);
  const gate: HostGate = createHostGate({
    concurrency: o.concurrency,
    perHost: o.perHostConcurrency,
    delayMs: o.perHostDelayMs,
  });
  const product = o.userAgent.split(/[/\s]/, 1)[0] ?? 'demarche';
  const robotsByOrigin = new Map<string, Promise<{ rules: RobotsRules; problem?: string }>>();

  /** One request through the gate, retried on 429, 503 and network errors. */
  const exchange = async (url: URL, maxBytes: number, accept: string): Promise<Exchange> => {
    for (let attempt = 0; ; attempt++) {
      const release = await gate.acquire(url.host);
      let backoff: number | undefined;
      try {
        const response = await fetch(url, {
          redirect: 'manual',
          signal: AbortSignal.timeout(o.timeoutMs),
          headers: { 'user-agent': o.userAgent, accept },
        });
        if (RETRIED.has(response.status) && attempt < o.maxRetries) {
          await response.body?.cancel().catch(() => undefined);
          const asked = parseRetryAfter(response.headers.get('retry-after'));
          if (asked !== undefined && asked > o.maxRetryAfterMs) {
            return {
              kind: 'failed',
              error: `HTTP ${response.status}: the server asks to retry after ${Math.round(asked / 1000)} s`,
            };
          }
          backoff = asked ?? o.retryBaseMs * 2 ** attempt;
          gate.pause(url.host, backoff);
          continue;
        }
        const location = response.headers.get('location');
        if (REDIRECTS.has(response.status) && location !== null) {
          await response.body?.cancel().catch(() => undefined);
          return { kind: 'redirect', location };
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          return { kind: 'status', status: response.status, statusText: response.statusText };
        }
        const contentType = response.headers.get('content-type');
        const media = mediaTypeOf(contentType);
        if (accept !== '*/*' && media !== '' && !ACCEPTED.test(media)) {
          await response.body?.cancel().catch(() => undefined);
          return {
            kind: 'failed',
            error: `unsupported content type "${media}" (not HTML, RSS, Atom or XML)`,
          };
        }
        const body = await readCappedBody(response, maxBytes);
        if (!body.ok) return { kind: 'failed', error: body.error };
        return { kind: 'body', status: response.status, contentType, bytes: body.bytes };
      } catch (cause) {
        const failure = describeFailure(cause, o.timeoutMs);
        if (!failure.retry || attempt >= o.maxRetries) return { kind: 'failed', error: failure.error };
        backoff = o.retryBaseMs * 2 ** attempt;
      } finally {
        release();
      }
      // a network error: wait before retrying, without holding the host's slot
      await sleep(backoff ?? 0);
    }
  };

  /** Follows redirects from `start`, calling `admit` on every URL before requesting it. */
  const follow = async (
    start: URL,
    maxBytes: number,
    accept: string,
    admit: (url: URL) => Promise<string | undefined>,
  ): Promise<{ url: URL; result: Exchange }> => {
    let url = start;
    for (let hop = 0; ; hop++) {
      const refused = await admit(url);
      if (refused !== undefined) return { url, result: { kind: 'failed', error: refused } };
      const result = await exchange(url, maxBytes, accept);
      if (result.kind !== 'redirect') return { url, result };
      if (hop >= o.maxRedirects)
        return { url, result: { kind: 'failed', error: `more than ${o.maxRedirects} redirects` } };
      let next: URL;
      try {
        next = new URL(result.location, url);
      } catch {
        return { url, result: { kind: 'failed', error: `redirect to an invalid URL "${result.location}"` } };
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        return { url, result: { kind: 'failed', error: `redirect to a non-HTTP URL "${next.href}"` } };
      url = next;
    }
  };

  /** The robots.txt rules of an origin, fetched once; 4xx allows all, 5xx and failures allow nothing. */
  const robotsOf = (url: URL): Promise<{ rules: RobotsRules; problem?: string }> => {
    let pending = robotsByOrigin.get(url.origin);
    if (pending === undefined) {
      pending = follow(
        new URL('/robots.txt', url.origin),
        ROBOTS_MAX_BYTES,
        '*/*',
        async () => undefined,
      ).then(({ result }) => {
        if (result.kind === 'body')
          return { rules: parseRobots(new TextDecoder().decode(result.bytes), product) };
        if (result.kind === 'status' && result.status >= 400 && result.status < 500)
          return { rules: ALLOW_ALL };
        const why =
          result.kind === 'status'
            ? `HTTP ${result.status}`
            : result.kind === 'failed'
              ? result.error
              : 'no answer';
        return { rules: DISALLOW_ALL, problem: `robots.txt of ${url.host} could not be read (${why})` };
      });
      robotsByOrigin.set(url.origin, pending);
    }
    return pending;
  };

  const admitByRobots = async (url: URL): Promise<string | undefined> => {
    if (!o.robots) return undefined;
    const robots = await robotsOf(url);
    if (isAllowedByRobots(robots.rules, url.pathname + url.search)) return undefined;
    return robots.problem !== undefined
      ? `${robots.problem}, so nothing is fetched from it`
      : `robots.txt of ${url.host} disallows ${url.pathname} for ${product}`;
  };

  return {
    options: o,
    async get(requested) {
      let start: URL;
      try {
        start = new URL(requested);
      } catch {
        return { ok: false, requested, error: 'not a valid URL' };
      }
      if (start.protocol !== 'http:' && start.protocol !== 'https:')
        return { ok: false, requested, error: 'only http and https URLs are fetched' };
      const { url, result } = await follow(start, o.maxBytes, ACCEPT_HEADER, admitByRobots);
      switch (result.kind) {
        case 'body':
          return {
            ok: true,
            requested,
            url: url.href,
            mediaType: mediaTypeOf(result.contentType),
            text: decodeBody(result.bytes, result.contentType),
          };
        case 'status':
          return {
            ok: false,
            requested,
            error: `HTTP ${result.status}${result.statusText ? ` ${result.statusText}` : ''}${url.href !== start.href ? ` (at ${url.href})` : ''}`,
          };
        case 'failed':
          return { ok: false, requested, error: result.error };
        case 'redirect':
          return { ok: false, requested, error: `unfollowed redirect to ${result.location}` };
      }
    },
  };
}
