// The simulated vCenter: the small stores it is made of, shared by every handler.
import type { ApiContext } from '../../../core/api-module.js';
import { Access } from './access.js';
import { Inventory } from './inventory.js';
import { Vms } from './vms.js';

const LAST_VM_KEY = 'vsphere.lastVm';

export class VsphereModel {
  readonly inventory: Inventory;
  readonly vms: Vms;
  readonly access: Access;
  private lastVm: number | undefined;

  constructor(readonly ctx: ApiContext) {
    this.inventory = new Inventory(ctx.store);
    this.vms = new Vms(ctx.store, this.inventory);
    this.access = new Access(ctx);
    ctx.store.onRollback(() => {
      this.inventory.forgetCaches();
      this.lastVm = undefined;
    });
  }

  get store() {
    return this.ctx.store;
  }

  /** vm-N, never reused (vCenter's managed object ids only grow). */
  nextVmId(): string {
    this.lastVm ??= this.store.getMeta<number>(LAST_VM_KEY) ?? 1000;
    this.lastVm += 1;
    this.store.setMeta(LAST_VM_KEY, this.lastVm);
    return `vm-${this.lastVm}`;
  }

  /** Records that ids up to vm-N are taken (scenario VMs). */
  reserveVmIds(upTo: number): void {
    this.lastVm = Math.max(this.store.getMeta<number>(LAST_VM_KEY) ?? 1000, upTo);
    this.store.setMeta(LAST_VM_KEY, this.lastVm);
  }

  customizationSpecExists(name: string): boolean {
    return this.store.get('SELECT 1 FROM vsphere_customization_specs WHERE name = ?', name) !== undefined;
  }

  customizationSpecs(): Array<{ name: string; description: string; os_type: string }> {
    return this.store.all('SELECT name, description, os_type FROM vsphere_customization_specs ORDER BY name');
  }

  forgetCaches(): void {
    this.inventory.forgetCaches();
    this.access.forgetCaches();
    this.lastVm = undefined;
  }
}
