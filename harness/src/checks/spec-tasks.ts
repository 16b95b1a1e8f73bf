// Tasks recognised from the spec alone, for APIs with neither x-hypersim-task nor a vendor recogniser.
// A 2xx answer starts a task when it points at a GET operation whose answer has a state field (an enum
// holding a success value by name): through an OpenAPI link, through a Location (202 only),
// Operation-Location or Azure-AsyncOperation header, or through a body field named like the last path
// parameter of such a GET under a tasks-like path (POST /vms -> {task_id} -> GET /tasks/{taskId}).
import type { Exchange, JsonSchema, Operation, CheckContext } from '../types.js';
import { isSuccess } from './documented-response.js';
import { pathTemplateNames, withOriginalPathParams, type RequestValues } from './follow-up.js';
import { resolvePointer } from './json-pointer.js';
import { linkedReads } from './links.js';
import { isJsonMediaType, essenceOf } from './media-type.js';
import type { TaskProtocol } from './task-recognizers.js';

/** Terminal state names, compared lower-case without separators ("Succeeded", "SUCCEEDED", "succeeded"). */
export const SUCCESS_STATES = ['succeeded', 'success', 'successful', 'completed', 'complete', 'done', 'finished', 'ok'];
export const FAILURE_STATES = ['failed', 'failure', 'error', 'errored', 'cancelled', 'canceled', 'aborted'];
/** Field names that most likely hold a task's state, best first; any enum field with a terminal value will do. */
const STATE_FIELDS = ['status', 'state', 'phase', 'provisioningstate', 'taskstate', 'taskstatus'];
const TASK_PATH = /\/(tasks?|operations?|jobs?|actions?|asyncoperations?|async-operations?|activities|requests)\/\{[^}]+\}$/i;
const TASK_HEADERS = ['operation-location', 'azure-asyncoperation', 'location'];
const MAX_DEPTH = 3;

export interface StateField {
  pointer: string;
  running: unknown[];
  failed: unknown[];
}

const normalise = (value: unknown) => String(value).toLowerCase().replace(/[^a-z0-9]/g, '');
const isTerminal = (value: unknown) => SUCCESS_STATES.includes(normalise(value)) || FAILURE_STATES.includes(normalise(value));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's properties, including those of its allOf parts (schemas are dereferenced). */
function propertiesOf(schema: JsonSchema): Array<[string, JsonSchema]> {
  if (!isRecord(schema)) return [];
  const own = isRecord(schema.properties) ? (Object.entries(schema.properties) as Array<[string, JsonSchema]>) : [];
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as JsonSchema[]).flatMap(propertiesOf) : [];
  return [...own, ...parts];
}

function stateEnum(schema: JsonSchema): unknown[] | undefined {
  if (!isRecord(schema) || !Array.isArray(schema.enum)) return undefined;
  // a success value is required: a resource status such as running | stopped | error is no task
  return schema.enum.some((value) => SUCCESS_STATES.includes(normalise(value))) ? schema.enum : undefined;
}

const cache = new WeakMap<object, StateField | null>();

/** The state field of a status schema: breadth first, state-like names before others, at most 3 levels down. */
export function stateFieldOf(schema: JsonSchema): StateField | undefined {
  if (!isRecord(schema)) return undefined;
  const cached = cache.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  let level: Array<[string, JsonSchema]> = [['', schema]];
  let found: StateField | undefined;
  for (let depth = 0; depth < MAX_DEPTH && found === undefined && level.length > 0; depth += 1) {
    const children = level.flatMap(([pointer, parent]) =>
      propertiesOf(parent).map(([name, child]): [string, string, JsonSchema] => [name, `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, child]),
    );
    const rank = (name: string) => {
      const index = STATE_FIELDS.indexOf(normalise(name));
      return index < 0 ? STATE_FIELDS.length : index;
    };
    const candidates = children.filter(([, , child]) => stateEnum(child) !== undefined).sort((a, b) => rank(a[0]) - rank(b[0]));
    const best = candidates[0];
    if (best !== undefined) {
      const values = stateEnum(best[2]) ?? [];
      found = {
        pointer: best[1],
        running: values.filter((value) => !isTerminal(value)),
        failed: values.filter((value) => FAILURE_STATES.includes(normalise(value))),
      };
    }
    level = children.map(([, pointer, child]) => [pointer, child]);
  }
  cache.set(schema, found ?? null);
  return found;
}

/** The state field of a GET operation's successful JSON answer, if it reads like a task status. */
export function statusStateField(operation: Operation): StateField | undefined {
  if (operation.method !== 'GET') return undefined;
  for (const response of operation.responses) {
    if (!/^2/.test(response.status)) continue;
    for (const [mediaType, body] of Object.entries(response.content)) {
      if (!isJsonMediaType(essenceOf(mediaType) ?? mediaType)) continue;
      const field = stateFieldOf(body.schema);
      if (field !== undefined) return field;
    }
  }
  return undefined;
}

export interface InferredTask extends TaskProtocol {
  /** how it was recognised, e.g. 'link GetTask' or 'header operation-location' */
  via: string;
  id: string;
  statusOperation: Operation;
  values: RequestValues;
}

function protocolOf(field: StateField): TaskProtocol {
  return { state: field.pointer, running: field.running, ...(field.failed.length > 0 && { failed: field.failed }) };
}

function templateRegExp(template: string): RegExp {
  const escaped = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('([^/]+)')}/?$`);
}

function fromLinks(ctx: CheckContext, exchange: Exchange): InferredTask | undefined {
  for (const read of linkedReads(ctx, exchange)) {
    const field = statusStateField(read.operation);
    if (field === undefined) continue;
    const id = Object.values(read.values.path).at(-1) ?? read.operation.id;
    return { via: `link ${read.name}`, id, statusOperation: read.operation, values: read.values, ...protocolOf(field) };
  }
  return undefined;
}

function fromHeaders(ctx: CheckContext, exchange: Exchange): InferredTask | undefined {
  const { response } = exchange;
  const basePath = new URL(ctx.baseUrl).pathname.replace(/\/+$/, '');
  for (const header of TASK_HEADERS) {
    const value = response.headers[header];
    if (value === undefined || (header === 'location' && response.status !== 202)) continue;
    let url: URL;
    try {
      url = new URL(value, exchange.request.url);
    } catch {
      continue;
    }
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    for (const operation of ctx.operations) {
      const field = statusStateField(operation);
      const match = field && templateRegExp(operation.path).exec(path);
      if (!field || !match) continue;
      const names = pathTemplateNames(operation);
      const pathValues = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
      const values: RequestValues = { path: pathValues, query: Object.fromEntries(url.searchParams), headers: {} };
      const id = Object.values(pathValues).at(-1) ?? value;
      return { via: `header ${header}`, id, statusOperation: operation, values, ...protocolOf(field) };
    }
  }
  return undefined;
}

/** Top-level fields of the body, and of a `data` envelope. */
function bodyFields(body: unknown): Array<[string, unknown]> {
  if (!isRecord(body)) return [];
  const envelope = isRecord(body.data) ? Object.entries(body.data) : [];
  return [...Object.entries(body), ...envelope];
}

function fromIdField(ctx: CheckContext, exchange: Exchange): InferredTask | undefined {
  const fields = bodyFields(exchange.response.json).filter(([, value]) => typeof value === 'string' || typeof value === 'number');
  if (fields.length === 0) return undefined;
  for (const operation of ctx.operations) {
    if (!TASK_PATH.test(operation.path)) continue;
    const field = statusStateField(operation);
    const parameter = pathTemplateNames(operation).at(-1);
    if (field === undefined || parameter === undefined) continue;
    // a bare "id" names the task only in a 202: in a 201 it is the created resource's own id
    const wanted = normalise(parameter);
    const hit = fields.find(([name]) => normalise(name) === wanted && (wanted !== 'id' || exchange.response.status === 202));
    if (hit === undefined) continue;
    const id = String(hit[1]);
    const values = withOriginalPathParams(operation, { path: { [parameter]: id }, query: {}, headers: {} }, exchange);
    return { via: `field ${hit[0]}`, id, statusOperation: operation, values, ...protocolOf(field) };
  }
  return undefined;
}

/** The task a successful exchange started, as far as the spec tells. */
export function inferTask(ctx: CheckContext, exchange: Exchange): InferredTask | undefined {
  if (!isSuccess(exchange.response.status) || exchange.case.operation.method === 'GET') return undefined;
  return fromLinks(ctx, exchange) ?? fromHeaders(ctx, exchange) ?? fromIdField(ctx, exchange);
}
