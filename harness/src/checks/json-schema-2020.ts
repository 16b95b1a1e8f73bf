// OpenAPI schemas -> JSON Schema 2020-12 that ajv can compile.
// - 3.0 dialect: `nullable: true` becomes a type union (or `anyOf [..., null]` without a type, and `null`
//   joins an `enum`); boolean exclusiveMinimum/exclusiveMaximum become the numeric form.
// - Both dialects: a dereferenced document can be cyclic (a tree of folders holding folders). ajv cannot
//   compile a cyclic object, so every schema that contains itself becomes a `$defs` entry and a `$ref`.
// This is private to checks/ until arbitraries/ exports its own toJsonSchema2020.
import type { JsonSchema } from '../types.js';

type Dialect = 'openapi-3.0' | 'openapi-3.1';
type SchemaObject = Record<string, unknown>;

const SINGLE_SCHEMA_KEYWORDS = [
  'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedItems', 'unevaluatedProperties', 'additionalItems', 'items',
];
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const DEFS_PREFIX = 'hypersim_recursive_';

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls `visit` for every direct subschema of `schema`, wherever the keywords put it. */
function forEachSubschema(schema: SchemaObject, visit: (child: SchemaObject) => void): void {
  for (const keyword of SINGLE_SCHEMA_KEYWORDS) {
    const child = schema[keyword];
    if (isSchemaObject(child)) visit(child);
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    const list = schema[keyword];
    if (Array.isArray(list)) list.filter(isSchemaObject).forEach(visit);
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = schema[keyword];
    if (isSchemaObject(map)) Object.values(map).filter(isSchemaObject).forEach(visit);
  }
}

/** The schemas reachable from `root` that contain themselves (targets of back edges). */
function findRecursiveSchemas(root: SchemaObject): Set<SchemaObject> {
  const recursive = new Set<SchemaObject>();
  const finished = new Set<SchemaObject>();
  const onPath = new Set<SchemaObject>();
  const walk = (node: SchemaObject): void => {
    if (onPath.has(node)) {
      recursive.add(node);
      return;
    }
    if (finished.has(node)) return;
    onPath.add(node);
    forEachSubschema(node, walk);
    onPath.delete(node);
    finished.add(node);
  };
  walk(root);
  return recursive;
}

function withNullAllowed(schema: SchemaObject): SchemaObject {
  const { nullable: _nullable, ...rest } = schema;
  const type = rest.type;
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof type === 'string') return { ...rest, type: [type, 'null'] };
  if (Array.isArray(type)) return { ...rest, type: type.includes('null') ? type : [...type, 'null'] };
  return { anyOf: [rest, { type: 'null' }] };
}

function withNumericExclusiveBounds(schema: SchemaObject): SchemaObject {
  const result = { ...schema };
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof result[exclusive] !== 'boolean') continue;
    if (result[exclusive] === true && typeof result[bound] === 'number') {
      result[exclusive] = result[bound];
      delete result[bound];
    } else {
      delete result[exclusive];
    }
  }
  return result;
}

function rewriteOpenApi30Keywords(schema: SchemaObject): SchemaObject {
  const bounded = withNumericExclusiveBounds(schema);
  if (bounded.nullable === true) return withNullAllowed(bounded);
  delete bounded.nullable;
  return bounded;
}

export function toJsonSchema2020(schema: JsonSchema, dialect: Dialect): JsonSchema {
  if (!isSchemaObject(schema)) return schema;
  const recursive = findRecursiveSchemas(schema);
  const defNames = new Map<SchemaObject, string>();
  const defs: Record<string, JsonSchema> = {};
  const converted = new Map<SchemaObject, SchemaObject>();

  const convertChild = (child: unknown): unknown => (isSchemaObject(child) ? convert(child) : child);
  const convertBody = (node: SchemaObject): SchemaObject => {
    const copy: SchemaObject = { ...node };
    for (const keyword of SINGLE_SCHEMA_KEYWORDS) {
      if (isSchemaObject(copy[keyword])) copy[keyword] = convert(copy[keyword]);
    }
    for (const keyword of SCHEMA_LIST_KEYWORDS) {
      const list = copy[keyword];
      if (Array.isArray(list)) copy[keyword] = list.map(convertChild);
    }
    for (const keyword of SCHEMA_MAP_KEYWORDS) {
      const map = copy[keyword];
      if (isSchemaObject(map)) {
        copy[keyword] = Object.fromEntries(Object.entries(map).map(([key, child]) => [key, convertChild(child)]));
      }
    }
    return dialect === 'openapi-3.0' ? rewriteOpenApi30Keywords(copy) : copy;
  };
  const convert = (node: SchemaObject): SchemaObject => {
    if (recursive.has(node)) {
      let name = defNames.get(node);
      if (name === undefined) {
        name = `${DEFS_PREFIX}${defNames.size}`;
        defNames.set(node, name);
        defs[name] = convertBody(node);
      }
      return { $ref: `#/$defs/${name}` };
    }
    let result = converted.get(node);
    if (result === undefined) {
      result = convertBody(node);
      converted.set(node, result);
    }
    return result;
  };

  const root = convert(schema);
  if (defNames.size === 0) return root;
  const existingDefs = isSchemaObject(root.$defs) ? root.$defs : {};
  return { ...root, $defs: { ...existingDefs, ...defs } };
}
