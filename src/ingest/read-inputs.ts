import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFeed, looksLikeFeed } from './feeds/parse-feed.js';
import { readFeed, type FeedReading } from './feeds/read-feed.js';
import { documentFromPage } from './fetch/document-from-page.js';
import {
  createHttpClient,
  type FetchResult,
  type HttpClient,
  type HttpOptions,
} from './fetch/http-client.js';
import { orderedMap } from './fetch/ordered-map.js';
import { extractArticle } from './html/extract-article.js';
import type { InputRecord } from './input-record.js';
import {
  MAX_STRING_LENGTH,
  describeReadError,
  fileKind,
  gunzipIfCompressed,
  openBytes,
  readText,
  tooLargeToReadWhole,
} from './open-file.js';
import { countContentLines, decodeChunks, prepend, readLines } from './read-lines.js';

export type { InputRecord } from './input-record.js';

export interface ReadOptions {
  /** Publication date for plain-text inputs, which carry none (and feed items and pages without one). */
  readonly published?: string;
  /**
   * Reads standard input when a path is `-` (default: the process's): its whole text, or its
   * chunks, which a JSONL stream is read from line by line as they come.
   */
  readonly stdin?: () => Promise<string> | AsyncIterable<string | Uint8Array>;
  /** The HTTP client's settings for URLs and feed items: timeout, size cap, User-Agent, politeness. */
  readonly http?: HttpOptions;
  /** Whether feed items without their full text are completed by fetching their link (default true). */
  readonly followLinks?: boolean;
  /** Least text length of a feed item's own content to take it as the full article (default 1000). */
  readonly fullContentChars?: number;
}

/** Default of `ReadOptions.fullContentChars`: shorter item content is a teaser, the page is fetched. */
export const FULL_CONTENT_CHARS = 1000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Extensions of feed files (an `.xml` file that is not a feed is an error record). */
const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom']);
const READABLE = new Set([
  '.txt',
  '.text',
  '.json',
  '.jsonl',
  '.ndjson',
  '.html',
  '.htm',
  ...FEED_EXTENSIONS,
]);

/** Whether an input is a web address to fetch rather than a path. */
function isUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

/** Replaces each folder by the readable files below it, sorted, recursively. */
async function expandDirectories(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = path === '-' || isUrl(path) ? null : await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      const children = entries
        .filter((e) => e.isDirectory() || READABLE.has(fileKind(e.name).ext))
        .map((e) => join(path, e.name))
        .sort();
      out.push(...(await expandDirectories(children)));
    } else {
      out.push(path);
    }
  }
  return out;
}

/**
 * Reads articles from folders (recursively) and `.txt`, `.html` (the article Readability extracts),
 * `.json` (one article object or an array of them), `.jsonl` (one object per line) and feed
 * (`.xml`, `.rss`, `.atom`: one article per item) files, `-` for standard input, and http(s) URLs
 * (an HTML page is one article, a feed one per item). Feed items without their full text, and URLs,
 * are fetched by a polite HTTP client (`options.http`). Problems are returned as records naming the
 * file (and line or item) or URL so the rest of the batch goes on.
 *
 * @example
 * for await (const rec of readInputs(['a.txt', 'dump.jsonl', 'https://example.org/feed.xml'])) if (rec.ok) run(rec.doc);
 */
export async function* readInputs(
  paths: readonly string[],
  options: ReadOptions = {},
): AsyncGenerator<InputRecord> {
  let client: HttpClient | undefined;
  const published =
    options.published !== undefined && ISO_DATE.test(options.published) ? options.published : undefined;
  const reading: FeedReading = {
    followLinks: options.followLinks ?? true,
    fullContentChars: options.fullContentChars ?? FULL_CONTENT_CHARS,
    client: () => (client ??= createHttpClient(options.http)),
    ...(published !== undefined ? { published } : {}),
  };
  const expanded = await expandDirectories(paths);
  for (let i = 0; i < expanded.length; i++) {
    const path = expanded[i]!;
    if (isUrl(path)) {
      // consecutive URLs are fetched together, within the client's limits, and read in order
      let end = i;
      while (end + 1 < expanded.length && isUrl(expanded[end + 1]!)) end++;
      const urls = expanded.slice(i, end + 1);
      const window = reading.client().options.concurrency * 2;
      for await (const page of orderedMap(urls, (url) => reading.client().get(url), window))
        yield* readFetched(page, reading);
      i = end;
      continue;
    }
    if (path === '-') {
      yield* readStdin();
      continue;
    }
    const { ext, gzip, stem } = fileKind(path);
    if (ext === '.jsonl' || ext === '.ndjson') {
      // a dump is read line by line, never whole: it can be larger than memory (or than a string)
      yield* readJsonLines(path, stem, decodeChunks(openBytes(path, gzip)));
      continue;
    }
    let content: string;
    try {
      content = await readText(path, gzip);
    } catch (cause) {
      yield { ok: false, origin: path, error: describeReadError(cause) };
      continue;
    }
    if (FEED_EXTENSIONS.has(ext)) yield* readFeed(path, content, stem, undefined, reading);
    else yield* readContent(path, stem, ext, content, options);
  }

  /**
   * Standard input, decompressed first when it is gzip data: a JSONL stream is read line by line
   * as it comes (`zcat dump.jsonl.gz | demarche ingest -`), anything else whole, once its kind is
   * known from its start.
   */
  async function* readStdin(): AsyncGenerator<InputRecord> {
    const source = (options.stdin ?? (() => process.stdin as AsyncIterable<Uint8Array>))();
    let content: string;
    try {
      if (Symbol.asyncIterator in source) {
        const texts = decodeChunks(gunzipIfCompressed(source))[Symbol.asyncIterator]();
        let head = '';
        let ended = false;
        while (!ended && !knownKind(head)) {
          const next = await texts.next();
          if (next.done === true) ended = true;
          else head += next.value;
        }
        if (sniffExtension(head) === '.jsonl') {
          yield* readJsonLines('-', 'stdin', prepend(head, texts));
          return;
        }
        content = head;
        for (let next = await texts.next(); next.done !== true; next = await texts.next()) {
          if (content.length + next.value.length > MAX_STRING_LENGTH) {
            yield { ok: false, origin: '-', error: tooLargeToReadWhole('standard input is') };
            return;
          }
          content += next.value;
        }
      } else {
        content = await source;
      }
    } catch (cause) {
      yield { ok: false, origin: '-', error: describeReadError(cause) };
      return;
    }
    const ext = sniffExtension(content);
    if (ext === '.jsonl') yield* readJsonLines('-', 'stdin', prepend(content));
    else if (FEED_EXTENSIONS.has(ext)) yield* readFeed('-', content, 'stdin', undefined, reading);
    else yield* readContent('-', 'stdin', ext, content, options);
  }
}

/**
 * Whether enough of a text's start is read to tell whether it is JSONL: its first line is whole
 * and more than white space follows it, or it does not start with `{` (only JSONL is read as it
 * comes; the rest is read whole anyway).
 */
function knownKind(head: string): boolean {
  const t = head.trimStart();
  if (t === '') return false;
  if (!t.startsWith('{')) return true;
  const end = t.indexOf('\n');
  return end !== -1 && /\S/.test(t.slice(end));
}

/**
 * The records of a JSONL text, one per non-empty line, named `ORIGIN:LINE`. A read that fails
 * (no such file, or an error part-way) is a record of its own, after those read before it.
 */
async function* readJsonLines(
  origin: string,
  stem: string,
  texts: AsyncIterable<string>,
): AsyncGenerator<InputRecord> {
  let n = 0;
  try {
    for await (const text of readLines(texts)) {
      n++;
      const line = text.trim();
      if (line === '') continue;
      const where = `${origin}:${n}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (cause) {
        yield { ok: false, origin: where, error: `not valid JSON (${(cause as Error).message})` };
        continue;
      }
      yield toRecord(value, where, `${stem}-${n}`);
    }
  } catch (cause) {
    yield { ok: false, origin: n === 0 ? origin : `${origin}:${n + 1}`, error: describeReadError(cause) };
  }
}

/** The records of a fetched URL: its items when it is a feed, else the page's article. */
async function* readFetched(page: FetchResult, reading: FeedReading): AsyncGenerator<InputRecord> {
  const origin = page.requested;
  if (!page.ok) {
    yield { ok: false, origin, error: page.error };
    return;
  }
  // XML that is not XHTML is read as a feed (an error record when it is not one)
  const xml = /[/+]xml$/.test(page.mediaType) && page.mediaType !== 'application/xhtml+xml';
  if (xml || looksLikeFeed(page.text)) {
    yield* readFeed(origin, page.text, origin, page.url, reading);
    return;
  }
  const doc = documentFromPage(page.text, page.url, origin, {
    ...(reading.published !== undefined ? { fallbackPublished: reading.published } : {}),
  });
  yield typeof doc === 'string' ? { ok: false, origin, error: doc } : { ok: true, origin, doc };
}

/**
 * How many records `readInputs` will read from `paths`, counted cheaply for a progress estimate:
 * one per text or HTML file, one per non-empty line of a `.jsonl`/`.ndjson` file, one per `.json`
 * file (or per element when it holds an array), one per item of a feed file (one for a malformed
 * feed). Null when standard input, a pipe or another file that is not a regular one
 * (`<(zcat dump.jsonl.gz)`, a named pipe) or a URL is among the paths: it can only be read once, or
 * would have to be fetched.
 *
 * `stopAt`: stop counting once that many are counted (the total is then at least `stopAt`), for
 * a caller that only asks whether the input is small: a large archive is not read to count it.
 *
 * @example
 * await countInputs(['dump.jsonl', 'folder/']); // 1250
 * await countInputs(['archive.jsonl.gz'], { stopAt: 200 }); // ≥ 200, after reading its start
 */
export async function countInputs(
  paths: readonly string[],
  { stopAt = Number.POSITIVE_INFINITY }: { readonly stopAt?: number } = {},
): Promise<number | null> {
  if (paths.some((path) => path === '-' || isUrl(path))) return null;
  const files = await expandDirectories(paths);
  // a pipe read to count it would be empty for the reading (a missing file is counted as before)
  for (const path of files) if ((await stat(path).catch(() => null))?.isFile() === false) return null;
  let total = 0;
  for (const path of files) {
    if (total >= stopAt) break;
    const { ext, gzip } = fileKind(path);
    if (FEED_EXTENSIONS.has(ext)) {
      const feed = parseFeed(await readText(path, gzip).catch(() => ''));
      total += feed.ok ? feed.feed.items.length : 1;
      continue;
    }
    if (ext === '.jsonl' || ext === '.ndjson') {
      total += await countContentLines(openBytes(path, gzip), stopAt - total).catch(() => 0);
      continue;
    }
    if (ext !== '.json') {
      total++;
      continue;
    }
    const content = await readText(path, gzip).catch(() => '');
    total += /^\s*\[/.test(content) ? countArrayElements(content) : 1;
  }
  return total;
}

function countArrayElements(content: string): number {
  try {
    const value = JSON.parse(content) as unknown;
    return Array.isArray(value) ? value.length : 1;
  } catch {
    return 1;
  }
}

function* readContent(
  origin: string,
  stem: string,
  ext: string,
  content: string,
  options: ReadOptions,
): Generator<InputRecord> {
  switch (ext) {
    case '.txt':
    case '.text': {
      if (content.trim() === '') {
        yield { ok: false, origin, error: 'the file is empty' };
        return;
      }
      const published = options.published;
      if (published !== undefined && !ISO_DATE.test(published)) {
        yield { ok: false, origin, error: `--published "${published}" is not an ISO date (YYYY-MM-DD)` };
        return;
      }
      yield {
        ok: true,
        origin,
        doc: {
          id: stem,
          raw: content,
          mediaType: 'text/plain',
          ...(published !== undefined ? { published } : {}),
        },
      };
      return;
    }
    case '.html':
    case '.htm': {
      const published = options.published;
      if (published !== undefined && !ISO_DATE.test(published)) {
        yield { ok: false, origin, error: `--published "${published}" is not an ISO date (YYYY-MM-DD)` };
        return;
      }
      yield htmlRecord(origin, stem, content, published);
      return;
    }
    case '.json': {
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (cause) {
        yield { ok: false, origin, error: `not valid JSON (${(cause as Error).message})` };
        return;
      }
      const items = Array.isArray(value) ? value : [value];
      for (let i = 0; i < items.length; i++) {
        const where = Array.isArray(value) ? `${origin}[${i}]` : origin;
        yield toRecord(items[i], where, Array.isArray(value) ? `${stem}-${i + 1}` : stem);
      }
      return;
    }
    default:
      yield {
        ok: false,
        origin,
        error: `unsupported file type "${ext || '(none)'}": use .txt, .html, .json, .jsonl or a feed (.xml, .rss, .atom), each also gzip-compressed (.gz)`,
      };
  }
}

/**
 * Reads an HTML page: the extracted article text becomes `raw` (mediaType 'text/html'), with the
 * page's title, canonical URL and published date; `--published` is used when the page has none.
 */
function htmlRecord(origin: string, stem: string, html: string, fallbackPublished?: string): InputRecord {
  const article = extractArticle(html);
  if (article.text.trim() === '')
    return { ok: false, origin, error: 'no article text found in the HTML page' };
  const published = article.published !== undefined ? article.published.slice(0, 10) : fallbackPublished;
  return {
    ok: true,
    origin,
    doc: {
      id: stem,
      raw: article.text,
      mediaType: 'text/html',
      ...(article.title !== undefined ? { title: article.title } : {}),
      ...(article.url !== undefined ? { url: article.url } : {}),
      ...(published !== undefined ? { published } : {}),
      ...(article.credits.length > 0 ? { credits: article.credits } : {}),
    },
  };
}

/** Validates one JSON article object (`id`, `text`, optional `title`, `url`, `published`). */
function toRecord(value: unknown, origin: string, fallbackId: string): InputRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, origin, error: 'expected an article object with a "text" field' };
  }
  const o = value as Record<string, unknown>;
  if (typeof o['text'] !== 'string' || o['text'].trim() === '') {
    return { ok: false, origin, error: '"text" is missing or not a non-empty string' };
  }
  const id = o['id'];
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
    return { ok: false, origin, error: '"id" must be a string or number' };
  }
  for (const key of ['title', 'url', 'published'] as const) {
    const v = o[key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return { ok: false, origin, error: `"${key}" must be a string or null` };
    }
  }
  const published = o['published'];
  if (typeof published === 'string' && !ISO_DATE.test(published)) {
    return { ok: false, origin, error: `"published" is not an ISO date: "${published}"` };
  }
  const title = o['title'];
  const url = o['url'];
  return {
    ok: true,
    origin,
    doc: {
      id: id === undefined || id === null || id === '' ? fallbackId : String(id),
      raw: o['text'],
      mediaType: 'text/plain',
      ...(typeof title === 'string' ? { title } : {}),
      ...(typeof url === 'string' ? { url } : {}),
      ...(typeof published === 'string' ? { published: published.slice(0, 10) } : {}),
    },
  };
}

function sniffExtension(content: string): string {
  const t = content.trimStart();
  if (looksLikeFeed(t)) return '.rss';
  if (t.startsWith('[')) return '.json';
  if (/^<(?:!doctype html|html|head|body|article)[\s>]/i.test(t)) return '.html';
  if (t.startsWith('{')) {
    const firstLine = t.split('\n', 1)[0]!.trim();
    return firstLine.endsWith('}') && t.trim().includes('\n') ? '.jsonl' : '.json';
  }
  return '.txt';
}
