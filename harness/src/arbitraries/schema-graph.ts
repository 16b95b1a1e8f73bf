// Walking the subschemas of a schema. Dereferenced specs are object graphs that can contain cycles
// (recursive `$ref`s resolved in place), so every walker here must be cycle-aware.

type SchemaObject = Record<string, unknown>;

/** Keywords whose value is one subschema. */
export const SINGLE_SCHEMA_KEYWORDS = [
  'additionalProperties',
  'items',
  'contains',
  'not',
  'propertyNames',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
  'unevaluatedItems',
] as const;
/** Keywords whose value is an array of subschemas. */
export const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
/** Keywords whose value maps names to subschemas. */
export const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'dependentSchemas'] as const;

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The direct subschemas of a schema object (3.0 `items: [...]` arrays included). */
export function childSchemas(schema: SchemaObject): unknown[] {
  const children: unknown[] = [];
  for (const key of SINGLE_SCHEMA_KEYWORDS) {
    const value = schema[key];
    if (Array.isArray(value)) children.push(...value);
    else if (value !== undefined) children.push(value);
  }
  for (const key of SCHEMA_ARRAY_KEYWORDS) {
    const value = schema[key];
    if (Array.isArray(value)) children.push(...value);
  }
  for (const key of SCHEMA_MAP_KEYWORDS) {
    const value = schema[key];
    if (isSchemaObject(value)) children.push(...Object.values(value));
  }
  return children;
}

/** Schema objects that are reached again while still being walked: each is the target of a cycle.
 * `stopAt` names nodes not to walk into (they become references of their own). */
export function findCycleTargets(root: unknown, stopAt?: (node: object) => boolean): Set<object> {
  const targets = new Set<object>();
  const onStack = new Set<object>();
  const done = new Set<object>();
  const visit = (node: unknown): void => {
    if (!isSchemaObject(node)) return;
    if (onStack.has(node)) {
      targets.add(node);
      return;
    }
    if (done.has(node) || stopAt?.(node)) return;
    onStack.add(node);
    for (const child of childSchemas(node)) visit(child);
    onStack.delete(node);
    done.add(node);
  };
  visit(root);
  return targets;
}
