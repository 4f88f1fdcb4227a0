import { createRequire } from 'node:module';
import type * as Linkedom from 'linkedom';

const require = createRequire(import.meta.url);
let loaded: typeof Linkedom | undefined;

/**
 * linkedom (the DOM the HTML and feed readers parse pages with), loaded the first time a page or
 * feed is read: it takes about 0.2 s to load, which plain-text and JSON inputs, and every command
 * that reads no input, need not pay. Its CommonJS build, so that the readers stay synchronous.
 *
 * @example
 * const { document } = linkedom().parseHTML('<p>Tokyo</p>');
 */
export function linkedom(): typeof Linkedom {
  return (loaded ??= require('linkedom') as typeof Linkedom);
}
