// A small client of the management layer for tests: JSON in and out, a Bearer token per user, and the
// simulated PVE beside it (same simulator) to look at what the service did there.
import type { Simulator } from '../../src/simulator.js';
import { PveTestClient } from '../helpers.js';

export const BOX = { ubuntu: '65a0b0c50000000000000001', debian: '65a0b0c50000000000000002', internal: '65a0b0c50000000000000003' };
export const TEMPLATE = { ubuntu: '65a0f00d0000000000000001', debian: '65a0f00d0000000000000002', internal: '65a0f00d0000000000000003' };

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export class ManagerClient {
  token: string | undefined;

  constructor(readonly sim: Simulator) {}

  async login(email: string, password = 'hypersim'): Promise<this> {
    const res = await this.send('POST', '/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = res.body.data.token;
    return this;
  }

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const init: RequestInit = { method, headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await this.sim.fetch('pve-manager')(new Request(`http://manager.test:8080/api/v1${path}`, init));
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* leave as text */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  create(box: string, name: string, cpuCores = 2, memorySize = 2048, diskSize = 40, extra: Record<string, unknown> = {}): Promise<Answer> {
    return this.send('POST', '/vm/manage/createFromBoxTemplate', { box_id: box, name, target: 'pve1', cpuCores, memorySize, diskSize, ...extra });
  }

  async task(taskId: string): Promise<any> {
    const res = await this.send('POST', '/pve/refreshTaskStatus', { task_id: taskId });
    if (res.status !== 200) throw new Error(`refresh ${taskId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  /** Advances the manual clock until the task has ended, and returns it. */
  async finish(taskId: string): Promise<any> {
    for (let i = 0; i < 200; i++) {
      const task = await this.task(taskId);
      if (task.status === 'completed' || task.status === 'failed') return task;
      await advance(this.sim, 5);
    }
    throw new Error(`task ${taskId} never ended`);
  }
}

export async function advance(sim: Simulator, seconds: number): Promise<void> {
  await sim.fetch('pve-manager')(new Request('http://manager.test/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds }) }));
}

export async function setFaults(sim: Simulator, rules: unknown[]): Promise<void> {
  const res = await sim.fetch('pve-manager')(new Request('http://manager.test/_sim/faults', { method: 'PUT', body: JSON.stringify(rules) }));
  if (res.status >= 300) throw new Error(`faults: ${res.status} ${await res.text()}`);
}

export async function manager(sim: Simulator, email: string): Promise<ManagerClient> {
  return new ManagerClient(sim).login(email);
}

export function pve(sim: Simulator): PveTestClient {
  return new PveTestClient(sim).useToken();
}
