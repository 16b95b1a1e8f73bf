// A minimal client of the management layer over the harness's transport: JSON bodies, the
// {code, message, data} envelope unwrapped, and tasks followed with refreshTaskStatus until they end.
import type { AuthSession } from '../../harness/src/auth.js';
import type { ReceivedResponse, SentRequest } from '../../harness/src/types.js';
import { jsonRequest } from '../json-request.js';

export interface ManagerAnswer {
  status: number;
  message: string;
  data: any;
}

export interface ManagerTaskEnd {
  status: 'completed' | 'failed' | 'cancelled';
  message: string;
  error_message: string | null;
}

export interface ManagerClient {
  call(method: string, path: string, body?: unknown, authenticated?: boolean): Promise<ManagerAnswer>;
  /** polls refreshTaskStatus until the task leaves pending/in_progress */
  waitForTask(taskId: string): Promise<ManagerTaskEnd>;
}

export interface ManagerClientOptions {
  baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
  session: AuthSession;
  taskTimeoutMs?: number;
  pollMs?: number;
}

export function managerClient(options: ManagerClientOptions): ManagerClient {
  const call: ManagerClient['call'] = async (method, path, body, authenticated = true) => {
    const request = jsonRequest(method, `${options.baseUrl}${path}`, body);
    const response = await options.send(authenticated ? options.session.apply(request) : request);
    const envelope = response.json as { message?: unknown; data?: unknown } | undefined;
    return { status: response.status, message: typeof envelope?.message === 'string' ? envelope.message : response.statusText, data: envelope?.data };
  };
  return {
    call,
    async waitForTask(taskId) {
      const timeout = options.taskTimeoutMs ?? 300_000;
      const deadline = performance.now() + timeout;
      for (;;) {
        const answer = await call('POST', '/pve/refreshTaskStatus', { task_id: taskId });
        if (answer.status !== 200) throw new Error(`task ${taskId}: refreshTaskStatus answered ${answer.status} ${answer.message}`);
        const task = answer.data as Omit<ManagerTaskEnd, 'status'> & { status: string };
        if (task.status !== 'pending' && task.status !== 'in_progress') return task as ManagerTaskEnd;
        if (performance.now() > deadline) throw new Error(`task ${taskId} still ${task.status} after ${timeout} ms`);
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
      }
    },
  };
}
