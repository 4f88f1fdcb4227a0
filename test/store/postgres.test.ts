import { postgresBackend } from './backends.js';
import { describeStoreConformance } from './store.case.js';

// The server at 127.0.0.1:5432 (here and in CI), one schema per store; PGlite when none answers.
describeStoreConformance(postgresBackend());
