// Small wrappers that decide whether a check applies to an exchange, so each check states only its rule.
import type { Check, CheckContext, Exchange } from '../types.js';
import { documentedBodyFor, findDocumentedResponse } from './documented-response.js';
import { responseMediaType } from './media-type.js';

export type ExchangePredicate = (ctx: CheckContext, exchange: Exchange) => boolean;

function named(name: string, check: Check): Check {
  Object.defineProperty(check, 'name', { value: name });
  return check;
}

export function onlyWhen(predicate: ExchangePredicate, check: Check): Check {
  return named(check.name, (ctx, exchange) => (predicate(ctx, exchange) ? check(ctx, exchange) : undefined));
}

/** Skips the check for the given statuses: exact codes (404) or classes ("5XX"). */
export function skipOnStatus(statuses: ReadonlyArray<number | string>, check: Check): Check {
  const skipped = (status: number) =>
    statuses.some((s) => (typeof s === 'number' ? s === status : s.toUpperCase() === `${String(status)[0]}XX`));
  return onlyWhen((_ctx, exchange) => !skipped(exchange.response.status), check);
}

/** Runs the check only when the documented response for this status has a schema for this media type. */
export function needsSchema(check: Check): Check {
  return onlyWhen((_ctx, { case: sent, response }) => {
    const documented = findDocumentedResponse(sent.operation, response.status);
    const mediaType = responseMediaType(response.headers);
    return documented !== undefined && mediaType !== undefined && documentedBodyFor(documented, mediaType) !== undefined;
  }, check);
}

export const isValidCase: ExchangePredicate = (_ctx, { case: sent }) => sent.expectation === 'valid' && sent.auth === 'default';
export const isInvalidCase: ExchangePredicate = (_ctx, { case: sent }) => sent.expectation === 'invalid';
export const isMethodViolation: ExchangePredicate = (_ctx, { case: sent }) => sent.violation?.kind === 'method';
export const isMissingHeaderViolation: ExchangePredicate = (_ctx, { case: sent }) =>
  sent.violation?.location === 'header' && sent.violation.kind === 'missing';
export const isSuccessful: ExchangePredicate = (_ctx, { response }) => response.status >= 200 && response.status < 300;

export function all(...predicates: ExchangePredicate[]): ExchangePredicate {
  return (ctx, exchange) => predicates.every((predicate) => predicate(ctx, exchange));
}

export function not(predicate: ExchangePredicate): ExchangePredicate {
  return (ctx, exchange) => !predicate(ctx, exchange);
}

/** The response to a method the operation does not document belongs to no documented response: only
 * unsupported_method (and not_a_server_error) judge it. */
export function forDocumentedMethod(check: Check): Check {
  return onlyWhen(not(isMethodViolation), check);
}
