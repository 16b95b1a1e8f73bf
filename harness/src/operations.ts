// Dereferenced OpenAPI document -> Operation[]: path-level parameters merged into each operation,
// bodies, responses with headers and links, the effective security requirement, and x- extensions.
import type { FieldEncoding, JsonSchema, Operation, OperationBody, OperationLink, OperationParameter, OperationResponse, ParameterLocation } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const LOCATIONS: readonly string[] = ['path', 'query', 'header', 'cookie'];

type Obj = Record<string, unknown>;

function asObject(value: unknown): Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

function asSchema(value: unknown): JsonSchema {
  if (typeof value === 'boolean') return value;
  return asObject(value);
}

export function extractOperations(document: Obj, dialect: Operation['dialect'], warnings: string[]): Operation[] {
  const operations: Operation[] = [];
  const documentSecured = hasRequirement(document.security);
  const seenIds = new Set<string>();
  for (const [path, pathItemValue] of Object.entries(asObject(document.paths))) {
    const pathItem = asObject(pathItemValue);
    const pathParameters = parameters(pathItem.parameters, `${path}`, warnings);
    for (const method of METHODS) {
      if (!(method in pathItem)) continue;
      const raw = asObject(pathItem[method]);
      const upper = method.toUpperCase();
      let id = typeof raw.operationId === 'string' && raw.operationId ? raw.operationId : `${upper} ${path}`;
      if (seenIds.has(id)) {
        warnings.push(`operationId '${id}' is used more than once; the copy at ${upper} ${path} is named '${upper} ${path}'`);
        id = `${upper} ${path}`;
      }
      seenIds.add(id);
      const own = parameters(raw.parameters, `${upper} ${path}`, warnings);
      operations.push({
        id,
        method: upper,
        path,
        tags: Array.isArray(raw.tags) ? raw.tags.filter((tag): tag is string => typeof tag === 'string') : [],
        parameters: mergeParameters(pathParameters, own),
        ...bodyOf(raw.requestBody),
        responses: responses(raw.responses),
        secured: 'security' in raw ? hasRequirement(raw.security) : documentSecured,
        dialect,
        extensions: extensions(raw),
      });
    }
  }
  return operations;
}

/** A requirement list secures an operation unless it is empty or allows anonymous access (`{}`). */
function hasRequirement(security: unknown): boolean {
  if (!Array.isArray(security) || security.length === 0) return false;
  return !security.some((requirement) => Object.keys(asObject(requirement)).length === 0);
}

function parameters(value: unknown, where: string, warnings: string[]): OperationParameter[] {
  if (!Array.isArray(value)) return [];
  const result: OperationParameter[] = [];
  for (const entry of value) {
    const raw = asObject(entry);
    if (typeof raw.name !== 'string' || typeof raw.in !== 'string' || !LOCATIONS.includes(raw.in)) {
      warnings.push(`${where}: skipped a parameter without a usable name/in`);
      continue;
    }
    const location = raw.in as ParameterLocation;
    result.push({
      name: raw.name,
      in: location,
      required: location === 'path' ? true : raw.required === true,
      schema: raw.schema === undefined ? contentSchema(raw.content) : asSchema(raw.schema),
      examples: examplesOf(raw, raw.schema),
    });
  }
  return result;
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: OperationParameter[], own: OperationParameter[]): OperationParameter[] {
  const key = (parameter: OperationParameter) => `${parameter.in}:${parameter.name}`;
  const ownKeys = new Set(own.map(key));
  return [...pathLevel.filter((parameter) => !ownKeys.has(key(parameter))), ...own];
}

function contentSchema(content: unknown): JsonSchema {
  const first = Object.values(asObject(content))[0];
  return asSchema(asObject(first).schema);
}

/** `example`, `examples` (map of Example objects) and the schema's own example(s). */
function examplesOf(holder: Obj, schema: unknown): unknown[] {
  const found: unknown[] = [];
  if ('example' in holder) found.push(holder.example);
  for (const example of Object.values(asObject(holder.examples))) {
    const value = asObject(example);
    if ('value' in value) found.push(value.value);
  }
  if (found.length === 0) {
    const schemaObject = asObject(schema);
    if ('example' in schemaObject) found.push(schemaObject.example);
    if (Array.isArray(schemaObject.examples)) found.push(...schemaObject.examples);
  }
  return found;
}

function encodingOf(value: unknown): Record<string, FieldEncoding> | undefined {
  const entries = Object.entries(asObject(value)).map(([field, raw]): [string, FieldEncoding] => {
    const { style, explode } = asObject(raw);
    return [field, { ...(typeof style === 'string' && { style }), ...(typeof explode === 'boolean' && { explode }) }];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function mediaMap(value: unknown): OperationBody['content'] {
  const content: OperationBody['content'] = {};
  for (const [mediaType, media] of Object.entries(asObject(value))) {
    const raw = asObject(media);
    const encoding = encodingOf(raw.encoding);
    content[mediaType] = { schema: asSchema(raw.schema ?? {}), examples: examplesOf(raw, raw.schema), ...(encoding && { encoding }) };
  }
  return content;
}

function bodyOf(value: unknown): { body?: OperationBody } {
  if (value === undefined) return {};
  const raw = asObject(value);
  const content = mediaMap(raw.content);
  if (Object.keys(content).length === 0) return {};
  return { body: { required: raw.required === true, content } };
}

function responses(value: unknown): OperationResponse[] {
  return Object.entries(asObject(value)).map(([status, responseValue]) => {
    const raw = asObject(responseValue);
    const headers: OperationResponse['headers'] = {};
    for (const [name, header] of Object.entries(asObject(raw.headers))) {
      const headerObject = asObject(header);
      headers[name.toLowerCase()] = {
        required: headerObject.required === true,
        schema: headerObject.schema === undefined ? contentSchema(headerObject.content) : asSchema(headerObject.schema),
      };
    }
    return { status: status.toUpperCase(), headers, content: mediaMap(raw.content), links: links(raw.links) };
  });
}

function links(value: unknown): Record<string, OperationLink> {
  const result: Record<string, OperationLink> = {};
  for (const [name, linkValue] of Object.entries(asObject(value))) {
    const raw = asObject(linkValue);
    const operationId = typeof raw.operationId === 'string' ? raw.operationId : operationIdFromRef(raw.operationRef);
    if (!operationId) continue;
    result[name] = { operationId, parameters: { ...asObject(raw.parameters) } };
  }
  return result;
}

/** `#/paths/~1vms~1{id}/get` -> "GET /vms/{id}" (the fallback id of an operation without operationId);
 * the runner resolves it against real operationIds by method and path. */
function operationIdFromRef(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const match = /#\/paths\/([^/]+)\/([a-z]+)$/.exec(ref);
  if (!match || !match[1] || !match[2]) return undefined;
  const path = decodeURIComponent(match[1]).replaceAll('~1', '/').replaceAll('~0', '~');
  return `${match[2].toUpperCase()} ${path}`;
}

function extensions(raw: Obj): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (key.startsWith('x-')) result[key] = value;
  return result;
}
