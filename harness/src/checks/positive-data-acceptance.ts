import type { Check, CheckContext, Exchange } from '../types.js';
import { documentsStatusExplicitly, isSuccess } from './documented-response.js';
import { failure, preview } from './failure.js';
import { isValidCase, onlyWhen } from './guards.js';

const CHECK = 'positive_data_acceptance';
const REJECTIONS = [400, 422];

function positiveDataAcceptance(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  const { status } = response;
  if (isSuccess(status)) return;
  if (!REJECTIONS.includes(status) && documentsStatusExplicitly(sent.operation, status)) return;
  throw failure({
    check: CHECK,
    title: 'API rejected schema-compliant request',
    severity: 'medium',
    expected: 'a 2xx, or a documented status other than 400/422',
    actual: `${status} ${response.statusText}: ${preview(response.bodyText)}`,
    dedupKey: `${CHECK}|${sent.operation.id}|${status}`,
  });
}

/** A valid, authenticated request must be accepted (opt-in: servers may refuse valid data for reasons of
 * state the schema cannot express). */
export const positiveDataAcceptanceCheck: Check = onlyWhen(isValidCase, positiveDataAcceptance);
