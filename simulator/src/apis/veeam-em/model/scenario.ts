// Fills an empty store from the `veeam-em` section of a scenario (see simulator/src/scenarios/default.yaml).
import { ScenarioError } from '../../../core/scenario.js';
import type { VeeamModel } from './index.js';
import { JOB_TYPES, type JobType, PLATFORMS, type Platform } from './jobs.js';
import { ROLES, type Role } from './logons.js';
import { DEFAULT_TIMING, type Timing } from './timing.js';
import { GUID } from './uids.js';

const GiB = 1024 ** 3;

interface VeeamScenario {
  vcenter?: { name: string; uid: string };
  backupServers?: Array<{ id?: string; name: string; description?: string; port?: number; version?: string }>;
  repositories?: Array<{ id?: string; name: string; kind?: string; backupServer?: string; capacityGiB: number; usedGiB?: number }>;
  jobs?: Array<{
    id?: string;
    name: string;
    type: JobType;
    platform?: Platform;
    description?: string;
    backupServer?: string;
    repository?: string;
    fileName?: string;
    vmSuffix?: string;
    vms?: Array<{ vm: string; name: string; sizeGiB: number }>;
  }>;
  users?: Array<{ name: string; password: string; role: Role }>;
  timing?: Partial<Timing>;
}

/** Where a scenario's jobs find their VMs (kept in the store for the views). */
export interface VcenterRef {
  name: string;
  uid: string;
}

export const VCENTER_META = 'veeam-em.vcenter';

export function loadVeeamScenario(model: VeeamModel, section: unknown): void {
  const s = (section ?? {}) as VeeamScenario;
  const fail = (message: string): never => {
    throw new ScenarioError(`scenario veeam-em: ${message}`);
  };
  if (typeof s !== 'object' || Array.isArray(s)) fail('expected an object');
  const { ctx } = model;
  const guid = (id: string | undefined, what: string) => {
    if (id !== undefined && !GUID.test(id)) fail(`${what}: id '${id}' is not a GUID`);
    return (id ?? ctx.rng.uuid()).toLowerCase();
  };
  if (s.timing) {
    for (const key of Object.keys(s.timing)) if (!(key in DEFAULT_TIMING)) fail(`timing.${key} is not a known timing (known: ${Object.keys(DEFAULT_TIMING).join(', ')})`);
    model.setTiming(s.timing);
  } else model.setTiming({});
  if (s.vcenter !== undefined && (typeof s.vcenter.name !== 'string' || typeof s.vcenter.uid !== 'string')) fail('vcenter needs name and uid');
  ctx.store.setMeta(VCENTER_META, s.vcenter ?? { name: 'vcenter', uid: '00000000-0000-0000-0000-000000000000' });

  const serverIds = new Map<string, string>();
  for (const server of s.backupServers ?? []) {
    if (typeof server.name !== 'string') fail(`backup server ${JSON.stringify(server)} needs a name`);
    const id = guid(server.id, `backup server ${server.name}`);
    serverIds.set(server.name, id);
    model.infrastructure.addServer({ id, name: server.name, description: server.description ?? '', port: server.port ?? 9392, version: server.version ?? '12.3.1.1139' });
  }
  const serverOf = (name: string | undefined, what: string): string => {
    const first = [...serverIds.values()][0];
    const id = name === undefined ? first : serverIds.get(name);
    return id ?? fail(`${what}: unknown backup server '${name ?? '(none defined)'}'`);
  };
  const repositoryIds = new Map<string, string>();
  for (const r of s.repositories ?? []) {
    if (typeof r.name !== 'string' || typeof r.capacityGiB !== 'number') fail(`repository ${JSON.stringify(r)} needs name and capacityGiB`);
    const id = guid(r.id, `repository ${r.name}`);
    repositoryIds.set(r.name, id);
    const used = Math.round((r.usedGiB ?? 0) * GiB);
    const capacity = Math.round(r.capacityGiB * GiB);
    if (used > capacity) fail(`repository ${r.name}: usedGiB exceeds capacityGiB`);
    model.infrastructure.addRepository({ id, name: r.name, kind: r.kind ?? 'WinLocal', backupServerId: serverOf(r.backupServer, `repository ${r.name}`), capacity, used });
  }
  (s.jobs ?? []).forEach((job, index) => {
    if (typeof job.name !== 'string' || !JOB_TYPES.includes(job.type)) fail(`job ${JSON.stringify(job.name)} needs a name and a type (${JOB_TYPES.join(', ')})`);
    if (job.platform !== undefined && !PLATFORMS.includes(job.platform)) fail(`job ${job.name}: platform must be one of ${PLATFORMS.join(', ')}`);
    const needsRepository = job.type !== 'Replica';
    if (needsRepository && job.repository === undefined) fail(`job ${job.name}: a ${job.type} job needs a repository`);
    const repositoryId = job.repository === undefined ? null : (repositoryIds.get(job.repository) ?? fail(`job ${job.name}: unknown repository '${job.repository}'`));
    const objects = (job.vms ?? []).map((vm) => {
      if (typeof vm.vm !== 'string' || typeof vm.name !== 'string' || typeof vm.sizeGiB !== 'number') fail(`job ${job.name}: each vm needs vm, name and sizeGiB`);
      return { vm: vm.vm, name: vm.name, size: Math.round(vm.sizeGiB * GiB) };
    });
    model.jobs.insert({
      id: guid(job.id, `job ${job.name}`),
      name: job.name,
      jobType: job.type,
      platform: job.platform ?? 'VMware',
      description: job.description ?? '',
      backupServerId: serverOf(job.backupServer, `job ${job.name}`),
      repositoryId: needsRepository ? repositoryId : null,
      fileName: job.type === 'Replica' ? null : (job.fileName ?? job.name),
      vmSuffix: job.type === 'Replica' ? (job.vmSuffix ?? '_replica') : null,
      objects,
      scheduleEnabled: true,
      // scenario jobs keep their listed order
      createdAt: ctx.clock.now() - 86_400_000 + index,
    });
  });
  for (const u of s.users ?? []) {
    if (typeof u.name !== 'string' || typeof u.password !== 'string' || !ROLES.includes(u.role)) fail(`user ${JSON.stringify(u.name)} needs name, password and a role (${ROLES.join(', ')})`);
    model.logons.addUser(u.name, u.password, u.role);
  }
}
