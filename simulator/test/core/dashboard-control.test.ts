// The control plane's parts for the dashboard: its pages and assets, the live snapshot and its event
// stream, the inventories of every API, and fault rules changed one at a time (counters kept).
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '../../src/core/live-view.js';
import type { Simulator } from '../../src/simulator.js';
import { testSimulator } from '../helpers.js';

const TOKEN = { authorization: 'PVEAPIToken=root@pam!ci=8d5a7c52-8c4b-4a8e-9f0e-2b7c1d3e4f50' };
let sim: Simulator;
afterEach(() => sim?.close());

const call = async (method: string, path: string, body?: unknown) => {
  const res = await sim.app('pve').request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, json: () => JSON.parse(text) };
};
const version = () => sim.app('pve').request('/api2/json/version', { headers: TOKEN });

describe('dashboard and docs pages', () => {
  it('serves the pages and their assets from the package, and nothing else', async () => {
    sim = testSimulator();
    const page = await call('GET', '/_sim/ui');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('/_sim/ui/dashboard.js');
    expect((await call('GET', '/_sim/ui/dashboard.js')).type).toContain('text/javascript');
    expect((await call('GET', '/_sim/docs')).text).toContain('/_sim/docs/swagger-ui-bundle.js');
    const bundle = await call('GET', '/_sim/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
    expect((await call('GET', '/_sim/ui/package.json')).status).toBe(404);
    expect((await call('GET', '/_sim/docs/index.html')).status).toBe(404);
  });

  it('keeps its own page loads and event stream out of the journal, but not the actions they take', async () => {
    sim = testSimulator();
    await call('GET', '/_sim/ui');
    await call('GET', '/_sim/docs/docs.js');
    await call('POST', '/_sim/clock/advance', { seconds: 1 });
    const paths = (await call('GET', '/_sim/journal')).json().map((e: { path: string }) => e.path);
    expect(paths).toEqual(['/_sim/clock/advance']);
  });

  it('lists every API with its basePath and inventory tables', async () => {
    sim = testSimulator();
    const { api, basePath, apis } = (await call('GET', '/_sim/apis')).json();
    expect({ api, basePath }).toEqual({ api: 'pve', basePath: '/api2/json' });
    expect(apis.map((a: { api: string }) => a.api)).toEqual(['pve']);
    expect(apis[0].inventory.tables.map((t: { title: string }) => t.title)).toEqual(['Nodes', 'VMs', 'Storages']);
    expect((await call('GET', '/_sim/scenarios')).json().builtIn).toContain('default');
  });
});

describe('the live snapshot', () => {
  it('streams a snapshot at once and another after a request changed something', async () => {
    sim = testSimulator();
    const res = await sim.app('pve').request('/_sim/events');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const nextSnapshot = async (): Promise<LiveSnapshot> => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
        const match = /event: snapshot\ndata: (.*)\n\n/.exec(buffer);
        if (match) return JSON.parse(match[1]!) as LiveSnapshot;
      }
    };
    const first = await nextSnapshot();
    expect(first.clock.mode).toBe('manual');
    expect(first.apis[0]!.inventory!.tables[0]!.rows).toHaveLength(3);
    expect(first.journal).toEqual([]);
    await version();
    const second = await nextSnapshot();
    expect(second.journal.map((e) => `${e.status} ${e.path} ${e.operationId}`)).toEqual(['200 /api2/json/version getVersion']);
    await reader.cancel();
  });

  it('carries tasks with duration on the virtual clock, running ones always', async () => {
    sim = testSimulator();
    const clone = await sim.app('pve').request('/api2/json/nodes/pve1/qemu/9000/clone', {
      method: 'POST', headers: { ...TOKEN, 'content-type': 'application/x-www-form-urlencoded' }, body: 'newid=200',
    });
    expect(clone.status).toBe(200);
    await call('POST', '/_sim/clock/advance', { seconds: 2 });
    const [task] = (await call('GET', '/_sim/snapshot')).json().tasks;
    expect(task).toMatchObject({ api: 'pve', type: 'qmclone', target: '9000', owner: 'root@pam!ci', durationMs: 2000 });
    expect(['running', 'succeeded']).toContain(task.state);
  });
});

describe('fault rules one at a time', () => {
  const rule = (status: number) => ({ api: 'pve', operationId: 'getVersion', error: { status } });

  it('adds with validation, keeps the counters of the others, and renumbers on removal', async () => {
    sim = testSimulator();
    const invalid = await call('POST', '/_sim/faults', { api: 'pve', probability: 2, error: { status: 500 } });
    expect(invalid.status).toBe(400);
    expect(invalid.json().error).toBe('faults[0].probability: expected a number from 0 to 1');

    expect((await call('POST', '/_sim/faults', { ...rule(500), operationId: 'listNodes' })).json()).toMatchObject({ index: 0 });
    expect((await call('POST', '/_sim/faults', rule(503))).status).toBe(201);
    expect((await version()).status).toBe(503);
    expect((await version()).status).toBe(503);
    let counters = (await call('GET', '/_sim/faults')).json().counters;
    expect(counters).toEqual([{ rule: 1, matched: 2, hit: 2 }]);

    expect((await call('POST', '/_sim/faults', rule(502))).status).toBe(201);
    expect((await call('GET', '/_sim/faults')).json().counters).toEqual([{ rule: 1, matched: 2, hit: 2 }]);

    expect((await call('DELETE', '/_sim/faults/0')).status).toBe(204);
    const after = (await call('GET', '/_sim/faults')).json();
    expect(after.rules.map((r: { error: { status: number } }) => r.error.status)).toEqual([503, 502]);
    expect(after.counters).toEqual([{ rule: 0, matched: 2, hit: 2 }]);

    expect((await call('PUT', '/_sim/faults/0', rule(504))).status).toBe(200);
    counters = (await call('GET', '/_sim/faults')).json().counters;
    expect(counters).toEqual([]);
    expect((await version()).status).toBe(504);
  });

  it('answers an unknown rule number with a clear error and changes nothing', async () => {
    sim = testSimulator();
    await call('POST', '/_sim/faults', rule(503));
    const missing = await call('PUT', '/_sim/faults/3', rule(500));
    expect(missing.status).toBe(400);
    expect(missing.json().error).toBe('faults: there is no rule #3 (1 rules)');
    expect((await call('DELETE', '/_sim/faults/x')).json().error).toBe("faults: 'x' is not a rule number");
    const bad = await call('PUT', '/_sim/faults/0', { api: 'pve' });
    expect(bad.json().error).toBe('faults[0]: a rule needs at least one of latency, error, connection, task');
    expect((await call('GET', '/_sim/faults')).json().rules).toEqual([rule(503)]);
  });
});
