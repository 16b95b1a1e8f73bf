// Hand-made operations and exchanges for unit tests of single checks, no server involved.
import type { Case, CheckContext, Exchange, Operation, OperationResponse, ReceivedResponse, SentRequest } from '../../../src/types.js';

export function operation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'getThing',
    method: 'GET',
    path: '/things/{id}',
    tags: [],
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, examples: [] }],
    responses: [],
    secured: true,
    dialect: 'openapi-3.1',
    extensions: {},
    ...overrides,
  };
}

export function documented(status: string, overrides: Partial<OperationResponse> = {}): OperationResponse {
  return { status, headers: {}, content: {}, links: {}, ...overrides };
}

export function jsonResponse(status: string, schema: unknown, overrides: Partial<OperationResponse> = {}): OperationResponse {
  return documented(status, { content: { 'application/json': { schema: schema as never, examples: [] } }, ...overrides });
}

export function received(status: number, body?: unknown, headers: Record<string, string> = {}): ReceivedResponse {
  const bodyText = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const response: ReceivedResponse = {
    status,
    statusText: '',
    headers: body === undefined || typeof body === 'string' ? headers : { 'content-type': 'application/json', ...headers },
    bodyText,
    elapsedMs: 1,
  };
  if (body !== undefined && typeof body !== 'string') response.json = body;
  return response;
}

export function exchangeOf(op: Operation, response: ReceivedResponse, caseOverrides: Partial<Case> = {}): Exchange {
  const sent: Case = {
    operation: op,
    phase: 'examples',
    pathParams: { id: '1' },
    query: {},
    headers: {},
    cookies: {},
    expectation: 'valid',
    auth: 'default',
    ...caseOverrides,
  };
  const method = sent.violation?.kind === 'method' ? sent.violation.name : op.method;
  const request: SentRequest = { method, url: `http://api.test${op.path.replace('{id}', '1')}`, headers: {} };
  return { case: sent, request, response };
}

/** A context whose follow-up requests are answered by `answer`; every request sent is recorded. */
export function contextAnswering(
  operations: Operation[],
  answer: (request: SentRequest) => ReceivedResponse,
  options: Partial<CheckContext['options']> = {},
): CheckContext & { sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  return {
    sent,
    operations,
    baseUrl: 'http://api.test/base/',
    options: { taskTimeoutMs: 300, taskPollIntervalMs: 1, ...options },
    authorize: async (request) => ({ ...request, headers: { ...request.headers, authorization: 'Bearer t' } }),
    send: async (request) => {
      sent.push(request);
      return answer(request);
    },
  };
}

/** A JSON response whose value may itself be a string (vSphere answers a bare JSON string task id). */
export function receivedJson(status: number, value: unknown): ReceivedResponse {
  return { status, statusText: '', headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(value), json: value, elapsedMs: 1 };
}
