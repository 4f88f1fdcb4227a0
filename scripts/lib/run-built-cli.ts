import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = `${ROOT}dist/main.js`;
const PEAK = fileURLToPath(new URL('./peak-rss.cjs', import.meta.url));

export interface CliRun {
  readonly seconds: number;
  /** Peak resident memory of the whole process (its threads included), in MB. */
  readonly peakMb: number;
  readonly stdout: string;
}

/**
 * The environment in which dist/main.js, started through its first line as users start it, reports
 * the process's peak RSS at exit.
 */
export function builtCliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --require ${PEAK}`.trim() };
}

export { MAIN as BUILT_CLI };

/**
 * Runs the built `demarche` CLI (dist/main.js, as users run it: compiled, in its own process, started by
 * its first line) and
 * measures its wall time and peak RSS. Output to standard output is counted, not kept, unless
 * `keep` is set.
 */
export function runBuiltCli(args: readonly string[], keep = false): Promise<CliRun> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  const started = performance.now();
  const child = spawn(MAIN, args, { cwd: ROOT, env: builtCliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    if (keep) stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const peak = /peak-rss-kb (\d+)/.exec(stderr);
      if (code !== 0 || peak === null)
        reject(new Error(`demarche ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`));
      else resolve({ seconds, peakMb: Number(peak[1]) / 1024, stdout });
    });
  });
}
