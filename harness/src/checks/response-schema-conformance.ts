import type { Check, CheckContext, Exchange } from '../types.js';
import { findDocumentedResponse } from './documented-response.js';
import { failure, preview } from './failure.js';
import { forDocumentedMethod, needsSchema } from './guards.js';
import { judgeResponseBody } from './response-body.js';
import { describeSchemaError } from './schema-validator.js';
import { awaitTask } from './task-tracking.js';

const CHECK = 'response_schema_conformance';

/** A JSON body must validate against the schema documented for its status and media type. */
function responseSchemaConformance(ctx: CheckContext, { case: sent, response }: Exchange): void {
  const operation = sent.operation;
  const documented = findDocumentedResponse(operation, response.status);
  const verdict = judgeResponseBody(operation, response, documented);
  if (verdict.kind === 'nothing-to-check' && verdict.uncompilable !== undefined) {
    ctx.warn?.(`${operation.id} response ${documented?.status}: the schema cannot be compiled (${verdict.uncompilable}); its bodies are not validated`);
  }
  if (verdict.kind === 'unparseable') {
    const xml = verdict.detail !== undefined;
    throw failure({
      check: CHECK,
      title: xml ? 'Response body is not well-formed XML' : 'Response body is not valid JSON',
      severity: 'high',
      expected: `${xml ? 'XML' : 'JSON'} matching the documented ${documented?.status} response`,
      actual: xml ? `${verdict.detail}: ${preview(response.bodyText)}` : preview(response.bodyText),
      dedupKey: `${CHECK}|${operation.id}|${response.status}|unparseable`,
    });
  }
  if (verdict.kind !== 'invalid') return;
  const [first] = verdict.errors;
  throw failure({
    check: CHECK,
    title: 'Response violates schema',
    severity: 'high',
    expected: `a body matching the documented ${documented?.status} ${verdict.mediaType} schema`,
    actual: `${first ? describeSchemaError(first) : 'invalid'} in ${preview(response.json ?? response.bodyText)}`,
    dedupKey: `${CHECK}|${operation.id}|${response.status}|${first?.instancePath}|${first?.keyword}`,
  });
}

/** The status answer that shows the end of a task the exchange started must match the status operation's
 * schema (an end state outside the documented enum breaks it). */
async function taskEndStateConformance(ctx: CheckContext, exchange: Exchange): Promise<void> {
  const end = await awaitTask(ctx, exchange);
  if (end?.kind !== 'ended') return;
  const { response } = end.last;
  const statusOperation = end.task.statusOperation;
  const verdict = judgeResponseBody(statusOperation, response, findDocumentedResponse(statusOperation, response.status));
  if (verdict.kind === 'valid' || verdict.kind === 'nothing-to-check') return;
  const why =
    verdict.kind === 'invalid' ? describeSchemaError(verdict.errors[0] ?? { instancePath: '', keyword: '', message: 'invalid' })
    : verdict.kind === 'unparseable' ? 'the body is not valid JSON'
    : verdict.kind === 'undocumented-status' ? `status ${response.status} is not documented`
    : `content type ${verdict.mediaType ?? '(none)'} is not documented`;
  throw failure({
    check: CHECK,
    title: 'Task end state does not match its schema',
    severity: 'high',
    expected: `the end state of task ${end.task.id} (${JSON.stringify(end.state)}) to match ${statusOperation.id}'s documented response`,
    actual: `${why} in ${preview(response.bodyText)} (${end.last.request.method} ${end.last.request.url})`,
    dedupKey: `${CHECK}|${exchange.case.operation.id}|task-end|${verdict.kind}`,
  });
}

const ownBody = needsSchema(responseSchemaConformance);

export const responseSchemaConformanceCheck: Check = forDocumentedMethod(async function responseSchemaConformanceWithTask(ctx, exchange) {
  await ownBody(ctx, exchange);
  await taskEndStateConformance(ctx, exchange);
});
