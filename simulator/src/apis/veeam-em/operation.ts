// One Veeam EM operation as Hono sees it: choose the representation, read the body (XML or JSON by
// Content-Type), authenticate, ask the fault rules, validate against specs/veeam-em.yaml, check the
// role, run the handler, and render the answer (or Veeam's error) in the representation asked for.
import type { Context } from 'hono';
import type { ApiContext } from '../../core/api-module.js';
import type { CoreEnv } from '../../core/context.js';
import { injectFault } from '../../core/inject.js';
import type { TaskPlan } from '../../core/tasks.js';
import type { RequestValidator } from '../../core/validate.js';
import { basicUser, type Caller, requireAdministrator, sessionCaller } from './auth.js';
import { badRequest, renderVeeamError, VeeamError, veeamErrorResponse } from './errors.js';
import type { VeeamModel } from './model/index.js';
import type { User } from './model/logons.js';
import { acceptedRepresentation, bodyRepresentation, render, type Representation } from './representation/negotiate.js';
import type { Element } from './representation/tree.js';
import { parseXml, VEEAM_NAMESPACE, XmlBodyError } from './representation/xml.js';
import { validationMessage } from './validation-messages.js';

export type Params = Record<string, any>;

export interface VeeamCall {
  params: Params;
  /** the logon session's caller (undefined for the entry point and logon; see callerOf) */
  caller: Caller | undefined;
  /** the user of Basic credentials (logon only) */
  basicUser: User | undefined;
  model: VeeamModel;
  /** https://host:port/api, for Hrefs */
  base: string;
  taskPlan: TaskPlan | undefined;
  headers: Record<string, string>;
}

export interface VeeamOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Hono path, relative to /api */
  path: string;
  /** POST /jobs/{id}?action=<action> */
  action?: string;
  auth: 'none' | 'basic' | 'session';
  /** changes state: Portal Administrators only */
  administrative?: boolean;
  /** the XML root element of the request body */
  bodyRoot?: string;
  /** success status (200 unless said otherwise) */
  status?: number;
  /** an element to render, or null for an empty answer (204) */
  handle(call: VeeamCall): Element | null;
}

export interface OperationDeps {
  ctx: ApiContext;
  model: VeeamModel;
  validator: RequestValidator;
}

export async function runOperation(c: Context<CoreEnv>, op: VeeamOperation, deps: OperationDeps): Promise<Response> {
  c.set('operationId', op.operationId);
  const representation = acceptedRepresentation(c.req.header('accept'));
  try {
    const raw = readParameters(c);
    let caller: Caller | undefined;
    let user: User | undefined;
    if (op.auth === 'session') caller = sessionCaller(c, deps.model);
    if (op.auth === 'basic') user = basicUser(c, deps.model);
    const fault = deps.ctx.faults.decide('veeam-em', op.operationId, { ...raw.path, ...raw.query });
    if (fault) {
      c.set('fault', fault.rule);
      const injected = await injectFault(c, fault, (status, message) => veeamErrorResponse(status, message, representation));
      if (injected) return injected;
    }
    if (op.bodyRoot !== undefined) raw.body = await readBody(c, op.bodyRoot);
    const validated = deps.validator.validate(op.operationId, raw);
    if (validated.issues.length > 0) throw badRequest(validationMessage(validated.issues));
    if (op.administrative) requireAdministrator(callerOf({ caller }), op.operationId);
    const params: Params = { ...validated.query, ...validated.path, body: validated.body };
    const call: VeeamCall = { params, caller, basicUser: user, model: deps.model, base: baseOf(c), taskPlan: fault?.task, headers: {} };
    const element = op.handle(call);
    if (element === null) return new Response(null, { status: op.status ?? 204, headers: call.headers });
    return render(element, representation, op.status ?? 200, call.headers);
  } catch (error) {
    const response = renderVeeamError(error, representation);
    if (response) return response;
    throw error;
  }
}

/** The caller of an operation that authenticates with a logon session. */
export function callerOf(call: { caller: Caller | undefined }): Caller {
  if (!call.caller) throw new Error('this operation does not authenticate with a logon session');
  return call.caller;
}

function baseOf(c: Context): string {
  return `${new URL(c.req.url).origin}/api`;
}

function readParameters(c: Context): { path: Record<string, string>; query: Record<string, string | string[]>; body?: unknown } {
  const path = c.req.param() as Record<string, string>;
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(c.req.queries() as Record<string, string[]>)) if (k !== 'action') query[k] = v.length === 1 ? v[0]! : v;
  return { path, query };
}

async function readBody(c: Context, root: string): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw badRequest(`The request body is missing: send a ${root} element (application/xml) or its content (application/json).`);
  return parseBody(text, c.req.header('content-type'), root);
}

/** The body as data: JSON as sent, XML as the root element's content (its namespace and name checked). */
function parseBody(text: string, contentType: string | undefined, root: string): unknown {
  const kind: Representation | undefined = bodyRepresentation(contentType);
  if (kind === undefined) throw new VeeamError(415, `Unsupported Content-Type '${contentType ?? ''}': send application/xml or application/json.`);
  if (kind === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    const document = parseXml(text);
    if (document.root !== root || document.namespace !== VEEAM_NAMESPACE)
      throw badRequest(`The request body must be a ${root} element in the namespace ${VEEAM_NAMESPACE}, not ${document.root}${document.namespace ? ` in ${document.namespace}` : ' without a namespace'}.`);
    return document.content;
  } catch (error) {
    if (error instanceof XmlBodyError) throw badRequest(error.message);
    throw error;
  }
}
