import { describe, expect, it } from 'vitest';
import { matchesSelector, selectOperations } from '../src/filter.js';
import { parseRate, runPool } from '../src/scheduler.js';
import type { Operation } from '../src/types.js';

const operation = (id: string, method: string, path: string, tags: string[] = []): Operation => ({
  id, method, path, tags, parameters: [], responses: [], secured: true, dialect: 'openapi-3.1', extensions: {},
});
const operations = [
  operation('listVms', 'GET', '/nodes/{node}/qemu', ['qemu']),
  operation('cloneVm', 'POST', '/nodes/{node}/qemu/{vmid}/clone', ['qemu']),
  operation('deleteVm', 'DELETE', '/nodes/{node}/qemu/{vmid}', ['qemu']),
  operation('getVersion', 'GET', '/version', ['cluster']),
];

describe('operation selection', () => {
  it('matches operationId, tag, path globs and "METHOD /path"', () => {
    const [listVms, cloneVm] = operations as [Operation, Operation];
    expect(matchesSelector(cloneVm, 'cloneVm')).toBe(true);
    expect(matchesSelector(cloneVm, 'qemu')).toBe(true);
    expect(matchesSelector(cloneVm, '/nodes/*/qemu/*/clone')).toBe(true);
    expect(matchesSelector(cloneVm, '/nodes/*')).toBe(false);
    expect(matchesSelector(cloneVm, '/nodes/**')).toBe(true);
    expect(matchesSelector(cloneVm, 'post /nodes/**')).toBe(true);
    expect(matchesSelector(listVms, 'POST /nodes/**')).toBe(false);
  });

  it('combines include, exclude and read-only', () => {
    const ids = (filter: Parameters<typeof selectOperations>[1]) => selectOperations(operations, filter).map((item) => item.id);
    expect(ids({ include: ['qemu'] })).toEqual(['listVms', 'cloneVm', 'deleteVm']);
    expect(ids({ include: ['qemu'], exclude: ['deleteVm'] })).toEqual(['listVms', 'cloneVm']);
    expect(ids({ readOnly: true })).toEqual(['listVms', 'getVersion']);
    expect(ids({})).toHaveLength(4);
  });
});

describe('scheduling', () => {
  it('parses rates', () => {
    expect(parseRate('20')).toBe(20);
    expect(parseRate('20/s')).toBe(20);
    expect(parseRate('600/m')).toBe(10);
    expect(parseRate('fast')).toBeUndefined();
  });

  it('runs every item with bounded concurrency and stops when asked', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      done.push(item);
      inFlight -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
    const some: number[] = [];
    await runPool([1, 2, 3, 4], 1, async (item) => void some.push(item), () => some.length >= 2);
    expect(some).toEqual([1, 2]);
  });
});
