import { sqliteFileBackend } from './backends.js';
import { describeStoreConformance } from './store.case.js';

describeStoreConformance(sqliteFileBackend());
