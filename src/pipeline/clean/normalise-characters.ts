import type { Replacement } from './apply-replacements.js';
import { LeadSet } from './lead-scan.js';
import type { CharacterStep } from './lead-scan.js';
import type { CleanLexicon } from './parse-clean-lexicon.js';

const SPACE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/;

function escapeClass(chars: Iterable<string>): string {
  return [...chars].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
}

/**
 * Builds the step that fixes characters: line ends (CRLF, CR, U+2028) become "\n", odd spaces a
 * plain space, invisible characters (zero-width space, soft hyphen, BOM) go, HTML entities are
 * decoded and odd quote variants become standard marks. Curly quotes are kept as they are.
 *
 * @example
 * normaliseCharacters(lexicon)('a\u00a0b &amp; c') // replacements: ' ' for the NBSP, '&' for '&amp;'
 */
export function normaliseCharacters(lexicon: CleanLexicon): CharacterStep {
  const quoteClass = lexicon.quotes.size > 0 ? `|[${escapeClass(lexicon.quotes.keys())}]` : '';
  const source =
    '\\r\\n?|[\\v\\f\\u2028\\u2029]|[\\t\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]+|[\\u200b\\u2060\\ufeff\\u00ad]+' +
    '|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});' +
    quoteClass;

  const decodeEntity = (entity: string): string | undefined => {
    const body = entity.slice(1, -1);
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return undefined;
      return String.fromCodePoint(code);
    }
    return lexicon.entities.get(body);
  };

  /** The final form of one decoded character (an entity may stand for a space or a quote). */
  const settle = (text: string): string => {
    if (text.length !== 1) return text;
    if (SPACE.test(text)) return ' ';
    if (INVISIBLE.test(text)) return '';
    if (text === '\r' || text === '\u2028' || text === '\u2029') return '\n';
    return lexicon.quotes.get(text) ?? text;
  };

  // the code units a match can start with: most texts have none, and are passed over in one
  // cheap scan instead of a regex search
  const leads = new LeadSet();
  for (const code of [0x0d, 0x0b, 0x0c, 0x2028, 0x2029, 0x09, 0xa0, 0x1680, 0x202f, 0x205f, 0x3000])
    leads.add(code);
  for (let code = 0x2000; code <= 0x200a; code++) leads.add(code);
  for (const code of [0x200b, 0x2060, 0xfeff, 0xad, 0x26 /* & */]) leads.add(code);
  for (const key of lexicon.quotes.keys()) leads.add(key.charCodeAt(0));

  const step = (text: string, mayChange = leads.foundIn(text)): Replacement[] => {
    const out: Replacement[] = [];
    if (!mayChange) return out;
    const re = new RegExp(source, 'gu');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const found = m[0];
      const start = m.index;
      const end = start + found.length;
      const first = found.charCodeAt(0);
      if (first === 0x0d || first === 0x0b || first === 0x0c || first === 0x2028 || first === 0x2029) {
        out.push({ start, end, text: '\n', kind: 'normalise-whitespace' });
      } else if (first === 0x26 /* & */) {
        const decoded = decodeEntity(found);
        if (decoded !== undefined)
          out.push({ start, end, text: settle(decoded), kind: 'normalise-character' });
      } else if (SPACE.test(found[0]!)) {
        out.push({ start, end, text: ' ', kind: 'normalise-whitespace' });
      } else if (INVISIBLE.test(found[0]!)) {
        out.push({ start, end, text: '', kind: 'normalise-character' });
      } else {
        out.push({ start, end, text: lexicon.quotes.get(found) ?? found, kind: 'normalise-quote' });
      }
    }
    return out;
  };
  return Object.assign(step, { leads });
}
