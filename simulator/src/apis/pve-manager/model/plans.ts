// Compute resource plans: per-VM limits and totals, and the usage of a user (the sum of their VMs that
// are not destroyed yet). Checking a request and recording its VM happen in one transaction, so two
// requests can never both take the last of a plan.
import type { Store } from '../../../core/store.js';
import { ManagerError } from '../errors.js';

export interface PlanLimits {
  max_cpu_cores_per_vm: number;
  max_memory_per_vm: number;
  max_storage_per_vm: number;
  max_cpu_cores_sum: number;
  max_memory_sum: number;
  max_storage_sum: number;
  max_vms: number;
}

export const LIMIT_KEYS: readonly (keyof PlanLimits)[] = [
  'max_cpu_cores_per_vm', 'max_memory_per_vm', 'max_storage_per_vm', 'max_cpu_cores_sum', 'max_memory_sum', 'max_storage_sum', 'max_vms',
];

export interface Plan {
  id: string;
  name: string;
  limits: PlanLimits;
}

export interface Usage {
  cpu_cores: number;
  memory: number;
  storage: number;
  vms: number;
}

export interface ResourceRequest {
  cpuCores: number;
  memorySize: number;
  diskSize: number;
}

export const PER_VM_EXCEEDED = 'Requested resources exceed the per VM limits of your compute resource plan';
export const AVAILABLE_EXCEEDED = 'Requested resources exceed the available limits of your compute resource plan';

export class Plans {
  constructor(private readonly store: Store) {}

  insert(plan: Plan): void {
    this.store.run('INSERT INTO mgr_plans (id, name, limits) VALUES (?, ?, ?)', plan.id, plan.name, JSON.stringify(plan.limits));
  }

  get(id: string): Plan | undefined {
    const row = this.store.get<{ id: string; name: string; limits: string }>('SELECT * FROM mgr_plans WHERE id = ?', id);
    return row && { id: row.id, name: row.name, limits: JSON.parse(row.limits) as PlanLimits };
  }

  all(): Plan[] {
    return this.store.all<{ id: string }>('SELECT id FROM mgr_plans ORDER BY name').map((r) => this.get(r.id)!);
  }

  usageOf(userId: string): Usage {
    const row = this.store.get<Usage>(
      'SELECT COALESCE(SUM(cpu_cores), 0) AS cpu_cores, COALESCE(SUM(memory_mb), 0) AS memory, COALESCE(SUM(disk_gb), 0) AS storage, COUNT(*) AS vms FROM mgr_vms WHERE owner = ?',
      userId,
    );
    return row ?? { cpu_cores: 0, memory: 0, storage: 0, vms: 0 };
  }

  /** Throws the service's 400 when the request does not fit the plan per VM or in what is left of it. */
  check(plan: Plan, usage: Usage, request: ResourceRequest): void {
    const l = plan.limits;
    if (request.cpuCores > l.max_cpu_cores_per_vm || request.memorySize > l.max_memory_per_vm || request.diskSize > l.max_storage_per_vm)
      throw new ManagerError(400, PER_VM_EXCEEDED);
    if (
      usage.cpu_cores + request.cpuCores > l.max_cpu_cores_sum ||
      usage.memory + request.memorySize > l.max_memory_sum ||
      usage.storage + request.diskSize > l.max_storage_sum ||
      usage.vms + 1 > l.max_vms
    )
      throw new ManagerError(400, AVAILABLE_EXCEEDED);
  }
}
