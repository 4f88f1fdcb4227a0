/** 64-bit FNV-1a over UTF-16 code units, kept as two 32-bit halves (no BigInt: ids are made per event). */
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** The 64-bit FNV prime is 2^40 + 0x1b3. */
const PRIME_LO = 0x1b3;
const TWO_32 = 0x1_0000_0000;

/** The running hash, as two 32-bit halves: module state, so that hashing allocates nothing. */
let hi = OFFSET_HI;
let lo = OFFSET_LO;

/** Feeds one UTF-16 code unit to the running hash. */
function step(code: number): void {
  lo = (lo ^ code) >>> 0;
  // h * (2^40 + 0x1b3) mod 2^64: lo * 0x1b3 stays below 2^53, so its carry into hi is exact
  const low = lo * PRIME_LO;
  hi = (Math.imul(hi, PRIME_LO) + Math.floor(low / TWO_32) + (lo << 8)) >>> 0;
  lo = low >>> 0;
}

function feed(text: string): void {
  for (let i = 0; i < text.length; i++) step(text.charCodeAt(i));
}

/** The decimal digits of a number, lowest first: feedDigits spells a number without a string. */
const DIGITS = new Uint8Array(16);

/** Feeds the decimal digits of a non-negative safe integer, as `${n}` spells them. */
function feedDigits(n: number): void {
  let k = 0;
  do {
    DIGITS[k++] = n % 10;
    n = Math.floor(n / 10);
  } while (n > 0);
  while (k > 0) step(48 + DIGITS[--k]!);
}

/** The hash state after the article id and its separator: the events of an article share it. */
let prefixId: string | null = null;
let prefixHi = OFFSET_HI;
let prefixLo = OFFSET_LO;

/**
 * Stable event id: 64-bit FNV-1a of article id, type, source, target and trigger offset, as hex:
 * the hash of `${articleId}\0${type}\0${source}\0${target}\0${offset}`, fed piece by piece (the
 * article id once per article).
 *
 * @example
 * hashEventId('seed', 'REJECT', 'JPN', 'RUS', 120); // 'e-5f1c…' (16 hex digits)
 */
export function hashEventId(
  articleId: string,
  type: string,
  source: string,
  target: string,
  offset: number,
): string {
  if (articleId !== prefixId) {
    hi = OFFSET_HI;
    lo = OFFSET_LO;
    feed(articleId);
    step(0);
    prefixId = articleId;
    prefixHi = hi;
    prefixLo = lo;
  }
  hi = prefixHi;
  lo = prefixLo;
  feed(type);
  step(0);
  feed(source);
  step(0);
  feed(target);
  step(0);
  if (Number.isSafeInteger(offset) && offset >= 0) feedDigits(offset);
  else feed(String(offset));
  return `e-${hex8(hi)}${hex8(lo)}`;
}

/** Two hex digits of every byte: `toString(16)` is slow for numbers, and ids are made per event. */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return (
    HEX_BYTES[n >>> 24]! + HEX_BYTES[(n >>> 16) & 0xff]! + HEX_BYTES[(n >>> 8) & 0xff]! + HEX_BYTES[n & 0xff]!
  );
}
