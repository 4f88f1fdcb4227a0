import { constants } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { prepend } from './read-lines.js';

/** The most UTF-16 units a string holds (V8: 2^29 - 24); a file of fewer bytes always fits. */
export const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** Bytes read from a file at a time while streaming it. */
const CHUNK_BYTES = 1 << 20;

const gunzipWhole = promisify(gunzip);

/** How a file is read: its extension, lower-cased, under any `.gz`, and its name without them. */
export interface FileKind {
  /** `.jsonl` for `Dump.JSONL` and for `dump.jsonl.gz`. */
  readonly ext: string;
  /** Whether the file is gzip-compressed (its name ends in `.gz`). */
  readonly gzip: boolean;
  /** The name without its extensions: `dump` for `archive/dump.jsonl.gz`. */
  readonly stem: string;
}

/**
 * How a file is read, from its name.
 *
 * @example
 * fileKind('archive/2022-09.jsonl.gz'); // { ext: '.jsonl', gzip: true, stem: '2022-09' }
 */
export function fileKind(path: string): FileKind {
  const name = basename(path);
  const gzip = /\.gz$/i.test(name);
  const inner = gzip ? name.slice(0, -3) : name;
  return { ext: extname(inner).toLowerCase(), gzip, stem: basename(inner, extname(inner)) };
}

/** `source` decompressed as it comes; an error of the source ends the reading with its reason. */
function inflated(source: Readable): AsyncIterable<Uint8Array> {
  const inflate = createGunzip({ chunkSize: CHUNK_BYTES });
  source.on('error', (cause) => inflate.destroy(cause));
  return source.pipe(inflate);
}

/** A file's bytes as they are read, decompressed as they come when it is gzip-compressed. */
export function openBytes(path: string, gzip: boolean): AsyncIterable<Uint8Array> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  return gzip ? inflated(file) : file;
}

/** Thrown when an input holds more text than one string can (`MAX_STRING_LENGTH`). */
export class TooLargeError extends Error {}

/** How a number of bytes is named in a message. */
const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/**
 * Why an input cannot be read whole (`what`: "the file is 600 MB,", "standard input is"): the most
 * a JavaScript string holds, read as one document (a JSON array, a feed, a page or a text).
 */
export function tooLargeToReadWhole(what: string): string {
  return (
    `${what} more than can be read as one document (${megabytes(MAX_STRING_LENGTH)}): ` +
    'give the articles as JSONL (.jsonl, one object per line), which is read line by line, or split it'
  );
}

/**
 * A file's whole text (decompressed when it is gzip-compressed). A file too large for one string
 * throws a `TooLargeError` saying so, found by its size before it is read (a compressed one, as it
 * is decompressed).
 */
export async function readText(path: string, gzip: boolean): Promise<string> {
  if (!gzip) {
    const { size } = await stat(path);
    if (size > MAX_STRING_LENGTH)
      throw new TooLargeError(tooLargeToReadWhole(`the file is ${megabytes(size)},`));
    return readFile(path, 'utf8');
  }
  try {
    return (await gunzipWhole(await readFile(path), { maxOutputLength: MAX_STRING_LENGTH })).toString('utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new TooLargeError(tooLargeToReadWhole('the file decompresses to'));
    throw cause;
  }
}

/**
 * The chunks of a stream, decompressed as they come when it starts as gzip data does (bytes 1f 8b):
 * `cat dump.jsonl.gz | demarche ingest -` reads as `zcat dump.jsonl.gz | demarche ingest -` does.
 */
export async function* gunzipIfCompressed(
  chunks: AsyncIterable<string | Uint8Array>,
): AsyncGenerator<string | Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done === true) return;
  const head = first.value;
  const all = prepend(head, it);
  if (typeof head === 'string' || head[0] !== 0x1f || head[1] !== 0x8b) yield* all;
  else yield* inflated(Readable.from(all, { objectMode: false }));
}

/** A reason for a failed read of a file or stream, for an error record. */
export function describeReadError(cause: unknown): string {
  if (cause instanceof TooLargeError) return cause.message;
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  // zlib's errors ("unexpected end of file", "incorrect header check") name no format
  if (typeof code === 'string' && code.startsWith('Z_'))
    return `not valid gzip data (${(cause as Error).message})`;
  return (cause as Error).message;
}
