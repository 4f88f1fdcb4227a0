import type { Store } from '../../src/store/index.js';

/**
 * The real store, recording how many items (records, keys) each call to one of its batch methods
 * was given; every call goes through to the store.
 *
 * @example
 * const spy = recordBatches(store, 'putArticles');
 * await createWriteBatcher(spy.store).put(item);
 * spy.sizes; // [1]
 */
export function recordBatches(
  store: Store,
  method: 'putArticles' | 'findKnown',
): { store: Store; sizes: number[] } {
  const sizes: number[] = [];
  return {
    sizes,
    store: new Proxy(store, {
      get(target, key, receiver) {
        if (key === method)
          return (batch: readonly unknown[]) => {
            sizes.push(batch.length);
            return (target[method] as (batch: readonly unknown[]) => unknown).call(target, batch);
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    }),
  };
}
