/** The typed arrays a pool can lend. */
type PooledArray = Uint8Array | Uint16Array | Int32Array;

/**
 * A typed array lent per article. A typed array of more than 64 bytes lives outside V8's heap, and
 * allocating one per article costs more than the loop that fills it: a stage keeps one pool per
 * array it needs, and takes from it a view of the article's length, filled anew. A view stays valid
 * until the pool's next `take`, that is, for one run of the stage (runs are synchronous); it must
 * not be kept after the run.
 *
 * @example
 * const ACTOR_AT = new ArrayPool((n) => new Int32Array(n));
 * const actorAt = ACTOR_AT.take(tokens.length, -1); // Int32Array of tokens.length, all -1
 */
export class ArrayPool<A extends PooledArray> {
  private buffer: A;

  constructor(private readonly make: (length: number) => A) {
    this.buffer = make(1024);
  }

  /** A view of `length` elements, each set to `fill`. */
  take(length: number, fill = 0): A {
    if (this.buffer.length < length) this.buffer = this.make(Math.max(length, this.buffer.length * 2));
    const view = this.buffer.subarray(0, length) as A;
    view.fill(fill);
    return view;
  }
}
