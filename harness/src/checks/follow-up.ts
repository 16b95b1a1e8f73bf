// Follow-up requests that checks send on their own (the read after a delete, a task's status): build the
// URL from an operation's path template and the run's base URL, authorize, send.
import type { CheckContext, Exchange, Operation, ReceivedResponse, SentRequest } from '../types.js';
import { essenceOf, isJsonMediaType } from './media-type.js';

export interface RequestValues {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface FollowUp {
  operation: Operation;
  request: SentRequest;
  response: ReceivedResponse;
}

/** The follow-up cannot be built (a path parameter has no value): the caller skips it. */
export class FollowUpError extends Error {
  override name = 'FollowUpError';
}

const LOCATION_PREFIX = /^(path|query|header|body)\.(.+)$/;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The `{names}` in an operation's path template (what must be filled, whatever the spec declares). */
export function pathTemplateNames(operation: Operation): string[] {
  return [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** Puts each named value where the operation declares it. A name may carry its location ("path.vmid");
 * an undeclared name goes to the path when the template has it, else to the body when the operation takes one, else to the query. */
export function placeValues(operation: Operation, named: Record<string, unknown>): RequestValues {
  const values: RequestValues = { path: {}, query: {}, headers: {} };
  for (const [rawName, value] of Object.entries(named)) {
    if (value === undefined) continue;
    const prefixed = LOCATION_PREFIX.exec(rawName);
    const name = prefixed?.[2] ?? rawName;
    const declared = operation.parameters.find((p) => p.name === name && (!prefixed || p.in === prefixed[1]));
    const inTemplate = pathTemplateNames(operation).includes(name) ? 'path' : undefined;
    const location = prefixed?.[1] ?? declared?.in ?? inTemplate ?? (operation.body ? 'body' : 'query');
    if (location === 'path') values.path[name] = asText(value);
    else if (location === 'query') values.query[name] = asText(value);
    else if (location === 'header') values.headers[name] = asText(value);
    else if (location === 'body') values.body = { ...values.body, [name]: value };
  }
  return values;
}

/** Fills the path parameters `values` leaves out from the original request's parameters of the same name
 * (a read after /nodes/{node}/... stays on its node). */
export function withOriginalPathParams(operation: Operation, values: RequestValues, exchange: Exchange): RequestValues {
  const path = { ...values.path };
  for (const name of pathTemplateNames(operation)) {
    const original = exchange.case.pathParams[name];
    if (path[name] === undefined && original !== undefined) path[name] = original;
  }
  return { ...values, path };
}

function encodeBody(operation: Operation, body: Record<string, unknown>): { contentType: string; text: string } {
  const mediaTypes = Object.keys(operation.body?.content ?? {}).map((key) => essenceOf(key) ?? key);
  const json = mediaTypes.length === 0 || mediaTypes.some(isJsonMediaType);
  if (!json && mediaTypes.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, asText(v)]));
    return { contentType: 'application/x-www-form-urlencoded', text: form.toString() };
  }
  return { contentType: 'application/json', text: JSON.stringify(body) };
}

function acceptsJson(operation: Operation): boolean {
  return operation.responses.some((r) => Object.keys(r.content).some((key) => isJsonMediaType(essenceOf(key) ?? '')));
}

export function buildFollowUpRequest(baseUrl: string, operation: Operation, values: RequestValues): SentRequest {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values.path[name];
    if (value === undefined) throw new FollowUpError(`${operation.id}: no value for path parameter "${name}"`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(values.query).toString();
  const url = `${baseUrl.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = { ...values.headers };
  if (acceptsJson(operation)) headers.accept = 'application/json';
  if (values.body === undefined) return { method: operation.method, url, headers };
  const { contentType, text } = encodeBody(operation, values.body);
  return { method: operation.method, url, headers: { ...headers, 'content-type': contentType }, body: text };
}

export async function sendFollowUp(ctx: CheckContext, operation: Operation, values: RequestValues): Promise<FollowUp> {
  const request = await ctx.authorize(buildFollowUpRequest(ctx.baseUrl, operation, values));
  const response = await ctx.send(request);
  return { operation, request, response };
}
