// A minimal vCenter /api client over the harness's transport: JSON bodies, the session header from the
// run's AuthSession, and CIS tasks followed until they end.
import type { AuthSession } from '../../harness/src/auth.js';
import type { ReceivedResponse, SentRequest } from '../../harness/src/types.js';
import { jsonRequest } from '../json-request.js';

export interface VsphereAnswer {
  status: number;
  /** the parsed body: a value, or a vSphere error `{error_type, messages}` */
  body: any;
}

export interface VsphereClient {
  call(method: string, path: string, body?: unknown): Promise<VsphereAnswer>;
  /** polls the task until it ends; resolves with its final TaskInfo */
  waitForTask(id: string): Promise<{ status: string; result?: unknown; error?: { error_type: string } }>;
}

export interface VsphereClientOptions {
  baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
  session: AuthSession;
  taskTimeoutMs?: number;
  pollMs?: number;
}

const RUNNING = new Set(['PENDING', 'RUNNING', 'BLOCKED']);

export function vsphereClient(options: VsphereClientOptions): VsphereClient {
  const call: VsphereClient['call'] = async (method, path, body) => {
    const request = jsonRequest(method, `${options.baseUrl}${path}`, body);
    const response = await options.send(options.session.apply(request));
    return { status: response.status, body: response.json };
  };
  return {
    call,
    async waitForTask(id) {
      const deadline = performance.now() + (options.taskTimeoutMs ?? 120_000);
      for (;;) {
        const answer = await call('GET', `/cis/tasks/${encodeURIComponent(id)}`);
        if (answer.status !== 200) throw new Error(`task ${id}: status read answered ${answer.status} ${JSON.stringify(answer.body)}`);
        if (!RUNNING.has(answer.body?.status)) return answer.body;
        if (performance.now() > deadline) throw new Error(`task ${id} still ${answer.body?.status} after ${options.taskTimeoutMs ?? 120_000} ms`);
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
      }
    },
  };
}
