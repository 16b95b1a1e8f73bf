// Clone (seed 001): snapshot the running source, named by the caller or with a generated name, and boot
// a new VM from it in a new session. A generated snapshot is deleted once the boot ends; a named one stays.
import type { TaskPlan } from '../../../core/tasks.js';
import { SandboxError } from '../errors.js';
import type { SandboxModel } from './index.js';
import { type Provisioning, startProvisioning } from './provision.js';
import type { SandboxUser } from './users.js';
import type { SandboxVm } from './vms.js';

export interface CloneStart extends Provisioning {
  snapshotId: string;
  /** the snapshot was generated, so it is deleted after use */
  generated: boolean;
}

export function startClone(model: SandboxModel, user: SandboxUser, vmId: string, snapshotName: string | null, plan?: TaskPlan): CloneStart {
  return model.store.transaction(() => {
    const source = requireRunning(model, user, vmId);
    const generated = snapshotName === null;
    const snapshotId = takeSnapshot(model, source, snapshotName ?? `${source.vmId}-clone-${model.ctx.rng.hex(6)}`);
    const lifetimeSeconds = source.expiresAt === null ? null : Math.max(1, Math.round((source.expiresAt - source.createdAt) / 1000));
    const provisioning = startProvisioning(
      model,
      user,
      { memoryMb: source.memoryMb, vcpuCount: source.vcpuCount, metadata: { ...source.metadata }, lifetimeSeconds, snapshotId, deleteSnapshot: generated },
      plan,
    );
    return { ...provisioning, snapshotId, generated };
  });
}

/** The caller's VM, which must be running (404 unknown, 409 otherwise). */
export function requireRunning(model: SandboxModel, user: SandboxUser, vmId: string): SandboxVm {
  const vm = model.requireVm(vmId, user);
  if (vm.status !== 'running') throw new SandboxError(409, `VM ${vmId} is not running (status: ${vm.status})`);
  return vm;
}

/** A ready snapshot of the VM; returns its id. */
export function takeSnapshot(model: SandboxModel, vm: SandboxVm, name: string): string {
  const snapshotId = model.newId('snap');
  model.snapshots.insert({ snapshotId, owner: vm.owner, name, vmId: vm.vmId, memoryMb: vm.memoryMb, vcpuCount: vm.vcpuCount, createdAt: model.now() });
  return snapshotId;
}
