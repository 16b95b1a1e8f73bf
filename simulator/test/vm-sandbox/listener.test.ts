// What the listener serves besides the operations: FastAPI's /openapi.json and /docs (assets from
// swagger-ui-dist), 404 and 405 in FastAPI's shape, the inventory view.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vmSandboxModule } from '../../src/apis/vm-sandbox/module.js';
import type { Simulator } from '../../src/simulator.js';
import { standaloneModule } from '../helpers.js';
import { BASE_VM, SandboxClient, sandboxSimulator } from './client.js';

let sim: Simulator;
let client: SandboxClient;
beforeEach(() => {
  sim = sandboxSimulator({ taskDurationScale: 0 });
  client = new SandboxClient(sim);
});
afterEach(() => sim.close());

describe('the FastAPI extras', () => {
  it('/openapi.json is the spec, without credentials', async () => {
    const answer = await client.as({}).call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body.openapi).toBe('3.1.0');
    expect(answer.body.paths['/v1/vms/{vm_id}/clone'].post.operationId).toBe('clone_vm_v1_vms__vm_id__clone_post');
  });

  it('/docs is Swagger UI with local assets', async () => {
    const page = await client.as({}).call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain("url: '/openapi.json'");
    const assets = [...String(page.body).matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/docs/swagger-ui.css', '/docs/favicon-32x32.png', '/docs/swagger-ui-bundle.js']);
    for (const asset of [...assets, '/docs/oauth2-redirect', '/docs/oauth2-redirect.js']) {
      const res = await sim.fetch('vm-sandbox')(new Request(`http://sandbox.test${asset}`));
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    expect(page.body).not.toMatch(/https?:\/\//);
  });
});

describe('routing errors', () => {
  it('an unknown path: 404 {"detail":"Not Found"}', async () => {
    expect(await client.call('GET', '/v1/nothing')).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    expect(await client.call('GET', '/elsewhere')).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
  });

  it('a known path with another method: 405 with Allow, before authentication', async () => {
    const answer = await client.as({}).call('PUT', `/v1/vms/${BASE_VM}`, {});
    expect(answer.status).toBe(405);
    expect(answer.body).toEqual({ detail: 'Method Not Allowed' });
    expect(answer.headers.get('allow')).toBe('GET, DELETE');
  });
});

describe('inventory', () => {
  it('lists VMs, snapshots, sessions and per-user usage against limits', async () => {
    const { instance, store } = standaloneModule(vmSandboxModule, { taskDurationScale: 0 });
    const created = await instance.routes.request('/vms?wait=true', { method: 'POST', headers: { 'x-api-key': 'hs-test-key', 'content-type': 'application/json' }, body: '{"memory_mb": 2048}' });
    const vmId = ((await created.json()) as { vm_id: string }).vm_id;
    const view = instance.inventory!();
    expect(view.tables.map((t) => t.title)).toEqual(['Users', 'VMs', 'Snapshots', 'Sessions']);
    expect(view.tables[0]!.rows).toEqual([
      ['default', true, { used: 2, total: 10 }, { used: 3072, total: 16384, unit: 'MB' }],
      ['other', true, { used: 0, total: 10 }, { used: 0, total: 16384, unit: 'MB' }],
    ]);
    expect(view.tables[1]!.rows.map((row) => [row[0], row[2]])).toEqual([[BASE_VM, 'running'], [vmId, 'running']]);
    expect(view.tables[2]!.rows).toHaveLength(1);
    expect(view.tables[3]!.rows.map((row) => row[3])).toEqual(['active', 'active']);
    store.close();
  });
});
