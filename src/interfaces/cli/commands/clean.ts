import type { Edit } from '../../../core/index.js';
import type { RegisterCommand } from '../context.js';

/** Characters of raw text shown on each side of an edit. */
const CONTEXT = 30;

function visible(s: string): string {
  return s.replace(/\n/g, '⏎').replace(/\t/g, '⇥');
}

/**
 * One line per edit: kind, raw span, and the raw text around it with the change in brackets.
 *
 * @example
 * formatEdit('saidthe UN', { kind: 'split-glued-word', raw: [0, 7], before: 'saidthe', after: 'said the' })
 * // '  split-glued-word [0, 7)  [saidthe → said the] UN'
 */
export function formatEdit(raw: string, edit: Edit): string {
  const [s, e] = edit.raw;
  const left = raw.slice(Math.max(0, s - CONTEXT), s);
  const right = raw.slice(e, e + CONTEXT);
  const before =
    edit.before.length > 120 ? `${edit.before.slice(0, 100)}…(${edit.before.length} chars)` : edit.before;
  const change =
    edit.after === '' ? `[-${visible(before)}-]` : `[${visible(before)} → ${visible(edit.after)}]`;
  const low = edit.confidence === 'low' ? ' (low confidence)' : '';
  return `  ${edit.kind}${low} [${s}, ${e})  ${s > CONTEXT ? '…' : ''}${visible(left)}${change}${visible(right)}${e + CONTEXT < raw.length ? '…' : ''}`;
}

/**
 * `demarche clean [FILE...]`: print the cleaned text, with `--diff` every edit in context, or with
 * `--json` one object per input (text, credits, edits and the page's metadata).
 */
export const registerClean: RegisterCommand = (program, { io, fail }) => {
  program
    .command('clean')
    .description(
      'print the cleaned text of articles (.txt, .html, .json, .jsonl, each also .gz; folders; - for stdin)',
    )
    .argument('[files...]', 'input files or folders', ['-'])
    .option('--diff', 'list each edit with its raw span, in context, instead of the text')
    .option('--json', 'print one JSON object per input: id, title, url, published, text, credits, edits')
    .action(async (files: string[], opts: { diff?: boolean; json?: boolean }) => {
      if (opts.diff && opts.json) {
        io.err('demarche: clean: --diff and --json cannot be used together\n');
        fail(2);
        return;
      }
      // loaded when the command runs, as every command's heavy modules are (`demarche --help` loads none)
      const [{ readInputs }, { loadLexicons }, { createCleaner, parseCleanLexicon }] = await Promise.all([
        import('../../../ingest/index.js'),
        import('../../../lexicons/index.js'),
        import('../../../pipeline/clean/index.js'),
      ]);
      const dataDir = program.opts<{ data?: string }>().data;
      const clean = createCleaner(
        parseCleanLexicon((dataDir ? loadLexicons(dataDir) : loadLexicons()).clean ?? {}),
      );
      let first = true;
      for await (const rec of readInputs(files, io.stdin ? { stdin: io.stdin } : {})) {
        if (!rec.ok) {
          io.err(`demarche: ${rec.origin}: ${rec.error}\n`);
          fail(1);
          continue;
        }
        const result = clean(rec.doc.raw, rec.doc.credits);
        const { credits } = result;
        if (opts.diff) {
          io.out(`${rec.doc.id}: ${result.edits.length} edit${result.edits.length === 1 ? '' : 's'}`);
          io.out(credits.length > 0 ? `, credits: ${credits.join(', ')}\n` : '\n');
          for (const edit of result.edits) io.out(formatEdit(rec.doc.raw, edit) + '\n');
        } else if (opts.json) {
          const { id, title, url } = rec.doc;
          const published = rec.doc.published ?? result.published;
          const record = { id, title, url, published, text: result.text, credits, edits: result.edits };
          io.out(JSON.stringify(record) + '\n');
        } else {
          if (!first) io.out('\n');
          io.out(result.text.endsWith('\n') ? result.text : result.text + '\n');
        }
        first = false;
        await io.drain?.();
      }
    });
};
