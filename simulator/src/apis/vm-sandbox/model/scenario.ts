// Fills an empty store from the `vm-sandbox` section of a scenario (see simulator/src/scenarios/default.yaml):
// users with their API keys and limits, and VMs (running, each with an active session) and snapshots.
import { ScenarioError } from '../../../core/scenario.js';
import type { SandboxModel } from './index.js';

interface SandboxScenario {
  users?: Array<{ username: string; password: string; apiKey?: string; maxVms?: number; maxMemoryMb?: number }>;
  vms?: Array<{ vmId: string; owner: string; memoryMb?: number; vcpuCount?: number; metadata?: Record<string, string>; lifetimeSeconds?: number; sessionId?: string }>;
  snapshots?: Array<{ snapshotId: string; owner: string; name: string; vmId: string; memoryMb?: number; vcpuCount?: number }>;
}

export const DEFAULT_LIMITS = { maxVms: 10, maxMemoryMb: 16384 };

export function loadSandboxScenario(model: SandboxModel, section: unknown): void {
  const fail = (message: string): never => {
    throw new ScenarioError(`scenario vm-sandbox: ${message}`);
  };
  if (typeof section !== 'object' || section === null || Array.isArray(section)) fail('expected an object');
  const s = section as SandboxScenario;
  const now = model.now();
  for (const [i, u] of (s.users ?? []).entries()) {
    if (typeof u?.username !== 'string' || typeof u.password !== 'string') fail(`users[${i}]: username and password are required strings`);
    const limit = (value: number | undefined, fallback: number, name: string) => {
      if (value !== undefined && !(Number.isInteger(value) && value >= 0)) fail(`users[${i}].${name}: expected an integer >= 0`);
      return value ?? fallback;
    };
    model.users.add({
      username: u.username,
      password: u.password,
      apiKey: u.apiKey ?? null,
      maxVms: limit(u.maxVms, DEFAULT_LIMITS.maxVms, 'maxVms'),
      maxMemoryMb: limit(u.maxMemoryMb, DEFAULT_LIMITS.maxMemoryMb, 'maxMemoryMb'),
    });
  }
  for (const [i, v] of (s.vms ?? []).entries()) {
    if (typeof v?.vmId !== 'string' || !model.users.get(v.owner)) fail(`vms[${i}]: needs a vmId and an owner among the users`);
    const sessionId = v.sessionId ?? `sess-${v.vmId.replace(/^vm-/, '')}`;
    model.vms.insert({
      vmId: v.vmId,
      owner: v.owner,
      sessionId,
      status: 'running',
      memoryMb: v.memoryMb ?? 512,
      vcpuCount: v.vcpuCount ?? 1,
      metadata: v.metadata ?? {},
      snapshotId: null,
      createdAt: now,
      expiresAt: v.lifetimeSeconds === undefined ? null : now + v.lifetimeSeconds * 1000,
    });
    model.sessions.create(sessionId, v.owner, v.vmId, now, 'active');
  }
  for (const [i, snap] of (s.snapshots ?? []).entries()) {
    if (typeof snap?.snapshotId !== 'string' || typeof snap.name !== 'string' || !model.users.get(snap.owner)) {
      fail(`snapshots[${i}]: needs a snapshotId, a name and an owner among the users`);
    }
    const source = model.vms.get(snap.vmId);
    model.snapshots.insert({
      snapshotId: snap.snapshotId,
      owner: snap.owner,
      name: snap.name,
      vmId: snap.vmId,
      memoryMb: snap.memoryMb ?? source?.memoryMb ?? 512,
      vcpuCount: snap.vcpuCount ?? source?.vcpuCount ?? 1,
      createdAt: now,
    });
  }
}
