/** Limits on how many requests run at once, overall and per host, and how often a host is asked. */
export interface GateLimits {
  /** Requests in flight at once, all hosts together. */
  readonly concurrency: number;
  /** Requests in flight at once to one host. */
  readonly perHost: number;
  /** Least time between the starts of two requests to one host, in milliseconds. */
  readonly delayMs: number;
}

/** Admits requests under {@link GateLimits}; `acquire` resolves with the function that frees the slot. */
export interface HostGate {
  acquire(host: string): Promise<() => void>;
  /** Holds every request to `host` back for `ms` from now (a 429 or 503 asked us to wait). */
  pause(host: string, ms: number): void;
}

interface HostSlot {
  active: number;
  /** Earliest time (performance.now()) the next request to this host may start. */
  nextStart: number;
  /** Time until which the host asked us to wait (Retry-After). */
  pausedUntil: number;
  readonly waiting: (() => void)[];
}

/** A counting semaphore: `take` waits for a free unit, the returned function gives it back. */
function createSemaphore(size: number): () => Promise<() => void> {
  let free = size;
  const waiting: (() => void)[] = [];
  const give = (): void => {
    const next = waiting.shift();
    if (next !== undefined) next();
    else free++;
  };
  return async () => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      give();
    };
  };
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * A gate for polite crawling: at most `perHost` requests to one host and `concurrency` overall,
 * with request starts to one host spaced by `delayMs`. State lives in the gate, one per client.
 *
 * @example
 * const gate = createHostGate({ concurrency: 4, perHost: 1, delayMs: 1000 });
 * const release = await gate.acquire('example.com');
 * try { await fetch(url); } finally { release(); }
 */
export function createHostGate(limits: GateLimits): HostGate {
  const takeGlobal = createSemaphore(Math.max(1, limits.concurrency));
  const perHost = Math.max(1, limits.perHost);
  const hosts = new Map<string, HostSlot>();
  const slotOf = (host: string): HostSlot => {
    let slot = hosts.get(host);
    if (slot === undefined) {
      slot = { active: 0, nextStart: 0, pausedUntil: 0, waiting: [] };
      hosts.set(host, slot);
    }
    return slot;
  };
  const releaseHost = (slot: HostSlot): void => {
    slot.active--;
    slot.waiting.shift()?.();
  };
  /** Waits for the host's turn, then for a global slot; the host's turn is checked again after. */
  const admit = async (slot: HostSlot): Promise<() => void> => {
    for (;;) {
      const now = performance.now();
      const start = Math.max(now, slot.nextStart, slot.pausedUntil);
      if (start > now) {
        await sleep(start - now);
        continue;
      }
      const releaseGlobal = await takeGlobal();
      if (performance.now() >= Math.max(slot.nextStart, slot.pausedUntil)) {
        slot.nextStart = performance.now() + limits.delayMs;
        return releaseGlobal;
      }
      releaseGlobal();
    }
  };
  return {
    async acquire(host) {
      const slot = slotOf(host);
      while (slot.active >= perHost) await new Promise<void>((resolve) => slot.waiting.push(resolve));
      slot.active++;
      const releaseGlobal = await admit(slot);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        releaseGlobal();
        releaseHost(slot);
      };
    },
    pause(host, ms) {
      const slot = slotOf(host);
      slot.pausedUntil = Math.max(slot.pausedUntil, performance.now() + ms);
    },
  };
}
