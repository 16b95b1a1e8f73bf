import type { Check, CheckContext, Exchange } from '../types.js';
import { isClientError, isSuccess } from './documented-response.js';
import { failure, preview } from './failure.js';
import { all, isInvalidCase, isMethodViolation, isMissingHeaderViolation, not, onlyWhen } from './guards.js';

const CHECK = 'negative_data_rejection';

function negativeDataRejection(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  if (isClientError(response.status)) return;
  const outcome = isSuccess(response.status) ? 'accepted' : response.status >= 500 ? 'crashed on' : 'did not reject';
  throw failure({
    check: CHECK,
    title: `API ${outcome} schema-violating request`,
    severity: response.status >= 500 || isSuccess(response.status) ? 'high' : 'medium',
    expected: `a 4xx for ${sent.violation?.description ?? 'an invalid request'}`,
    actual: `${response.status} ${response.statusText}: ${preview(response.bodyText)}`,
    dedupKey: `${CHECK}|${sent.operation.id}|${sent.violation?.location}|${sent.violation?.kind}|${Math.floor(response.status / 100)}xx`,
  });
}

/** An invalid request must get a 4xx: a 2xx accepted bad data, a 5xx crashed on it. Unsupported methods
 * and missing required headers have checks of their own. */
export const negativeDataRejectionCheck: Check = onlyWhen(
  all(isInvalidCase, not(isMethodViolation), not(isMissingHeaderViolation)),
  negativeDataRejection,
);
