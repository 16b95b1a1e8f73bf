// One deterministic valid value for a schema: a documented example or default when it validates,
// otherwise the smallest of a few fixed-seed samples. Invalid and boundary values are built by
// changing one thing in such a value.

import fc from 'fast-check';
import type { JsonSchema } from '../types.js';
import { validatorFor } from './ajv.js';
import type { GenerationContext } from './context.js';
import { isSchemaObject } from './schema-graph.js';
import { convertedValueArbitrary } from './value-arbitrary.js';

const SAMPLE_SEED = 20260101;

/** `judge` is the schema validity is checked against: `node` itself, or `node` with the root's `$defs`
 * beside it when `node` is a subschema that refers to them. */
export function representativeValue(node: JsonSchema, ctx: GenerationContext, judge: JsonSchema = node): unknown {
  const validate = validatorFor(judge);
  const ok = (v: unknown) => v !== undefined && (validate === null || validate(v) === true);
  if (isSchemaObject(node)) {
    const documented = [...(Array.isArray(node.examples) ? node.examples : []), node.default];
    const found = documented.find(ok);
    if (found !== undefined) return structuredClone(found);
  }
  let samples: unknown[] = [];
  try {
    samples = fc.sample(convertedValueArbitrary(node, ctx), { seed: SAMPLE_SEED, numRuns: 8 });
  } catch {
    samples = [];
  }
  const valid = samples.filter(ok);
  const pool = valid.length > 0 ? valid : samples;
  if (pool.length === 0) return null;
  return pool.reduce((best, v) => (size(v) < size(best) ? v : best));
}

function size(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}
