// Provisioning: a VM exists at once (`provisioning`, its memory reserved against the user's limits) and
// boots in a task on the shared engine. Success makes it `running` and its session `active`; failure
// (a fault rule's task plan) removes it and terminates the session. A snapshot made only for this boot
// (a clone's generated one) is deleted at the end either way.
import type { Task, TaskKind, TaskPlan } from '../../../core/tasks.js';
import { SandboxError } from '../errors.js';
import { API, type SandboxModel } from './index.js';
import type { SandboxUser } from './users.js';
import type { SandboxVm } from './vms.js';

/** how long a VM takes to boot, before the scenario's taskDurationScale */
export const BOOT_MS = 2000;
/** a VM restored from a snapshot boots faster */
export const RESTORE_MS = 800;
const TASK_TYPE = 'provision';

export interface ProvisionPayload {
  vmId: string;
  sessionId: string;
  snapshotId: string | null;
  /** the snapshot was made for this boot only and goes when it ends */
  deleteSnapshot: boolean;
}

export interface NewVm {
  memoryMb: number;
  vcpuCount: number;
  metadata: Record<string, string>;
  lifetimeSeconds: number | null;
  snapshotId: string | null;
  deleteSnapshot?: boolean;
}

export interface Provisioning {
  vm: SandboxVm;
  /** the boot task as it was created (running) */
  task: Task<ProvisionPayload>;
}

/** Inserts the VM and its session and starts the boot; call inside the caller's transaction. */
export function startProvisioning(model: SandboxModel, user: SandboxUser, input: NewVm, plan?: TaskPlan): Provisioning {
  model.assertWithinLimits(user, input.memoryMb);
  const now = model.now();
  const vm: SandboxVm = {
    vmId: model.newId('vm'),
    owner: user.username,
    sessionId: model.newId('sess'),
    status: 'provisioning',
    memoryMb: input.memoryMb,
    vcpuCount: input.vcpuCount,
    metadata: input.metadata,
    snapshotId: input.snapshotId,
    createdAt: now,
    expiresAt: input.lifetimeSeconds === null ? null : now + input.lifetimeSeconds * 1000,
  };
  model.vms.insert(vm);
  model.sessions.create(vm.sessionId, user.username, vm.vmId, now);
  model.lifetimes.scheduled(vm.expiresAt);
  const payload: ProvisionPayload = { vmId: vm.vmId, sessionId: vm.sessionId, snapshotId: input.snapshotId, deleteSnapshot: input.deleteSnapshot ?? false };
  const task = model.ctx.tasks.create({
    id: `sandbox-${model.ctx.rng.hex(16)}`,
    api: API,
    type: TASK_TYPE,
    target: vm.vmId,
    owner: user.username,
    payload,
    durationMs: (input.snapshotId === null ? BOOT_MS : RESTORE_MS) * model.ctx.taskDurationScale,
    ...(plan ? { plan } : {}),
  });
  return { vm, task };
}

export function provisionTaskKind(model: SandboxModel): TaskKind<ProvisionPayload> {
  const dropSnapshot = (p: ProvisionPayload) => {
    if (p.deleteSnapshot && p.snapshotId !== null) model.snapshots.remove(p.snapshotId);
  };
  return {
    api: API,
    type: TASK_TYPE,
    succeed(task) {
      const p = task.payload;
      // a VM deleted (or expired) while it booted stays gone
      if (model.vms.get(p.vmId)) {
        model.vms.setStatus(p.vmId, 'running');
        model.sessions.activate(p.sessionId);
      }
      dropSnapshot(p);
      return { vm_id: p.vmId };
    },
    undo(task, reason) {
      const p = task.payload;
      model.vms.remove(p.vmId);
      model.sessions.terminate(p.sessionId, model.now(), `provisioning failed: ${reason}`, false);
      dropSnapshot(p);
    },
  };
}

/** Where a boot stands, as the API reports it. */
export interface ProvisionState {
  vmId: string | null;
  status: 'provisioning' | 'running' | 'failed' | 'deleted';
}

export function provisionState(model: SandboxModel, task: Task<ProvisionPayload>): ProvisionState {
  if (task.state === 'failed' || task.state === 'cancelled') return { vmId: null, status: 'failed' };
  const vm = model.vms.get(task.payload.vmId);
  if (!vm) return { vmId: task.payload.vmId, status: 'deleted' };
  return { vmId: vm.vmId, status: vm.status };
}

const MANUAL_POLL_MS = 5;
const MAX_POLL_MS = 50;

/** Resolves when the boot task has ended (the clock may be manual: then it ends when someone advances it). */
export async function waitForProvisioning(model: SandboxModel, taskId: string, signal?: () => AbortSignal): Promise<Task<ProvisionPayload>> {
  const { tasks, clock } = model.ctx;
  for (;;) {
    tasks.tick();
    model.lifetimes.sweep();
    const task = tasks.get<ProvisionPayload>(taskId);
    if (!task) throw new SandboxError(500, `provisioning task ${taskId} vanished`);
    if (task.state !== 'running' && task.state !== 'queued') return task;
    if (signal?.().aborted) throw new SandboxError(499, 'Client closed the request');
    const remaining = task.dueAt === null ? MAX_POLL_MS : (task.dueAt - clock.now()) / (clock.setting.mode === 'scaled' ? clock.setting.factor : 1);
    const pause = clock.mode === 'manual' ? MANUAL_POLL_MS : Math.min(MAX_POLL_MS, Math.max(1, remaining));
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
