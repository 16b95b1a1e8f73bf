// A small client of the sandbox API over the simulator's fetch, for the vm-sandbox tests.
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator.js';

export const KEY = 'hs-test-key';
export const OTHER_KEY = 'hs-other-key';
export const BASE_VM = 'vm-0a1b2c3d4e5f';
export const BASE_SNAPSHOT = 'snap-0a1b2c3d4e5f';

export function sandboxSimulator(options: Partial<SimulatorOptions> = {}): Simulator {
  return createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['vm-sandbox'], ...options });
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export class SandboxClient {
  constructor(
    readonly sim: Simulator,
    private headers: Record<string, string> = { 'X-API-Key': KEY },
  ) {}

  as(headers: Record<string, string>): SandboxClient {
    return new SandboxClient(this.sim, headers);
  }

  /** JSON body unless `body` is a string (sent as it is, with the given content type). */
  async call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Answer> {
    const init: RequestInit = { method, headers: { ...this.headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = contentType;
    }
    return this.raw(new Request(`http://sandbox.test:8000${path}`, init));
  }

  async raw(request: Request): Promise<Answer> {
    const res = await this.sim.fetch('vm-sandbox')(request);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body };
  }

  /** a VM created without waiting; resolves with the create answer */
  create(params: Record<string, unknown> = {}, wait = false): Promise<Answer> {
    return this.call('POST', `/v1/vms?wait=${wait}`, params);
  }

  async advance(seconds: number): Promise<void> {
    await this.sim.fetch('vm-sandbox')(new Request('http://sandbox.test/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds }) }));
  }

  async setFaults(rules: unknown[]): Promise<void> {
    const res = await this.sim.fetch('vm-sandbox')(new Request('http://sandbox.test/_sim/faults', { method: 'PUT', body: JSON.stringify(rules) }));
    if (res.status !== 200) throw new Error(`faults: ${res.status} ${await res.text()}`);
  }
}

/** Lets a pending request run until it waits on the clock. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
