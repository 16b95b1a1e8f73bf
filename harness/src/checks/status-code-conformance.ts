import type { Check, CheckContext, Exchange } from '../types.js';
import { findDocumentedResponse } from './documented-response.js';
import { failure, preview } from './failure.js';
import { forDocumentedMethod } from './guards.js';

const CHECK = 'status_code_conformance';

/** The status must be documented: exactly, by a range such as 4XX, or by `default`. */
function statusCodeConformance(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  const operation = sent.operation;
  if (operation.responses.length === 0 || findDocumentedResponse(operation, response.status)) return;
  throw failure({
    check: CHECK,
    title: 'Undocumented HTTP status code',
    severity: 'medium',
    expected: `one of ${operation.responses.map((r) => r.status).join(', ')}`,
    actual: `${response.status} ${response.statusText}: ${preview(response.bodyText)}`,
    dedupKey: `${CHECK}|${operation.id}|${response.status}`,
  });
}

export const statusCodeConformanceCheck: Check = forDocumentedMethod(statusCodeConformance);
