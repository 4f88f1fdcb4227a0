import type { OutputRecord } from '../../core/index.js';
import type { EvalReport } from '../../eval/index.js';

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
const clip = (s: string, n: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/**
 * The readable report of one analysed article: events, quotes, people, cleaning.
 *
 * @example
 * process.stdout.write(formatArticleReport(toOutputRecord(article)));
 */
export function formatArticleReport(r: OutputRecord): string {
  const lines: string[] = [];
  lines.push(
    `━━ ${r.id}${r.published ? `  (${r.published})` : ''}${r.title ? `  ${clip(r.title, 90)}` : ''}`,
  );
  lines.push('');
  lines.push(`Events (${r.events.length})`);
  for (const e of r.events) {
    const flags = [
      e.negated ? 'negated' : '',
      e.modality !== 'asserted' ? e.modality : '',
      e.mode ? `mode=${e.mode}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    lines.push(
      `  ${e.source.code.padEnd(6)} ${e.type.padEnd(9)} ${e.target.code.padEnd(6)} ${e.date ?? '—'.padEnd(10)}  CAMEO ${e.cameo.padEnd(4)} ${e.goldstein >= 0 ? '+' : ''}${e.goldstein.toFixed(1)}  Q${e.quad}${flags ? `  [${flags}]` : ''}`,
    );
    lines.push(`         “${e.trigger.text}” in: ${clip(e.evidence.sentence, 110)}`);
  }
  lines.push('');
  lines.push(`Quotes (${r.quotes.length})`);
  for (const q of r.quotes) {
    const who = q.speaker
      ? `${q.speaker.name}${q.speaker.actor ? ` (${q.speaker.actor})` : ''}`
      : '(unattributed)';
    lines.push(`  ${who.padEnd(28)} ${q.kind.padEnd(8)} ${q.cue ?? ''}`.trimEnd());
    lines.push(`      “${clip(q.text, 110)}”`);
  }
  lines.push('');
  lines.push(`People (${r.people.length})`);
  for (const p of r.people) {
    const about = [p.actor, p.role].filter(Boolean).join(', ');
    lines.push(`  ${p.name}${about ? ` — ${about}` : ''}  ×${p.mentions.length}`);
  }
  lines.push('');
  lines.push(`Actors: ${r.actors.map((a) => `${a.code} ×${a.mentions.length}`).join(', ') || '—'}`);
  const kinds = new Map<string, number>();
  for (const e of r.edits) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  lines.push(
    `Cleaning: ${r.edits.length} edits${kinds.size ? ` (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}${r.credits.length ? `; credits: ${r.credits.join(', ')}` : ''}`,
  );
  for (const d of r.diagnostics) lines.push(`  ${d.severity}: [${d.stage}/${d.code}] ${d.message}`);
  lines.push('');
  return lines.join('\n') + '\n';
}

/**
 * The evaluation summary: P/R/F1 per layer, per-type counts and, when verbose,
 * each missed and spurious item per article.
 *
 * @example
 * process.stdout.write(formatEvalReport(await evaluateDir(dir, pipeline), { verbose: true }));
 */
export function formatEvalReport(r: EvalReport, options: { verbose: boolean }): string {
  const lines: string[] = [];
  if (options.verbose) {
    for (const a of r.articles) {
      const items: string[] = [];
      for (const g of a.missedEvents) {
        items.push(
          `  missed   event ${g.source} ${g.type}${g.alt.length ? `(${g.alt.join('|')})` : ''} ${g.target}  « ${clip(g.evidence, 90)} »`,
        );
      }
      for (const s of a.spuriousEvents) {
        items.push(
          `  spurious event ${s.source} ${s.type} ${s.target}  “${s.trigger}” in: ${clip(s.sentence, 90)}`,
        );
      }
      for (const q of a.missedQuotes) items.push(`  missed   quote ${q.speaker}: “${clip(q.text, 80)}”`);
      for (const q of a.spuriousQuotes)
        items.push(`  spurious quote ${q.speaker ?? '(none)'}: “${clip(q.text, 80)}”`);
      for (const p of a.missedPeople) items.push(`  missed   person ${p}`);
      for (const p of a.spuriousPeople) items.push(`  spurious person ${p}`);
      if (items.length > 0) lines.push(`${a.id}`, ...items);
    }
    lines.push('');
  }
  lines.push(`Evaluated ${r.files} gold files in ${r.dir}`);
  lines.push('              P      R     F1     tp   fp   fn');
  for (const [name, c] of [
    ['events', r.events],
    ['quotes', r.quotes],
    ['people', r.people],
  ] as const) {
    lines.push(
      `  ${name.padEnd(8)} ${pct(c.precision)}  ${pct(c.recall)}  ${pct(c.f1)}  ${String(c.tp).padStart(5)}${String(c.fp).padStart(5)}${String(c.fn).padStart(5)}`,
    );
  }
  lines.push('');
  lines.push('  event type   gold  system  matched');
  for (const [type, c] of Object.entries(r.byType)) {
    if (c.gold === 0 && c.system === 0) continue;
    lines.push(
      `  ${type.padEnd(10)} ${String(c.gold).padStart(6)} ${String(c.system).padStart(7)} ${String(c.matched).padStart(8)}`,
    );
  }
  for (const e of r.errors) lines.push(`error: ${e}`);
  return lines.join('\n') + '\n';
}
