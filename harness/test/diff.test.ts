// --diff: the same requests to the endpoint and the in-process simulator, differences reported. A second
// copy of the simulator over HTTPS shows none; a copy behind msw handlers that plant one difference each
// shows exactly that one.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, DEFAULT_TLS } from '../../simulator/src/config.js';
import { startServers, type RunningServers } from '../../simulator/src/serve.js';
import { createSimulator, type Simulator } from '../../simulator/src/simulator.js';
import { normaliseText, shapeOf } from '../src/diff.js';
import { runContractTests } from '../src/index.js';
import { fetchThrough } from './checks/support/msw-fetch.js';

const newSimulator = () => createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['pve'], taskDurationScale: 0 });
const diffFindings = (findings: Array<{ check: string; operationId: string; title: string; expected: string; actual: string }>) =>
  findings.filter((finding) => finding.check === 'differential').map((finding) => `${finding.operationId}: ${finding.title} | ${finding.expected} | ${finding.actual}`);

describe('normalising', () => {
  it('compares shapes, not values, and texts without their numbers', () => {
    expect(shapeOf({ a: 1, b: ['x', 'y'], c: null })).toBe(shapeOf({ c: null, b: ['z'], a: 7 }));
    expect(shapeOf({ a: 1 })).not.toBe(shapeOf({ a: '1' }));
    expect(normaliseText('VM 104 already exists')).toBe(normaliseText('VM 100 already exists'));
    expect(normaliseText('UPID:pve1:0000A1B2:00C0FFEE:qmclone')).toBe(normaliseText('UPID:pve1:00001234:0BADF00D:qmclone'));
  });
});

describe('the simulator against a second copy of itself over HTTPS', () => {
  let copy: Simulator;
  let servers: RunningServers;
  beforeAll(async () => {
    copy = newSimulator();
    servers = await startServers(copy, {
      apis: ['pve'], host: '127.0.0.1', ports: { ...DEFAULT_PORTS, pve: 0 }, tls: { ...DEFAULT_TLS, pve: true }, quiet: true, dataDir: ':memory:', cert: undefined, key: undefined,
    }, () => {});
  });
  afterAll(async () => {
    await servers.close();
    copy.close();
  });

  it('reports no difference', async () => {
    const listener = servers.listeners[0];
    const result = await runContractTests({
      api: 'pve', diff: true, baseUrl: `${listener?.origin}/api2/json`, insecure: true, auth: 'root@pam:hypersim', maxExamples: 3, taskPollIntervalMs: 0,
    });
    expect(diffFindings(result.findings)).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.counts.requests).toBeGreaterThan(100);
  }, 120_000);
});

describe('planted differences', () => {
  const BASE = 'https://pve.staging.test:8006/api2/json';
  const open: Simulator[] = [];
  afterEach(() => open.splice(0).forEach((simulator) => simulator.close()));

  function endpoint(handlers: HttpHandler[]) {
    const simulator = newSimulator();
    open.push(simulator);
    const planted = fetchThrough(handlers);
    return async (request: Request) => {
      const answer = await planted(request.clone());
      return answer.status === 404 && (await answer.clone().text()) === 'no handler' ? simulator.fetch('pve')(request) : answer;
    };
  }
  const run = (handlers: HttpHandler[]) =>
    runContractTests({ api: 'pve', diff: true, baseUrl: BASE, fetch: endpoint(handlers), auth: 'root@pam:hypersim', phases: ['examples'], taskPollIntervalMs: 0 });

  it('a different status class', async () => {
    // the simulator hands out the spec's example ?vmid=4242 (free); this endpoint refuses it
    const result = await run([
      http.get(`${BASE}/cluster/nextid`, () =>
        HttpResponse.json({ data: null, errors: { vmid: 'VM 4242 already exists' } }, { status: 400, statusText: 'Parameter verification failed.' })),
    ]);
    expect(diffFindings(result.findings)).toEqual([expect.stringMatching(/^getNextId: Endpoint and simulator differ: status \| the simulator's answer: 200 .* \| the endpoint's answer: 400 .*$/)]);
  });

  it('a different body shape', async () => {
    const result = await run([http.get(`${BASE}/nodes/:node/qemu`, () => HttpResponse.json({ data: [{ vmid: 100 }] }))]);
    expect(diffFindings(result.findings)).toEqual([expect.stringMatching(/^listVms: Endpoint and simulator differ: body shape/)]);
  });

  it('a different task outcome', async () => {
    const result = await run([
      http.get(`${BASE}/nodes/:node/tasks/:upid/status`, async ({ request }) => {
        const answer = (await open[0]?.fetch('pve')(request))?.clone();
        const body = (await answer?.json()) as { data: Record<string, unknown> };
        return HttpResponse.json({ data: { ...body.data, exitstatus: 'clone failed: storage full' } });
      }),
    ]);
    // (the planted handler also answers 200 for the spec's example UPID, which neither side knows)
    expect(diffFindings(result.findings)).toContain(
      'getTaskStatus: Endpoint and simulator differ: value | the simulator\'s answer: /data/exitstatus "OK" | the endpoint\'s answer: /data/exitstatus "clone failed: storage full"',
    );
  });

  it('a task the endpoint is still running is timing, not a difference: its outcome is compared when it ends', async () => {
    let reads = 0;
    const result = await run([
      http.get(`${BASE}/nodes/:node/tasks/:upid/status`, async ({ request }) => {
        const answer = (await open[0]?.fetch('pve')(request))?.clone();
        const body = (await answer?.json()) as { data: Record<string, unknown> };
        reads += 1;
        if (reads % 2 === 1) {
          const { exitstatus: _done, ...running } = body.data;
          return HttpResponse.json({ data: { ...running, status: 'running' } });
        }
        return HttpResponse.json(body);
      }),
    ]);
    expect(reads).toBeGreaterThan(1);
    expect(diffFindings(result.findings)).toEqual([]);
  });
});
