// Plans hold under concurrency: requests that together exceed a plan are never all accepted, and usage
// matches the VMs that exist (on the service and on PVE) once everything has settled.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { testSimulator } from '../helpers.js';
import { BOX, manager, pve } from './client.js';

let sim: Simulator;
afterEach(() => sim?.close());

const AVAILABLE = 'Requested resources exceed the available limits of your compute resource plan';

describe('quota under concurrency', () => {
  it('two concurrent requests for the last VM of a plan: exactly one is accepted', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const bob = await manager(sim, 'bob@hypersim.local');
    const answers = await Promise.all([bob.create(BOX.ubuntu, 'race-a'), bob.create(BOX.debian, 'race-b')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    expect(answers.find((a) => a.status === 400)!.body.message).toBe(AVAILABLE);
    expect((await bob.send('GET', '/vm/getUserOwned')).body.data).toHaveLength(1);
  });

  it('many concurrent requests never exceed the core total; accepted ones all end as VMs on PVE', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    // standard plan: 32 cores in total, 8 per VM, 10 VMs
    const answers = await Promise.all(Array.from({ length: 7 }, (_, i) => alice.create(BOX.ubuntu, `burst-${i}`, 8, 1024, 32)));
    const accepted = answers.filter((a) => a.status === 200);
    expect(accepted).toHaveLength(4);
    expect(answers.filter((a) => a.status === 400).every((a) => a.body.message === AVAILABLE)).toBe(true);
    const vmids = accepted.map((a) => Number(a.body.data.vmid));
    expect(new Set(vmids).size).toBe(4);
    for (const a of accepted) expect((await alice.task(a.body.data.task_id)).status).toBe('completed');
    const onPve = (await pve(sim).request('GET', '/nodes/pve1/qemu')).body.data.filter((vm: any) => vmids.includes(vm.vmid));
    expect(onPve).toHaveLength(4);
    expect(onPve.every((vm: any) => vm.cpus === 8)).toBe(true);
    expect((await alice.send('GET', '/user/getUserCRP')).body.data.usage).toEqual({ used_cpu_cores: 32, used_memory: 4096, used_storage: 128, used_vms: 4 });
  });

  it('a delete racing a create frees the plan only once PVE has destroyed the VM', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const bob = await manager(sim, 'bob@hypersim.local');
    const first = await bob.create(BOX.ubuntu, 'first');
    await bob.finish(first.body.data.task_id);
    const vm = (await bob.send('GET', '/vm/getUserOwned')).body.data[0];
    const [deletion, create] = await Promise.all([bob.send('DELETE', '/vm/manage/delete', { vm_id: vm._id }), bob.create(BOX.ubuntu, 'second')]);
    expect(deletion.status).toBe(200);
    expect(create.body.message).toBe(AVAILABLE);
    await bob.finish(deletion.body.data.task_id);
    expect((await bob.create(BOX.ubuntu, 'second')).status).toBe(200);
  });
});
