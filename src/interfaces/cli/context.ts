import type { Command } from 'commander';
import type { PipelineSpec } from '../../lexicons/index.js';
import type { Pipeline } from '../../pipeline/index.js';

/** Where the CLI writes; injectable so tests run the real program in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard input: its whole text, or its chunks as they come (JSONL is read line by line). */
  readonly stdin?: () => Promise<string> | AsyncIterable<string | Uint8Array>;
  /**
   * Resolves once `out` may take more: standard output written to a pipe is buffered in memory
   * until the reader takes it, and a command that reads and writes without waiting on anything
   * else (a dump analysed from memory, an export from SQLite) never lets the buffer drain, so it
   * would hold its whole output. Commands that stream await it after each record or page.
   */
  readonly drain?: () => Promise<void>;
}

/** What every command gets: its I/O, the shared pipeline, and a way to set the exit code. */
export interface CliContext {
  readonly io: CliIo;
  /**
   * The default pipeline, built once on first use with the global `--data` folder (its modules are
   * loaded then too, so commands that do not analyse start without them).
   */
  readonly pipeline: () => Promise<Pipeline>;
  /** Where that pipeline's data comes from (`--data`, `--actors`, `--verbs`), for analysis threads. */
  readonly spec: () => PipelineSpec;
  /** Raises the process exit code (never lowers it). */
  readonly fail: (code: number) => void;
}

/** A command module: adds one subcommand to the program. */
export type RegisterCommand = (program: Command, context: CliContext) => void;
