// Does a response body match what the operation documents for its status and media type? Shared by the
// checks that judge bodies (schema conformance, documented server errors, task end states).
import type { Operation, OperationResponse, ReceivedResponse } from '../types.js';
import { documentedBodyFor } from './documented-response.js';
import { isJsonMediaType, responseMediaType } from './media-type.js';
import { validateAgainstSchema, whyUncompilable, type SchemaError } from './schema-validator.js';
import { isXmlMediaType, judgeXmlBody } from './xml-body.js';

export type BodyVerdict =
  | { kind: 'undocumented-status' }
  | { kind: 'nothing-to-check'; reason: string; uncompilable?: string }
  | { kind: 'media-type-undocumented'; mediaType: string | undefined }
  | { kind: 'unparseable'; mediaType: string; detail?: string }
  | { kind: 'invalid'; mediaType: string; errors: SchemaError[] }
  | { kind: 'valid'; mediaType: string };

export function judgeResponseBody(
  operation: Operation,
  response: ReceivedResponse,
  documented: OperationResponse | undefined,
): BodyVerdict {
  if (documented === undefined) return { kind: 'undocumented-status' };
  if (Object.keys(documented.content).length === 0) return { kind: 'nothing-to-check', reason: 'no documented body' };
  const mediaType = responseMediaType(response.headers);
  if (mediaType === undefined) {
    return response.bodyText === ''
      ? { kind: 'nothing-to-check', reason: 'empty body without a content type' }
      : { kind: 'media-type-undocumented', mediaType };
  }
  const body = documentedBodyFor(documented, mediaType);
  if (body === undefined) return { kind: 'media-type-undocumented', mediaType };
  if (isXmlMediaType(mediaType)) {
    const xml = judgeXmlBody(body.schema, operation.dialect, response.bodyText);
    if (xml.kind === 'unparseable') return { kind: 'unparseable', mediaType, detail: xml.message };
    if (xml.kind === 'uncompilable') {
      return { kind: 'nothing-to-check', reason: 'the documented schema cannot be compiled', uncompilable: whyUncompilable(body.schema) ?? 'unknown reason' };
    }
    return xml.kind === 'valid' ? { kind: 'valid', mediaType } : { kind: 'invalid', mediaType, errors: xml.errors };
  }
  if (!isJsonMediaType(mediaType)) return { kind: 'nothing-to-check', reason: `${mediaType} is not validated` };
  if (response.json === undefined) return { kind: 'unparseable', mediaType };
  const errors = validateAgainstSchema(body.schema, operation.dialect, response.json);
  if (errors === undefined) {
    return { kind: 'nothing-to-check', reason: 'the documented schema cannot be compiled', uncompilable: whyUncompilable(body.schema) ?? 'unknown reason' };
  }
  return errors.length === 0 ? { kind: 'valid', mediaType } : { kind: 'invalid', mediaType, errors };
}
