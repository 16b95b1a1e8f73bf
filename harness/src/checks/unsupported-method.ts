import type { Check, CheckContext, Exchange } from '../types.js';
import { isSuccess } from './documented-response.js';
import { failure, preview } from './failure.js';
import { isMethodViolation, onlyWhen } from './guards.js';

const CHECK = 'unsupported_method';

function unsupportedMethod(_ctx: CheckContext, { case: sent, request, response }: Exchange): void {
  const { status } = response;
  const dedupKey = `${CHECK}|${sent.operation.path}|${request.method}`;
  // RFC 9110: 501 when the server does not recognise the method at all (PVE answers "Method ... not implemented").
  if (status === 501) return;
  if (status === 405) {
    if (response.headers.allow !== undefined) return;
    throw failure({
      check: CHECK,
      title: '405 without an Allow header',
      severity: 'low',
      expected: 'an Allow header listing the supported methods (RFC 9110 §15.5.6)',
      actual: '405 with no Allow header',
      dedupKey: `${dedupKey}|allow`,
    });
  }
  throw failure({
    check: CHECK,
    title: isSuccess(status) ? 'Unsupported method accepted' : 'Unsupported method not answered with 405',
    severity: isSuccess(status) ? 'high' : 'medium',
    expected: `405 Method Not Allowed (or 501) for ${request.method} ${sent.operation.path}`,
    actual: `${status} ${response.statusText}: ${preview(response.bodyText)}`,
    dedupKey,
  });
}

/** A method the path does not document must be refused with 405 (and an Allow header) or 501. */
export const unsupportedMethodCheck: Check = onlyWhen(isMethodViolation, unsupportedMethod);
