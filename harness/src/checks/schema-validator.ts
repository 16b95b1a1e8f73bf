// Validates values against OpenAPI schemas with ajv (JSON Schema 2020-12 + formats). Each schema object is
// converted and compiled once and cached by identity: a run checks thousands of responses against the
// same few hundred schemas.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, Operation } from '../types.js';
import { toJsonSchema2020 } from '../arbitraries/to-json-schema-2020.js';

// ajv-formats is CommonJS; under NodeNext its default import is the plugin function itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export interface SchemaError {
  /** JSON pointer into the validated value, '' for the value itself */
  instancePath: string;
  keyword: string;
  message: string;
}

type Dialect = Operation['dialect'];
type Compiled = ValidateFunction | 'uncompilable';

function createAjv(): Ajv2020 {
  // strict off: OpenAPI schemas carry keywords ajv does not know (example, xml, discriminator, x-*).
  // addUsedSchema off: two specs (or two schemas) may share an $id without clashing.
  const ajv = new Ajv2020({ strict: false, logger: false, addUsedSchema: false, allErrors: false });
  addFormats(ajv);
  return ajv;
}

const ajv = createAjv();
const compiledByDialect: Record<Dialect, WeakMap<object, Compiled>> = {
  'openapi-3.0': new WeakMap(),
  'openapi-3.1': new WeakMap(),
};

function compile(schema: object, dialect: Dialect): Compiled {
  const cache = compiledByDialect[dialect];
  let compiled = cache.get(schema);
  if (compiled === undefined) {
    try {
      // 'response' direction: a writeOnly property is never required in what a server sends back.
      compiled = ajv.compile(toJsonSchema2020(schema as JsonSchema, dialect, { direction: 'response' }) as object);
    } catch {
      compiled = 'uncompilable'; // e.g. an unresolved $ref in a spec that was not fully dereferenced
    }
    cache.set(schema, compiled);
  }
  return compiled;
}

/** The first problem found, [] when `value` is valid, undefined when the schema cannot be compiled. */
export function validateAgainstSchema(schema: JsonSchema, dialect: Dialect, value: unknown): SchemaError[] | undefined {
  if (schema === true) return [];
  if (schema === false) return [{ instancePath: '', keyword: 'false', message: 'no value is allowed here' }];
  const validate = compile(schema, dialect);
  if (validate === 'uncompilable') return undefined;
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({
    instancePath: error.instancePath,
    keyword: error.keyword,
    message: error.message ?? error.keyword,
  }));
}

export function describeSchemaError(error: SchemaError): string {
  return `${error.instancePath || '(root)'} ${error.message}`;
}
