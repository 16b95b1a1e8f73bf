import type { Check, CheckContext, Exchange } from '../types.js';
import { documentsStatusExplicitly } from './documented-response.js';
import { failure, preview } from './failure.js';
import { judgeResponseBody } from './response-body.js';
import { describeSchemaError } from './schema-validator.js';

const CHECK = 'not_a_server_error';

/** Any 5xx fails, except one the operation documents on purpose (exact code or 5XX, not `default`) whose
 * body matches its documented schema: PVE reports "not found" as a documented 500 {data:null,message}. */
function notAServerError(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  if (response.status < 500) return;
  // RFC 9110's answer to a method the server does not recognise; unsupported_method judges it.
  if (response.status === 501 && sent.violation?.kind === 'method') return;
  const operation = sent.operation;
  const actual = `${response.status} ${response.statusText}: ${preview(response.bodyText)}`;
  const documented = documentsStatusExplicitly(operation, response.status);
  if (documented === undefined) {
    throw failure({
      check: CHECK,
      title: 'Server error',
      severity: 'critical',
      expected: 'a status below 500, or a 5xx the operation documents',
      actual,
      dedupKey: `${CHECK}|${operation.id}|${response.status}`,
    });
  }
  const verdict = judgeResponseBody(operation, response, documented);
  if (verdict.kind !== 'invalid' && verdict.kind !== 'unparseable' && verdict.kind !== 'media-type-undocumented') return;
  const why =
    verdict.kind === 'invalid' ? (verdict.errors[0] ? describeSchemaError(verdict.errors[0]) : 'invalid')
    : verdict.kind === 'unparseable' ? 'the body is not valid JSON'
    : `content type ${verdict.mediaType ?? '(none)'} is not documented`;
  throw failure({
    check: CHECK,
    title: 'Server error that does not match its documented response',
    severity: 'high',
    expected: `a body matching the documented ${documented.status} response`,
    actual: `${actual} (${why})`,
    dedupKey: `${CHECK}|${operation.id}|${response.status}|body`,
  });
}

export const notAServerErrorCheck: Check = notAServerError;
