/**
 * An opaque page cursor: the keyset position as base64url JSON, so clients pass it back unchanged.
 *
 * @example
 * decodeCursor(encodeCursor({ date: '2022-09-30', row: 12 })); // { date: '2022-09-30', row: 12 }
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor holds, or null when it is not one `encodeCursor` made. */
export function decodeCursor(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** The event cursor (`{ date, row }`) a page cursor holds, or null. */
export function eventCursorOf(cursor: string): { date: string | null; row: number } | null {
  const v = decodeCursor(cursor);
  if (typeof v !== 'object' || v === null) return null;
  const { date, row } = v as { date?: unknown; row?: unknown };
  const dateOk = date === null || (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date));
  return dateOk && typeof row === 'number' && Number.isInteger(row)
    ? { date: date as string | null, row }
    : null;
}

/** The row id a page cursor holds (`{ id }`), or null. */
export function idCursorOf(cursor: string): number | null {
  const v = decodeCursor(cursor);
  if (typeof v !== 'object' || v === null) return null;
  const { id } = v as { id?: unknown };
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}

/** The stance-row cursor (`{ source, period }`: the last row of a page) a page cursor holds, or null. */
export function stanceCursorOf(cursor: string): { source: string; period: string | null } | null {
  const v = decodeCursor(cursor);
  if (typeof v !== 'object' || v === null) return null;
  const { source, period } = v as { source?: unknown; period?: unknown };
  return typeof source === 'string' && (period === null || typeof period === 'string')
    ? { source, period: period as string | null }
    : null;
}
