/** 64-bit FNV-1a over UTF-16 code units, kept as two 32-bit halves (no BigInt: ids are made per event). */
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** The 64-bit FNV prime is 2^40 + 0x1b3. */
const PRIME_LO = 0x1b3;
const TWO_32 = 0x1_0000_0000;

/**
 * Stable event id: 64-bit FNV-1a of article id, type, source, target and trigger offset, as hex.
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
  const key = `${articleId}\u0000${type}\u0000${source}\u0000${target}\u0000${offset}`;
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  for (let i = 0; i < key.length; i++) {
    lo = (lo ^ key.charCodeAt(i)) >>> 0;
    // h * (2^40 + 0x1b3) mod 2^64: lo * 0x1b3 stays below 2^53, so its carry into hi is exact
    const low = lo * PRIME_LO;
    hi = (Math.imul(hi, PRIME_LO) + Math.floor(low / TWO_32) + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return `e-${hex8(hi)}${hex8(lo)}`;
}

/** Two hex digits of every byte: `toString(16)` is slow for numbers, and ids are made per event. */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return (
    HEX_BYTES[n >>> 24]! + HEX_BYTES[(n >>> 16) & 0xff]! + HEX_BYTES[(n >>> 8) & 0xff]! + HEX_BYTES[n & 0xff]!
  );
}
