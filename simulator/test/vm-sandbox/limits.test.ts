// Per-user caps on VMs and on total memory: a clear 429, holding under concurrent creates and clones.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { BASE_VM, OTHER_KEY, SandboxClient, sandboxSimulator } from './client.js';

const dir = mkdtempSync(join(tmpdir(), 'hypersim-sandbox-limits-'));
const scenario = join(dir, 'limits.json');
writeFileSync(scenario, JSON.stringify({
  'vm-sandbox': {
    users: [
      { username: 'default', password: 'p', apiKey: 'hs-test-key', maxVms: 4, maxMemoryMb: 2048 },
      { username: 'other', password: 'p', apiKey: OTHER_KEY, maxVms: 2, maxMemoryMb: 65536 },
    ],
    vms: [{ vmId: BASE_VM, owner: 'default', memoryMb: 512 }],
  },
}));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let sim: Simulator;
let client: SandboxClient;
beforeEach(() => {
  sim = sandboxSimulator({ scenario });
  client = new SandboxClient(sim);
});
afterEach(() => sim.close());

describe('account limits', () => {
  it('the memory cap: 429 naming the limit; provisioning VMs count', async () => {
    expect((await client.create({ memory_mb: 1024 })).status).toBe(200);
    const refused = await client.create({ memory_mb: 1024 });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ detail: 'Memory limit reached: 1536 MB in use, 1024 MB requested, limit 2048 MB' });
    expect((await client.create({ memory_mb: 512 })).status).toBe(200);
  });

  it('the VM cap counts clones too; deleting frees room', async () => {
    const created = [await client.create({ memory_mb: 128 }), await client.create({ memory_mb: 128 })];
    expect((await client.call('POST', `/v1/vms/${BASE_VM}/clone?wait=false`, {})).status).toBe(200);
    const refused = await client.call('POST', `/v1/vms/${BASE_VM}/clone?wait=false`, {});
    expect(refused).toMatchObject({ status: 429, body: { detail: 'VM limit reached: 4 of 4 VMs in use' } });
    // the refused clone left no snapshot behind
    expect((await client.call('GET', '/v1/snapshots')).body).toHaveLength(1);
    await client.call('DELETE', `/v1/vms/${created[0]!.body.vm_id}`);
    expect((await client.create({ memory_mb: 128 })).status).toBe(200);
  });

  it('holds under concurrent creates: exactly the cap succeeds', async () => {
    const other = client.as({ 'X-API-Key': OTHER_KEY });
    const answers = await Promise.all(Array.from({ length: 12 }, () => other.create({ memory_mb: 256 })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
    expect((await other.call('GET', '/v1/vms')).body).toHaveLength(2);
  });

  it('holds under concurrent waiting clones and creates of mixed sizes', async () => {
    const mixed = await Promise.all([
      ...Array.from({ length: 6 }, () => client.call('POST', `/v1/vms/${BASE_VM}/clone?wait=false`, {})),
      ...Array.from({ length: 6 }, () => client.create({ memory_mb: 768 })),
    ]);
    expect(mixed.every((a) => a.status === 200 || a.status === 429)).toBe(true);
    const vms = (await client.call('GET', '/v1/vms')).body as Array<{ memory_mb: number }>;
    expect(vms.length).toBeLessThanOrEqual(4);
    expect(vms.reduce((sum, vm) => sum + vm.memory_mb, 0)).toBeLessThanOrEqual(2048);
    expect(mixed.filter((a) => a.status === 200)).toHaveLength(vms.length - 1);
  });
});
