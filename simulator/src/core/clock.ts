// The virtual clock every API and the task engine read. `real` follows the wall clock, `scaled` runs N
// times faster, `manual` moves only when told to (through the control plane). The virtual time is kept
// in the store, so a restarted simulator never sees time run backwards.
import type { Store } from './store.js';

export type ClockMode = { mode: 'real' } | { mode: 'manual' } | { mode: 'scaled'; factor: number };

/** Where a fresh manual clock starts: a fixed instant, so runs under a seed are reproducible. */
export const MANUAL_EPOCH_MS = Date.UTC(2025, 0, 1);

export class Clock {
  private anchorReal: number;
  private anchorVirtual: number;

  constructor(
    readonly setting: ClockMode,
    private readonly store: Store,
    private readonly wallClock: () => number = Date.now,
  ) {
    const saved = store.getMeta<number>('clock.virtual');
    this.anchorReal = wallClock();
    if (setting.mode === 'manual') this.anchorVirtual = saved ?? MANUAL_EPOCH_MS;
    else this.anchorVirtual = Math.max(saved ?? 0, this.anchorReal);
  }

  get mode(): ClockMode['mode'] {
    return this.setting.mode;
  }

  /** virtual milliseconds since the Unix epoch */
  now(): number {
    switch (this.setting.mode) {
      case 'manual':
        return this.anchorVirtual;
      case 'real':
        return this.anchorVirtual + (this.wallClock() - this.anchorReal);
      case 'scaled':
        return this.anchorVirtual + (this.wallClock() - this.anchorReal) * this.setting.factor;
    }
  }

  /** Moves the clock forward by ms (any mode). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new ClockError('the clock only moves forward: advance by a number of milliseconds >= 0');
    return this.set(this.now() + ms);
  }

  /** Sets the virtual time; it may not go backwards (tasks and tickets depend on it). */
  set(epochMs: number): number {
    if (!Number.isFinite(epochMs)) throw new ClockError('time must be a finite number of milliseconds');
    if (epochMs < this.now()) throw new ClockError('the clock cannot go backwards');
    this.anchorReal = this.wallClock();
    this.anchorVirtual = epochMs;
    this.persist();
    return epochMs;
  }

  /** Saves the current virtual time (called on changes and on close). */
  persist(): void {
    this.store.setMeta('clock.virtual', this.now());
  }

  describe(): { mode: string; factor?: number; now: string; epochMs: number } {
    const now = this.now();
    return {
      mode: this.setting.mode,
      ...(this.setting.mode === 'scaled' ? { factor: this.setting.factor } : {}),
      now: new Date(now).toISOString(),
      epochMs: now,
    };
  }
}

export class ClockError extends Error {
  override name = 'ClockError';
}
