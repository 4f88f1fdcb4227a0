import type { Article, Event, Span } from '../../core/index.js';

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();
const clip = (s: string, n: number): string => {
  const f = flat(s);
  return f.length > n ? `${f.slice(0, n - 1)}…` : f;
};
const inside = (span: Span, outer: Span): boolean => span[0] >= outer[0] && span[1] <= outer[1];
const overlaps = (a: Span, b: Span): boolean => a[0] < b[1] && b[0] < a[1];
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;

function describeEvent(e: Event, n: number): string[] {
  const flags = [
    e.modality !== 'asserted' ? e.modality : '',
    e.mode ? `mode ${e.mode}` : '',
    e.contexts.length > 0 ? `contexts ${e.contexts.join(',')}` : '',
  ].filter(Boolean);
  return [
    `    event #${n}  ${e.source.code} ${e.type} ${e.target.code}  date ${e.date ?? 'unknown'}  CAMEO ${e.cameo} ${signed(e.goldstein)} Q${e.quad}${flags.length ? `  [${flags.join('; ')}]` : ''}`,
    `      trigger “${e.trigger.text}”, source “${clip(e.source.text, 40)}”, target “${clip(e.target.text, 40)}”${e.quote !== null ? `, from quote ${e.quote + 1}` : ''}`,
    `      rule ${e.rule}, confidence ${e.confidence.toFixed(2)}`,
  ];
}

/**
 * The sentence-by-sentence account of how an article was coded: for each sentence its actors,
 * quotes, the events coded from it (trigger, roles, rule, confidence) and the triggers that fired
 * but were not coded, with the reason; sentences that only repeat an earlier fact point to its event.
 *
 * @example
 * process.stdout.write(formatExplanation(pipeline.run(doc)));
 */
export function formatExplanation(article: Article): string {
  const lines: string[] = [];
  const events = article.events;
  lines.push(
    `━━ ${article.id}${article.published ? `  (${article.published})` : ''}: ${article.sentences.length} sentences, ${events.length} events, ${article.quotes.length} quotes`,
  );
  const skipped = article.diagnostics.filter((d) => d.stage === 'events' && d.span !== undefined);
  article.sentences.forEach((sentence, index) => {
    const span = sentence.span;
    lines.push('');
    lines.push(`[${index + 1}] ${clip(article.text.slice(span[0], span[1]), 160)}`);
    const mentions = article.mentions.filter((m) => inside(m.span, span));
    if (mentions.length > 0) {
      const shown = mentions.map((m) => {
        const who = m.actor ?? 'unresolved';
        return `${flat(m.text)}=${who}${m.sector ? `/${m.sector}` : ''} (${m.kind})`;
      });
      lines.push(`    actors: ${shown.join(', ')}`);
    }
    article.quotes.forEach((q, qi) => {
      if (!overlaps(q.span, span)) return;
      const who = q.speaker
        ? `${q.speaker.name}${q.speaker.actor ? ` (${q.speaker.actor})` : ''}`
        : 'no speaker found';
      lines.push(
        `    quote ${qi + 1} (${q.kind}${q.cue ? `, cue “${q.cue}”` : ''}): “${clip(q.text, 70)}” — ${who}`,
      );
    });
    let any = mentions.length > 0;
    events.forEach((e, ei) => {
      if (e.evidence.span[0] === span[0] && e.evidence.span[1] === span[1]) {
        lines.push(...describeEvent(e, ei + 1));
        any = true;
      } else if (e.mentions?.some((m) => m[0] === span[0] && m[1] === span[1])) {
        lines.push(
          `    event #${ei + 1} again (${e.source.code} ${e.type} ${e.target.code}): merged as one fact`,
        );
        any = true;
      }
    });
    for (const d of skipped) {
      if (!inside(d.span!, span)) continue;
      lines.push(`    ${d.message}`);
      any = true;
    }
    if (!any) lines.push('    no actor and no trigger');
  });
  lines.push('');
  return lines.join('\n') + '\n';
}
