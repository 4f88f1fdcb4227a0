export type {
  ArticleHit,
  ArticleKey,
  ArticleToStore,
  CountDimension,
  CountKey,
  CountOptions,
  EventCount,
  EventCursor,
  EventFilter,
  EventPeriod,
  EventSource,
  PutOutcome,
  Result,
  Store,
  StoreCounts,
  StoredActor,
  StoredArticle,
  StoredEvent,
  StoreErrorCode,
  StoreProblem,
  WriteTimes,
} from './store.js';
export { StoreError } from './store.js';
export { openStore } from './open-store.js';
export { openSqliteStore, DEFAULT_SQLITE_PATH } from './open-sqlite-store.js';
export { openPostgresStore, type PostgresStoreOptions } from './open-postgres-store.js';
export type { Database } from './schema.js';
export { EVENT_COUNTS_BACKFILL } from './schema.js';
export { decodeMentions, encodeMentions } from '../core/index.js';
export {
  CAMEO_COLUMNS,
  EXPORT_FORMATS,
  POLECAT_COLUMNS,
  cameoFields,
  createExporter,
  csvLine,
  polecatRecord,
  toPloverRecord,
  tsvLine,
  wellFormed,
  type EventExporter,
  type ExportFormat,
  type PloverActor,
  type PloverRecord,
  type PolecatColumn,
} from './export/index.js';
export { eventConditions, type EventColumnFilter } from './event-conditions.js';
