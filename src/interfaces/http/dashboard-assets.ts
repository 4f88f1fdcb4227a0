import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built dashboard: file name → contents and media type, held in memory. */
export type DashboardAssets = ReadonlyMap<string, { readonly body: Uint8Array; readonly type: string }>;

/** Where `npm run build` writes the dashboard (dist/web, from src/ and dist/ alike). */
export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Reads the built dashboard files of a folder (flat: index.html, app.js, app.css), or null when
 * the folder has no index.html (the dashboard was not built).
 *
 * @example
 * const assets = loadDashboardAssets(DEFAULT_ASSETS_DIR); // null before `npm run build`
 */
export function loadDashboardAssets(dir: string = DEFAULT_ASSETS_DIR): DashboardAssets | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = new Map<string, { body: Uint8Array; type: string }>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const type = TYPES[extname(name)];
    if (type === undefined || !statSync(path).isFile()) continue;
    files.set(name, { body: readFileSync(path), type });
  }
  return files;
}
