// VMs, snapshots and sessions through their lifecycle, and lifetimes on the virtual clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { BASE_SNAPSHOT, BASE_VM, SandboxClient, sandboxSimulator, settle } from './client.js';

let sim: Simulator;
let client: SandboxClient;
beforeEach(() => {
  sim = sandboxSimulator();
  client = new SandboxClient(sim);
});
afterEach(() => sim.close());

describe('VMs', () => {
  it('create with wait=true answers when booted; list, get and delete; the session follows', async () => {
    const pending = client.call('POST', '/v1/vms', { memory_mb: 2048, vcpu_count: 4, metadata: { job: 'ci-42' } });
    await settle();
    await client.advance(2);
    const created = await pending;
    expect(created.body).toEqual({ vm_id: expect.stringMatching(/^vm-[0-9a-f]{12}$/), session_id: expect.stringMatching(/^sess-[0-9a-f]{12}$/), status: 'running' });
    const vm = await client.call('GET', `/v1/vms/${created.body.vm_id}`);
    expect(vm.body).toEqual({
      vm_id: created.body.vm_id, session_id: created.body.session_id, status: 'running', memory_mb: 2048, vcpu_count: 4,
      metadata: { job: 'ci-42' }, snapshot_id: null, created_at: '2025-01-01T00:00:00Z', expires_at: null,
    });
    expect((await client.call('GET', '/v1/vms')).body.map((v: any) => v.vm_id)).toEqual([BASE_VM, created.body.vm_id]);
    expect((await client.call('DELETE', `/v1/vms/${created.body.vm_id}`)).body).toEqual({ vm_id: created.body.vm_id, status: 'deleted' });
    expect((await client.call('GET', `/v1/vms/${created.body.vm_id}`)).body).toEqual({ detail: `VM ${created.body.vm_id} not found` });
    expect((await client.call('DELETE', `/v1/vms/${created.body.vm_id}`)).status).toBe(404);
    expect((await client.call('GET', `/v1/sessions/${created.body.session_id}`)).body).toEqual({
      session_id: created.body.session_id, vm_id: created.body.vm_id, status: 'terminated', created_at: '2025-01-01T00:00:00Z',
      terminated_at: '2025-01-01T00:00:02Z', termination_reason: 'deleted',
    });
  });

  it('boots from a snapshot (its size unless given), faster than from scratch; unknown snapshot 404', async () => {
    const created = await client.create({ snapshot_id: BASE_SNAPSHOT });
    await client.advance(0.8);
    expect((await client.call('GET', `/v1/vms/${created.body.vm_id}`)).body).toMatchObject({ status: 'running', snapshot_id: BASE_SNAPSHOT, memory_mb: 1024, vcpu_count: 2 });
    expect(await client.create({ snapshot_id: 'snap-ffffffffffff' })).toMatchObject({ status: 404, body: { detail: 'Snapshot snap-ffffffffffff not found' } });
  });

  it('a VM deleted while it boots stays gone', async () => {
    const created = await client.create();
    await client.call('DELETE', `/v1/vms/${created.body.vm_id}`);
    await client.advance(5);
    expect((await client.call('GET', `/v1/vms/${created.body.vm_id}`)).status).toBe(404);
    expect((await client.call('GET', `/v1/sessions/${created.body.session_id}`)).body.status).toBe('terminated');
  });
});

describe('lifetimes', () => {
  it('an expired VM is gone and its session terminated (expired)', async () => {
    const created = await client.create({ vm_lifetime_seconds: 60 });
    await client.advance(2);
    const vm = (await client.call('GET', `/v1/vms/${created.body.vm_id}`)).body;
    expect(vm.expires_at).toBe('2025-01-01T00:01:00Z');
    await client.advance(57.999);
    expect((await client.call('GET', `/v1/vms/${created.body.vm_id}`)).status).toBe(200);
    await client.advance(0.001);
    expect((await client.call('GET', `/v1/vms/${created.body.vm_id}`)).status).toBe(404);
    expect((await client.call('GET', '/v1/vms')).body.map((v: any) => v.vm_id)).toEqual([BASE_VM]);
    expect((await client.call('GET', `/v1/sessions/${created.body.session_id}`)).body).toMatchObject({
      status: 'terminated', termination_reason: 'expired', terminated_at: '2025-01-01T00:01:00Z',
    });
  });

  it('a clone lives as long as its source was given', async () => {
    const source = await client.create({ vm_lifetime_seconds: 600 });
    await client.advance(100);
    const cloned = await client.call('POST', `/v1/vms/${source.body.vm_id}/clone?wait=false`, {});
    await client.advance(1);
    expect((await client.call('GET', `/v1/vms/${cloned.body.vm_id}`)).body.expires_at).toBe('2025-01-01T00:11:40Z');
    await client.advance(500);
    expect((await client.call('GET', `/v1/vms/${source.body.vm_id}`)).status).toBe(404);
    expect((await client.call('GET', `/v1/vms/${cloned.body.vm_id}`)).status).toBe(200);
  });
});

describe('snapshots and sessions', () => {
  it('create (named or generated) from a running VM, list, get, delete; 409 while booting', async () => {
    const named = await client.call('POST', `/v1/vms/${BASE_VM}/snapshot`, { name: 'golden-2' });
    expect(named.body).toEqual({ snapshot_id: expect.stringMatching(/^snap-[0-9a-f]{12}$/), status: 'ready' });
    const unnamed = await client.call('POST', `/v1/vms/${BASE_VM}/snapshot`, {});
    const listed = (await client.call('GET', '/v1/snapshots')).body;
    expect(listed.map((s: any) => s.snapshot_id)).toEqual([BASE_SNAPSHOT, named.body.snapshot_id, unnamed.body.snapshot_id]);
    expect(listed[2].name).toMatch(new RegExp(`^${BASE_VM}-snap-[0-9a-f]{6}$`));
    expect((await client.call('GET', `/v1/snapshots/${named.body.snapshot_id}`)).body).toEqual({
      snapshot_id: named.body.snapshot_id, name: 'golden-2', vm_id: BASE_VM, status: 'ready', memory_mb: 1024, vcpu_count: 2, created_at: '2025-01-01T00:00:00Z',
    });
    expect((await client.call('DELETE', `/v1/snapshots/${named.body.snapshot_id}`)).status).toBe(200);
    expect((await client.call('GET', `/v1/snapshots/${named.body.snapshot_id}`)).status).toBe(404);
    const booting = await client.create();
    expect(await client.call('POST', `/v1/vms/${booting.body.vm_id}/snapshot`, { name: 'x' })).toMatchObject({ status: 409 });
  });

  it('sessions go created -> active -> terminated and stay readable', async () => {
    const created = await client.create();
    const read = async () => (await client.call('GET', `/v1/sessions/${created.body.session_id}`)).body.status;
    expect(await read()).toBe('created');
    await client.advance(2);
    expect(await read()).toBe('active');
    await client.call('DELETE', `/v1/vms/${created.body.vm_id}`);
    expect(await read()).toBe('terminated');
    const sessions = (await client.call('GET', '/v1/sessions')).body;
    expect(sessions.map((s: any) => [s.session_id, s.status])).toEqual([['sess-0a1b2c3d4e5f', 'active'], [created.body.session_id, 'terminated']]);
  });
});
