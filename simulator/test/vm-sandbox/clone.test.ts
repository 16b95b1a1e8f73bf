// Clone per seed 001 under the manual clock: wait=true answers only once the clock has moved past the
// boot; wait=false answers at once and the VM is polled; snapshots named or generated; 404, 409, faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { BASE_VM, SandboxClient, sandboxSimulator, settle } from './client.js';

let sim: Simulator;
let client: SandboxClient;
beforeEach(() => {
  sim = sandboxSimulator();
  client = new SandboxClient(sim);
});
afterEach(() => sim.close());

const clone = (query: string, body: unknown = {}) => client.call('POST', `/v1/vms/${BASE_VM}/clone${query}`, body);

describe('clone with wait=true (the default)', () => {
  it('answers once provisioning has ended on the virtual clock, with the generated snapshot deleted', async () => {
    let answered = false;
    const pending = clone('').then((answer) => {
      answered = true;
      return answer;
    });
    await settle();
    expect(answered).toBe(false);
    const [vm] = (await client.call('GET', '/v1/vms')).body.filter((v: any) => v.vm_id !== BASE_VM);
    expect(vm.status).toBe('provisioning');
    await client.advance(1);
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ vm_id: vm.vm_id, session_id: vm.session_id, status: 'running', snapshot_id: expect.stringMatching(/^snap-[0-9a-f]{12}$/), snapshot_deleted: true });
    expect((await client.call('GET', `/v1/snapshots/${answer.body.snapshot_id}`)).status).toBe(404);
    expect((await client.call('GET', `/v1/vms/${vm.vm_id}`)).body).toMatchObject({ status: 'running', snapshot_id: answer.body.snapshot_id, memory_mb: 1024, vcpu_count: 2, metadata: { role: 'base' } });
    expect((await client.call('GET', `/v1/sessions/${vm.session_id}`)).body).toMatchObject({ status: 'active', vm_id: vm.vm_id });
  });

  it('keeps a named snapshot and says so', async () => {
    const pending = clone('?wait=true', { snapshot_name: 'before-tests' });
    await settle();
    await client.advance(1);
    const answer = await pending;
    expect(answer.body).toMatchObject({ status: 'running', snapshot_deleted: false });
    const snapshot = await client.call('GET', `/v1/snapshots/${answer.body.snapshot_id}`);
    expect(snapshot.body).toMatchObject({ name: 'before-tests', vm_id: BASE_VM, status: 'ready', memory_mb: 1024 });
  });
});

describe('clone with wait=false', () => {
  it('answers at once; the client polls the VM until it runs', async () => {
    const answer = await clone('?wait=false');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'provisioning', snapshot_deleted: null, vm_id: expect.stringMatching(/^vm-[0-9a-f]{12}$/) });
    const poll = () => client.call('GET', `/v1/vms/${answer.body.vm_id}`);
    expect((await poll()).body.status).toBe('provisioning');
    expect((await client.call('GET', `/v1/sessions/${answer.body.session_id}`)).body.status).toBe('created');
    // the generated snapshot exists while the clone boots from it, and cannot be deleted meanwhile
    expect((await client.call('GET', `/v1/snapshots/${answer.body.snapshot_id}`)).status).toBe(200);
    expect((await client.call('DELETE', `/v1/snapshots/${answer.body.snapshot_id}`)).status).toBe(409);
    await client.advance(0.5);
    expect((await poll()).body.status).toBe('provisioning');
    await client.advance(0.5);
    expect((await poll()).body.status).toBe('running');
    expect((await client.call('GET', `/v1/sessions/${answer.body.session_id}`)).body.status).toBe('active');
    expect((await client.call('GET', `/v1/snapshots/${answer.body.snapshot_id}`)).status).toBe(404);
  });

  it('a named snapshot outlives the clone and can be deleted afterwards', async () => {
    const answer = await clone('?wait=0', { snapshot_name: 'keep-me' });
    expect(answer.body.snapshot_deleted).toBe(false);
    await client.advance(1);
    const snapshots = (await client.call('GET', '/v1/snapshots')).body.map((s: any) => s.name);
    expect(snapshots).toContain('keep-me');
    expect((await client.call('DELETE', `/v1/snapshots/${answer.body.snapshot_id}`)).body).toEqual({ snapshot_id: answer.body.snapshot_id, status: 'deleted' });
    expect((await client.call('GET', `/v1/vms/${answer.body.vm_id}`)).body.status).toBe('running');
  });
});

describe('clone refusals', () => {
  it('404 for an unknown VM, 409 for one that is not running', async () => {
    expect(await clone('?wait=false').then(() => client.call('POST', '/v1/vms/vm-ffffffffffff/clone', {}))).toMatchObject({ status: 404, body: { detail: 'VM vm-ffffffffffff not found' } });
    const booting = await client.create();
    const refused = await client.call('POST', `/v1/vms/${booting.body.vm_id}/clone`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ detail: `VM ${booting.body.vm_id} is not running (status: provisioning)` });
  });

  it('a clone whose provisioning fails ends failed, with no VM, its session terminated and its snapshot gone', async () => {
    await client.setFaults([{ api: 'vm-sandbox', operationId: 'clone_vm_v1_vms__vm_id__clone_post', task: { fail: 'no capacity on host' } }]);
    const before = (await client.call('GET', '/v1/vms')).body.length;
    const pending = clone('');
    await settle();
    await client.advance(1);
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ vm_id: null, status: 'failed', snapshot_deleted: true });
    expect((await client.call('GET', '/v1/vms')).body).toHaveLength(before);
    expect((await client.call('GET', `/v1/snapshots/${answer.body.snapshot_id}`)).status).toBe(404);
    expect((await client.call('GET', `/v1/sessions/${answer.body.session_id}`)).body).toMatchObject({
      status: 'terminated', vm_id: null, termination_reason: 'provisioning failed: no capacity on host',
    });
  });

  it('a failing clone polled with wait=false disappears and its session says why', async () => {
    await client.setFaults([{ api: 'vm-sandbox', operationId: 'clone_vm_v1_vms__vm_id__clone_post', task: { fail: 'boot error' } }]);
    const answer = await clone('?wait=false', { snapshot_name: 'kept' });
    await client.advance(1);
    expect((await client.call('GET', `/v1/vms/${answer.body.vm_id}`)).status).toBe(404);
    expect((await client.call('GET', `/v1/sessions/${answer.body.session_id}`)).body.termination_reason).toBe('provisioning failed: boot error');
    expect((await client.call('GET', `/v1/snapshots/${answer.body.snapshot_id}`)).status).toBe(200);
  });

  it('an injected HTTP error answers in FastAPI shape', async () => {
    await client.setFaults([{ api: 'vm-sandbox', operationId: 'clone_vm_v1_vms__vm_id__clone_post', error: { status: 503, message: 'busy' } }]);
    expect(await clone('')).toMatchObject({ status: 503, body: { detail: 'busy' } });
  });
});
