// The API's answers for each object, in the spec's shapes.
import type { Session } from '../model/sessions.js';
import type { Snapshot } from '../model/snapshots.js';
import type { SandboxVm } from '../model/vms.js';
import { isoTime } from '../time.js';

export function vmView(vm: SandboxVm) {
  return {
    vm_id: vm.vmId,
    session_id: vm.sessionId,
    status: vm.status,
    memory_mb: vm.memoryMb,
    vcpu_count: vm.vcpuCount,
    metadata: vm.metadata,
    snapshot_id: vm.snapshotId,
    created_at: isoTime(vm.createdAt),
    expires_at: vm.expiresAt === null ? null : isoTime(vm.expiresAt),
  };
}

export function snapshotView(s: Snapshot) {
  return {
    snapshot_id: s.snapshotId,
    name: s.name,
    vm_id: s.vmId,
    status: 'ready',
    memory_mb: s.memoryMb,
    vcpu_count: s.vcpuCount,
    created_at: isoTime(s.createdAt),
  };
}

export function sessionView(s: Session) {
  return {
    session_id: s.sessionId,
    vm_id: s.vmId,
    status: s.status,
    created_at: isoTime(s.createdAt),
    terminated_at: s.terminatedAt === null ? null : isoTime(s.terminatedAt),
    termination_reason: s.terminationReason,
  };
}
