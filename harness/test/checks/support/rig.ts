// A tiny stand-in for the runner: turns a Case into a request, sends it to an msw server through a fetch
// function, and runs checks on the Exchange. Kept here so the check tests do not depend on the runner.
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../../../src/checks/index.js';
import { loadSpec } from '../../../src/spec.js';
import {
  CheckFailure, type Case, type CheckContext, type Exchange, type Operation, type ReceivedResponse, type SentRequest,
} from '../../../src/types.js';
import type { FetchFunction } from './msw-fetch.js';
import { API_KEY, BASE_URL } from './vm-server.js';

export type Flavour = 'vms-3.0.yaml' | 'vms-3.1.yaml';

const loaded = new Map<Flavour, Promise<Operation[]>>();

export function fixtureOperations(flavour: Flavour): Promise<Operation[]> {
  let operations = loaded.get(flavour);
  if (operations === undefined) {
    const path = fileURLToPath(new URL(`../fixtures/${flavour}`, import.meta.url));
    operations = loadSpec(path, { strict: true }).then((spec) => spec.operations);
    loaded.set(flavour, operations);
  }
  return operations;
}

export function operationById(operations: Operation[], id: string): Operation {
  const operation = operations.find((candidate) => candidate.id === id);
  if (operation === undefined) throw new Error(`fixture has no operation ${id}`);
  return operation;
}

export interface RigOptions {
  taskTimeoutMs?: number;
  taskPollIntervalMs?: number;
  maxResponseTimeMs?: number;
  /** a clock for elapsedMs; tests that judge response time pass a fake one */
  now?: () => number;
}

function isJson(contentType: string | undefined): boolean {
  const essence = contentType?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

export function makeContext(fetch: FetchFunction, operations: Operation[], options: RigOptions = {}): CheckContext {
  const now = options.now ?? (() => performance.now());
  return {
    operations,
    baseUrl: BASE_URL,
    options: {
      // generous enough that a task needing three polls never times out on a loaded machine
      taskTimeoutMs: options.taskTimeoutMs ?? 300,
      taskPollIntervalMs: options.taskPollIntervalMs ?? 1,
      ...(options.maxResponseTimeMs !== undefined && { maxResponseTimeMs: options.maxResponseTimeMs }),
    },
    authorize: async (request) => ({ ...request, headers: { ...request.headers, 'x-api-key': API_KEY } }),
    async send(request: SentRequest): Promise<ReceivedResponse> {
      const started = now();
      const init: RequestInit = { method: request.method, headers: request.headers };
      if (request.body !== undefined) init.body = request.body;
      const response = await fetch(new Request(request.url, init));
      const bodyText = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      let json: unknown;
      if (isJson(headers['content-type'])) {
        try {
          json = JSON.parse(bodyText);
        } catch {
          json = undefined;
        }
      }
      const received: ReceivedResponse = {
        status: response.status,
        statusText: response.statusText,
        headers,
        bodyText,
        elapsedMs: now() - started,
      };
      if (json !== undefined) received.json = json;
      return received;
    },
  };
}

export function makeCase(operation: Operation, overrides: Partial<Case> = {}): Case {
  return {
    operation,
    phase: 'examples',
    pathParams: {},
    query: {},
    headers: {},
    cookies: {},
    expectation: 'valid',
    auth: 'default',
    ...overrides,
  };
}

async function requestFor(ctx: CheckContext, sent: Case): Promise<SentRequest> {
  const path = sent.operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(sent.pathParams[name] ?? ''));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(sent.query)) [value].flat().forEach((v) => query.append(name, v));
  const url = `${ctx.baseUrl}${path}${query.size > 0 ? `?${query}` : ''}`;
  // a method violation names the method it sends instead of the documented one
  const method = sent.violation?.kind === 'method' ? sent.violation.name : sent.operation.method;
  const headers: Record<string, string> = { accept: 'application/json', ...sent.headers };
  const request: SentRequest = { method, url, headers };
  if (sent.body !== undefined) {
    request.body = JSON.stringify(sent.body);
    headers['content-type'] = sent.mediaType ?? 'application/json';
  }
  if (sent.auth === 'default') return ctx.authorize(request);
  if (sent.auth === 'bad') headers['x-api-key'] = 'not-the-key';
  return request;
}

export async function exchange(ctx: CheckContext, sent: Case): Promise<Exchange> {
  const request = await requestFor(ctx, sent);
  return { case: sent, request, response: await ctx.send(request) };
}

export const DEFAULT_CHECKS = Object.keys(CHECKS).filter((name) => CHECKS[name]?.defaultEnabled);

/** Runs the named checks on one exchange and returns what they found. */
export async function runChecks(ctx: CheckContext, done: Exchange, names: readonly string[] = DEFAULT_CHECKS): Promise<CheckFailure[]> {
  const failures: CheckFailure[] = [];
  for (const name of names) {
    const registered = CHECKS[name];
    if (registered === undefined) throw new Error(`unknown check ${name}`);
    try {
      await registered.check(ctx, done);
    } catch (error) {
      if (!(error instanceof CheckFailure)) throw error;
      failures.push(error);
    }
  }
  return failures;
}
