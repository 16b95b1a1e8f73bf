// The service's client of Proxmox VE: HTTP calls with an API token, here sent to the simulated PVE's
// in-process app, so every PVE rule (auth, faults, validation, tasks, journal) applies as in production.

export type PveAnswer<T = unknown> = { ok: true; data: T } | { ok: false; status: number; message: string };

export interface PveTaskStatus {
  status: 'running' | 'stopped';
  exitstatus?: string;
}

const BASE = 'http://pve.internal/api2/json';

export class PveClient {
  constructor(
    private readonly fetchPve: () => (request: Request) => Promise<Response>,
    private readonly token: () => string,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, params: Record<string, string | number> = {}): Promise<PveAnswer<T>> {
    const headers: Record<string, string> = { authorization: `PVEAPIToken=${this.token()}` };
    let url = `${BASE}${path}`;
    let body: string | undefined;
    const entries = Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]);
    if (method === 'GET' || method === 'DELETE') {
      if (entries.length > 0) url += `?${new URLSearchParams(entries).toString()}`;
    } else {
      body = new URLSearchParams(entries).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    let response: Response;
    try {
      response = await this.fetchPve()(new Request(url, { method, headers, ...(body === undefined ? {} : { body }) }));
    } catch (error) {
      return { ok: false, status: 0, message: `connection to PVE failed: ${(error as Error).message}` };
    }
    const text = await response.text();
    let json: { data?: unknown; message?: unknown; errors?: Record<string, unknown> } | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      json = undefined;
    }
    if (response.ok) return { ok: true, data: json?.data as T };
    return { ok: false, status: response.status, message: pveMessage(response, json) };
  }

  nextId(): Promise<PveAnswer<string>> {
    return this.call('GET', '/cluster/nextid');
  }

  taskStatus(upid: string): Promise<PveAnswer<PveTaskStatus>> {
    const node = upid.split(':')[1] ?? '';
    return this.call('GET', `/nodes/${encodeURIComponent(node)}/tasks/${encodeURIComponent(upid)}/status`);
  }

  vmConfig(node: string, vmid: number): Promise<PveAnswer<Record<string, unknown>>> {
    return this.call('GET', `/nodes/${encodeURIComponent(node)}/qemu/${vmid}/config`);
  }
}

function pveMessage(response: Response, json: { message?: unknown; errors?: Record<string, unknown> } | undefined): string {
  if (json?.errors && typeof json.errors === 'object') {
    const details = Object.entries(json.errors).map(([k, v]) => `${k}: ${String(v)}`).join('; ');
    return `Parameter verification failed. (${details})`;
  }
  if (typeof json?.message === 'string' && json.message.trim()) return json.message.trim();
  return `${response.status} ${response.statusText}`.trim();
}
