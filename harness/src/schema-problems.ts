// What the generators could not read as written, per operation, as warning lines. Vendor documents
// repeat the same parameter schemas hundreds of times (PVE's `node`, `vmid`, ...), so identical schemas
// are looked at once: this keeps a dry run of a thousand operations within its time budget.
import { schemaWarnings } from './arbitraries/index.js';
import type { JsonSchema, Operation } from './types.js';

type Warnings = ReturnType<typeof schemaWarnings>;

function fingerprint(schema: JsonSchema): string | undefined {
  try {
    return JSON.stringify(schema);
  } catch {
    return undefined; // circular: not shared by text, looked at on its own
  }
}

export function schemaProblems(operations: Operation[]): string[] {
  const seen = new Map<string, Warnings>();
  const warningsOf = (schema: JsonSchema, dialect: Operation['dialect']): Warnings => {
    const key = fingerprint(schema);
    if (key === undefined) return schemaWarnings(schema, dialect);
    const cacheKey = `${dialect}\u0000${key}`;
    let warnings = seen.get(cacheKey);
    if (!warnings) seen.set(cacheKey, (warnings = schemaWarnings(schema, dialect)));
    return warnings;
  };
  const problems: string[] = [];
  for (const operation of operations) {
    const add = (where: string, schema: JsonSchema) => {
      for (const warning of warningsOf(schema, operation.dialect)) problems.push(`${operation.id} ${where}${warning.pointer}: ${warning.message}`);
    };
    for (const parameter of operation.parameters) add(`${parameter.in}.${parameter.name}`, parameter.schema);
    for (const [mediaType, media] of Object.entries(operation.body?.content ?? {})) add(`body(${mediaType})`, media.schema);
  }
  return problems;
}
