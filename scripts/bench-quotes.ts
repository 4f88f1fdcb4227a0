/**
 * `npm run bench:quotes` — scores quote attribution on the PolNeAR dev split.
 *
 * Data (read at run time, never copied into the repository):
 *   ../shared/eval/peers/polnear/dev/text/<name>.txt          article text
 *   ../shared/eval/peers/polnear/dev/attributions/<name>_<annotator>.ann   brat standoff
 * (override the folder with the first argument: `npm run bench:quotes -- DIR`).
 *
 * Gold: every brat relation `E… Attribution(-no-source):T Content:T [Cue:T] [Source:T]` is one
 * attribution; its content and source are the character spans of those T lines (discontinuous spans
 * `a b;c d` are kept as several pieces). A text annotated by several annotators is scored once, against
 * the annotation file whose annotator id sorts first.
 *
 * Predicted: every quote of the pipeline (direct, mixed and indirect — PolNeAR counts reported speech
 * without marks too), its content span and speaker span mapped back to the raw text. Quotes resolved at
 * the same speaker words with the same cue word (“Q1,” she said, “Q2”; a mixed quote inside its indirect clause) form
 * one attribution with discontinuous content, as PolNeAR annotates them (`groupQuotes`), when each part
 * starts within MAX_GAP characters of the previous one.
 *
 * Matching: a predicted attribution matches a gold one when its content covers ≥ 30% of the gold
 * content characters. Pairs are chosen one-to-one, greedily by descending coverage. P = matched /
 * predicted, R = matched / gold, F1 their harmonic mean.
 *
 * Speaker accuracy, on matched pairs whose gold attribution has a Source: the speaker is right when
 * (a) the predicted speaker span (the words that name the speaker at the cue: a name, "he", "the
 * spokesman") overlaps the gold source span, or (b) the last word of the predicted speaker name occurs
 * as a word of the gold source text (case- and accent-insensitive; "Donald Trump" ~ "Trump" ~ "Mr.
 * Trump"). An unresolved (null) speaker is wrong. Matched pairs without a gold source are left out.
 *
 * @example
 * npx tsx scripts/bench-quotes.ts            # prints P/R/F1 and speaker accuracy
 * npx tsx scripts/bench-quotes.ts --verbose  # also lists missed (with the gold source and <cue>), spurious and wrong-speaker attributions
 * npx tsx scripts/bench-quotes.ts --misses   # lists only the missed gold attributions
 * npx tsx scripts/bench-quotes.ts --fp       # lists only the spurious (false-positive) predictions
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Span } from '../src/core/index.js';
import { loadLexicons } from '../src/lexicons/index.js';
import { createDefaultPipeline } from '../src/pipeline/index.js';

/** Minimum share of the gold content characters a prediction must cover to match. */
export const MIN_OVERLAP = 0.3;
/** Quotes of one cue further apart than this (characters) are separate attributions (a floating quote). */
export const MAX_GAP = 200;

/** One gold attribution from a brat file. */
export interface GoldAttribution {
  readonly content: readonly Span[];
  readonly source: readonly Span[] | null;
  readonly sourceText: string | null;
  /** The cue words (brat Cue argument), for the verbose listing. */
  readonly cueText?: string | null;
}

/** One predicted attribution, spans in the raw text. */
export interface PredictedAttribution {
  readonly content: readonly Span[];
  readonly speakerSpan: Span | null;
  readonly speakerName: string | null;
  readonly kind: string;
}

/**
 * Parses a brat `.ann` file into attributions (relations with a Content argument).
 *
 * @example
 * parseBrat('T1\tSource 0 3\tHe\nT2\tContent 9 20\tit is fine\nE1\tAttribution:T3 Content:T2 Source:T1\n');
 */
export function parseBrat(ann: string): GoldAttribution[] {
  const spans = new Map<string, { spans: Span[]; text: string }>();
  const relations: Map<string, string>[] = [];
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    const id = cols[0] ?? '';
    if (id.startsWith('T') && cols.length >= 2) {
      const head = cols[1]!;
      const space = head.indexOf(' ');
      const pieces = head
        .slice(space + 1)
        .split(';')
        .map((p) => p.trim().split(/\s+/).map(Number))
        .filter((p) => p.length === 2 && p.every(Number.isFinite))
        .map((p) => [p[0]!, p[1]!] as const);
      spans.set(id, { spans: pieces, text: cols[2] ?? '' });
    } else if (id.startsWith('E') && cols.length >= 2) {
      const args = new Map<string, string>();
      for (const arg of cols[1]!.trim().split(/\s+/)) {
        const colon = arg.lastIndexOf(':');
        if (colon > 0) args.set(arg.slice(0, colon), arg.slice(colon + 1));
      }
      relations.push(args);
    }
  }
  const out: GoldAttribution[] = [];
  for (const args of relations) {
    const content = spans.get(args.get('Content') ?? '');
    if (content === undefined || content.spans.length === 0) continue;
    const sourceId = args.get('Source');
    const source = sourceId === undefined ? undefined : spans.get(sourceId);
    const cueId = args.get('Cue');
    const cue = cueId === undefined ? undefined : spans.get(cueId);
    out.push({
      content: content.spans,
      source: source === undefined ? null : source.spans,
      sourceText: source === undefined ? null : source.text,
      cueText: cue === undefined ? null : cue.text,
    });
  }
  return out;
}

const length = (spans: readonly Span[]): number => spans.reduce((n, [s, e]) => n + Math.max(0, e - s), 0);

/**
 * Characters of `gold` covered by `span`.
 *
 * @example
 * covered([0, 10], [[5, 20]]); // 5
 */
export function covered(span: Span, gold: readonly Span[]): number {
  let n = 0;
  for (const [s, e] of gold) n += Math.max(0, Math.min(e, span[1]) - Math.max(s, span[0]));
  return n;
}

/**
 * Characters of `gold` covered by any of `spans` (which do not overlap each other).
 *
 * @example
 * coveredBy([[0, 10], [20, 30]], [[5, 25]]); // 10
 */
export function coveredBy(spans: readonly Span[], gold: readonly Span[]): number {
  return spans.reduce((n, span) => n + covered(span, gold), 0);
}

/**
 * Groups the pipeline's quotes into attributions: quotes resolved at the same speaker words with the same cue (one cue,
 * as in “Q1,” she said, “Q2”, or a mixed quote inside the clause it belongs to) form one attribution
 * with discontinuous content, as PolNeAR annotates them. Quotes without a speaker span stand alone.
 *
 * @example
 * groupQuotes([{ span: [1, 9], speaker: { span: [12, 15] } }, { span: [20, 30], speaker: { span: [12, 15] } }]);
 * // one attribution with content [[1, 9], [20, 30]]
 */
export function groupQuotes(
  quotes: readonly {
    span: Span;
    kind: string;
    cue: string | null;
    speaker: { name: string; span: Span | null } | null;
  }[],
): { content: Span[]; speakerSpan: Span | null; speakerName: string | null; kind: string }[] {
  const out: { content: Span[]; speakerSpan: Span | null; speakerName: string | null; kind: string }[] = [];
  const bySpeaker = new Map<string, number>();
  for (const q of quotes) {
    const key = q.speaker?.span ? `${q.speaker.span[0]}:${q.speaker.span[1]}:${q.cue ?? ''}` : null;
    const at = key === null ? undefined : bySpeaker.get(key);
    const last = at === undefined ? undefined : out[at]!.content.at(-1);
    if (at !== undefined && last !== undefined && q.span[0] - last[1] <= MAX_GAP) {
      const group = out[at]!;
      // a quote nested inside content already there adds nothing
      if (!group.content.some(([s, e]) => s <= q.span[0] && q.span[1] <= e)) {
        group.content = group.content.filter(([s, e]) => !(q.span[0] <= s && e <= q.span[1]));
        group.content.push(q.span);
      }
      continue;
    }
    out.push({
      content: [q.span],
      speakerSpan: q.speaker?.span ?? null,
      speakerName: q.speaker?.name ?? null,
      kind: q.kind,
    });
    if (key !== null) bySpeaker.set(key, out.length - 1);
  }
  return out;
}

const norm = (s: string): string[] =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

/**
 * Whether a predicted speaker counts as right for a gold source (see the file header).
 *
 * @example
 * speakerRight({ content: [0, 5], speakerSpan: null, speakerName: 'Donald Trump', kind: 'direct' }, gold);
 */
export function speakerRight(pred: PredictedAttribution, gold: GoldAttribution): boolean {
  if (gold.source === null) return false;
  if (pred.speakerSpan !== null && covered(pred.speakerSpan, gold.source) > 0) return true;
  if (pred.speakerName === null || gold.sourceText === null) return false;
  const last = norm(pred.speakerName).pop();
  return last !== undefined && norm(gold.sourceText).includes(last);
}

/** Scores of one run. */
export interface BenchScore {
  gold: number;
  predicted: number;
  matched: number;
  speakerScored: number;
  speakerRight: number;
}

/**
 * Matches predictions to gold one-to-one (greedy by coverage) and counts.
 *
 * @example
 * const pairs = matchAttributions(gold, predicted); // [[goldIndex, predictedIndex], …]
 */
export function matchAttributions(
  gold: readonly GoldAttribution[],
  predicted: readonly PredictedAttribution[],
): [number, number][] {
  const options: [number, number, number][] = [];
  gold.forEach((g, gi) => {
    const total = length(g.content);
    if (total === 0) return;
    predicted.forEach((p, pi) => {
      const share = coveredBy(p.content, g.content) / total;
      if (share >= MIN_OVERLAP) options.push([share, gi, pi]);
    });
  });
  options.sort((a, b) => b[0] - a[0]);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [, gi, pi] of options) {
    if (usedG.has(gi) || usedP.has(pi)) continue;
    usedG.add(gi);
    usedP.add(pi);
    pairs.push([gi, pi]);
  }
  return pairs;
}

function main(argv: readonly string[]): void {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const listMisses = verbose || argv.includes('--misses');
  const listSpurious = verbose || argv.includes('--fp');
  const dirArg = argv.find((a) => !a.startsWith('-'));
  const dir = resolve(
    dirArg ?? join(import.meta.dirname, '..', '..', 'shared', 'eval', 'peers', 'polnear', 'dev'),
  );
  const annDir = join(dir, 'attributions');
  const textDir = join(dir, 'text');
  if (!existsSync(annDir) || !existsSync(textDir)) {
    process.stderr.write(`bench-quotes: no PolNeAR data under ${dir} (attributions/, text/)\n`);
    process.exit(2);
  }
  const chosen = new Map<string, string>();
  for (const file of readdirSync(annDir)
    .filter((f) => f.endsWith('.ann'))
    .sort()) {
    const name = file.replace(/_[^_]+\.ann$/, '');
    if (!chosen.has(name) && existsSync(join(textDir, `${name}.txt`))) chosen.set(name, file);
  }
  const pipeline = createDefaultPipeline(loadLexicons());
  const score: BenchScore = { gold: 0, predicted: 0, matched: 0, speakerScored: 0, speakerRight: 0 };
  const byKind = new Map<string, { predicted: number; matched: number }>();
  for (const [name, file] of chosen) {
    const raw = readFileSync(join(textDir, `${name}.txt`), 'utf8');
    const gold = parseBrat(readFileSync(join(annDir, file), 'utf8'));
    const article = pipeline.run({ id: name, raw, mediaType: 'text/plain' });
    const predicted: PredictedAttribution[] = groupQuotes(article.quotes).map((a) => ({
      content: a.content.map((span) => article.offsets.toRawSpan(span)),
      speakerSpan: a.speakerSpan === null ? null : article.offsets.toRawSpan(a.speakerSpan),
      speakerName: a.speakerName,
      kind: a.kind,
    }));
    const pairs = matchAttributions(gold, predicted);
    score.gold += gold.length;
    score.predicted += predicted.length;
    score.matched += pairs.length;
    for (const p of predicted) {
      const k = byKind.get(p.kind) ?? { predicted: 0, matched: 0 };
      k.predicted++;
      byKind.set(p.kind, k);
    }
    for (const [gi, pi] of pairs) {
      byKind.get(predicted[pi]!.kind)!.matched++;
      const g = gold[gi]!;
      if (g.source === null) continue;
      score.speakerScored++;
      const right = speakerRight(predicted[pi]!, g);
      if (right) score.speakerRight++;
      else if (verbose) {
        const text = raw.slice(g.content[0]![0], g.content[0]![1]).slice(0, 90).replace(/\s+/g, ' ');
        console.log(
          `${name}  WRONG SPEAKER  gold=${g.sourceText}  got=${predicted[pi]!.speakerName}  | ${text}`,
        );
      }
    }
    if (listMisses || listSpurious) {
      const mg = new Set(pairs.map((p) => p[0]));
      const mp = new Set(pairs.map((p) => p[1]));
      gold.forEach((g, gi) => {
        if (!listMisses || mg.has(gi)) return;
        const text = g.content.map(([s, e]) => raw.slice(s, e)).join(' … ');
        console.log(
          `${name}  MISSED  [${g.sourceText ?? '-'}] <${g.cueText ?? '-'}> ${text.slice(0, 140).replace(/\s+/g, ' ')}`,
        );
      });
      predicted.forEach((p, pi) => {
        if (!listSpurious || mp.has(pi)) return;
        const text = p.content.map(([s, e]) => raw.slice(s, e)).join(' … ');
        console.log(
          `${name}  SPURIOUS ${p.kind} [${p.speakerName ?? '-'}] ${text.slice(0, 140).replace(/\s+/g, ' ')}`,
        );
      });
    }
  }
  const p = score.predicted === 0 ? 0 : score.matched / score.predicted;
  const r = score.gold === 0 ? 0 : score.matched / score.gold;
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  const acc = score.speakerScored === 0 ? 0 : score.speakerRight / score.speakerScored;
  const f = (x: number) => x.toFixed(3);
  console.log(`PolNeAR dev (${chosen.size} texts), content overlap >= ${MIN_OVERLAP * 100}% of gold`);
  console.log(`gold ${score.gold}  predicted ${score.predicted}  matched ${score.matched}`);
  console.log(`attribution  P ${f(p)}  R ${f(r)}  F1 ${f(f1)}`);
  console.log(`speaker right on matched: ${f(acc)} (${score.speakerRight}/${score.speakerScored})`);
  for (const [kind, k] of byKind) console.log(`  ${kind}: predicted ${k.predicted}, matched ${k.matched}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench-quotes.ts')) {
  main(process.argv.slice(2));
}
