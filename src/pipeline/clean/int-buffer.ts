/**
 * A growable Int32Array kept between articles, so that a step allocates nothing per word or
 * paragraph once it has seen its largest article.
 *
 * @example
 * const ids = new IntBuffer();
 * const data = ids.reset(words); // room for `words` values, length 0
 * ids.push(7); // ids.data[0] === 7
 */
export class IntBuffer {
  data = new Int32Array(256);
  length = 0;

  /** Makes room for `extra` more values, keeping those held (the array may be replaced). */
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const bigger = new Int32Array(this.#sizeFor(this.length + extra));
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  /** Empties the buffer with room for `capacity` values; returns the array to fill. */
  reset(capacity: number): Int32Array {
    this.length = 0;
    if (this.data.length < capacity) this.data = new Int32Array(this.#sizeFor(capacity));
    return this.data;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }

  #sizeFor(capacity: number): number {
    let size = this.data.length;
    while (size < capacity) size *= 2;
    return size;
  }
}
