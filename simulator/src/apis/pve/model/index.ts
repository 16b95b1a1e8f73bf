// The simulated PVE cluster: the small stores it is made of, shared by every handler.
import type { ApiContext } from '../../../core/api-module.js';
import { Workers } from '../worker.js';
import { Access } from './access.js';
import { Inventory } from './inventory.js';
import { VmidAllocator } from './nextid.js';
import { Pools } from './pools.js';
import { Snapshots } from './snapshots.js';
import { DEFAULT_TIMING, type Timing } from './timing.js';
import { type Vm, Vms } from './vms.js';

export class PveModel {
  readonly inventory: Inventory;
  readonly vms: Vms;
  readonly access: Access;
  readonly workers: Workers;
  readonly vmids: VmidAllocator;
  readonly pools: Pools;
  readonly snapshots: Snapshots;
  private cachedTiming: Timing | undefined;
  private cachedBridges: string[] | undefined;

  constructor(readonly ctx: ApiContext) {
    this.inventory = new Inventory(ctx.store);
    this.vms = new Vms(ctx.store);
    this.access = new Access(ctx.store, ctx.clock);
    this.workers = new Workers(ctx);
    this.vmids = new VmidAllocator(this);
    this.pools = new Pools(ctx.store);
    this.snapshots = new Snapshots(ctx.store);
    ctx.store.onRollback(() => {
      this.vms.forgetCaches();
      this.inventory.forgetCaches();
      this.vmids.forget();
    });
  }

  get store() {
    return this.ctx.store;
  }

  /** The VM on that node, or PVE's error for an unknown node or a missing VM. */
  requireVm(node: string, vmid: number): Vm {
    this.inventory.requireNode(node);
    return this.vms.require(node, vmid);
  }

  /** Like requireVm, without a copy: for reads that change nothing. */
  peekVm(node: string, vmid: number): Vm {
    this.inventory.requireNode(node);
    const vm = this.vms.peek(vmid);
    if (!vm || vm.node !== node) return this.vms.require(node, vmid);
    return vm;
  }

  now(): number {
    return this.ctx.clock.now();
  }

  timing(): Timing {
    this.cachedTiming ??= { ...DEFAULT_TIMING, ...(this.ctx.store.getMeta<Partial<Timing>>('pve.timing') ?? {}) };
    return this.cachedTiming;
  }

  /** The Linux bridges every node has (the scenario's `bridges`, default vmbr0). */
  bridges(): string[] {
    this.cachedBridges ??= this.ctx.store.getMeta<string[]>('pve.bridges') ?? ['vmbr0'];
    return this.cachedBridges;
  }

  setBridges(bridges: string[]): void {
    this.ctx.store.setMeta('pve.bridges', bridges);
    this.cachedBridges = undefined;
  }

  setTiming(overrides: Partial<Timing>): void {
    this.ctx.store.setMeta('pve.timing', overrides);
    this.cachedTiming = undefined;
  }

  /** Drop what was cached from the store (after a reset or an import). */
  forgetCaches(): void {
    this.cachedTiming = undefined;
    this.cachedBridges = undefined;
    this.access.forgetKey();
    this.inventory.forgetCaches();
    this.vms.forgetCaches();
    this.pools.version += 1;
    this.vmids.clear();
  }
}
