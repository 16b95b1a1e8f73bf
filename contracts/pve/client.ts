// A minimal PVE client over the harness's transport: form bodies for POST/PUT, query parameters for
// GET/DELETE, the `{data}` envelope unwrapped, and tasks followed until they stop.
import type { AuthSession } from '../../harness/src/auth.js';
import type { ReceivedResponse, SentRequest } from '../../harness/src/types.js';

export interface PveAnswer {
  status: number;
  data: unknown;
  /** the reason phrase (PVE puts the error message there) */
  message: string;
}

export interface PveClient {
  call(method: string, path: string, params?: Record<string, string | number>): Promise<PveAnswer>;
  /** polls the task until it stops; resolves with its exitstatus ("OK" or the error text) */
  waitForTask(node: string, upid: string): Promise<string>;
}

export interface PveClientOptions {
  baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
  session: AuthSession;
  taskTimeoutMs?: number;
  pollMs?: number;
}

const BODY_METHODS = new Set(['POST', 'PUT']);

export function pveClient(options: PveClientOptions): PveClient {
  const call: PveClient['call'] = async (method, path, params = {}) => {
    const encoded = new URLSearchParams(Object.entries(params).map(([name, value]): [string, string] => [name, String(value)])).toString();
    const withBody = BODY_METHODS.has(method);
    const request: SentRequest = {
      method,
      url: `${options.baseUrl}${path}${!withBody && encoded ? `?${encoded}` : ''}`,
      headers: withBody ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
      ...(withBody ? { body: encoded } : {}),
    };
    const response = await options.send(options.session.apply(request));
    const data = (response.json as { data?: unknown } | undefined)?.data;
    return { status: response.status, data, message: response.statusText };
  };
  return {
    call,
    async waitForTask(node, upid) {
      const deadline = performance.now() + (options.taskTimeoutMs ?? 120_000);
      for (;;) {
        const answer = await call('GET', `/nodes/${encodeURIComponent(node)}/tasks/${encodeURIComponent(upid)}/status`);
        const status = answer.data as { status?: string; exitstatus?: string } | undefined;
        if (answer.status !== 200) throw new Error(`task ${upid}: status read answered ${answer.status} ${answer.message}`);
        if (status?.status === 'stopped') return status.exitstatus ?? '(no exitstatus)';
        if (performance.now() > deadline) throw new Error(`task ${upid} still running after ${options.taskTimeoutMs ?? 120_000} ms`);
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
      }
    },
  };
}
