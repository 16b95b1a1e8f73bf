// Test helpers: a simulator per test (in-process, in-memory store) and a small PVE client over its fetch.
import type { ApiInstance, ApiModule } from '../src/core/api-module.js';
import { Clock } from '../src/core/clock.js';
import { faultMigrations, Faults } from '../src/core/faults.js';
import { loadSpec } from '../src/core/openapi.js';
import { Rng } from '../src/core/rng.js';
import { readScenario } from '../src/core/scenario.js';
import { Store } from '../src/core/store.js';
import { taskMigrations, TaskEngine } from '../src/core/tasks.js';
import { DEFAULT_PORTS, DEFAULT_TLS } from '../src/config.js';
import { type RunningServers, startServers } from '../src/serve.js';
import { createSimulator, type Simulator, type SimulatorOptions } from '../src/simulator.js';

export function testSimulator(options: Partial<SimulatorOptions> = {}): Simulator {
  return createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['pve'], ...options });
}

/** Runs fn against a fresh simulator and closes it afterwards (govmomi's simulator.Test, for vitest). */
export async function withSimulator<T>(fn: (sim: Simulator) => Promise<T>, options: Partial<SimulatorOptions> = {}): Promise<T> {
  const sim = testSimulator(options);
  try {
    return await fn(sim);
  } finally {
    sim.close();
  }
}

export interface PveResponse {
  status: number;
  statusText: string;
  contentType: string | null;
  body: any;
}

export class PveTestClient {
  private headers: Record<string, string> = {};

  constructor(private readonly sim: Simulator) {}

  async login(username = 'root@pam', password = 'hypersim'): Promise<this> {
    const res = await this.request('POST', '/access/ticket', { username, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.statusText}`);
    this.headers = { cookie: `PVEAuthCookie=${encodeURIComponent(res.body.data.ticket)}`, CSRFPreventionToken: res.body.data.CSRFPreventionToken };
    return this;
  }

  useToken(token = 'root@pam!ci=8d5a7c52-8c4b-4a8e-9f0e-2b7c1d3e4f50'): this {
    this.headers = { authorization: `PVEAPIToken=${token}` };
    return this;
  }

  async request(method: string, path: string, params?: Record<string, string | number>, extraHeaders: Record<string, string> = {}): Promise<PveResponse> {
    let url = `https://pve.test:8006/api2/json${path}`;
    const init: RequestInit = { method, headers: { ...this.headers, ...extraHeaders } };
    const encoded = params ? new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString() : '';
    if (method === 'GET' || method === 'DELETE') {
      if (encoded) url += `?${encoded}`;
    } else if (params) {
      init.body = encoded;
      (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
    }
    return this.raw(new Request(url, init));
  }

  async raw(request: Request): Promise<PveResponse> {
    const res = await this.sim.fetch('pve')(request);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* leave as text */
    }
    return { status: res.status, statusText: res.statusText, contentType: res.headers.get('content-type'), body };
  }

  get authHeaders(): Record<string, string> {
    return { ...this.headers };
  }

  /** Advances the manual clock through the control plane. */
  async advance(seconds: number): Promise<void> {
    await this.sim.fetch('pve')(new Request('http://pve.test/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds }) }));
  }

  async taskStatus(upid: string, node = 'pve1'): Promise<any> {
    return (await this.request('GET', `/nodes/${node}/tasks/${encodeURIComponent(upid)}/status`)).body.data;
  }

  /** Advances the clock until the task stops (manual clock) and returns its final status. */
  async finish(upid: string, node = 'pve1'): Promise<any> {
    for (let i = 0; i < 100; i++) {
      const status = await this.taskStatus(upid, node);
      if (status.status === 'stopped') return status;
      await this.advance(10);
    }
    throw new Error(`task ${upid} never stopped`);
  }
}

export async function pveClient(sim: Simulator): Promise<PveTestClient> {
  return new PveTestClient(sim).login();
}

/** Sends a request to the control plane and returns the parsed JSON. */
export async function control(sim: Simulator, method: string, path: string, body?: unknown): Promise<any> {
  const res = await sim.fetch('pve')(new Request(`http://pve.test/_sim${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** One API module on its own (no listener, no peers) over a fresh in-memory store, seeded from the default
 * scenario unless told not to: for tests of what a module exposes beside its routes (its inventory view,
 * its scenario checks). */
export function standaloneModule(module: ApiModule, options: { taskDurationScale?: number; seedDefaultScenario?: boolean } = {}): { instance: ApiInstance; store: Store } {
  const store = new Store(':memory:');
  store.migrate([...taskMigrations, ...faultMigrations, ...module.migrations]);
  const clock = new Clock({ mode: 'manual' }, store);
  const rng = new Rng(1);
  const instance = module.create({
    store, clock, rng, tasks: new TaskEngine(store, clock), faults: new Faults(store, rng), spec: loadSpec(module.specFile),
    taskDurationScale: options.taskDurationScale ?? 1,
    peer: (api) => { throw new Error(`standaloneModule: ${module.name} has no peer '${api}'`); },
  });
  if (options.seedDefaultScenario !== false) store.transaction(() => instance.loadScenario(readScenario('default')[module.name]));
  return { instance, store };
}

/** A PVE simulator with instant tasks listening over HTTPS on an ephemeral port, as real clients meet it. */
export async function pveOverHttps(): Promise<{ sim: Simulator; servers: RunningServers; port: number; close(): Promise<void> }> {
  const sim = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['pve'], taskDurationScale: 0 });
  const servers = await startServers(sim, {
    apis: ['pve'], host: '127.0.0.1', ports: { ...DEFAULT_PORTS, pve: 0 }, tls: { ...DEFAULT_TLS, pve: true },
    quiet: true, dataDir: ':memory:', cert: undefined, key: undefined,
  }, () => {});
  const listener = servers.listeners[0];
  if (listener === undefined || !listener.tls) throw new Error('no HTTPS listener for pve');
  return {
    sim, servers, port: listener.port,
    async close() {
      await servers.close();
      sim.close();
    },
  };
}
