/**
 * Scores demarche's HTML extraction on the ScrapingHub article-extraction benchmark
 * (../shared/eval/peers/article-extraction-benchmark, read at run time), with the benchmark's own
 * measure: per page, TP/FP/FN over 4-gram token shingles (multisets, tokens = runs of \w),
 * normalised by their sum; precision and recall are averaged over pages, F1 is their harmonic mean.
 * The outputs of Readability.js and trafilatura in `output/` are scored by the same code.
 *
 * Usage: npm run bench:extract [-- DIR]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/ingest/index.js';
import { loadLexicons } from '../src/lexicons/index.js';
import { createCleaner, parseCleanLexicon } from '../src/pipeline/clean/index.js';

type Triple = readonly [number, number, number];

const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    if (key === '') continue;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** The benchmark's string_shingle_matching: normalised TP, FP, FN. */
export function shingleMatching(truth: string, pred: string): Triple {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function metrics(triples: readonly Triple[]): { precision: number; recall: number; f1: number } {
  const precision = mean(
    triples
      .filter(([tp, fp]) => tp + fp > 0)
      .map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fp))),
  );
  const recall = mean(
    triples
      .filter(([tp, , fn]) => tp + fn > 0)
      .map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fn))),
  );
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

function line(name: string, m: { precision: number; recall: number; f1: number }, extra = ''): string {
  return `${name.padEnd(28)} precision=${m.precision.toFixed(3)}  recall=${m.recall.toFixed(3)}  F1=${m.f1.toFixed(3)}${extra}`;
}

const dir =
  process.argv[2] ?? join(import.meta.dirname, '../../shared/eval/peers/article-extraction-benchmark');
const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
  string,
  { articleBody?: string }
>;
const keys = Object.keys(truth);
const verbose = process.argv.includes('--verbose');

const clean = createCleaner(parseCleanLexicon(loadLexicons().clean ?? {}));
const extracted: Triple[] = [];
const cleaned: Triple[] = [];
let bytes = 0;
let ms = 0;
const worst: [number, string][] = [];
for (const key of keys) {
  const html = gunzipSync(readFileSync(join(dir, 'html', `${key}.html.gz`))).toString('utf8');
  bytes += html.length;
  const t0 = performance.now();
  const article = extractArticle(html);
  const text = clean(article.text).text;
  ms += performance.now() - t0;
  const gold = truth[key]!.articleBody ?? '';
  extracted.push(shingleMatching(gold, article.text));
  const c = shingleMatching(gold, text);
  cleaned.push(c);
  worst.push([c[0], key]);
}
console.log(`article-extraction-benchmark: ${keys.length} pages (${(bytes / 1e6).toFixed(1)} MB of HTML)`);
console.log(
  line('demarche (extract + clean)', metrics(cleaned), `  ${((1000 * keys.length) / ms).toFixed(0)} pages/s`),
);
console.log(line('demarche (extract only)', metrics(extracted)));
for (const file of readdirSync(join(dir, 'output'))
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const data = JSON.parse(readFileSync(join(dir, 'output', file), 'utf8')) as {
    output?: Record<string, { articleBody?: string }>;
  };
  const out = data.output ?? (data as Record<string, { articleBody?: string }>);
  const triples = keys.map((k) => shingleMatching(truth[k]!.articleBody ?? '', out[k]?.articleBody ?? ''));
  console.log(line(file.replace(/\.json$/, ''), metrics(triples)));
}
if (verbose) {
  worst.sort((a, b) => a[0] - b[0]);
  for (const [tp, key] of worst.slice(0, 25)) console.log(`${tp.toFixed(3)} ${key}`);
}
