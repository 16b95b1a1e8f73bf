import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cloneFlow, newLedger, verifyOnNode } from '../clone-flow.js';
import { writeBigSpec } from '../../test-support/big-spec.js';
import { runWindow } from '../load.js';
import { main } from '../main.js';
import type { PveSession } from '../pve-client.js';
import { formatTable } from '../table.js';
import type { BenchModule } from '../types.js';

const workDir = mkdtempSync(join(tmpdir(), 'hypersim-bench-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A PVE stand-in for the flow logic: nextid hands out the given ids, tasks end with `exitstatus`. */
function fakeSession(ids: number[], options: { exitstatus?: string; pollsUntilStopped?: number; listed?: Array<{ vmid: number; lock?: string }> } = {}): PveSession {
  let polls = 0;
  return {
    readHeaders: {},
    async get<T>(path: string): Promise<T> {
      if (path === '/cluster/nextid') return String(ids.shift()) as T;
      if (path.endsWith('/status')) {
        polls += 1;
        const stopped = polls >= (options.pollsUntilStopped ?? 1);
        return (stopped ? { status: 'stopped', exitstatus: options.exitstatus ?? 'OK' } : { status: 'running' }) as T;
      }
      if (path === '/nodes/pve1/qemu') return (options.listed ?? []) as T;
      throw new Error(`unexpected GET ${path}`);
    },
    async post<T>(path: string, form: Record<string, string | number>): Promise<T> {
      expect(path).toBe('/nodes/pve1/qemu/9000/clone');
      expect(form).toMatchObject({ full: 0 });
      return `UPID:pve1:00000001:00000002:00000003:qmclone:9000:root@pam:` as T;
    },
  };
}

describe('clone flow bookkeeping', () => {
  it('counts a flow, its polls and its vmid when the task ends OK', async () => {
    const ledger = newLedger();
    await cloneFlow(fakeSession([200], { pollsUntilStopped: 3 }), ledger);
    expect(ledger).toMatchObject({ flows: 1, polls: 3, failures: [] });
    expect([...ledger.vmids]).toEqual([200]);
  });

  it('records a duplicate vmid and a failed task as lost flows', async () => {
    const ledger = newLedger();
    const session = fakeSession([300, 300], { exitstatus: 'clone failed: no space' });
    await cloneFlow(session, ledger);
    await cloneFlow(session, ledger);
    expect(ledger.failures).toEqual([
      'clone to 300: exitstatus clone failed: no space',
      'nextid handed out 300 twice',
      'clone to 300: exitstatus clone failed: no space',
    ]);
  });

  it('finds cloned VMs missing from the node or still locked', async () => {
    const ledger = newLedger();
    ledger.vmids.add(400).add(401).add(402);
    const count = await verifyOnNode(fakeSession([], { listed: [{ vmid: 400 }, { vmid: 401, lock: 'clone' }] }), ledger);
    expect(count).toBe(2);
    expect(ledger.failures).toEqual(['VM 401 is still locked (clone)', 'VM 402 was cloned but is not listed on pve1']);
  });
});

describe('runWindow', () => {
  it('runs every client until the window ends and counts completed steps', async () => {
    const perClient = [0, 0, 0];
    const result = await runWindow(0.05, 3, async (client) => {
      perClient[client]! += 1;
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(result.completed).toBe(perClient.reduce((sum, n) => sum + n, 0));
    expect(perClient.every((n) => n > 0)).toBe(true);
  });

  it('stops and rethrows the first failure', async () => {
    let calls = 0;
    await expect(runWindow(10, 2, async () => {
      calls += 1;
      if (calls === 5) throw new Error('lost');
      await new Promise((resolve) => setImmediate(resolve));
    })).rejects.toThrow('lost');
  });
});

describe('writeBigSpec', () => {
  const source = join(workDir, 'small.json');
  writeFileSync(source, JSON.stringify({
    openapi: '3.0.0', info: { title: 't', version: '1' },
    paths: {
      '/a': { get: { operationId: 'getA', responses: {} }, post: { operationId: 'postA', responses: {} }, parameters: [] },
      '/b/{id}': { delete: { operationId: 'deleteB', responses: {} } },
    },
  }));

  it('replicates every path under /cN with distinct operationIds', () => {
    const path = join(workDir, 'big.json');
    const built = writeBigSpec(path, { operations: 9, bytes: 0, source });
    const document = JSON.parse(readFileSync(path, 'utf8'));
    expect(built.operations).toBe(9);
    expect(Object.keys(document.paths)).toEqual(['/c0/a', '/c0/b/{id}', '/c1/a', '/c1/b/{id}', '/c2/a', '/c2/b/{id}']);
    expect(document.paths['/c2/b/{id}'].delete.operationId).toBe('c2_deleteB');
    expect(document.paths['/c1/a'].parameters).toEqual([]);
  });

  it('stops once the operation count is reached', () => {
    const path = join(workDir, 'capped.json');
    expect(writeBigSpec(path, { operations: 4, bytes: 0, source }).operations).toBe(4);
    expect(JSON.parse(readFileSync(path, 'utf8')).paths['/c1/a'].post).toBeUndefined();
  });
});

describe('formatTable', () => {
  it('shows ratios, targets with PASS or MISS, and details', () => {
    const lines = formatTable([
      { id: 'hello', label: 'baseline', value: 10_000, unit: 'req/s' },
      { id: 'read', label: 'read', value: 4_000, unit: 'req/s', ratio: { of: 'hello', value: 0.4 }, target: { text: '>= 50% of baseline', pass: false }, detail: '20000 requests' },
      { id: 'load', label: 'load', value: 1.234, unit: 's', target: { text: '< 3 s', pass: true } },
    ]);
    expect(lines[2]).toMatch(/^baseline\s+10,000 req\/s$/);
    expect(lines[3]).toMatch(/^read\s+4,000 req\/s\s+40% of hello\s+>= 50% of baseline  MISS$/);
    expect(lines[4]).toMatch(/1\.23 s\s+< 3 s  PASS$/);
    expect(lines).toContain('read: 20000 requests');
  });
});

describe('main', () => {
  const fake = (name: string, run: BenchModule['run'], unavailable?: string): BenchModule => ({
    name, run, ...(unavailable === undefined ? {} : { unavailable: async () => unavailable }),
  });

  it('runs the modules in order, lets later ones see earlier figures, skips unavailable ones', async () => {
    const out: string[] = [];
    const seen: string[] = [];
    const modules = [
      fake('first', async () => [{ id: 'a', label: 'figure a', value: 2, unit: 'x' }]),
      fake('second', async (context) => {
        seen.push(...context.figures.keys());
        return [{ id: 'b', label: 'figure b', value: 1, unit: 'x', ratio: { of: 'a', value: 0.5 } }];
      }),
      fake('third', async () => { throw new Error('must not run'); }, 'the harness does not load'),
    ];
    const code = await main(['--seconds', '0'], { out: (line) => out.push(line), err: (line) => out.push(`ERR ${line}`) }, modules);
    expect(code).toBe(0);
    expect(seen).toEqual(['a']);
    expect(out).toContain('- third: skipped, the harness does not load');
    expect(out.some((line) => /^figure b\s+1\.00 x\s+50% of a$/.test(line))).toBe(true);
  });

  it('exits 1 and names the module when a measurement fails', async () => {
    const errors: string[] = [];
    const code = await main([], { out: () => {}, err: (line) => errors.push(line) }, [fake('lossy', async () => { throw new Error('3 clone flows lost'); })]);
    expect(code).toBe(1);
    expect(errors).toContain('FAILED lossy: 3 clone flows lost');
  });

  it('exits 2 on a bad flag', async () => {
    const code = await main(['--seconds', 'soon'], { out: () => {}, err: () => {} }, []);
    expect(code).toBe(2);
  });
});

describe('the real measurements, briefly', () => {
  it('clone flows over HTTPS against a simulator child process lose nothing', async () => {
    const out: string[] = [];
    const errors: string[] = [];
    const code = await main(['--seconds', '0.3', '--warmup', '0', '--concurrency', '4', '--only', 'clone'], {
      out: (line) => out.push(line), err: (line) => errors.push(line),
    });
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(out.find((line) => line.startsWith('clone flows, 4 clients (linked):'))).toMatch(/OK, distinct vmids, listed and unlocked/);
  });
});
