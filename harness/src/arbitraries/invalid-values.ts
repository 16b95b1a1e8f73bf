// invalidValues: deterministic values that break a schema in one known way each: wrong type, null
// where not nullable, not in the enum, out of range, too short or long, pattern or format mismatch,
// a required property missing, an extra property where none are allowed, and the same inside nested
// properties and items. Every candidate is checked with ajv; only values ajv rejects are returned.

import type { JsonSchema, Violation } from '../types.js';
import { validatorFor } from './ajv.js';
import { rootContext, type GenerationContext } from './context.js';
import { isKnownStringFormat } from './format-arbitrary.js';
import { canonicalJson, readArrayConstraints } from './array-arbitrary.js';
import { codePointLength, flatten, isPlainObject, nestIntoFirstItem, nestIntoProperties, type SchemaObject } from './mutation-walk.js';
import { readNumberConstraints } from './number-arbitrary.js';
import { readObjectConstraints } from './object-arbitrary.js';
import { resolveOptions, type SchemaArbitraryOptions } from './options.js';
import { representativeValue } from './representative.js';
import { isSchemaObject } from './schema-graph.js';
import { readStringConstraints } from './string-arbitrary.js';
import { toJsonSchema2020 } from './to-json-schema-2020.js';
import { declaredTypes } from './value-arbitrary.js';
import { childPointer } from './warnings.js';

export interface InvalidValue {
  value: unknown;
  violation: Violation;
}

export interface InvalidValueOptions extends SchemaArbitraryOptions {
  /** where the value goes (default 'body'); decides the violation's location and name */
  location?: Violation['location'];
  /** the parameter name for parameter locations */
  name?: string;
  /** how many levels of properties/items to descend into (default 3) */
  nesting?: number;
}

interface Change {
  kind: Violation['kind'];
  detail: string;
}
type Candidate = { value: unknown; pointer: string; change: Change };

const MAX_RESULTS = 200;
const EXTRA_PROPERTY = 'hypersim_unexpected';

export function invalidValues(schema: JsonSchema, options: InvalidValueOptions): InvalidValue[] {
  const resolved = resolveOptions(options);
  const root = toJsonSchema2020(schema, resolved.dialect, { direction: resolved.direction });
  const validate = validatorFor(root);
  if (validate === null) return [];
  const ctx = rootContext(root, resolved);
  const nesting = options.nesting ?? 3;
  const base = representativeValue(root, ctx);
  const location = options.location ?? 'body';
  const seen = new Set<string>();
  const out: InvalidValue[] = [];
  for (const candidate of collect(root, ctx, base, '', nesting)) {
    if (validate(candidate.value) === true) continue;
    const key = `${candidate.change.kind}|${candidate.pointer}|${canonicalJson(candidate.value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = location === 'body' ? candidate.pointer : `${options.name ?? ''}${candidate.pointer}`;
    out.push({
      value: candidate.value,
      violation: { location, name, kind: candidate.change.kind, description: `${location}${name ? ` ${name}` : ''}: ${candidate.change.detail}` },
    });
    if (out.length >= MAX_RESULTS) break;
  }
  return out;
}

function collect(schema: JsonSchema, ctx: GenerationContext, base: unknown, pointer: string, nesting: number): Candidate[] {
  const node = flatten(schema, ctx);
  if (node === false) return [];
  if (!isSchemaObject(node)) return [];
  const here = (value: unknown, kind: Violation['kind'], detail: string): Candidate => ({ value, pointer, change: { kind, detail } });
  const out: Candidate[] = [];
  const types = typesOf(node, ctx);

  if (types.length > 0 && !types.includes('null')) out.push(here(null, 'null', 'null where the schema does not allow null'));
  for (const wrong of wrongTypeValues(types)) out.push(here(wrong, 'type', `${JSON.stringify(wrong)} is not of type ${types.join('|')}`));
  if (node.const !== undefined) out.push(here(notIn([node.const]), 'enum', `value differs from the constant ${JSON.stringify(node.const)}`));
  if (Array.isArray(node.enum)) out.push(here(notIn(node.enum), 'enum', `value is not one of ${JSON.stringify(node.enum).slice(0, 80)}`));

  if (typeof base === 'number') out.push(...numberCandidates(node, types.includes('integer') && !types.includes('number'), here));
  if (typeof base === 'string') out.push(...stringCandidates(node, base, here));
  if (Array.isArray(base)) {
    out.push(...arrayCandidates(node, base, here));
    if (nesting > 0) out.push(...nestIntoFirstItem(readArrayConstraints(node).items, base, ctx, pointer, (s, c, b, p) => collect(s, c, b, p, nesting - 1)));
  }
  if (isPlainObject(base)) {
    out.push(...objectCandidates(node, base, pointer));
    if (nesting > 0) out.push(...nestIntoProperties(node, base, ctx, pointer, (s, c, b, p) => collect(s, c, b, p, nesting - 1)));
  }
  return out;
}

/** Types a value may have; for anyOf/oneOf the union of the branches' ([] = unconstrained). */
function typesOf(node: SchemaObject, ctx: GenerationContext): string[] {
  const branches = (node.oneOf ?? node.anyOf) as JsonSchema[] | undefined;
  if (!Array.isArray(branches)) return declaredTypes(node);
  const union = new Set<string>();
  for (const branch of branches) {
    const flat = flatten(branch, ctx);
    if (!isSchemaObject(flat)) return [];
    const types = declaredTypes(flat);
    if (types.length === 0) return [];
    types.forEach((t) => union.add(t));
  }
  return [...union];
}

function wrongTypeValues(types: string[]): unknown[] {
  if (types.length === 0) return [];
  const allows = (t: string) => types.includes(t) || (t === 'integer' && types.includes('number'));
  const candidates: Array<[string, unknown]> = [
    ['string', 'hypersim-not-a-valid-value'],
    ['integer', 12345],
    ['boolean', true],
    ['object', { hypersim: 1 }],
    ['array', ['hypersim']],
  ];
  const wrong = candidates.filter(([t]) => !allows(t)).map(([, v]) => v).slice(0, 2);
  if (types.includes('integer') && !types.includes('number')) wrong.push(1.5);
  return wrong;
}

function notIn(values: unknown[]): unknown {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === values.length) return Math.max(...numbers) + 1;
  let candidate = 'hypersim-not-in-enum';
  while (values.includes(candidate)) candidate += '-x';
  return candidate;
}

type Here = (value: unknown, kind: Violation['kind'], detail: string) => Candidate;

function numberCandidates(node: SchemaObject, integer: boolean, here: Here): Candidate[] {
  const c = readNumberConstraints(node, integer);
  const step = integer ? 1 : Math.max(1, Math.abs(c.multipleOf ?? 1));
  const out: Candidate[] = [];
  if (c.minimum !== undefined) out.push(here(c.minimum - step, 'range', `${c.minimum - step} is below the minimum ${c.minimum}`));
  if (c.exclusiveMinimum !== undefined) out.push(here(c.exclusiveMinimum, 'range', `${c.exclusiveMinimum} is not above the exclusive minimum`));
  if (c.maximum !== undefined) out.push(here(c.maximum + step, 'range', `${c.maximum + step} is above the maximum ${c.maximum}`));
  if (c.exclusiveMaximum !== undefined) out.push(here(c.exclusiveMaximum, 'range', `${c.exclusiveMaximum} is not below the exclusive maximum`));
  if (c.multipleOf !== undefined) {
    const lo = c.minimum ?? c.exclusiveMinimum ?? 0;
    const offMultiple = Math.ceil(lo / c.multipleOf) * c.multipleOf + c.multipleOf / 2;
    out.push(here(offMultiple, 'range', `${offMultiple} is not a multiple of ${c.multipleOf}`));
  }
  return out;
}

function stringCandidates(node: SchemaObject, base: string, here: Here): Candidate[] {
  const c = readStringConstraints(node);
  const out: Candidate[] = [];
  const filler = [...base].at(-1) ?? 'a';
  if (c.minLength !== undefined && c.minLength > 0) {
    const short = [...base].slice(0, c.minLength - 1).join('');
    out.push(here(short, 'length', `${codePointLength(short)} characters, below minLength ${c.minLength}`));
  }
  if (c.maxLength !== undefined) {
    const long = base + filler.repeat(Math.max(1, c.maxLength + 1 - codePointLength(base)));
    out.push(here(long, 'length', `${codePointLength(long)} characters, above maxLength ${c.maxLength}`));
  }
  if (c.pattern !== undefined) {
    const regex = new RegExp(c.pattern, 'u');
    const min = c.minLength ?? 0;
    const max = c.maxLength ?? Infinity;
    const mismatch = ['!', '~', ' ', '-', 'A', 'a', '0', '_', '!!', 'hypersim invalid']
      .map((s) => s.repeat(Math.max(1, Math.ceil(min / s.length))))
      .find((s) => !regex.test(s) && codePointLength(s) >= min && codePointLength(s) <= max);
    if (mismatch !== undefined) out.push(here(mismatch, 'pattern', `${JSON.stringify(mismatch)} does not match ${c.pattern}`));
  }
  if (c.format !== undefined && isKnownStringFormat(c.format)) {
    const bad = `not-a-${c.format}`.padEnd(c.minLength ?? 0, '!');
    out.push(here(bad, 'format', `${JSON.stringify(bad)} is not a valid ${c.format}`));
  }
  return out;
}

function arrayCandidates(node: SchemaObject, base: unknown[], here: Here): Candidate[] {
  const c = readArrayConstraints(node);
  const out: Candidate[] = [];
  if (c.minItems > 0) out.push(here(base.slice(0, c.minItems - 1), 'length', `${c.minItems - 1} items, below minItems ${c.minItems}`));
  if (c.maxItems !== undefined && base.length > 0) {
    const long = Array.from({ length: c.maxItems + 1 }, (_, i) => base[i % base.length]);
    out.push(here(long, 'length', `${c.maxItems + 1} items, above maxItems ${c.maxItems}`));
  }
  return out;
}

function objectCandidates(node: SchemaObject, base: SchemaObject, pointer: string): Candidate[] {
  const c = readObjectConstraints(node);
  const out: Candidate[] = [];
  for (const name of c.required) {
    if (!Object.hasOwn(base, name)) continue;
    const { [name]: _removed, ...rest } = base;
    out.push({ value: rest, pointer: childPointer(pointer, name), change: { kind: 'missing', detail: `required property ${name} is missing` } });
  }
  if (c.additionalProperties === false && !Object.hasOwn(base, EXTRA_PROPERTY)) {
    out.push({
      value: { ...base, [EXTRA_PROPERTY]: 'x' },
      pointer: childPointer(pointer, EXTRA_PROPERTY),
      change: { kind: 'extra', detail: `property ${EXTRA_PROPERTY} is not allowed (additionalProperties is false)` },
    });
  }
  return out;
}
