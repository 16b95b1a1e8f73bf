// Concurrency and pacing: a pool that runs units of work N at a time, and a rate limiter that spaces
// requests evenly (N per second across all workers).

/** Runs `work` for every item with at most `workers` in flight; stops taking new items once `stop()` says so. */
export async function runPool<T>(items: T[], workers: number, work: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker));
}

export interface RateLimiter {
  /** resolves when the next request may go */
  acquire(): Promise<void>;
}

export const unlimited: RateLimiter = { acquire: async () => {} };

export function rateLimiter(perSecond: number | undefined): RateLimiter {
  if (!perSecond || perSecond <= 0) return unlimited;
  const interval = 1000 / perSecond;
  let nextSlot = 0;
  return {
    async acquire() {
      const now = performance.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + interval;
      const wait = slot - now;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

/** "10", "10/s", "600/m" -> requests per second. */
export function parseRate(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute|h|hour))?\s*$/i.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const seconds = unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  return count / seconds;
}
