// Bundles the dashboard (src/interfaces/web) into dist/web: app.js (esbuild, every dependency
// included — no CDN), app.css and index.html. Run by `npm run build`; `demarche serve` serves it.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'src/interfaces/web');
/** Where `demarche serve` looks for the dashboard by default (DEFAULT_ASSETS_DIR). */
export const WEB_OUT = join(ROOT, 'dist/web');

/**
 * Builds the dashboard into a folder.
 *
 * @example
 * await buildWeb('/tmp/web'); // then: demarche serve --assets /tmp/web
 */
export async function buildWeb(outDir: string = WEB_OUT): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(WEB, 'main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  copyFileSync(join(WEB, 'index.html'), join(outDir, 'index.html'));
  copyFileSync(join(WEB, 'style.css'), join(outDir, 'app.css'));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWeb(process.argv[2] ?? WEB_OUT);
  console.log(`dashboard built in ${process.argv[2] ?? WEB_OUT}`);
}
