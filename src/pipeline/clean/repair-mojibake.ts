import type { Replacement } from './apply-replacements.js';
import { LeadSet } from './lead-scan.js';
import type { CharacterStep } from './lead-scan.js';

/** Characters whose mis-decoded form is repaired: Latin-1 and Latin Extended-A letters and signs. */
const LATIN_FROM = 0xa0;
const LATIN_TO = 0x17f;
/** Typographic marks news copy is full of: dashes, quotes, dagger, bullet, ellipsis, per mille, angle quotes, euro, trade mark. */
const PUNCTUATION = [
  0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030,
  0x2039, 0x203a, 0x20ac, 0x2122,
];

/**
 * Windows-1252 bytes 0x80–0x9F (the rest of the code page is Latin-1); undefined bytes decode to
 * the C1 control of the same number, as browsers do. Node's own TextDecoder is not used: some
 * builds decode this code page wrongly.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes bytes as Windows-1252. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
  return out;
}

/** A C0 or C1 control character, or DEL. */
function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The mis-decoded form of each candidate character: its UTF-8 bytes read as Windows-1252
 * ("’" → "â€™", "é" → "Ã©"), built once from the encoders, not typed by hand.
 */
function mojibakeTable(): Map<string, string> {
  const encoder = new TextEncoder();
  const table = new Map<string, string>();
  const codes: number[] = [...PUNCTUATION];
  for (let c = LATIN_FROM; c <= LATIN_TO; c++) codes.push(c);
  for (const code of codes) {
    const ch = String.fromCharCode(code);
    const garbled = decodeWindows1252(encoder.encode(ch));
    // a form holding a control character (bytes Windows-1252 leaves undefined) is often lost on
    // the way, so what is left is ambiguous: leave those alone
    if (garbled.length < 2 || [...garbled].some(isControl)) continue;
    table.set(garbled, ch);
  }
  return table;
}

/**
 * Builds the step that repairs mojibake, UTF-8 text read as Latin-1 or Windows-1252: "â€™" →
 * "’", "â€œ" → "“", "Ã©" → "é". Only the whole mis-decoded form of a Latin letter or a
 * typographic mark is replaced, never a lone "Ã" or "â".
 *
 * @example
 * repairMojibake()('Itâ€™s CafÃ©') // replacements: '’' for 'â€™', 'é' for 'Ã©'
 */
export function repairMojibake(): CharacterStep {
  const table = mojibakeTable();
  const forms = [...table.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // the code units a mis-decoded form opens with ("Ã", "â", …): a text without any is passed
  // over in one cheap scan
  const leads = new LeadSet();
  for (const form of forms) leads.add(form.charCodeAt(0));
  const source = forms.map(escapeRegExp).join('|');

  const step = (text: string, mayChange = leads.foundIn(text)): Replacement[] => {
    if (!mayChange) return [];
    const out: Replacement[] = [];
    const re = new RegExp(source, 'gu');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        text: table.get(m[0])!,
        kind: 'normalise-character',
      });
    }
    return out;
  };
  return Object.assign(step, { leads });
}
