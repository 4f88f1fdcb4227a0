import type { PloverType } from '../../core/index.js';
import type { EventsLexicon } from './parse-events-lexicon.js';

export interface CameoBridge {
  readonly cameo: string;
  readonly goldstein: number;
  readonly quad: 1 | 2 | 3 | 4;
}

/**
 * CAMEO QuadClass of a code, from its two-digit root: 01-05 → 1, 06-08 → 2, 09-13 → 3, 14-20 → 4.
 *
 * @example
 * quadOfCameo('163'); // 4
 */
export function quadOfCameo(code: string): 1 | 2 | 3 | 4 {
  const root = Number(code.slice(0, 2));
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

/**
 * CAMEO code, Goldstein weight and QuadClass for an event: the trigger's own code when it was
 * coded as the trigger's type, else the type's default code (a negated "recognize" is REJECT 120,
 * not 054). Unlisted codes take their root's weight.
 *
 * @example
 * bridgeToCameo('REJECT', null, lexicon); // { cameo: '120', goldstein: -4, quad: 3 }
 */
export function bridgeToCameo(
  type: PloverType,
  triggerCode: string | null,
  lexicon: EventsLexicon,
): CameoBridge {
  const cameo = triggerCode ?? lexicon.cameoByType.get(type) ?? '010';
  const entry =
    lexicon.cameoCodes.get(cameo) ??
    lexicon.cameoCodes.get(cameo.slice(0, 3)) ??
    lexicon.cameoCodes.get(cameo.slice(0, 2));
  return { cameo, goldstein: entry?.goldstein ?? 0, quad: quadOfCameo(cameo) };
}
