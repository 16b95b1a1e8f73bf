// boundaryValues: the coverage phase's deterministic values. For each part of a schema: the bounds
// and one step past them (minimum/maximum, lengths, item counts), every enum value, null where
// nullable (and where not), both booleans, each required property missing, required-only and full
// objects. `valid` is what ajv says about the whole value, so it can be trusted as the expectation.

import type { JsonSchema, ParameterLocation, Violation } from '../types.js';
import { canonicalJson, readArrayConstraints } from './array-arbitrary.js';
import { validatorFor } from './ajv.js';
import { deeper, rootContext, withDefs, type GenerationContext } from './context.js';
import { flatten, isPlainObject, nestIntoFirstItem, nestIntoProperties, type SchemaObject } from './mutation-walk.js';
import { readNumberConstraints } from './number-arbitrary.js';
import { propertySchema, readObjectConstraints } from './object-arbitrary.js';
import { resolveOptions, type SchemaArbitraryOptions } from './options.js';
import { representativeValue } from './representative.js';
import { isSchemaObject } from './schema-graph.js';
import { readStringConstraints } from './string-arbitrary.js';
import { toJsonSchema2020 } from './to-json-schema-2020.js';
import { declaredTypes } from './value-arbitrary.js';
import { isSendable, parameterToWire, stillInvalidOnWire, wireToLoose } from './wire.js';

export interface BoundaryValue {
  value: unknown;
  valid: boolean;
  /** what the value probes, e.g. "/newid: minimum - 1" */
  label: string;
  /** for invalid values: which kind of violation the probe makes */
  kind?: Violation['kind'];
}

export interface BoundaryValueOptions extends SchemaArbitraryOptions {
  /** how many levels of properties/items to descend into (default 2) */
  nesting?: number;
  /** for parameters: values come back in their wire form (string, or string[] for query arrays), values
   * that cannot be sent from there are dropped, and `valid` is judged on the value as a server reads it */
  location?: ParameterLocation;
}

type Probe = { value: unknown; pointer: string; change: { label: string; kind?: Violation['kind'] } };
const MAX_RESULTS = 300;

export function boundaryValues(schema: JsonSchema, options: BoundaryValueOptions): BoundaryValue[] {
  const resolved = resolveOptions(options);
  const root = toJsonSchema2020(schema, resolved.dialect, { direction: resolved.direction });
  const validate = validatorFor(root);
  const ctx = rootContext(root, resolved);
  const base = representativeValue(root, ctx);
  const seen = new Set<string>();
  const out: BoundaryValue[] = [];
  const first: Probe = { value: base, pointer: '', change: { label: 'representative value' } };
  for (const probe of [first, ...probes(root, ctx, base, '', options.nesting ?? 2)]) {
    if (probe.value === undefined) continue;
    let value = probe.value;
    let valid: boolean;
    if (options.location !== undefined) {
      const wire = parameterToWire(value, options.location);
      if (!isSendable(wire, options.location)) continue;
      value = wire;
      valid = !stillInvalidOnWire(wireToLoose(wire, root, options.location), root);
    } else {
      valid = validate === null ? true : validate(value) === true;
    }
    const key = canonicalJson(value);
    if (seen.has(key)) continue;
    seen.add(key);
    const label = probe.pointer ? `${probe.pointer}: ${probe.change.label}` : probe.change.label;
    out.push(valid ? { value, valid, label } : { value, valid, label, kind: probe.change.kind ?? 'type' });
    if (out.length >= MAX_RESULTS) break;
  }
  return out;
}

function probes(schema: JsonSchema, ctx: GenerationContext, base: unknown, pointer: string, nesting: number): Probe[] {
  const node = flatten(schema, ctx);
  if (!isSchemaObject(node)) return [];
  const here = (value: unknown, label: string, kind?: Violation['kind']): Probe => ({ value, pointer, change: { label, kind } });
  const out: Probe[] = [];
  const types = declaredTypes(node);

  if (Array.isArray(node.enum)) node.enum.forEach((v) => out.push(here(v, `enum value ${JSON.stringify(v)}`, 'enum')));
  if (node.const !== undefined) out.push(here(node.const, 'the constant', 'enum'));
  out.push(here(null, types.includes('null') ? 'null (nullable)' : 'null (not nullable)', 'null'));
  if (types.includes('boolean')) out.push(here(true, 'true', 'type'), here(false, 'false', 'type'));
  if (types.includes('integer') || types.includes('number')) out.push(...numberProbes(node, types.includes('integer') && !types.includes('number'), here));
  if (types.includes('string') || typeof base === 'string') out.push(...stringProbes(node, typeof base === 'string' ? base : '', here));
  if (Array.isArray(base)) {
    out.push(...arrayProbes(node, base, here));
    if (nesting > 0) out.push(...nestIntoFirstItem(readArrayConstraints(node).items, base, ctx, pointer, (s, c, b, p) => probes(s, c, b, p, nesting - 1)));
  }
  if (isPlainObject(base)) {
    out.push(...objectProbes(node, base, ctx, here));
    if (nesting > 0) out.push(...nestIntoProperties(node, base, ctx, pointer, (s, c, b, p) => probes(s, c, b, p, nesting - 1)));
  }
  return out;
}

type Here = (value: unknown, label: string, kind?: Violation['kind']) => Probe;

function numberProbes(node: SchemaObject, integer: boolean, here: Here): Probe[] {
  const c = readNumberConstraints(node, integer);
  const step = integer ? 1 : Math.abs(c.multipleOf ?? 1);
  const out: Probe[] = [];
  if (c.minimum !== undefined) out.push(here(c.minimum, `minimum (${c.minimum})`, 'range'), here(c.minimum - step, `minimum - ${step}`, 'range'), here(c.minimum + step, `minimum + ${step}`, 'range'));
  if (c.maximum !== undefined) out.push(here(c.maximum, `maximum (${c.maximum})`, 'range'), here(c.maximum + step, `maximum + ${step}`, 'range'), here(c.maximum - step, `maximum - ${step}`, 'range'));
  if (c.exclusiveMinimum !== undefined) out.push(here(c.exclusiveMinimum, 'exclusive minimum itself', 'range'), here(c.exclusiveMinimum + step, `exclusive minimum + ${step}`, 'range'));
  if (c.exclusiveMaximum !== undefined) out.push(here(c.exclusiveMaximum, 'exclusive maximum itself', 'range'), here(c.exclusiveMaximum - step, `exclusive maximum - ${step}`, 'range'));
  if (out.length === 0) out.push(here(0, 'zero', 'range'), here(-1, 'negative one', 'range'));
  return out;
}

function stringProbes(node: SchemaObject, base: string, here: Here): Probe[] {
  const c = readStringConstraints(node);
  const filler = [...base].at(-1) ?? 'a';
  const ofLength = (n: number) => {
    const chars = [...base].slice(0, n);
    while (chars.length < n) chars.push(filler);
    return chars.join('');
  };
  const out: Probe[] = [here('', 'empty string', 'length')];
  if (c.minLength !== undefined) {
    out.push(here(ofLength(c.minLength), `minLength (${c.minLength})`, 'length'));
    if (c.minLength > 0) out.push(here(ofLength(c.minLength - 1), 'minLength - 1', 'length'));
  }
  if (c.maxLength !== undefined) out.push(here(ofLength(c.maxLength), `maxLength (${c.maxLength})`, 'length'), here(ofLength(c.maxLength + 1), 'maxLength + 1', 'length'));
  return out;
}

function arrayProbes(node: SchemaObject, base: unknown[], here: Here): Probe[] {
  const c = readArrayConstraints(node);
  const ofLength = (n: number) => (base.length === 0 ? [] : Array.from({ length: n }, (_, i) => base[i % base.length]));
  const out: Probe[] = [here([], 'empty array', 'length')];
  out.push(here(ofLength(c.minItems), `minItems (${c.minItems})`, 'length'));
  if (c.minItems > 0) out.push(here(ofLength(c.minItems - 1), 'minItems - 1', 'length'));
  if (c.maxItems !== undefined && base.length > 0) out.push(here(ofLength(c.maxItems), `maxItems (${c.maxItems})`, 'length'), here(ofLength(c.maxItems + 1), 'maxItems + 1', 'length'));
  return out;
}

function objectProbes(node: SchemaObject, base: SchemaObject, ctx: GenerationContext, here: Here): Probe[] {
  const c = readObjectConstraints(node);
  const out: Probe[] = [];
  const requiredOnly = Object.fromEntries(Object.entries(base).filter(([k]) => c.required.includes(k)));
  out.push(here(requiredOnly, 'required properties only'));
  const full: SchemaObject = { ...base };
  for (const name of Object.keys(c.properties)) {
    if (Object.hasOwn(full, name)) continue;
    const schema = propertySchema(c, name);
    full[name] = representativeValue(schema, deeper(ctx), withDefs(schema, ctx));
  }
  out.push(here(full, 'every property'));
  for (const name of c.required) {
    const { [name]: _removed, ...rest } = base;
    out.push(here(rest, `required ${name} missing`, 'missing'));
  }
  return out;
}
