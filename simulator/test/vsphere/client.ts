// Test support for the vSphere module: a simulator running only vsphere on the manual clock, and a small
// client that logs in once and speaks /api or /rest.
import { readScenario } from '../../src/core/scenario.js';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator.js';

export const ADMIN = 'administrator@vsphere.local';
export const READONLY = 'readonly@vsphere.local';

export interface VsResponse {
  status: number;
  headers: Headers;
  body: any;
}

export function vsphereSimulator(options: Partial<SimulatorOptions> = {}): Simulator {
  return createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['vsphere'], ...options });
}

export async function withVsphere<T>(fn: (vc: VsphereClient, sim: Simulator) => Promise<T>, options: Partial<SimulatorOptions> = {}): Promise<T> {
  const sim = vsphereSimulator(options);
  try {
    return await fn(await new VsphereClient(sim).login(), sim);
  } finally {
    sim.close();
  }
}

export function basic(user: string, password = 'hypersim'): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export class VsphereClient {
  session: string | undefined;

  constructor(readonly sim: Simulator) {}

  async login(user = ADMIN, password = 'hypersim'): Promise<this> {
    const res = await this.raw('POST', '/api/session', undefined, { authorization: basic(user, password) });
    if (res.status !== 201) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.session = res.body;
    return this;
  }

  /** A second client of the same simulator, logged in as another user. */
  async as(user: string): Promise<VsphereClient> {
    return new VsphereClient(this.sim).login(user);
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<VsResponse> {
    return this.raw(method, path, body, { ...(this.session ? { 'vmware-api-session-id': this.session } : {}), ...headers });
  }

  async raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<VsResponse> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await this.sim.fetch('vsphere')(new Request(`https://vcenter.test:8989${path}`, init));
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      /* leave as text */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  clone(spec: Record<string, unknown>, task = false): Promise<VsResponse> {
    return this.request('POST', `/api/vcenter/vm?action=clone${task ? '&vmw-task=true' : ''}`, spec);
  }

  async task(id: string): Promise<any> {
    return (await this.request('GET', `/api/cis/tasks/${encodeURIComponent(id)}`)).body;
  }

  async advance(seconds: number): Promise<void> {
    await this.control('POST', '/clock/advance', { seconds });
  }

  async control(method: string, path: string, body?: unknown): Promise<any> {
    const res = await this.sim.fetch('vsphere')(new Request(`http://vcenter.test/_sim${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  }

  /** Replaces the world with the default scenario changed by `edit`, then logs in again. */
  async loadScenario(edit: (vsphere: any) => void): Promise<void> {
    const scenario = structuredClone(readScenario('default')) as { vsphere: any };
    edit(scenario.vsphere);
    await this.control('POST', '/scenario', { scenario: { vsphere: scenario.vsphere } });
    await this.login();
  }
}

/** The error body's type and first message id, for compact assertions. */
export function errorOf(res: VsResponse): { status: number; type: string; id: string } {
  return { status: res.status, type: res.body?.error_type, id: res.body?.messages?.[0]?.id };
}
