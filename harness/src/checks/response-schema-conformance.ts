import type { Check, CheckContext, Exchange } from '../types.js';
import { findDocumentedResponse } from './documented-response.js';
import { failure, preview } from './failure.js';
import { forDocumentedMethod, needsSchema } from './guards.js';
import { judgeResponseBody } from './response-body.js';
import { describeSchemaError } from './schema-validator.js';

const CHECK = 'response_schema_conformance';

/** A JSON body must validate against the schema documented for its status and media type. */
function responseSchemaConformance(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  const operation = sent.operation;
  const documented = findDocumentedResponse(operation, response.status);
  const verdict = judgeResponseBody(operation, response, documented);
  if (verdict.kind === 'unparseable') {
    throw failure({
      check: CHECK,
      title: 'Response body is not valid JSON',
      severity: 'high',
      expected: `JSON matching the documented ${documented?.status} response`,
      actual: preview(response.bodyText),
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
    actual: `${first ? describeSchemaError(first) : 'invalid'} in ${preview(response.json)}`,
    dedupKey: `${CHECK}|${operation.id}|${response.status}|${first?.instancePath}|${first?.keyword}`,
  });
}

export const responseSchemaConformanceCheck: Check = forDocumentedMethod(needsSchema(responseSchemaConformance));
