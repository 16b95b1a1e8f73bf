// A large OpenAPI document for the harness's load-and-plan figure: the community PVE conversion
// (/work/shared/fixtures, 628 operations, 2.1 MB) with its paths replicated under /copyN prefixes.
import { readFileSync, writeFileSync } from 'node:fs';

import { PVE_COMMUNITY_SPEC as COMMUNITY_SPEC } from '../test-support/fixtures.js';
export { COMMUNITY_SPEC };
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export interface BuiltSpec {
  path: string;
  operations: number;
  bytes: number;
}

interface Document {
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Each copy gets its own operationIds, so the harness sees distinct operations. */
function renamedOperations(item: Record<string, unknown>, copy: number): Record<string, unknown> {
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    const operation = value as Record<string, unknown>;
    renamed[key] = METHODS.has(key) && typeof operation === 'object' && typeof operation.operationId === 'string'
      ? { ...operation, operationId: `copy${copy}_${operation.operationId}` }
      : value;
  }
  return renamed;
}

function operationCount(item: Record<string, unknown>): number {
  return Object.keys(item).filter((key) => METHODS.has(key)).length;
}

/**
 * Writes a document with `copies` replicas of every path, then keeps whole paths in order until
 * `maxOperations` is reached. Pretty-printed like the source, so size per operation stays comparable.
 */
export function buildLargeSpec(target: string, copies: number, maxOperations = Number.POSITIVE_INFINITY, source = COMMUNITY_SPEC): BuiltSpec {
  const document = JSON.parse(readFileSync(source, 'utf8')) as Document;
  const paths: Document['paths'] = {};
  let operations = 0;
  outer: for (let copy = 0; copy < copies; copy++) {
    for (const [path, item] of Object.entries(document.paths)) {
      const count = operationCount(item);
      if (operations + count > maxOperations) break outer;
      paths[`/copy${copy}${path}`] = renamedOperations(item, copy);
      operations += count;
    }
  }
  const text = JSON.stringify({ ...document, paths }, null, 2);
  writeFileSync(target, text);
  return { path: target, operations, bytes: Buffer.byteLength(text) };
}
