// The one ajv setup every generator here judges values with (and that checks may reuse): JSON Schema
// 2020-12, formats from ajv-formats, unknown keywords and formats ignored, never a console line.

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from '../types.js';

// ajv-formats is CommonJS; under NodeNext its default import is the plugin function itself
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export function createSchemaAjv(options: { coerceTypes?: boolean | 'array' } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    logger: false,
    addUsedSchema: false,
    validateFormats: true,
    coerceTypes: options.coerceTypes ?? false,
  });
  addFormats(ajv);
  return ajv;
}

let shared: Ajv2020 | undefined;
let wire: Ajv2020 | undefined;
const compiled = new WeakMap<object, ValidateFunction | null>();
const compiledWire = new WeakMap<object, ValidateFunction | null>();
// Big vendor specs repeat the same small schemas hundreds of times as distinct objects: compile each
// distinct text once.
const compiledByText = new Map<string, ValidateFunction | null>();
const compiledWireByText = new Map<string, ValidateFunction | null>();

/** A validator for a converted (2020-12) schema; null when ajv cannot compile it. Cached per schema object. */
export function validatorFor(schema: JsonSchema): ValidateFunction | null {
  if (typeof schema === 'boolean') return schema ? acceptAll : rejectAll;
  if (compiled.has(schema)) return compiled.get(schema) ?? null;
  shared ??= createSchemaAjv();
  const ajv = shared;
  const fn = byText(compiledByText, schema, () => tryCompile(ajv, schema));
  compiled.set(schema, fn);
  return fn;
}

/** A validator that first coerces strings the way a server reads parameters and form fields
 * ("12" -> 12, "true" -> true, a single value -> an array). Mutates what it validates. */
export function wireValidatorFor(schema: JsonSchema): ValidateFunction | null {
  if (typeof schema === 'boolean') return schema ? acceptAll : rejectAll;
  if (compiledWire.has(schema)) return compiledWire.get(schema) ?? null;
  wire ??= createSchemaAjv({ coerceTypes: 'array' });
  const ajv = wire;
  const fn = byText(compiledWireByText, schema, () => tryCompile(ajv, schema));
  compiledWire.set(schema, fn);
  return fn;
}

/** True when the value is valid; also true when the schema cannot be compiled (nothing to judge by). */
export function isValid(schema: JsonSchema, value: unknown): boolean {
  const validate = validatorFor(schema);
  return validate === null ? true : validate(value) === true;
}

function byText(cache: Map<string, ValidateFunction | null>, schema: object, compile: () => ValidateFunction | null): ValidateFunction | null {
  let text: string;
  try {
    text = JSON.stringify(schema);
  } catch {
    return compile();
  }
  if (cache.has(text)) return cache.get(text) ?? null;
  const fn = compile();
  cache.set(text, fn);
  return fn;
}

function tryCompile(ajv: Ajv2020, schema: object): ValidateFunction | null {
  try {
    return ajv.compile(schema);
  } catch {
    return null;
  }
}

const acceptAll = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
const rejectAll = Object.assign(() => false, { errors: null }) as unknown as ValidateFunction;
