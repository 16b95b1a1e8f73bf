// What was wrong with the schemas of an operation, for the CLI's spec-problem report (and for
// --strict-spec). Reading a schema never throws; this is where its problems surface instead.

import type { JsonSchema, Operation } from '../types.js';
import type { Dialect } from './options.js';
import { toJsonSchema2020 } from './to-json-schema-2020.js';
import { createWarningLog, type SchemaWarning } from './warnings.js';

export function schemaWarnings(schema: JsonSchema, dialect: Dialect): SchemaWarning[] {
  const log = createWarningLog();
  toJsonSchema2020(schema, dialect, { warnings: log });
  return log.list;
}

/** Warnings for every parameter and body schema of an operation; pointers start with where the schema sits. */
export function operationWarnings(operation: Operation): SchemaWarning[] {
  const out: SchemaWarning[] = [];
  const add = (prefix: string, schema: JsonSchema) => {
    for (const w of schemaWarnings(schema, operation.dialect)) out.push({ pointer: `${prefix}${w.pointer}`, message: w.message });
  };
  for (const p of operation.parameters) add(`${p.in}.${p.name}`, p.schema);
  for (const [mediaType, { schema }] of Object.entries(operation.body?.content ?? {})) add(`body(${mediaType})`, schema);
  return out;
}
