import type { Check, CheckContext, Exchange } from '../types.js';
import { findDocumentedResponse } from './documented-response.js';
import { failure } from './failure.js';
import { forDocumentedMethod } from './guards.js';
import { matchDocumentedMediaType, responseMediaType } from './media-type.js';

const CHECK = 'content_type_conformance';

/** The media type (parameters such as charset ignored) must be one documented for this status; a body
 * without any Content-Type fails. Undocumented statuses are status_code_conformance's business. */
function contentTypeConformance(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  const operation = sent.operation;
  const documented = findDocumentedResponse(operation, response.status);
  const documentedTypes = Object.keys(documented?.content ?? {});
  if (documentedTypes.length === 0) return;
  const expected = `one of ${documentedTypes.join(', ')}`;
  const mediaType = responseMediaType(response.headers);
  if (mediaType === undefined) {
    if (response.bodyText === '') return;
    throw failure({
      check: CHECK,
      title: 'Missing Content-Type header',
      severity: 'medium',
      expected,
      actual: `a ${response.status} response with a body and no Content-Type`,
      dedupKey: `${CHECK}|${operation.id}|${response.status}|missing`,
    });
  }
  if (matchDocumentedMediaType(documentedTypes, mediaType) !== undefined) return;
  throw failure({
    check: CHECK,
    title: 'Undocumented Content-Type',
    severity: 'medium',
    expected,
    actual: response.headers['content-type'] ?? mediaType,
    dedupKey: `${CHECK}|${operation.id}|${response.status}|${mediaType}`,
  });
}

export const contentTypeConformanceCheck: Check = forDocumentedMethod(contentTypeConformance);
