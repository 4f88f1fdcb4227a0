import { loadLexicons } from '../../src/lexicons/index.js';
import { createCleaner, parseCleanLexicon } from '../../src/pipeline/clean/index.js';
import type { CleanLexicon, CleanResult } from '../../src/pipeline/clean/index.js';

/** The clean lexicon from the package's data/clean files. */
export const lexicon: CleanLexicon = parseCleanLexicon(loadLexicons().clean ?? {});

/** The cleaner built from the package's data. */
export const clean: (raw: string) => CleanResult = createCleaner(lexicon);
