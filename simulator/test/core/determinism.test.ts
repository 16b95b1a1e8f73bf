import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { pveClient, withSimulator } from '../helpers.js';

describe('determinism', () => {
  it('draws the same sequence from the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 5 }, () => a.uuid())).toEqual(Array.from({ length: 5 }, () => b.uuid()));
    expect(new Rng(43).uuid()).not.toEqual(new Rng(42).uuid());
  });

  it('gives the same UPIDs for the same requests under the same seed and clock', async () => {
    const run = () =>
      withSimulator(async (sim) => {
        const pve = await pveClient(sim);
        const upids = [];
        for (let i = 0; i < 3; i++) upids.push((await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 700 + i })).body.data);
        return upids;
      });
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first).size).toBe(3);
  });
});
