// One operation of the management layer as Hono sees it: read the JSON body, authenticate the Bearer
// token, check the role, ask the fault rules, validate against specs/pve-manager.yaml, bring running
// tasks up to date with PVE, run the handler and answer in the envelope. Every route goes through here.
// The role is checked before the body, as the service's middleware chain does.
import type { Context } from 'hono';
import type { ApiContext } from '../../core/api-module.js';
import type { CoreEnv } from '../../core/context.js';
import { injectFault } from '../../core/inject.js';
import type { RequestValidator, ValidationIssue } from '../../core/validate.js';
import { authenticate, requireRole } from './auth.js';
import { envelope, ManagerError, managerErrorResponse, renderManagerError } from './errors.js';
import type { ManagerModel } from './model/index.js';
import type { Role, User } from './model/users.js';
import type { TaskRunner } from './runner.js';

export type Body = Record<string, any>;

export interface ManagerCall {
  body: Body;
  /** undefined only for public operations (login) */
  user: User;
  model: ManagerModel;
  runner: TaskRunner;
}

export interface ManagerResult {
  message: string;
  data: unknown;
}

export interface ManagerOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Hono path, relative to /api/v1 */
  path: string;
  public?: boolean;
  /** roles allowed (all when absent) */
  roles?: readonly Role[];
  /** the message for a request that misses a required field */
  missingFields?: string;
  /** per body field: the message when its value is wrong */
  invalidField?: Record<string, string>;
  handle(call: ManagerCall): ManagerResult | Promise<ManagerResult>;
}

export interface OperationDeps {
  ctx: ApiContext;
  model: ManagerModel;
  runner: TaskRunner;
  validator: RequestValidator;
}

export function managerHandler(op: ManagerOperation, deps: OperationDeps) {
  return async function managerOperation(c: Context<CoreEnv>): Promise<Response> {
    c.set('operationId', op.operationId);
    try {
      const body = op.method === 'POST' || op.method === 'DELETE' ? await readJsonBody(c) : undefined;
      const user = op.public ? undefined : authenticate(deps.model, c.req.header('authorization'));
      if (user) requireRole(user, op.roles);
      const fault = deps.ctx.faults.decide('pve-manager', op.operationId, body ?? {});
      if (fault) {
        c.set('fault', fault.rule);
        const injected = await injectFault(c, fault, managerErrorResponse);
        if (injected) return injected;
      }
      const validated = deps.validator.validate(op.operationId, { path: {}, query: {}, ...(body === undefined ? {} : { body }) });
      if (validated.issues.length > 0) throw new ManagerError(400, issueMessage(op, validated.issues));
      await deps.runner.advanceAll();
      const result = await op.handle({ body: (validated.body as Body | undefined) ?? {}, user: user!, model: deps.model, runner: deps.runner });
      return envelope(200, result.message, result.data);
    } catch (error) {
      const response = renderManagerError(error);
      if (response) return response;
      throw error;
    }
  };
}

/** The JSON body as an object; an empty body reads as {} (as express.json() leaves it). */
async function readJsonBody(c: Context): Promise<Body> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ManagerError(400, 'Invalid JSON in request body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ManagerError(400, 'Request body must be a JSON object');
  return value as Body;
}

function issueMessage(op: ManagerOperation, issues: ValidationIssue[]): string {
  const missing = issues.find((issue) => issue.keyword === 'required');
  if (missing) return op.missingFields ?? `Missing required field: ${missing.name}`;
  const issue = issues[0]!;
  const special = op.invalidField?.[issue.name];
  if (special) return special;
  return `Invalid value for '${issue.name || 'body'}': ${issue.message}`;
}
