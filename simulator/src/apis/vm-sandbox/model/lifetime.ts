// VM lifetimes on the virtual clock: a VM whose `vm_lifetime_seconds` has passed is removed and its
// session terminated ('expired'). Swept before every request; the earliest expiry is kept in memory so
// that a sweep with nothing due costs no query.
import type { SandboxModel } from './index.js';

export class Lifetimes {
  private next: number | undefined;

  constructor(private readonly model: SandboxModel) {}

  /** A VM with this expiry was just created. */
  scheduled(expiresAt: number | null): void {
    if (expiresAt !== null && this.next !== undefined && expiresAt < this.next) this.next = expiresAt;
  }

  forget(): void {
    this.next = undefined;
  }

  sweep(): void {
    const now = this.model.now();
    this.next ??= this.model.vms.nextExpiry();
    if (now < this.next) return;
    this.model.store.transaction(() => {
      for (const vm of this.model.vms.expiredBy(now)) this.model.removeVm(vm, 'expired');
    });
    this.next = this.model.vms.nextExpiry();
  }
}
