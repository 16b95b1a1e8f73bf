// Validates values against OpenAPI schemas with ajv (JSON Schema 2020-12 + formats). Each schema object is
// converted and compiled once, on first use, and cached by identity: a run checks thousands of responses
// against the same few hundred schemas. A component schema (see schema-components.ts) is registered with
// ajv under its own id and referenced, so it is compiled once however many schemas embed it.
import { dereference, validate as interpret, type Schema as InterpretedSchema } from '@cfworker/json-schema';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, Operation } from '../types.js';
import { toJsonSchema2020 } from '../arbitraries/to-json-schema-2020.js';
import { componentName } from '../schema-components.js';

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
  const ajv = new Ajv2020({ strict: false, logger: false, addUsedSchema: false, allErrors: false, inlineRefs: false, validateSchema: false, code: { optimize: false } });
  addFormats(ajv);
  return ajv;
}

const ajv = createAjv();
const compiledByDialect: Record<Dialect, WeakMap<object, Compiled>> = {
  'openapi-3.0': new WeakMap(),
  'openapi-3.1': new WeakMap(),
};

const registered = new Set<string>();
const uncompilable = new WeakMap<object, string>();

/** Why ajv could not compile this schema, once validation was tried; undefined when it could. */
export function whyUncompilable(schema: JsonSchema): string | undefined {
  return typeof schema === 'object' ? uncompilable.get(schema) : undefined;
}
let compiledCount = 0;
/** Schemas by URI for one-shot validation (validateOnce), which interprets instead of compiling. */
const lookup: Record<string, InterpretedSchema> = Object.create(null);

/** The id of a component schema, registered with ajv (converted, not yet compiled) and with the
 * one-shot lookup on first sight. */
function componentRef(node: object, dialect: Dialect): string | undefined {
  const name = componentName(node);
  if (name === undefined) return undefined;
  const id = `hypersim:/${dialect}/${name}`;
  if (!registered.has(id)) {
    registered.add(id); // before converting: a component that embeds itself refers to its own id
    const converted = convert(node, dialect);
    ajv.addSchema(converted as object, id);
    dereference(converted as InterpretedSchema, lookup, new URL(id));
  }
  return id;
}

function convert(schema: object, dialect: Dialect): JsonSchema {
  // 'response' direction: a writeOnly property is never required in what a server sends back.
  return toJsonSchema2020(schema as JsonSchema, dialect, { direction: 'response', refFor: (node) => componentRef(node, dialect) });
}

function compile(schema: object, dialect: Dialect): Compiled {
  const cache = compiledByDialect[dialect];
  let compiled = cache.get(schema);
  if (compiled === undefined) {
    try {
      const ref = componentRef(schema, dialect);
      compiled = ref !== undefined ? (ajv.getSchema(ref) ?? 'uncompilable') : ajv.compile(convert(schema, dialect) as object);
      compiledCount += 1;
    } catch (error) {
      compiled = 'uncompilable'; // e.g. an unresolved $ref in a spec that was not fully dereferenced
      uncompilable.set(schema, error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));
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

const interpretedRoots = new WeakMap<object, InterpretedSchema>();
let roots = 0;

function interpreted(schema: object, dialect: Dialect): InterpretedSchema {
  const ref = componentRef(schema, dialect);
  if (ref !== undefined) return lookup[ref] as InterpretedSchema;
  let root = interpretedRoots.get(schema);
  if (root === undefined) {
    root = convert(schema, dialect) as InterpretedSchema;
    roots += 1;
    dereference(root, lookup, new URL(`hypersim:/roots/${roots}`));
    interpretedRoots.set(schema, root);
  }
  return root;
}

/**
 * Like validateAgainstSchema, for a value checked once (a spec's own example): the schema is
 * interpreted, not compiled, since compiling costs far more than one validation (GitHub's description
 * has 1,500 examples over 1,000 schemas).
 */
export function validateOnce(schema: JsonSchema, dialect: Dialect, value: unknown): SchemaError[] | undefined {
  if (schema === true) return [];
  if (schema === false) return [{ instancePath: '', keyword: 'false', message: 'no value is allowed here' }];
  try {
    const result = interpret(value, interpreted(schema, dialect), '2020-12', lookup, true);
    if (result.valid) return [];
    // the last error is the innermost; the ones before it say "a subschema had errors"
    const error = result.errors.at(-1);
    const instancePath = (error?.instanceLocation ?? '#').replace(/^#/, '');
    return [{ instancePath, keyword: error?.keyword ?? 'invalid', message: error?.error ?? 'is invalid' }];
  } catch {
    return undefined;
  }
}

/** How many component schemas were converted and registered (each once) and top-level schemas compiled. */
export function validatorStats(): { components: number; compiled: number; interpreted: number } {
  return { components: registered.size, compiled: compiledCount, interpreted: roots };
}

export function describeSchemaError(error: SchemaError): string {
  return `${error.instancePath || '(root)'} ${error.message}`;
}
