// The stateful phase runs the API's model (contracts/pve/workflow.ts) against an endpoint reached only over
// its HTTP interface: the simulator behind msw handlers that plant one defect each. A failing sequence
// is shrunk and reported step by step as curl commands with the seed; racing pairs expose races.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulator/src/simulator.js';
import { runContractTests } from '../src/index.js';
import { toJunit } from '../src/report/junit.js';
import { toJson } from '../src/report/json.js';
import { fetchThrough } from './checks/support/msw-fetch.js';

const BASE = 'https://pve.staging.test:8006/api2/json';
type Defect = 'list-hides-vms' | 'nextid-without-reservation';

const open: Array<{ close(): void }> = [];
afterEach(() => open.splice(0).forEach((simulator) => simulator.close()));

/** The simulator as a live endpoint would be (no reset between sequences), with one planted defect. */
function endpoint(defects: Defect[] = []) {
  const simulator = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['pve'], taskDurationScale: 0 });
  open.push(simulator);
  const simulated = simulator.fetch('pve');
  const passOn = (request: Request) => simulated(new Request(request.url.replace('pve.staging.test', 'localhost'), request));
  const handlers: HttpHandler[] = [];
  if (defects.includes('list-hides-vms')) handlers.push(http.get(`${BASE}/nodes/:node/qemu`, () => HttpResponse.json({ data: [] })));
  if (defects.includes('nextid-without-reservation')) {
    // the lowest id not in the VM list, recomputed on every call: two callers at once get the same id
    handlers.push(http.get(`${BASE}/cluster/nextid`, async ({ request }) => {
      const listing = await passOn(new Request(`${BASE}/cluster/resources?type=vm`, { headers: request.headers }));
      const used = new Set(((await listing.json()) as { data: Array<{ vmid: number }> }).data.map((vm) => vm.vmid));
      let id = 100;
      while (used.has(id)) id += 1;
      return HttpResponse.json({ data: String(id) });
    }));
  }
  const planted = fetchThrough(handlers);
  return async (request: Request) => {
    const answer = await planted(request.clone());
    return answer.status === 404 && (await answer.clone().text()) === 'no handler' ? passOn(request) : answer;
  };
}

const run = (defects: Defect[], extra: Parameters<typeof runContractTests>[0] = {}) =>
  runContractTests({
    api: 'pve', baseUrl: BASE, fetch: endpoint(defects), auth: 'root@pam:hypersim', phases: ['stateful'], maxExamples: 6,
    cleanup: true, namePrefix: 'qa-run7-', taskPollIntervalMs: 0, ...extra,
  });

describe('the stateful phase runs the PVE model against an endpoint', () => {
  it('a correct endpoint gives zero findings, and --cleanup leaves nothing of the run behind', async () => {
    const fetch = endpoint();
    const result = await run([], { fetch });
    expect(result.findings).toEqual([]);
    expect(result.counts.requests).toBeGreaterThan(20);
    const session = await fetch(new Request(`${BASE}/access/ticket`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=root@pam&password=hypersim' }));
    const ticket = ((await session.json()) as { data: { ticket: string } }).data.ticket;
    const listing = await fetch(new Request(`${BASE}/nodes/pve1/qemu`, { headers: { cookie: `PVEAuthCookie=${ticket}` } }));
    const names = ((await listing.json()) as { data: Array<{ name?: string }> }).data.map((vm) => vm.name ?? '');
    expect(names.filter((name) => name.startsWith('qa-run7-'))).toEqual([]);
  }, 60_000);

  it('a broken invariant is shrunk and reported step by step as curl commands with the seed, in JSON and JUnit', async () => {
    const result = await run(['list-hides-vms'], { maxExamples: 15 });
    expect(result.findings.map((finding) => finding.check)).toEqual(['workflow_model']);
    const [finding] = result.findings;
    expect(finding?.actual).toMatch(/the VM list \(200\) leaves out \d+/);
    // shrunk to the smallest sequence that shows it: a clone (or a racing pair of clones), then the listing
    expect(finding?.actual).toMatch(/shrunk sequence: (clone\(900[01], (full|linked)\)|race\(clone\([^)]*\), clone\([^)]*\)\)),list\(\)/);
    const steps = finding?.curl.split('\n').filter((line) => line.startsWith('curl ')) ?? [];
    expect(steps.length).toBeGreaterThanOrEqual(4); // nextid, clone, task status, config, list
    expect(finding?.curl).toMatch(/# 1\. (clone|race)\(.*\)\ncurl -sS -i -X GET .*\/cluster\/nextid/);
    expect(finding?.curl).toContain("'https://pve.staging.test:8006/api2/json/nodes/pve1/qemu'  # -> 200");
    expect(finding?.curl).not.toContain('PVE:root@pam'); // the ticket is a variable
    expect(finding?.seed).toBe(1);
    expect(toJson(result)).toContain('workflow_model');
    expect(toJunit(result)).toContain('Model-based sequence failed');
  }, 60_000);

  it('racing commands show a nextid that hands the same id to two callers', async () => {
    const result = await run(['nextid-without-reservation'], { maxExamples: 15 });
    const [finding] = result.findings;
    expect(finding?.check).toBe('workflow_model');
    expect(finding?.actual).toContain('race(clone(');
  }, 60_000);
});
