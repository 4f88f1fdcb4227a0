/** A body read within the size cap, or why it was not. */
export type BodyResult =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: string };

/** "5 MB", "800 kB", "512 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1000) return `${+(n / 1000).toFixed(1)} kB`;
  return `${n} bytes`;
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, error: `the response is larger than ${formatBytes(maxBytes)}` };
}

/**
 * Reads a response body as a stream, stopping (and cancelling the download) as soon as it passes
 * `maxBytes`; a Content-Length above the cap is refused before reading. Read errors (a timeout
 * abort) are thrown to the caller.
 *
 * @example
 * const body = await readCappedBody(await fetch(url), 5_000_000);
 * if (!body.ok) console.error(body.error); // 'the response is larger than 5 MB'
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<BodyResult> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge(maxBytes);
  }
  if (response.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
