// A minimal Veeam EM client over the harness's transport: logon and logoff of its own sessions, calls in
// JSON or XML (answers read with fast-xml-parser into the JSON shape the workflow checks), tasks polled
// until Finished.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { basicAuthorization, type AuthSession } from '../../harness/src/auth.js';
import type { ReceivedResponse, SentRequest } from '../../harness/src/types.js';
import { SESSION_HEADER } from './auth.js';

export const VEEAM_NS = 'http://www.veeam.com/ent/v1.0';

export interface VeeamAnswer {
  status: number;
  /** the JSON body, or the XML body read into the same shape (attributes and leaf elements as text) */
  body: any;
  headers: Record<string, string>;
}

export interface VeeamClientOptions {
  baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
  /** the harness's session, used while the client has no logon session of its own */
  session: AuthSession;
  pollMs?: number;
  taskTimeoutMs?: number;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@' });

export class VeeamClient {
  /** the token of the logon session this client opened, if any */
  token: string | undefined;

  constructor(private readonly options: VeeamClientOptions) {}

  async logon(credentials: string): Promise<VeeamAnswer> {
    const answer = await this.raw({ method: 'POST', url: `${this.options.baseUrl}/sessionMngr/?v=latest`, headers: { Authorization: basicAuthorization(credentials), Accept: 'application/json' } });
    if (answer.status === 201) this.token = answer.headers[SESSION_HEADER.toLowerCase()];
    return answer;
  }

  /** A call in the current session; `xml` sends and reads XML, otherwise JSON. */
  async call(method: string, path: string, options: { xml?: boolean; body?: Record<string, unknown>; bodyRoot?: string } = {}): Promise<VeeamAnswer> {
    const headers: Record<string, string> = options.xml ? { Accept: 'application/xml' } : { Accept: 'application/json' };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = options.xml ? 'application/xml' : 'application/json';
      body = options.xml ? builder.build({ [options.bodyRoot ?? 'JobCloneSpec']: { '@xmlns': VEEAM_NS, ...options.body } }) : JSON.stringify(options.body);
    }
    const request: SentRequest = { method, url: `${this.options.baseUrl}${path}`, headers, ...(body !== undefined ? { body } : {}) };
    return this.raw(this.token ? { ...request, headers: { ...request.headers, [SESSION_HEADER]: this.token } } : this.options.session.apply(request));
  }

  /** Polls the task until it is Finished and returns it. */
  async waitForTask(taskId: string): Promise<any> {
    const deadline = performance.now() + (this.options.taskTimeoutMs ?? 300_000);
    for (;;) {
      const answer = await this.call('GET', `/tasks/${taskId}`);
      if (answer.status !== 200) throw new Error(`task ${taskId}: status read answered ${answer.status}`);
      if (answer.body?.State === 'Finished') return answer.body;
      if (performance.now() > deadline) throw new Error(`task ${taskId} still ${answer.body?.State} after the timeout`);
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 1000));
    }
  }

  private async raw(request: SentRequest): Promise<VeeamAnswer> {
    const response = await this.options.send(request);
    const type = response.headers['content-type'] ?? '';
    let body: unknown = response.json;
    if (type.startsWith('application/xml') && response.bodyText) {
      const document = parser.parse(response.bodyText) as Record<string, unknown>;
      body = Object.values(document)[0];
    }
    return { status: response.status, body, headers: response.headers };
  }
}
