const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

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
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) {
    h ^= BigInt(key.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK;
  }
  return `e-${h.toString(16).padStart(16, '0')}`;
}
