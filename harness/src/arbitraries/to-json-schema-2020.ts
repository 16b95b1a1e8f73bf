// Any OpenAPI 3.0 or 3.1 schema -> a clean JSON Schema 2020-12 that ajv (ajv/dist/2020) compiles.
// 3.0 `nullable` becomes a type union, boolean `exclusiveMinimum` the numeric form, `example` becomes
// `examples`; numeric strings are coerced, unknown keywords dropped, patterns JS cannot run dropped
// (with a warning), and cycles left by dereferencing become `$ref`s into a root `$defs`.
// The generators read only this output, so what they produce is judged by the same schema ajv sees.

import fc from 'fast-check';
import type { JsonSchema } from '../types.js';
import type { Dialect, Direction } from './options.js';
import { asBoolean, asCount, asNumber, isJsonType, type JsonType } from './keyword-values.js';
import { compilePattern } from './pattern.js';
import { findCycleTargets, isSchemaObject, SCHEMA_ARRAY_KEYWORDS, SCHEMA_MAP_KEYWORDS } from './schema-graph.js';
import { childPointer, ignoreWarnings, type SchemaWarning, type WarningSink } from './warnings.js';

type SchemaObject = Record<string, unknown>;

export interface ConvertOptions {
  /** 'request' drops readOnly properties, 'response' stops requiring writeOnly ones (default 'any') */
  direction?: Direction;
  warnings?: WarningSink;
  /** a `$ref` to use instead of converting this (non-root) subschema, e.g. an ajv-registered component;
   * given only by validators, so patterns are not tried for generation then */
  refFor?: (node: object) => string | undefined;
}

export const DEFS_PREFIX = '#/$defs/';

const NUMBER_KEYWORDS = ['minimum', 'maximum'] as const;
const COUNT_KEYWORDS = [
  'minLength', 'maxLength', 'minItems', 'maxItems', 'minContains', 'maxContains', 'minProperties', 'maxProperties',
] as const;
const PASSTHROUGH_KEYWORDS = ['title', 'description', 'default', 'deprecated', 'contentMediaType', 'contentEncoding'] as const;
const SINGLE_SCHEMA_KEYWORDS = [
  'additionalProperties', 'contains', 'not', 'propertyNames', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems',
] as const;

/** Building a stringMatching arbitrary is costly and patterns repeat across a spec: ask once per pattern. */
const generatable = new Map<string, boolean>();

function canGenerateFrom(regex: RegExp): boolean {
  const key = `${regex.flags}/${regex.source}`;
  let known = generatable.get(key);
  if (known === undefined) {
    try {
      fc.stringMatching(regex);
      known = true;
    } catch {
      known = false;
    }
    generatable.set(key, known);
  }
  return known;
}

const cache = new Map<string, WeakMap<object, { schema: JsonSchema; warnings: SchemaWarning[] }>>();

export function toJsonSchema2020(schema: JsonSchema, dialect: Dialect, options: ConvertOptions = {}): JsonSchema {
  const direction = options.direction ?? 'any';
  const sink = options.warnings ?? ignoreWarnings;
  if (!isSchemaObject(schema)) {
    if (typeof schema === 'boolean') return schema;
    sink.warn('', 'schema is neither an object nor a boolean; any value accepted');
    return {};
  }
  const cacheKey = `${dialect}:${direction}${options.refFor ? ':shared' : ''}`;
  let byRoot = cache.get(cacheKey);
  if (!byRoot) cache.set(cacheKey, (byRoot = new WeakMap()));
  let entry = byRoot.get(schema);
  if (!entry) {
    const warnings: SchemaWarning[] = [];
    const converted = new Converter(dialect, direction, {
      warn: (pointer, message) => warnings.push({ pointer, message }),
    }, options.refFor).convertRoot(schema);
    entry = { schema: converted, warnings };
    byRoot.set(schema, entry);
  }
  for (const w of entry.warnings) sink.warn(w.pointer, w.message);
  return entry.schema;
}

class Converter {
  private readonly memo = new Map<object, JsonSchema>();
  private readonly defNames = new Map<object, string>();
  private readonly defs: Record<string, JsonSchema> = {};
  private cycleTargets = new Set<object>();
  private root: object | undefined;

  constructor(
    private readonly dialect: Dialect,
    private readonly direction: Direction,
    private readonly sink: WarningSink,
    private readonly refFor?: (node: object) => string | undefined,
  ) {}

  convertRoot(root: SchemaObject): JsonSchema {
    this.root = root;
    const refFor = this.refFor;
    this.cycleTargets = findCycleTargets(root, refFor && ((node) => node !== root && refFor(node) !== undefined));
    const converted = this.convert(root, '');
    if (Object.keys(this.defs).length === 0) return converted;
    return { ...(converted as SchemaObject), $defs: this.defs };
  }

  private convert(node: unknown, pointer: string): JsonSchema {
    if (typeof node === 'boolean') return node;
    if (!isSchemaObject(node)) {
      this.sink.warn(pointer, 'subschema is neither an object nor a boolean; any value accepted');
      return {};
    }
    const ref = node !== this.root ? this.refFor?.(node) : undefined;
    if (ref !== undefined) return { $ref: ref };
    if (this.cycleTargets.has(node)) {
      let name = this.defNames.get(node);
      if (name === undefined) {
        name = `recursive${this.defNames.size}`;
        this.defNames.set(node, name);
        this.defs[name] = this.convertBody(node, pointer);
      }
      return { $ref: DEFS_PREFIX + name };
    }
    const known = this.memo.get(node);
    if (known !== undefined) return known;
    const converted = this.convertBody(node, pointer);
    this.memo.set(node, converted);
    return converted;
  }

  private convertBody(node: SchemaObject, pointer: string): JsonSchema {
    const out: SchemaObject = {};
    const warn = (message: string) => this.sink.warn(pointer, message);

    this.convertType(node, out, warn);
    for (const key of NUMBER_KEYWORDS) {
      if (node[key] === undefined) continue;
      const n = asNumber(node[key]);
      if (n === undefined) warn(`${key} ${JSON.stringify(node[key])} is not a number; ignored`);
      else out[key] = n;
    }
    this.convertExclusiveBounds(node, out, warn);
    if (node.multipleOf !== undefined) {
      const m = asNumber(node.multipleOf);
      if (m === undefined || m <= 0) warn(`multipleOf ${JSON.stringify(node.multipleOf)} is not a positive number; ignored`);
      else out.multipleOf = m;
    }
    for (const key of COUNT_KEYWORDS) {
      if (node[key] === undefined) continue;
      const n = asCount(node[key]);
      if (n === undefined) warn(`${key} ${JSON.stringify(node[key])} is not a non-negative integer; ignored`);
      else out[key] = n;
    }
    if (node.pattern !== undefined) {
      const compiled = compilePattern(node.pattern);
      if (compiled.ok) {
        out.pattern = compiled.source;
        if (this.refFor === undefined && !canGenerateFrom(compiled.regex)) {
          warn(`pattern ${JSON.stringify(compiled.source)} uses syntax values cannot be built from (lookarounds, back references); generating filtered plain strings or documented examples`);
        }
      } else warn(`${compiled.reason}: ${JSON.stringify(node.pattern)}; generating plain strings instead`);
    }
    if (typeof node.format === 'string') out.format = node.format;
    const unique = asBoolean(node.uniqueItems);
    if (unique !== undefined) out.uniqueItems = unique;
    for (const key of ['readOnly', 'writeOnly'] as const) {
      const flag = asBoolean(node[key]);
      if (flag !== undefined) out[key] = flag;
    }
    for (const key of PASSTHROUGH_KEYWORDS) if (node[key] !== undefined) out[key] = node[key];
    if (Array.isArray(node.examples)) out.examples = node.examples;
    else if (node.example !== undefined) out.examples = [node.example];
    if (node.const !== undefined) out.const = node.const;
    if (node.enum !== undefined) {
      if (Array.isArray(node.enum) && node.enum.length > 0) out.enum = node.enum;
      else warn('enum is not a non-empty array; ignored');
    }
    if (node.required !== undefined) {
      if (Array.isArray(node.required)) {
        const names = [...new Set(node.required.filter((r): r is string => typeof r === 'string'))];
        if (names.length > 0) out.required = names;
      } else warn('required is not an array of names; ignored');
    }
    if (isSchemaObject(node.dependentRequired)) out.dependentRequired = node.dependentRequired;
    if (typeof node.$ref === 'string') warn(`unresolved $ref ${node.$ref}; any value accepted there`);

    this.convertSubschemas(node, out, pointer);
    this.applyDirection(node, out);
    return this.applyNullable(node, out);
  }

  private convertType(node: SchemaObject, out: SchemaObject, warn: (m: string) => void): void {
    if (node.type === undefined) return;
    const raw = Array.isArray(node.type) ? node.type : [node.type];
    const types: JsonType[] = [];
    for (const t of raw) {
      if (isJsonType(t)) {
        if (!types.includes(t)) types.push(t);
      } else warn(`unknown type ${JSON.stringify(t)}; ignored`);
    }
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.type = types;
  }

  private convertExclusiveBounds(node: SchemaObject, out: SchemaObject, warn: (m: string) => void): void {
    const pairs = [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const;
    for (const [exclusive, inclusive] of pairs) {
      const raw = node[exclusive];
      if (raw === undefined) continue;
      const flag = typeof raw === 'boolean' ? raw : raw === 'true' ? true : raw === 'false' ? false : undefined;
      if (flag !== undefined) {
        // OpenAPI 3.0 form: the bound itself stays in minimum/maximum
        if (flag && out[inclusive] !== undefined) {
          out[exclusive] = out[inclusive];
          delete out[inclusive];
        }
        continue;
      }
      const n = asNumber(raw);
      if (n === undefined) warn(`${exclusive} ${JSON.stringify(raw)} is not a number; ignored`);
      else out[exclusive] = n;
    }
  }

  private convertSubschemas(node: SchemaObject, out: SchemaObject, pointer: string): void {
    for (const key of SINGLE_SCHEMA_KEYWORDS) {
      if (node[key] !== undefined) out[key] = this.convert(node[key], childPointer(pointer, key));
    }
    if (Array.isArray(node.items)) {
      // draft-4 tuple form, seen in messy 3.0 documents
      out.prefixItems = node.items.map((s, i) => this.convert(s, childPointer(pointer, 'items', i)));
    } else if (node.items !== undefined) {
      out.items = this.convert(node.items, childPointer(pointer, 'items'));
    }
    for (const key of SCHEMA_ARRAY_KEYWORDS) {
      const value = node[key];
      if (value === undefined || (key === 'prefixItems' && out.prefixItems !== undefined)) continue;
      if (Array.isArray(value) && value.length > 0) {
        out[key] = value.map((s, i) => this.convert(s, childPointer(pointer, key, i)));
      } else this.sink.warn(pointer, `${key} is not a non-empty array; ignored`);
    }
    for (const key of SCHEMA_MAP_KEYWORDS) {
      const value = node[key];
      if (value === undefined) continue;
      if (!isSchemaObject(value)) {
        this.sink.warn(pointer, `${key} is not an object; ignored`);
        continue;
      }
      const converted: SchemaObject = {};
      for (const [name, sub] of Object.entries(value)) {
        if (key === 'patternProperties' && !compilePattern(name).ok) {
          this.sink.warn(pointer, `patternProperties key ${JSON.stringify(name)} is not a usable pattern; ignored`);
          continue;
        }
        converted[name] = this.convert(sub, childPointer(pointer, key, name));
      }
      out[key] = converted;
    }
  }

  private applyDirection(node: SchemaObject, out: SchemaObject): void {
    if (this.direction === 'any' || !isSchemaObject(node.properties) || !isSchemaObject(out.properties)) return;
    const flag = this.direction === 'request' ? 'readOnly' : 'writeOnly';
    const flagged = Object.entries(node.properties)
      .filter(([, sub]) => isSchemaObject(sub) && asBoolean(sub[flag]) === true)
      .map(([name]) => name);
    if (flagged.length === 0) return;
    if (this.direction === 'request') {
      const properties = { ...out.properties };
      for (const name of flagged) delete properties[name];
      out.properties = properties;
    }
    if (Array.isArray(out.required)) {
      const required = (out.required as string[]).filter((r) => !flagged.includes(r));
      if (required.length > 0) out.required = required;
      else delete out.required;
    }
  }

  private applyNullable(node: SchemaObject, out: SchemaObject): JsonSchema {
    if (this.dialect !== 'openapi-3.0' || asBoolean(node.nullable) !== true) return out;
    const composed = out.allOf !== undefined || out.anyOf !== undefined || out.oneOf !== undefined;
    if (composed) return { anyOf: [{ type: 'null' }, out] };
    if (out.type !== undefined) {
      const types = Array.isArray(out.type) ? (out.type as string[]) : [out.type as string];
      if (!types.includes('null')) out.type = [...types, 'null'];
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.const !== undefined && out.const !== null) {
      out.enum = [out.const, null];
      delete out.const;
    }
    return out;
  }
}
