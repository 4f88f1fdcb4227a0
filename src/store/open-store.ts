import { openPostgresStore } from './open-postgres-store.js';
import { DEFAULT_SQLITE_PATH, openSqliteStore } from './open-sqlite-store.js';
import type { Store } from './store.js';

/**
 * Opens the store a `--db` value names: a `postgres://` (or `postgresql://`) URL, else a
 * SQLite file path (`sqlite:` prefix optional, `:memory:` for a throw-away database).
 *
 * @example
 * const store = await openStore(process.env['DEMARCHE_DB']); // ./demarche.db when unset
 */
export async function openStore(target: string | undefined): Promise<Store> {
  const t = target === undefined || target.trim() === '' ? DEFAULT_SQLITE_PATH : target.trim();
  if (/^postgres(ql)?:\/\//i.test(t)) return openPostgresStore({ url: t });
  return openSqliteStore({ path: t.replace(/^sqlite:(\/\/)?/i, '') });
}
