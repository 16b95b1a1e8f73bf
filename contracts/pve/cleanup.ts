// What a PVE run creates: a successful clone makes VM `newid` on `target` (or the source's node). Its
// removal is DELETE /nodes/{node}/qemu/{newid}?purge=1, once the clone task has released the lock.
import type { CreatedResources } from '../../harness/src/cleanup.js';

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

export const pveCreatedResources: CreatedResources = (exchange, baseUrl) => {
  const { case: testCase } = exchange;
  if (testCase.operation.method !== 'POST' || !/\/qemu\/\{[^}]+\}\/clone$/.test(testCase.operation.path)) return undefined;
  const newid = field(testCase.body, 'newid') ?? (typeof testCase.query.newid === 'string' ? testCase.query.newid : undefined);
  const node = field(testCase.body, 'target') ?? testCase.pathParams.node;
  if (newid === undefined || node === undefined) return [];
  const path = `/nodes/${encodeURIComponent(node)}/qemu/${encodeURIComponent(newid)}`;
  return [{ description: `VM ${newid} on ${node} (cloned from ${testCase.pathParams.vmid ?? '?'})`, request: { method: 'DELETE', url: `${baseUrl}${path}?purge=1`, headers: {} } }];
};
