type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Runs `task` over `items` with up to `window` tasks under way, yielding the results in input order
 * as soon as each is ready. A task that rejects makes the generator throw when its turn comes
 * (never earlier, so no rejection goes unhandled while it waits).
 *
 * @example
 * for await (const page of orderedMap(urls, (u) => client.get(u), 8)) console.log(page.ok);
 */
export async function* orderedMap<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  window: number,
): AsyncGenerator<R> {
  const pending: Promise<Settled<R>>[] = [];
  let next = 0;
  const fill = (): void => {
    while (next < items.length && pending.length < Math.max(1, window)) {
      pending.push(
        task(items[next++]!).then(
          (value) => ({ ok: true, value }),
          (error: unknown) => ({ ok: false, error }),
        ),
      );
    }
  };
  fill();
  while (pending.length > 0) {
    const settled = await pending.shift()!;
    fill();
    if (!settled.ok) throw settled.error;
    yield settled.value;
  }
}
