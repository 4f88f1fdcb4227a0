export type {
  ArticleHit,
  ArticleKey,
  ArticleToStore,
  EventFilter,
  PutOutcome,
  Result,
  Store,
  StoreCounts,
  StoredArticle,
  StoredEvent,
  StoreErrorCode,
  StoreProblem,
} from './store.js';
export { StoreError } from './store.js';
export { openStore } from './open-store.js';
export { openSqliteStore, DEFAULT_SQLITE_PATH } from './open-sqlite-store.js';
export { openPostgresStore, type PostgresStoreOptions } from './open-postgres-store.js';
export type { Database } from './schema.js';
