import type { Span } from './span.js';

/**
 * Maps offsets in a cleaned text back to the raw text it was made from.
 *
 * The clean text is a sequence of segments; each segment either copies a raw
 * range verbatim (offsets inside map one to one) or replaces a raw range with
 * other text (offsets inside map to the replaced range as a whole). Deletions
 * are replacements with empty text, insertions replace an empty raw range.
 *
 * @example
 * const b = new OffsetMapBuilder('ab  c');
 * b.copy(0, 2); b.replace(2, 4, ' '); b.copy(4, 5);
 * const { text, map } = b.finish(); // text === 'ab c'; map.toRaw(3) === 4
 */
export class OffsetMap {
  readonly #cleanStart: Int32Array;
  readonly #rawStart: Int32Array;
  readonly #rawEnd: Int32Array;
  readonly #exact: Uint8Array;
  readonly #cleanLength: number;

  /** @internal use OffsetMapBuilder or OffsetMap.identity */
  constructor(
    cleanStart: Int32Array,
    rawStart: Int32Array,
    rawEnd: Int32Array,
    exact: Uint8Array,
    cleanLength: number,
  ) {
    this.#cleanStart = cleanStart;
    this.#rawStart = rawStart;
    this.#rawEnd = rawEnd;
    this.#exact = exact;
    this.#cleanLength = cleanLength;
  }

  /** A map for a text that is its own raw form. */
  static identity(length: number): OffsetMap {
    return new OffsetMap(Int32Array.of(0), Int32Array.of(0), Int32Array.of(length), Uint8Array.of(1), length);
  }

  get segmentCount(): number {
    return this.#cleanStart.length;
  }

  get cleanLength(): number {
    return this.#cleanLength;
  }

  #cleanEnd(i: number): number {
    return i + 1 < this.#cleanStart.length ? this.#cleanStart[i + 1]! : this.#cleanLength;
  }

  /**
   * The segment holding `offset`: the last one starting at or before it when the offset opens
   * a span, the last one starting strictly before it when it closes one. Empty segments
   * (deletions) are passed over because a later segment starts at the same clean offset.
   */
  #find(offset: number, bias: 'start' | 'end'): number {
    const starts = this.#cleanStart;
    let lo = 0;
    let hi = starts.length - 1;
    // For 'start' we want cleanStart <= offset < cleanEnd; for 'end' cleanStart < offset <= cleanEnd.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = starts[mid]!;
      if (bias === 'start' ? s <= offset : s < offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Raw offset for a clean offset; `bias` says whether it opens or closes a span. */
  toRaw(offset: number, bias: 'start' | 'end' = 'start'): number {
    if (this.#cleanStart.length === 0) return 0;
    const o = Math.max(0, Math.min(offset, this.#cleanLength));
    const i = this.#find(o, bias);
    if (this.#exact[i] === 1) return this.#rawStart[i]! + (o - this.#cleanStart[i]!);
    return bias === 'start' ? this.#rawStart[i]! : this.#rawEnd[i]!;
  }

  /** Raw span covering a clean span. */
  toRawSpan(span: Span): Span {
    const [s, e] = span;
    if (e <= s) {
      const r = this.toRaw(s, 'start');
      return [r, r];
    }
    return [this.toRaw(s, 'start'), this.toRaw(e, 'end')];
  }

  /**
   * Chains two maps: `this` maps text B to raw A, `inner` maps text C to text B;
   * the result maps C to A.
   */
  compose(inner: OffsetMap): OffsetMap {
    const b = new SegmentList();
    for (let i = 0; i < inner.#cleanStart.length; i++) {
      const cs = inner.#cleanStart[i]!;
      const bs = inner.#rawStart[i]!;
      const be = inner.#rawEnd[i]!;
      if (inner.#exact[i] !== 1) {
        b.push(cs, this.toRaw(bs, 'start'), be > bs ? this.toRaw(be, 'end') : this.toRaw(bs, 'start'), false);
        continue;
      }
      // exact copy of B[bs, be): split along this map's segments
      let pos = bs;
      while (pos < be) {
        const j = this.#find(pos, 'start');
        const segEnd = Math.min(this.#cleanEnd(j), be);
        const c = cs + (pos - bs);
        if (this.#exact[j] === 1) {
          const r = this.#rawStart[j]! + (pos - this.#cleanStart[j]!);
          b.push(c, r, r + (segEnd - pos), true);
        } else {
          b.push(c, this.#rawStart[j]!, this.#rawEnd[j]!, false);
        }
        if (segEnd <= pos) break;
        pos = segEnd;
      }
      if (be === bs) b.push(cs, this.toRaw(bs), this.toRaw(bs), false);
    }
    return b.toMap(inner.#cleanLength);
  }
}

class SegmentList {
  cleanStart: number[] = [];
  rawStart: number[] = [];
  rawEnd: number[] = [];
  exact: number[] = [];

  push(cleanStart: number, rawStart: number, rawEnd: number, exact: boolean): void {
    const n = this.cleanStart.length;
    // merge with a previous exact segment when contiguous in both texts
    if (
      exact &&
      n > 0 &&
      this.exact[n - 1] === 1 &&
      this.rawEnd[n - 1] === rawStart &&
      this.cleanStart[n - 1]! + (this.rawEnd[n - 1]! - this.rawStart[n - 1]!) === cleanStart
    ) {
      this.rawEnd[n - 1] = rawEnd;
      return;
    }
    this.cleanStart.push(cleanStart);
    this.rawStart.push(rawStart);
    this.rawEnd.push(rawEnd);
    this.exact.push(exact ? 1 : 0);
  }

  toMap(cleanLength: number): OffsetMap {
    if (this.cleanStart.length === 0) return OffsetMap.identity(0);
    return new OffsetMap(
      new Int32Array(this.cleanStart),
      new Int32Array(this.rawStart),
      new Int32Array(this.rawEnd),
      new Uint8Array(this.exact),
      cleanLength,
    );
  }
}

/**
 * Builds a clean text and its OffsetMap in one left-to-right pass over the raw text.
 *
 * @example
 * const b = new OffsetMapBuilder(raw);
 * b.copy(0, 10); b.replace(10, 12, '"'); // …
 */
export class OffsetMapBuilder {
  readonly #raw: string;
  readonly #parts: string[] = [];
  readonly #segments = new SegmentList();
  #length = 0;

  constructor(raw: string) {
    this.#raw = raw;
  }

  /** Length of the clean text built so far. */
  get length(): number {
    return this.#length;
  }

  /** Appends raw[start, end) unchanged. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    this.#segments.push(this.#length, start, end, true);
    this.#parts.push(this.#raw.slice(start, end));
    this.#length += end - start;
  }

  /** Appends `text` in place of raw[start, end). */
  replace(start: number, end: number, text: string): void {
    this.#segments.push(this.#length, start, end, false);
    this.#parts.push(text);
    this.#length += text.length;
  }

  finish(): { text: string; map: OffsetMap } {
    return { text: this.#parts.join(''), map: this.#segments.toMap(this.#length) };
  }
}
