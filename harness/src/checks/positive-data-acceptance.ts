import type { Check, CheckContext, Exchange, Operation } from '../types.js';
import { failure, preview } from './failure.js';
import { all, isValidCase, isMethodViolation, not, onlyWhen, type ExchangePredicate } from './guards.js';

const CHECK = 'positive_data_acceptance';
/** What a valid request may get by default (as in Schemathesis): accepted, or refused for who asks or what it names. */
export const DEFAULT_EXPECTED_STATUSES = ['2XX', '401', '403', '404'];
/** An operation's statuses for a schema-valid request refused because of state, e.g.
 *   x-hypersim-state-refusals: [{ status: 400, when: "the vmid is already in use" }] */
export const STATE_REFUSALS_EXTENSION = 'x-hypersim-state-refusals';

export function statusMatches(pattern: string, status: number): boolean {
  const text = pattern.trim().toUpperCase();
  if (/^[1-5]XX$/.test(text)) return text[0] === String(status)[0];
  return text === String(status);
}

/** The statuses the spec says a valid request may get because of state. */
export function stateRefusals(operation: Operation): string[] {
  const declared = operation.extensions[STATE_REFUSALS_EXTENSION];
  if (!Array.isArray(declared)) return [];
  return declared.flatMap((entry: unknown) => {
    const status = typeof entry === 'object' && entry !== null ? (entry as { status?: unknown }).status : entry;
    return typeof status === 'number' || typeof status === 'string' ? [String(status)] : [];
  });
}

function expectedStatuses(ctx: CheckContext, operation: Operation): string[] {
  const { expectedStatuses, operationExpectedStatuses } = ctx.options;
  const base = operationExpectedStatuses?.[operation.id] ?? expectedStatuses ?? DEFAULT_EXPECTED_STATUSES;
  return [...base, ...stateRefusals(operation)];
}

function positiveDataAcceptance(ctx: CheckContext, { case: sent, response }: Exchange): void {
  const { status } = response;
  const expected = expectedStatuses(ctx, sent.operation);
  if (expected.some((pattern) => statusMatches(pattern, status))) return;
  throw failure({
    check: CHECK,
    title: 'API rejected schema-compliant request',
    severity: 'medium',
    expected: `one of ${expected.join(', ')} for a request that matches the schema`,
    actual: `${status} ${response.statusText}: ${preview(response.bodyText)}`,
    dedupKey: `${CHECK}|${sent.operation.id}|${status}`,
  });
}

const isServerError: ExchangePredicate = (_ctx, { response }) => response.status >= 500;

/** A valid, authenticated request must be accepted: by default a 2xx, 401, 403 or 404; settable for the run
 * and per operation, and widened by the statuses the spec declares for refusals because of state. A 5xx is
 * not_a_server_error's to judge. */
export const positiveDataAcceptanceCheck: Check = onlyWhen(all(isValidCase, not(isMethodViolation), not(isServerError)), positiveDataAcceptance);
