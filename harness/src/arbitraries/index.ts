// JSON Schema (OpenAPI 3.0 / 3.1) -> fast-check: valid values and requests, deterministic invalid and
// boundary values, body serialization, and the schema conversion ajv validates with.

export { toJsonSchema2020, type ConvertOptions } from './to-json-schema-2020.js';
export { createSchemaAjv, validatorFor, isValid } from './ajv.js';
export type { SchemaArbitraryOptions, Dialect, Direction } from './options.js';
export { valueArbitrary, type ValueArbitraryOptions } from './value-arbitrary.js';
export { invalidValues, type InvalidValue, type InvalidValueOptions } from './invalid-values.js';
export { boundaryValues, type BoundaryValue, type BoundaryValueOptions } from './boundary-values.js';
export { requestArbitrary } from './request-arbitrary.js';
export { invalidRequests, MALFORMED_JSON, type InvalidRequest } from './invalid-requests.js';
export type { RequestParts, RequestArbitraryOptions } from './request-parts.js';
export { serializeBody, requestBodyText, isJsonMediaType, isFormMediaType } from './serialize-body.js';
export { schemaWarnings, operationWarnings } from './schema-warnings.js';
export { createWarningLog, type SchemaWarning, type WarningSink } from './warnings.js';
