// One vSphere operation as Hono sees it: authenticate, read the parameters (path, query, JSON body; under
// /rest the body unwrapped from `spec` and `~action` read as `action`), ask the fault rules, validate
// against specs/vsphere.yaml, run the handler (which checks privileges on the objects it touches), and
// render the bare value (/api) or `{"value": ...}` (/rest). Every route goes through here, in this order.
import type { Context } from 'hono';
import type { ApiContext } from '../../core/api-module.js';
import type { CoreEnv } from '../../core/context.js';
import { injectFault } from '../../core/inject.js';
import type { TaskPlan } from '../../core/tasks.js';
import type { RequestValidator } from '../../core/validate.js';
import { errorForStatus, errorResponse, type Flavour, invalidArgument, valueResponse, VsphereError } from './errors.js';
import type { Caller } from './model/access.js';
import type { VsphereModel } from './model/index.js';
import { issueText } from './validation-text.js';

export type Params = Record<string, any>;

export interface VsphereCall {
  params: Params;
  caller: Caller;
  model: VsphereModel;
  flavour: Flavour;
  /** the raw Authorization header (session creation reads it) */
  authorization: string | undefined;
  /** a task fault the rules planned for this request */
  taskPlan: TaskPlan | undefined;
  /** extra response headers (the /rest login sets its session cookie) */
  headers: Record<string, string>;
}

export interface VsphereOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Hono path below /api */
  path: string;
  /** Hono path below /rest, when it is not the same */
  restPath?: string;
  /** under /rest the operation is reached with `?~action=<this>`, which is not one of its parameters */
  restAction?: string;
  /** under /rest the body is `{"spec": <the /api body>}` */
  restWrapsSpec?: boolean;
  /** no session needed (session creation checks Basic credentials itself) */
  public?: boolean;
  /** the /api success status (default 200; an undefined result answers 204) */
  status?: (params: Params) => number;
  handle(call: VsphereCall): unknown;
}

export interface OperationDeps {
  ctx: ApiContext;
  model: VsphereModel;
  validator: RequestValidator;
}

export const SESSION_HEADER = 'vmware-api-session-id';
const ANONYMOUS: Caller = { user: '', session: '', privileges: [], createdAt: 0, lastUsedAt: 0 };

export function flavourOf(c: Context): Flavour {
  return c.req.path.startsWith('/rest/') ? 'rest' : 'api';
}

export function vsphereHandler(op: VsphereOperation, deps: OperationDeps) {
  return async function vsphereOperation(c: Context<CoreEnv>): Promise<Response> {
    c.set('operationId', op.operationId);
    const flavour = flavourOf(c);
    try {
      // vCenter's endpoint authenticates before it reads the request: an anonymous caller learns nothing
      const caller = op.public ? ANONYMOUS : deps.model.access.authenticate(sessionIdOf(c));
      const raw = await readParameters(c, op, flavour);
      const fault = deps.ctx.faults.decide('vsphere', op.operationId, { ...raw.path, ...flat(raw.query), ...(isObject(raw.body) ? raw.body : {}) });
      if (fault) {
        c.set('fault', fault.rule);
        const injected = await injectFault(c, fault, (status, message) => errorResponse(errorForStatus(status, message), flavour, status));
        if (injected) return injected;
      }
      if (raw.body === undefined && deps.ctx.spec.operations.get(op.operationId)?.requestBody?.required)
        throw invalidArgument('vapi.data.invalid.required', 'The request needs a JSON body.');
      const validated = deps.validator.validate(op.operationId, raw);
      // vCenter reports the first problem it meets
      const issue = validated.issues[0];
      if (issue) throw invalidArgument(`vapi.data.invalid.${issue.keyword}`, issueText(issue), [issue.name]);
      const params: Params = { ...validated.query, ...validated.path, ...(validated.body === undefined ? {} : { body: validated.body }) };
      const call: VsphereCall = { params, caller, model: deps.model, flavour, authorization: c.req.header('authorization'), taskPlan: fault?.task, headers: {} };
      const result = op.handle(call);
      const status = result === undefined ? 204 : flavour === 'rest' ? 200 : op.status?.(params) ?? 200;
      return valueResponse(result, flavour, status, call.headers);
    } catch (error) {
      if (error instanceof VsphereError) return errorResponse(error, flavour);
      throw error;
    }
  };
}

function sessionIdOf(c: Context): string | undefined {
  const header = c.req.header(SESSION_HEADER);
  if (header) return header.trim();
  const cookie = /(?:^|;)\s*vmware-api-session-id=([^;]*)/.exec(c.req.header('cookie') ?? '')?.[1]?.trim();
  return cookie === '' ? undefined : cookie;
}

interface RawRequest {
  path: Record<string, string>;
  query: Record<string, string[]>;
  body?: unknown;
}

async function readParameters(c: Context, op: VsphereOperation, flavour: Flavour): Promise<RawRequest> {
  const path = c.req.param() as Record<string, string>;
  const query: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries() as Record<string, string[]>)) {
    // /rest spells actions `~action` and list filters `filter.names`
    const name = flavour === 'rest' ? key.replace(/^~action$/, 'action').replace(/^filter\./, '') : key;
    query[name] = [...(query[name] ?? []), ...values];
  }
  if (flavour === 'rest' && op.restAction !== undefined && query.action?.[0] === op.restAction) delete query.action;
  if (op.method !== 'POST') return { path, query };
  const text = await c.req.text();
  if (text.trim() === '') return { path, query };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw invalidArgument('vapi.json.body.invalid', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
  if (flavour === 'rest' && op.restWrapsSpec) {
    if (!isObject(body) || Object.keys(body).some((k) => k !== 'spec'))
      throw invalidArgument('vapi.rest.body.wrapper', "Under /rest the request body must be an object with the single field 'spec'.");
    body = body.spec;
  }
  return { path, query, ...(body === undefined ? {} : { body }) };
}

function flat(query: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.join(',')]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
