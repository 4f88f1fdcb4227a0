import { pgliteBackend } from './backends.js';
import { describeStoreConformance } from './store.case.js';

// In-process PGlite, whether or not a Postgres server answers (the Postgres dialect without a server).
describeStoreConformance(pgliteBackend());
