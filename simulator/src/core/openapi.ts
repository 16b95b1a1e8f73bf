// Reads one of our OpenAPI documents (YAML or JSON) and resolves its local $refs, synchronously, so a
// simulator can be built in one call. Our specs only use local refs; cycles are kept as shared objects.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
};

export interface OperationSpec {
  operationId: string;
  method: string;
  /** path template as written in the spec, e.g. /nodes/{node}/qemu */
  path: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: Record<string, unknown> }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  [key: string]: unknown;
}

export interface LoadedSpec {
  /** the document as written (refs intact), served at /_sim/openapi.json */
  raw: OpenApiDocument;
  /** the same document with every local $ref resolved */
  resolved: OpenApiDocument;
  operations: Map<string, OperationSpec>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export function loadSpec(file: string): LoadedSpec {
  const raw = parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  const resolved = resolveRefs(raw) as OpenApiDocument;
  const operations = new Map<string, OperationSpec>();
  for (const [path, item] of Object.entries(resolved.paths ?? {})) {
    const shared = (item.parameters as OperationSpec['parameters'] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op || typeof op.operationId !== 'string') continue;
      const own = (op.parameters as OperationSpec['parameters'] | undefined) ?? [];
      const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
      operations.set(op.operationId, { ...op, operationId: op.operationId, method: method.toUpperCase(), path, parameters });
    }
  }
  return { raw, resolved, operations };
}

function resolveRefs(root: unknown): unknown {
  const done = new Map<object, unknown>();
  const lookup = (ref: string): unknown => {
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown>)?.[key];
      if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
    }
    return node;
  };
  const visit = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (done.has(node)) return done.get(node);
    if (!Array.isArray(node) && typeof (node as { $ref?: unknown }).$ref === 'string') {
      const { $ref, ...siblings } = node as Record<string, unknown>;
      const target = visit(lookup($ref as string));
      const merged = Object.keys(siblings).length > 0 ? { ...(target as object), ...(visit(siblings) as object) } : target;
      done.set(node, merged);
      return merged;
    }
    const copy: unknown = Array.isArray(node) ? [] : {};
    done.set(node, copy);
    for (const [k, v] of Object.entries(node)) (copy as Record<string, unknown>)[k] = visit(v);
    return copy;
  };
  return visit(root);
}
