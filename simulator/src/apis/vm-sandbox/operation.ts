// One sandbox operation as Hono sees it, in FastAPI's order: read the body (malformed JSON is a 422
// before anything else), sweep expired VMs, authenticate, ask the fault rules, validate against
// specs/vm-sandbox.yaml (pydantic's 422 on failure), run the handler, answer JSON.
import type { Context } from 'hono';
import type { ApiContext } from '../../core/api-module.js';
import type { CoreEnv } from '../../core/context.js';
import { injectFault } from '../../core/inject.js';
import type { TaskPlan } from '../../core/tasks.js';
import type { RequestValidator } from '../../core/validate.js';
import { authenticate } from './auth.js';
import { json, renderSandboxError, sandboxErrorResponse, SandboxValidationError } from './errors.js';
import { API, type SandboxModel } from './model/index.js';
import type { SandboxUser } from './model/users.js';
import { jsonInvalid, missingBody, pydanticErrors, queryBoolean, type RawRequest } from './pydantic.js';

export type Params = Record<string, any>;

export interface SandboxCall {
  /** validated path and query parameters */
  params: Params;
  /** the validated body (undefined for operations without one) */
  body: any;
  user: SandboxUser;
  model: SandboxModel;
  /** a task fault the rules planned for this request, for the provisioning it starts */
  taskPlan: TaskPlan | undefined;
  /** aborted when the client goes away (a waiting request stops waiting); a function, because building
   * the full Request that carries it costs node-server more than the rest of a short request */
  signal(): AbortSignal;
}

export interface SandboxOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Hono path, relative to /v1 */
  path: string;
  /** no credentials needed (the token endpoint) */
  public?: boolean;
  /** the body is a form (OAuth2PasswordRequestForm) instead of JSON */
  form?: boolean;
  /** query parameters that are booleans (read with pydantic's words) */
  booleans?: string[];
  handle(call: SandboxCall): unknown;
}

export interface OperationDeps {
  ctx: ApiContext;
  model: SandboxModel;
  validator: RequestValidator;
}

export function sandboxHandler(op: SandboxOperation, deps: OperationDeps) {
  const bodySpec = deps.ctx.spec.operations.get(op.operationId)?.requestBody;
  return async function sandboxOperation(c: Context<CoreEnv>): Promise<Response> {
    c.set('operationId', op.operationId);
    try {
      const raw = await readRequest(c, op, bodySpec !== undefined);
      deps.model.lifetimes.sweep();
      const user = op.public ? undefined : authenticate(c, deps.model);
      const fault = deps.ctx.faults.decide(API, op.operationId, { ...raw.path, ...raw.query, ...(isObject(raw.body) ? raw.body : {}) });
      if (fault) {
        c.set('fault', fault.rule);
        const injected = await injectFault(c, fault, sandboxErrorResponse);
        if (injected) return injected;
      }
      const query: Record<string, string> = { ...raw.query };
      for (const name of op.booleans ?? []) if (query[name] !== undefined) query[name] = queryBoolean(query[name]);
      if (bodySpec?.required && (raw.body === undefined || raw.body === null)) throw new SandboxValidationError([missingBody()]);
      const validated = deps.validator.validate(op.operationId, { path: raw.path, query, body: raw.body, bodyIsText: raw.form });
      if (validated.issues.length > 0) throw new SandboxValidationError(pydanticErrors(validated.issues, raw));
      const call: SandboxCall = {
        params: { ...validated.query, ...validated.path },
        body: validated.body,
        user: user as SandboxUser,
        model: deps.model,
        taskPlan: fault?.task,
        signal: () => c.req.raw.signal,
      };
      return json(await op.handle(call));
    } catch (error) {
      const response = renderSandboxError(error);
      if (response) return response;
      throw error;
    }
  };
}

/** Path, query (the last value of a repeated name, as Starlette reads it) and body, as FastAPI parses them. */
async function readRequest(c: Context, op: SandboxOperation, hasBody: boolean): Promise<RawRequest> {
  const path = c.req.param() as Record<string, string>;
  const query: Record<string, string> = {};
  for (const [name, values] of Object.entries(c.req.queries() as Record<string, string[]>)) query[name] = values[values.length - 1] ?? '';
  if (!hasBody) return { path, query, body: undefined, form: false };
  const text = await c.req.text();
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (op.form) {
    // a form endpoint reads fields from a form; anything else leaves them all missing
    const body: Record<string, string> = {};
    if (type === 'application/x-www-form-urlencoded') for (const [name, value] of new URLSearchParams(text)) body[name] = value;
    return { path, query, body, form: true };
  }
  if (text.length === 0) return { path, query, body: undefined, form: false };
  if (type === '' || type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))) {
    try {
      return { path, query, body: JSON.parse(text), form: false };
    } catch (error) {
      throw new SandboxValidationError([jsonInvalid(text, error as Error)]);
    }
  }
  // FastAPI hands a body of another type to the model as it is: not an object to read fields from
  return { path, query, body: text, form: false };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
