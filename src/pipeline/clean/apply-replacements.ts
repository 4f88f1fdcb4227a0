import { OffsetMap, OffsetMapBuilder } from '../../core/index.js';
import type { EditKind } from '../../core/index.js';

/** One change a clean step wants: `text` in place of input[start, end), and why. */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: EditKind;
  readonly confidence?: 'low';
}

/** A clean step's result: the changes it wants, plus metadata it found. */
export interface StepResult {
  readonly replacements: readonly Replacement[];
  readonly credits?: readonly string[];
  readonly published?: string;
}

/**
 * Applies sorted, non-overlapping replacements to `input` in one left-to-right pass.
 *
 * @example
 * applyReplacements('a  b', [{ start: 1, end: 3, text: ' ', kind: 'normalise-whitespace' }]).text // 'a b'
 */
export function applyReplacements(
  input: string,
  replacements: readonly Replacement[],
): { text: string; map: OffsetMap } {
  if (replacements.length === 0) return { text: input, map: OffsetMap.identity(input.length) };
  const b = new OffsetMapBuilder(input);
  let pos = 0;
  for (const r of replacements) {
    if (r.start < pos) throw new RangeError(`overlapping replacement at ${r.start} (${r.kind})`);
    b.copy(pos, r.start);
    b.replace(r.start, r.end, r.text);
    pos = r.end;
  }
  b.copy(pos, input.length);
  return b.finish();
}
