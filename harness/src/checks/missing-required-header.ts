import type { Check, CheckContext, Exchange } from '../types.js';
import { isClientError } from './documented-response.js';
import { failure, preview } from './failure.js';
import { isMissingHeaderViolation, onlyWhen } from './guards.js';

const CHECK = 'missing_required_header';

function missingRequiredHeader(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  if (isClientError(response.status)) return;
  throw failure({
    check: CHECK,
    title: 'Missing required header not rejected',
    severity: 'high',
    expected: `a 4xx (400, 401, 403, 406, 422...) without header ${sent.violation?.name}`,
    actual: `${response.status} ${response.statusText}: ${preview(response.bodyText)}`,
    dedupKey: `${CHECK}|${sent.operation.id}|${sent.violation?.name?.toLowerCase()}`,
  });
}

/** A request that leaves out a required header must get a 4xx. */
export const missingRequiredHeaderCheck: Check = onlyWhen(isMissingHeaderViolation, missingRequiredHeader);
