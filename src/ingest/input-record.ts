import type { RawDocument } from '../core/index.js';

/** One article read from an input, or the reason a file, URL or record could not be read. */
export type InputRecord =
  | { readonly ok: true; readonly origin: string; readonly doc: RawDocument }
  | { readonly ok: false; readonly origin: string; readonly error: string };
