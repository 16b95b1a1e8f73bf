// One PVE operation as Hono sees it: parse the parameters (path, query, form or JSON body), authenticate,
// ask the fault rules, validate against specs/pve.yaml, check the privilege, run the handler, and render
// `{"data": ...}` or PVE's error. Every route goes through here, in this order.
import type { Context } from 'hono';
import type { ApiContext } from '../../core/api-module.js';
import type { CoreEnv } from '../../core/context.js';
import { injectFault } from '../../core/inject.js';
import type { TaskPlan } from '../../core/tasks.js';
import type { RequestValidator, ValidationIssue } from '../../core/validate.js';
import { authenticate, type Caller, requirePrivilege } from './auth.js';
import { PveError, PveParamError, pveData, pveErrorResponse, renderPveError } from './errors.js';
import type { PveModel } from './model/index.js';

export type Params = Record<string, any>;

export interface PveCall {
  params: Params;
  caller: Caller;
  model: PveModel;
  /** a task fault the rules planned for this request, to hand to the task the handler starts */
  taskPlan: TaskPlan | undefined;
  /** extra response headers (createTicket sets a cookie) */
  headers: Record<string, string>;
}

export interface PveOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Hono path, relative to /api2/json */
  path: string;
  /** no ticket needed (createTicket, and the version banner) */
  public?: boolean;
  /** the ACL path and privilege the caller needs, from the validated parameters */
  privilege?: (params: Params) => [path: string, privilege: string | string[]];
  handle(call: PveCall): unknown;
}

export interface OperationDeps {
  ctx: ApiContext;
  model: PveModel;
  validator: RequestValidator;
}

export function pveHandler(op: PveOperation, deps: OperationDeps) {
  return async function pveOperation(c: Context<CoreEnv>): Promise<Response> {
    c.set('operationId', op.operationId);
    try {
      const raw = await readParameters(c, op.method);
      const caller = op.public ? anonymous : authenticate(c, deps.model, op.method);
      const fault = deps.ctx.faults.decide('pve', op.operationId, { ...raw.path, ...raw.query, ...(raw.body ?? {}) });
      if (fault) {
        c.set('fault', fault.rule);
        const injected = await injectFault(c, fault, pveErrorResponse);
        if (injected) return injected;
      }
      const validated = deps.validator.validate(op.operationId, raw);
      if (validated.issues.length > 0) throw new PveParamError(pveParameterErrors(validated.issues));
      const params: Params = { ...validated.query, ...(validated.body as Params | undefined), ...validated.path };
      if (op.privilege) requirePrivilege(caller, ...op.privilege(params));
      const call: PveCall = { params, caller, model: deps.model, taskPlan: fault?.task, headers: {} };
      const data = op.handle(call);
      return pveData(data, call.headers);
    } catch (error) {
      const response = renderPveError(error);
      if (response) return response;
      throw error;
    }
  };
}

const anonymous: Caller = { userid: '', privileges: [] };

/** Whether a request carries a body, judged without reading it (reading makes node-server build a full Request). */
function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  if ((length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined) return true;
  // in-process Requests have no Content-Length header, but are real Requests whose body is cheap to check
  return (c.env as { incoming?: unknown } | undefined)?.incoming === undefined && c.req.raw.body !== null;
}

async function readParameters(c: Context, method: string) {
  const path = c.req.param() as Record<string, string>;
  const flatQuery: Record<string, string | string[]> = {};
  // most reads carry no query string: skip parsing one
  if (c.req.url.includes('?')) for (const [k, v] of Object.entries(c.req.queries() as Record<string, string[]>)) flatQuery[k] = v.length === 1 ? v[0]! : v;
  if (method === 'GET' || method === 'DELETE') {
    if (hasBody(c)) throw new PveError(`Unexpected content for method '${method}'`, 501);
    return { path, query: flatQuery };
  }
  const text = await c.req.text();
  let body: Record<string, unknown> = {};
  let bodyIsText = true;
  if (text.trim().length > 0) {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json') {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new PveParamError({ body: 'malformed JSON string' });
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new PveParamError({ body: 'the JSON body must be an object of parameters' });
      bodyIsText = false;
    } else {
      const form = new URLSearchParams(text);
      for (const key of new Set(form.keys())) {
        const values = form.getAll(key);
        body[key] = values.length === 1 ? values[0] : values;
      }
    }
  }
  // PVE reads POST/PUT parameters from the query string too; the body wins on conflicts.
  const merged = { ...flatQuery, ...body };
  return { path, query: {}, body: merged, bodyIsText: bodyIsText || Object.keys(flatQuery).length > 0 };
}

/** ajv's findings in PVE's own words, one text per parameter. */
export function pveParameterErrors(issues: ValidationIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.name || 'body';
    // a value that fits no branch of a flag's anyOf: PVE calls that a failed boolean type check
    if (issue.keyword === 'anyOf') errors[name] = `type check ('boolean') failed - got '${String(issue.value)}'`;
    else errors[name] ??= pveText(issue);
  }
  return errors;
}

function pveText(issue: ValidationIssue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return 'property is missing and it is not optional';
    case 'additionalProperties':
      return 'property is not defined in schema and the schema does not allow additional properties';
    case 'type':
      return `type check ('${String(p.type).split(',')[0]}') failed - got '${Array.isArray(issue.value) ? issue.value.join(',') : String(issue.value)}'`;
    case 'minimum':
      return `value must have a minimum value of ${p.limit}`;
    case 'maximum':
      return `value must have a maximum value of ${p.limit}`;
    case 'enum':
      return `value '${String(issue.value)}' does not have a value in the enumeration '${(p.allowedValues as unknown[]).join(', ')}'`;
    case 'pattern':
    case 'format':
      return 'value does not match the regex pattern';
    case 'minLength':
      return `value must be at least ${p.limit} characters long`;
    case 'maxLength':
      return `value may only be ${p.limit} characters long`;
    default:
      return issue.message;
  }
}
