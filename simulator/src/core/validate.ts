// Request validation from an OpenAPI document: parameters are coerced from their wire text by their
// schema, then checked with ajv (JSON Schema 2020-12). The result is a list of neutral issues; each
// vendor turns them into its own error shape and wording.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { LoadedSpec, OperationSpec } from './openapi.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export type IssueLocation = 'path' | 'query' | 'header' | 'body';

export interface ValidationIssue {
  location: IssueLocation;
  /** parameter or top-level body property the issue is about ('' for the body as a whole) */
  name: string;
  /** the ajv keyword: required, type, additionalProperties, enum, minimum, pattern, ... */
  keyword: string;
  params: Record<string, unknown>;
  /** the offending value as received */
  value: unknown;
  /** JSON pointer to the offending value inside its location (e.g. /BackupJobCloneInfo/JobName) */
  pointer?: string;
  message: string;
  /** where inside the location the issue is: property names down to the offending one (for required and
   * additionalProperties, ending with the missing or extra property) */
  path?: string[];
}

export interface RequestInput {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  body?: unknown;
  /** the body came form-encoded, so its values are text to coerce like query parameters */
  bodyIsText?: boolean;
}

export interface ValidatedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  issues: ValidationIssue[];
}

export interface ValidatorOptions {
  /** coerce JSON body values by schema too (PVE accepts "100" for an integer in JSON) */
  coerceJsonBody?: boolean;
  /** for integer schemas with enum [0, 1]: read yes/no/true/false/on/off and JSON booleans */
  booleanWordsForBinaryIntegers?: boolean;
  /** unknown query parameters are an issue */
  rejectUnknownQuery?: boolean;
}

type Schema = Record<string, unknown>;

interface CompiledOperation {
  path: { validate: ValidateFunction; properties: Record<string, Schema> };
  query: { validate: ValidateFunction; properties: Record<string, Schema> };
  body?: { validate: ValidateFunction; properties: Record<string, Schema>; schema: Schema };
}

export class RequestValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, CompiledOperation>();

  constructor(
    private readonly spec: LoadedSpec,
    private readonly options: ValidatorOptions = {},
  ) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
  }

  validate(operationId: string, input: RequestInput): ValidatedRequest {
    const op = this.compile(operationId);
    const issues: ValidationIssue[] = [];
    const path = this.coerceAll(input.path, op.path.properties);
    const query = this.coerceAll(input.query, op.query.properties);
    collect(issues, 'path', op.path.validate, path, input.path);
    collect(issues, 'query', op.query.validate, query, input.query);
    let body = input.body;
    if (op.body && body !== undefined) {
      if (isObject(body) && (input.bodyIsText || this.options.coerceJsonBody)) body = this.coerceAll(body, op.body.properties);
      else if (isObject(body) && this.options.booleanWordsForBinaryIntegers) body = this.coerceAll(body, op.body.properties, true);
      collect(issues, 'body', op.body.validate, body, input.body);
    }
    return { path, query, body, issues };
  }

  private compile(operationId: string): CompiledOperation {
    let op = this.compiled.get(operationId);
    if (op) return op;
    const spec = this.spec.operations.get(operationId);
    if (!spec) throw new Error(`operation ${operationId} is not in the spec`);
    op = {
      path: this.compileParameters(spec, 'path', false),
      query: this.compileParameters(spec, 'query', this.options.rejectUnknownQuery ?? false),
    };
    const content = spec.requestBody?.content ?? {};
    const bodySchema = (content['application/json'] ?? content['application/x-www-form-urlencoded'] ?? Object.values(content)[0])?.schema;
    if (bodySchema) {
      op.body = { validate: this.ajv.compile(bodySchema), properties: (bodySchema.properties as Record<string, Schema>) ?? {}, schema: bodySchema };
    }
    this.compiled.set(operationId, op);
    return op;
  }

  private compileParameters(spec: OperationSpec, location: 'path' | 'query', rejectUnknown: boolean) {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const p of spec.parameters.filter((p) => p.in === location)) {
      properties[p.name] = p.schema ?? {};
      if (p.required) required.push(p.name);
    }
    const schema = { type: 'object', properties, required, additionalProperties: !rejectUnknown };
    return { validate: this.ajv.compile(schema), properties };
  }

  private coerceAll(values: Record<string, unknown>, properties: Record<string, Schema>, onlyBooleanWords = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      const schema = properties[name];
      out[name] = schema === undefined ? value : onlyBooleanWords ? this.booleanWord(schema, value) : this.coerce(schema, value);
    }
    return out;
  }

  private coerce(schema: Schema, value: unknown): unknown {
    const types = typesOf(schema);
    if (Array.isArray(value)) {
      if (types.includes('array')) return value.map((v) => this.coerce((schema.items as Schema) ?? {}, v));
      return value.length === 1 ? this.coerce(schema, value[0]) : value;
    }
    const word = this.booleanWord(schema, value);
    if (word !== value) return word;
    if (typeof value !== 'string') return value;
    if (types.includes('integer') && /^[+-]?\d+$/.test(value)) return Number(value);
    if (types.includes('number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
    if (types.includes('array')) return value.split(',').map((v) => this.coerce((schema.items as Schema) ?? {}, v));
    if (types.includes('null') && value === '') return null;
    return value;
  }

  private booleanWord(schema: Schema, value: unknown): unknown {
    if (!this.options.booleanWordsForBinaryIntegers || !isBinaryInteger(schema)) return value;
    if (value === true) return 1;
    if (value === false) return 0;
    if (typeof value !== 'string') return value;
    const word = value.toLowerCase();
    if (['1', 'yes', 'true', 'on'].includes(word)) return 1;
    if (['0', 'no', 'false', 'off'].includes(word)) return 0;
    return value;
  }
}

function collect(issues: ValidationIssue[], location: IssueLocation, validate: ValidateFunction, data: unknown, raw: unknown): void {
  if (validate(data)) return;
  for (const error of validate.errors ?? []) issues.push(toIssue(location, error, raw));
}

function toIssue(location: IssueLocation, error: ErrorObject, raw: unknown): ValidationIssue {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let name = segments[0] ?? '';
  if (error.keyword === 'required' && segments.length === 0) name = String(error.params.missingProperty);
  if (error.keyword === 'additionalProperties' && segments.length === 0) name = String(error.params.additionalProperty);
  const value = name !== '' && isObject(raw) ? raw[name] : raw;
  const path = [...segments];
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return { location, name, keyword: error.keyword, params: error.params as Record<string, unknown>, value, message: error.message ?? error.keyword, path, pointer: error.instancePath };
}

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === 'string') return [schema.type];
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  return branches ? branches.flatMap(typesOf) : [];
}

/** integer 0/1, alone or as one branch of an anyOf/oneOf (PVE's boolean parameters) */
function isBinaryInteger(schema: Schema): boolean {
  const e = schema.enum;
  if (typesOf(schema).includes('integer') && Array.isArray(e) && e.length === 2 && e.includes(0) && e.includes(1)) return true;
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  return branches?.some(isBinaryInteger) ?? false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
