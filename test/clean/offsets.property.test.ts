import { describe, expect, it } from 'vitest';
import { prng } from '../support/prng.js';
import { clean } from './helpers.js';

const WORDS = [
  'river',
  'council',
  'minister',
  'talks',
  'border',
  'treaty',
  'harbour',
  'delegation',
  'vote',
  'summit',
  'Norway',
  'Lisbon',
  'Oslo',
  'Kenya',
  'Quito',
  'Andersen',
  'the',
  'of',
  'and',
  'at',
  'said',
  'agreed',
];
const DAMAGE: readonly ((w: string, r: () => number) => string)[] = [
  (w) => `${w}\u00a0`,
  (w) => `${w}  `,
  (w) => `${w}\u200b`,
  (w) => `${w[0]}${w}`, // doubled first letter
  (w, r) => `${w}${['at', 'the', 'what'][Math.floor(r() * 3)]}`, // glued function word
  (w) => `“${w}”`,
  (w) => `${w}&amp;`,
  (w) => `${w}.\n`,
  (w) => `${w}\r\n\r\n`,
  (w) => `${w}\t`,
  (w) => `${w}”`,
];

function article(r: () => number): string {
  const parts: string[] = [];
  const n = 20 + Math.floor(r() * 200);
  for (let i = 0; i < n; i++) {
    let w = WORDS[Math.floor(r() * WORDS.length)]!;
    if (r() < 0.2) w = DAMAGE[Math.floor(r() * DAMAGE.length)]!(w, r);
    parts.push(w);
    parts.push(r() < 0.1 ? '\n\n' : r() < 0.05 ? '. ' : ' ');
  }
  if (r() < 0.3) parts.push('\n\nKEEP READING:\nSomething else here');
  if (r() < 0.3) parts.push('\n\n(With information from EFE)');
  return parts.join('');
}

/** The words of a text, with the characters the cleaner may remove or insert ignored. */
const words = (s: string): string[] =>
  s
    .replace(/[\u200b\u00ad]/g, '')
    .replace(/&amp;/g, '&')
    .split(/[^\p{L}\p{N}&]+/u)
    .filter((w) => w !== '');

describe('clean offsets (property)', () => {
  it('maps every clean span back to raw text with the same words', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = prng(seed);
      const raw = article(r);
      const result = clean(raw);
      const { text, offsets } = result;
      expect(offsets.cleanLength).toBe(text.length);
      for (const edit of result.edits) expect(raw.slice(edit.raw[0], edit.raw[1])).toBe(edit.before);
      for (let k = 0; k < 30; k++) {
        // a random span snapped to word boundaries in the clean text
        let s = Math.floor(r() * text.length);
        let e = s + Math.floor(r() * 80);
        while (s > 0 && /[\p{L}\p{N}]/u.test(text[s - 1]!)) s--;
        e = Math.min(e, text.length);
        while (e < text.length && /[\p{L}\p{N}]/u.test(text[e]!)) e++;
        const clean = words(text.slice(s, e));
        const [rs, re] = offsets.toRawSpan([s, e]);
        const rawWords = words(raw.slice(rs, re));
        // repairs split or shorten a word, so compare letters, not tokens
        const letters = (ws: string[]) => ws.join('').toLowerCase();
        const c = letters(clean);
        const w = letters(rawWords);
        // every clean letter sequence is found in order in the raw slice (a doubled letter is extra there)
        let i = 0;
        for (const ch of w) if (i < c.length && ch === c[i]) i++;
        expect(
          i,
          `seed ${seed}: ${JSON.stringify(text.slice(s, e))} ← ${JSON.stringify(raw.slice(rs, re))}`,
        ).toBe(c.length);
        // and every extra raw letter lies in a raw span that an edit touched
        const touched = result.edits
          .filter((ed) => ed.raw[1] > rs && ed.raw[0] < re)
          .reduce((n, ed) => n + ed.before.length, 0);
        expect(w.length - c.length, `seed ${seed}`).toBeLessThanOrEqual(touched);
      }
    }
  });
});
