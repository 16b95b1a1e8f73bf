// The vocabulary every part of the harness shares: what an operation is, what a generated case is,
// what came back, and how a check reports a finding. Everything here is plain data.

export type JsonSchema = Record<string, unknown> | boolean;

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface OperationParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonSchema;
  /** OpenAPI `style`/`explode` are honoured only for the defaults (form for query, simple for path). */
  examples: unknown[];
}

/** How one form field is serialised (OpenAPI `encoding`): style form (default), spaceDelimited,
 * pipeDelimited or deepObject; explode defaults to true for form. */
export interface FieldEncoding {
  style?: string;
  explode?: boolean;
}

export interface OperationBody {
  required: boolean;
  /** media type -> schema, e.g. application/json, application/x-www-form-urlencoded */
  content: Record<string, { schema: JsonSchema; examples: unknown[]; encoding?: Record<string, FieldEncoding> }>;
}

export interface OperationLink {
  operationId: string;
  /** parameter name -> runtime expression ($request.path.x, $request.body#/ptr, $response.body#/ptr) or a literal */
  parameters: Record<string, unknown>;
}

export interface OperationResponse {
  /** "200", "4XX", "default" */
  status: string;
  headers: Record<string, { required: boolean; schema: JsonSchema }>;
  content: Record<string, { schema: JsonSchema; examples: unknown[] }>;
  /** OpenAPI links: what to call next with values from this exchange */
  links: Record<string, OperationLink>;
}

export interface Operation {
  /** operationId, or "METHOD /path" when the spec gives none */
  id: string;
  method: string; // upper case
  /** the path template as written in the spec, e.g. /nodes/{node}/qemu/{vmid}/clone */
  path: string;
  tags: string[];
  parameters: OperationParameter[];
  body?: OperationBody;
  responses: OperationResponse[];
  /** true when the operation (or the document by default) requires some security scheme */
  secured: boolean;
  /** the spec's dialect decides how `nullable` and `type: [..., "null"]` are read */
  dialect: 'openapi-3.0' | 'openapi-3.1';
  /** vendor extensions the harness understands, e.g. x-hypersim-task (see checks/async-task) */
  extensions: Record<string, unknown>;
}

/** The parts of a request a generator fills in, as they go on the wire (the body still typed). */
export interface RequestParts {
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  /** already-typed body; mediaType says how to encode it */
  body?: unknown;
  mediaType?: string;
}

/** One concrete request the harness will send, before it is bound to a base URL. */
export interface Case extends RequestParts {
  operation: Operation;
  phase: PhaseName;
  /** what the generator meant: a valid request, or one that breaks the schema in a known way */
  expectation: 'valid' | 'invalid';
  /** for invalid cases: what was broken */
  violation?: Violation;
  /** skip authentication for this case (the auth phase sets this) */
  auth: 'default' | 'none' | 'bad';
}

export interface Violation {
  location: ParameterLocation | 'body' | 'method';
  /** parameter name, or a JSON pointer inside the body ('' for the whole body) */
  name: string;
  kind: 'missing' | 'type' | 'range' | 'length' | 'enum' | 'pattern' | 'format' | 'extra' | 'null' | 'malformed' | 'method';
  /** human text, e.g. "query.limit: -1 is below the minimum 0" */
  description: string;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ReceivedResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>; // lower-cased names
  bodyText: string;
  /** parsed JSON when the content type is JSON and it parses; undefined otherwise */
  json?: unknown;
  elapsedMs: number;
}

export type PhaseName = 'examples' | 'coverage' | 'fuzz' | 'negative' | 'auth' | 'stateful';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Thrown (or returned) by a check. `dedupKey` groups identical findings across cases. */
export class CheckFailure extends Error {
  constructor(
    readonly check: string,
    readonly title: string,
    readonly severity: Severity,
    readonly expected: string,
    readonly actual: string,
    readonly dedupKey: string,
  ) {
    super(`${check}: ${title}`);
    this.name = 'CheckFailure';
  }
}

/** What a check may use besides the exchange: how to send further requests (for follow-ups such as
 * use_after_free and async_task_completion), and the run's settings. */
export interface CheckContext {
  send(request: SentRequest): Promise<ReceivedResponse>;
  /** the same request, with the run's authentication applied */
  authorize(request: SentRequest): Promise<SentRequest>;
  operations: Operation[];
  baseUrl: string;
  /** a problem of the spec met while checking (e.g. a schema ajv cannot compile): a warning of the run */
  warn?(message: string): void;
  options: {
    maxResponseTimeMs?: number;
    taskTimeoutMs: number;
    taskPollIntervalMs: number;
    /** statuses positive_data_acceptance allows for a valid request ("2XX", "404"), for every operation */
    expectedStatuses?: string[];
    /** the same, by operationId (replaces expectedStatuses for that operation) */
    operationExpectedStatuses?: Record<string, string[]>;
  };
}

export interface Exchange {
  case: Case;
  request: SentRequest;
  response: ReceivedResponse;
}

/** A check: a named function that throws a CheckFailure when the exchange breaks the contract. */
export type Check = (ctx: CheckContext, exchange: Exchange) => void | Promise<void>;
