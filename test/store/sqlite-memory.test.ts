import { sqliteMemoryBackend } from './backends.js';
import { describeStoreConformance } from './store.case.js';

describeStoreConformance(sqliteMemoryBackend());
