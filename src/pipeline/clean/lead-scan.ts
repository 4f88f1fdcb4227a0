import type { Replacement } from './apply-replacements.js';

/**
 * The code units a character step's changes can start at, as a bit set over U+0000–U+FFFF: a text
 * holding none of them has nothing for the step to change, which one scan by code tells.
 *
 * @example
 * const leads = new LeadSet();
 * leads.add(0x26); // '&'
 * leads.foundIn('a &amp; b') // true
 */
export class LeadSet {
  readonly #bits = new Uint8Array(0x10000 >>> 3);

  add(code: number): void {
    this.#bits[code >>> 3] = this.#bits[code >>> 3]! | (1 << (code & 7));
  }

  has(code: number): boolean {
    return (this.#bits[code >>> 3]! & (1 << (code & 7))) !== 0;
  }

  /** Whether `text` holds any of the code units. */
  foundIn(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.has(text.charCodeAt(i))) return true;
    return false;
  }
}

/** A step whose every change starts at one of a few code units ("&", "Ã", a Cyrillic letter…). */
export interface CharacterStep {
  /**
   * The changes the step makes to `text`. `mayChange` is whether `text` holds one of `leads`;
   * a caller that already scanned for them passes the answer, and the step does not scan again.
   */
  (text: string, mayChange?: boolean): Replacement[];
  readonly leads: LeadSet;
}

/**
 * The lead sets of several character steps in one table of a bit per step: one scan of a text
 * tells which of the steps it needs, where a scan per step would read it once each.
 *
 * @example
 * const scan = new LeadScan([mojibake.leads, normalise.leads]);
 * scan.stepsFor('Itâ€™s') // 0b01: only the first step has work
 */
export class LeadScan {
  readonly #table = new Uint8Array(0x10000);
  readonly #all: number;

  constructor(sets: readonly LeadSet[]) {
    if (sets.length > 8) throw new RangeError('a lead scan holds at most 8 steps');
    this.#all = (1 << sets.length) - 1;
    for (let code = 0; code < 0x10000; code++) {
      let bits = 0;
      sets.forEach((set, k) => {
        if (set.has(code)) bits |= 1 << k;
      });
      this.#table[code] = bits;
    }
  }

  /** Bit k is set when `text` holds a lead of step k. */
  stepsFor(text: string): number {
    const table = this.#table;
    let found = 0;
    for (let i = 0; i < text.length; i++) {
      const bits = table[text.charCodeAt(i)]!;
      if (bits === 0) continue;
      found |= bits;
      if (found === this.#all) break; // every step has work: nothing more to learn
    }
    return found;
  }
}
