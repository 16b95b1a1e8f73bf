import { describe, expect, it } from 'vitest';
import { Clock, MANUAL_EPOCH_MS } from '../../src/core/clock.js';
import { Store } from '../../src/core/store.js';

function wall(start = 1_000_000) {
  let now = start;
  return { read: () => now, move: (ms: number) => (now += ms) };
}

describe('virtual clock', () => {
  it('runs N times faster than the wall clock when scaled', () => {
    const w = wall();
    const clock = new Clock({ mode: 'scaled', factor: 10 }, new Store(':memory:'), w.read);
    const start = clock.now();
    w.move(1_000);
    expect(clock.now() - start).toBe(10_000);
  });

  it('moves only when told to in manual mode, never backwards, and remembers where it was', () => {
    const store = new Store(':memory:');
    const w = wall();
    const clock = new Clock({ mode: 'manual' }, store, w.read);
    expect(clock.now()).toBe(MANUAL_EPOCH_MS);
    w.move(60_000);
    expect(clock.now()).toBe(MANUAL_EPOCH_MS);
    clock.advance(5_000);
    expect(clock.now()).toBe(MANUAL_EPOCH_MS + 5_000);
    expect(() => clock.set(MANUAL_EPOCH_MS)).toThrow('the clock cannot go backwards');
    expect(new Clock({ mode: 'manual' }, store, w.read).now()).toBe(MANUAL_EPOCH_MS + 5_000);
  });

  it('follows the wall clock in real mode, and does not run backwards after a restart', () => {
    const store = new Store(':memory:');
    const w = wall(5_000_000);
    const clock = new Clock({ mode: 'real' }, store, w.read);
    clock.advance(100_000);
    clock.persist();
    const restarted = new Clock({ mode: 'real' }, store, w.read);
    expect(restarted.now()).toBeGreaterThanOrEqual(5_100_000);
  });
});
