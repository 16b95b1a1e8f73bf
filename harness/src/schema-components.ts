// The named schemas of loaded documents (components.schemas), by the identity of their dereferenced
// objects: validation compiles each of them once, as its own ajv schema that others $ref, instead of
// once inside every schema that embeds it (GitHub's description embeds `simple-user` thousands of times).
import { isSchemaObject } from './arbitraries/schema-graph.js';

const names = new WeakMap<object, string>();
let documents = 0;

/** Remembers the document's component schemas; call once per dereferenced document. */
export function registerComponentSchemas(document: Record<string, unknown>): void {
  const components = document.components;
  const schemas = isSchemaObject(components) ? components.schemas : undefined;
  if (!isSchemaObject(schemas)) return;
  documents += 1;
  for (const [name, schema] of Object.entries(schemas)) {
    if (isSchemaObject(schema) && !names.has(schema)) names.set(schema, `doc${documents}/${encodeURIComponent(name)}`);
  }
}

/** "doc<n>/<name>" for a component schema, undefined for any other object. */
export function componentName(schema: object): string | undefined {
  return names.get(schema);
}
