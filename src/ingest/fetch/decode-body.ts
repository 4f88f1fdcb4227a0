/** Bytes of the document head searched for a declared encoding (the HTML spec's prescan is 1024). */
const PRESCAN_BYTES = 2048;

/**
 * Code points of bytes 0x80-0x9F in windows-1252 (WHATWG Encoding), which also serves the labels
 * latin1, iso-8859-1 and us-ascii. Node 20's TextDecoder decodes these bytes as C1 controls instead.
 */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!));
}

/** The `charset` parameter of a Content-Type header, lower-cased, or undefined. */
function headerCharset(contentType: string | null): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** The encoding an XML declaration or an HTML `<meta>` declares near the start of the document. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml !== null) return xml[1]!.toLowerCase();
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*;\s*charset\s*=\s*([^"'\s;]+)/i.exec(head);
  const label = meta?.[1]?.toLowerCase();
  // a page cannot declare a UTF-16 encoding from inside an ASCII-compatible byte stream
  return label?.startsWith('utf-16') ? 'utf-8' : label;
}

function tryDecoder(label: string | undefined): InstanceType<typeof TextDecoder> | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a response body: the charset of the Content-Type header, else a byte-order mark, else the
 * encoding the document declares (`<?xml encoding>`, `<meta charset>`), else UTF-8. An unknown
 * label falls back to UTF-8; invalid bytes become U+FFFD.
 *
 * @example
 * decodeBody(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/html; charset=iso-8859-1'); // 'café'
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const decoder =
    tryDecoder(headerCharset(contentType)) ??
    tryDecoder(bomCharset(bytes)) ??
    tryDecoder(declaredCharset(bytes)) ??
    new TextDecoder('utf-8');
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}
