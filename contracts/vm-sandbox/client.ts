// A minimal client of the sandbox API over the harness's transport: JSON bodies, the caller's session,
// polling a VM until it leaves `provisioning`, and the simulator's clock when there is one.
import type { AuthSession } from '../../harness/src/auth.js';
import type { ReceivedResponse, SentRequest } from '../../harness/src/types.js';
import { jsonRequest } from '../json-request.js';

export interface SandboxAnswer {
  status: number;
  body: any;
}

export interface SandboxClient {
  call(method: string, path: string, body?: unknown): Promise<SandboxAnswer>;
  /** polls GET /v1/vms/{id} until it is no longer provisioning; resolves with the last answer */
  waitForVm(vmId: string): Promise<SandboxAnswer>;
  /** lets `seconds` pass: the simulator's clock is advanced; a live service is waited for */
  elapse(seconds: number): Promise<void>;
}

export interface SandboxClientOptions {
  /** the service's origin (the spec's server), e.g. http://localhost:8000 */
  baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
  session: AuthSession;
  pollMs?: number;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function sandboxClient(options: SandboxClientOptions): SandboxClient {
  const call: SandboxClient['call'] = async (method, path, body) => {
    const request = jsonRequest(method, `${options.baseUrl}${path}`, body);
    const response = await options.send(options.session.apply(request));
    return { status: response.status, body: response.json ?? response.bodyText };
  };
  return {
    call,
    async waitForVm(vmId) {
      const deadline = performance.now() + (options.timeoutMs ?? 120_000);
      for (;;) {
        const answer = await call('GET', `/v1/vms/${vmId}`);
        if (answer.status !== 200 || answer.body?.status !== 'provisioning') return answer;
        if (performance.now() > deadline) throw new Error(`VM ${vmId} still provisioning after ${options.timeoutMs ?? 120_000} ms`);
        await sleep(options.pollMs ?? 1000);
      }
    },
    async elapse(seconds) {
      const origin = new URL(options.baseUrl).origin;
      const response = await options.send({ method: 'POST', url: `${origin}/_sim/clock/advance`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ seconds }) });
      if (response.status !== 200) await sleep(seconds * 1000);
    },
  };
}
