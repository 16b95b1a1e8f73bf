// The simulated sandbox service: the small stores it is made of, shared by every handler.
import type { ApiContext } from '../../../core/api-module.js';
import { SandboxError } from '../errors.js';
import { Lifetimes } from './lifetime.js';
import { type Session, Sessions } from './sessions.js';
import { type Snapshot, Snapshots } from './snapshots.js';
import { type SandboxUser, Users } from './users.js';
import { type SandboxVm, Vms } from './vms.js';

export const API = 'vm-sandbox';

export class SandboxModel {
  readonly users: Users;
  readonly vms: Vms;
  readonly snapshots: Snapshots;
  readonly sessions: Sessions;
  readonly lifetimes: Lifetimes;

  constructor(readonly ctx: ApiContext) {
    this.users = new Users(ctx.store, ctx.clock, ctx.rng);
    this.vms = new Vms(ctx.store);
    this.snapshots = new Snapshots(ctx.store);
    this.sessions = new Sessions(ctx.store);
    this.lifetimes = new Lifetimes(this);
    ctx.store.onRollback(() => {
      this.lifetimes.forget();
      this.vms.forgetCaches();
    });
  }

  get store() {
    return this.ctx.store;
  }

  now(): number {
    return this.ctx.clock.now();
  }

  newId(prefix: 'vm' | 'sess' | 'snap'): string {
    return `${prefix}-${this.ctx.rng.hex(12)}`;
  }

  requireVm(vmId: string, user: SandboxUser): SandboxVm {
    const vm = this.vms.get(vmId, user.username);
    if (!vm) throw new SandboxError(404, `VM ${vmId} not found`);
    return vm;
  }

  requireSnapshot(snapshotId: string, user: SandboxUser): Snapshot {
    const snapshot = this.snapshots.get(snapshotId, user.username);
    if (!snapshot) throw new SandboxError(404, `Snapshot ${snapshotId} not found`);
    return snapshot;
  }

  requireSession(sessionId: string, user: SandboxUser): Session {
    const session = this.sessions.get(sessionId, user.username);
    if (!session) throw new SandboxError(404, `Session ${sessionId} not found`);
    return session;
  }

  /** 429 when one more VM of memoryMb would pass either of the user's limits. Call inside the transaction that inserts it. */
  assertWithinLimits(user: SandboxUser, memoryMb: number): void {
    const usage = this.vms.usage(user.username);
    if (usage.vms + 1 > user.maxVms) throw new SandboxError(429, `VM limit reached: ${usage.vms} of ${user.maxVms} VMs in use`);
    if (usage.memoryMb + memoryMb > user.maxMemoryMb) {
      throw new SandboxError(429, `Memory limit reached: ${usage.memoryMb} MB in use, ${memoryMb} MB requested, limit ${user.maxMemoryMb} MB`);
    }
  }

  /** Removes a VM and terminates its session (deleted or expired). */
  removeVm(vm: SandboxVm, reason: string): void {
    this.vms.remove(vm.vmId);
    this.sessions.terminate(vm.sessionId, this.now(), reason);
  }

  forgetCaches(): void {
    this.users.forgetCaches();
    this.vms.forgetCaches();
    this.lifetimes.forget();
  }
}
