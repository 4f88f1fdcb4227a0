import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ReadOptions } from '../../../ingest/index.js';

/** Option parser for YYYY-MM-DD dates. */
export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return value;
}

/** The `--modality` option of the commands that filter stored events. */
export function modalityOption(): Option {
  return new Option('--modality <modality>', 'event modality').choices([
    'asserted',
    'future',
    'hypothetical',
    'historical',
  ]);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!(n >= 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
}

/** Option parser for counts of 1 or more. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** The options of the commands that read URLs and feeds (docs/ingest.md), as commander gives them. */
export interface FetchFlags {
  readonly timeout: number;
  readonly maxBytes: number;
  readonly perHostDelay: number;
  readonly userAgent?: string;
  readonly contact?: string;
  readonly robots: boolean;
  readonly followLinks: boolean;
}

/**
 * Adds the HTTP client's options to a command that reads URLs and feeds.
 *
 * @example
 * withFetchOptions(program.command('ingest')).action((paths, opts) => readInputs(paths, fetchReadOptions(opts)));
 */
export function withFetchOptions(command: Command): Command {
  return command
    .option('--timeout <seconds>', 'time allowed for one HTTP request', positiveNumber, 15)
    .option('--max-bytes <n>', 'largest page or feed read over HTTP, in bytes', positiveInteger, 5_000_000)
    .option('--user-agent <ua>', 'User-Agent of HTTP requests (default: demarche/VERSION)')
    .option('--contact <url-or-email>', 'added to the User-Agent so site owners can reach you')
    .option('--per-host-delay <seconds>', 'least time between two requests to one site', nonNegativeNumber, 1)
    .option('--no-robots', 'neither read nor obey robots.txt')
    .option('--no-follow-links', 'use feed items as they are, without fetching their pages');
}

/** The ReadOptions fields for URLs and feeds, from the flags `withFetchOptions` added. */
export function fetchReadOptions(flags: FetchFlags): Pick<ReadOptions, 'http' | 'followLinks'> {
  return {
    http: {
      timeoutMs: flags.timeout * 1000,
      maxBytes: flags.maxBytes,
      perHostDelayMs: flags.perHostDelay * 1000,
      robots: flags.robots,
      userAgent: flags.userAgent,
      contact: flags.contact,
    },
    followLinks: flags.followLinks,
  };
}

/** Option parser for counts of 0 or more. */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}
