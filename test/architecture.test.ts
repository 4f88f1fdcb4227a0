import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Layer of a source file: the first folder under src/ (main.ts is the composition root). */
function layerOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes(sep) ? rel.split(sep)[0]! : 'main';
}

/** Which layers each layer may import (ARCHITECTURE.md dependency direction). */
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  pipeline: ['core', 'pipeline'],
  ingest: ['core', 'ingest'],
  lexicons: ['core', 'pipeline', 'lexicons'],
  eval: ['core', 'pipeline', 'eval'],
  store: ['core', 'pipeline', 'store'],
  pool: ['core', 'pipeline', 'lexicons', 'pool'],
  queue: ['core', 'pipeline', 'ingest', 'store', 'pool', 'queue'],
  interfaces: ['core', 'pipeline', 'ingest', 'lexicons', 'eval', 'store', 'pool', 'queue', 'interfaces'],
  main: ['interfaces', 'core', 'lexicons', 'store', 'queue'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) {
    out.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  }
  return out;
}

describe('architecture', () => {
  const files = sourceFiles(SRC);
  const graph = new Map(files.map((f) => [f, relativeImports(f)]));

  it('imports only point inward (core ← pipeline ← adapters ← interfaces ← main)', () => {
    const violations: string[] = [];
    for (const [file, imports] of graph) {
      const from = layerOf(file);
      for (const target of imports) {
        const to = layerOf(target);
        if (!(ALLOWED[from] ?? []).includes(to)) {
          violations.push(`${relative(SRC, file)} imports ${relative(SRC, target)} (${from} → ${to})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('other layers enter a layer through its index.ts', () => {
    const violations: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const from = layerOf(file);
        const to = layerOf(target);
        if (from !== to && !target.endsWith(`${sep}index.ts`)) {
          violations.push(`${relative(SRC, file)} reaches into ${relative(SRC, target)}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
