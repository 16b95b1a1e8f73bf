// Which part of an operation's `responses` documents a given status, and what it says about a body.
import type { JsonSchema, Operation, OperationResponse } from '../types.js';
import { matchDocumentedMediaType } from './media-type.js';

export type StatusMatch = 'exact' | 'range' | 'default';

export function statusMatch(documented: string, status: number): StatusMatch | undefined {
  const key = documented.trim().toUpperCase();
  if (key === String(status)) return 'exact';
  if (/^[1-5]XX$/.test(key) && key[0] === String(status)[0]) return 'range';
  if (key === 'DEFAULT') return 'default';
  return undefined;
}

/** The most specific documented response for `status` (exact, then `4XX`-style range, then `default`). */
export function findDocumentedResponse(operation: Operation, status: number): OperationResponse | undefined {
  const matches = (kind: StatusMatch) => operation.responses.find((r) => statusMatch(r.status, status) === kind);
  return matches('exact') ?? matches('range') ?? matches('default');
}

/** Only an exact code or a range documents a status on purpose; `default` is a catch-all. */
export function documentsStatusExplicitly(operation: Operation, status: number): OperationResponse | undefined {
  const matches = (kind: StatusMatch) => operation.responses.find((r) => statusMatch(r.status, status) === kind);
  return matches('exact') ?? matches('range');
}

export interface DocumentedBody {
  mediaType: string;
  schema: JsonSchema;
}

export function documentedBodyFor(response: OperationResponse, mediaType: string): DocumentedBody | undefined {
  const key = matchDocumentedMediaType(Object.keys(response.content), mediaType);
  if (key === undefined) return undefined;
  const entry = response.content[key];
  return entry ? { mediaType: key, schema: entry.schema } : undefined;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export function isClientError(status: number): boolean {
  return status >= 400 && status < 500;
}
