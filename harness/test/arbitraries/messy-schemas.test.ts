import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundaryValues } from '../../src/arbitraries/boundary-values.js';
import { invalidValues } from '../../src/arbitraries/invalid-values.js';
import { operationWarnings, schemaWarnings } from '../../src/arbitraries/schema-warnings.js';
import { createWarningLog } from '../../src/arbitraries/warnings.js';
import { toJsonSchema2020 } from '../../src/arbitraries/to-json-schema-2020.js';
import { valueArbitrary } from '../../src/arbitraries/value-arbitrary.js';
import type { JsonSchema } from '../../src/types.js';

const messy: Array<[string, JsonSchema]> = [
  ['string minimum', { type: 'integer', minimum: '0', maximum: '10' }],
  ['garbage minimum', { type: 'integer', minimum: 'zero', maxLength: -3 }],
  ['unknown keywords', { type: 'string', optional: 1, typetext: '<string>', 'x-vendor': { a: 1 } }],
  ['perl pattern', { type: 'string', pattern: '(?^i:[a-z0-9_][a-z0-9_\\-\\+\\.]*)' }],
  ['broken pattern', { type: 'string', pattern: '([a-z' }],
  ['unknown format', { type: 'string', format: 'pve-configid-list' }],
  ['unknown type', { type: 'file' }],
  ['type list in 3.0', { type: ['string', 'integer'] }],
  ['leftover $ref', { $ref: '#/components/schemas/Missing' }],
  ['non-object subschema', { type: 'object', properties: { a: 42 as unknown as JsonSchema } }],
  ['empty enum', { type: 'string', enum: [] }],
  ['required not an array', { type: 'object', required: 'a', properties: { a: { type: 'string' } } }],
  ['impossible range', { type: 'integer', minimum: 10, maximum: 1 }],
  ['impossible length', { type: 'string', minLength: 5, maxLength: 2 }],
  ['false schema', false],
  ['enum of wrong types', { type: 'integer', enum: ['a', 'b'] }],
  ['draft-4 tuple items', { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] }],
  ['multipleOf zero', { type: 'number', multipleOf: 0 }],
  ['exclusiveMinimum as string', { type: 'number', minimum: 1, exclusiveMinimum: 'true' }],
];

describe('messy vendor schemas', () => {
  for (const [name, schema] of messy) {
    it(`never throws: ${name}`, () => {
      for (const dialect of ['openapi-3.0', 'openapi-3.1'] as const) {
        expect(() => fc.sample(valueArbitrary(schema, { dialect }), { numRuns: 10, seed: 1 })).not.toThrow();
        expect(() => invalidValues(schema, { dialect })).not.toThrow();
        expect(() => boundaryValues(schema, { dialect })).not.toThrow();
      }
    });
  }

  it('coerces numeric strings into numbers', () => {
    expect(toJsonSchema2020({ type: 'integer', minimum: '0', maximum: '10' }, 'openapi-3.0')).toEqual({ type: 'integer', minimum: 0, maximum: 10 });
    const values = fc.sample(valueArbitrary({ type: 'integer', minimum: '0', maximum: '10' }, { dialect: 'openapi-3.0' }), { numRuns: 50, seed: 2 });
    expect(values.every((v) => typeof v === 'number' && v >= 0 && v <= 10)).toBe(true);
  });

  it('repairs harmless Perl escapes and drops what JavaScript cannot run, with a warning', () => {
    expect(toJsonSchema2020({ type: 'string', pattern: '[A-Za-z][A-Za-z0-9\\-\\_]+' }, 'openapi-3.0')).toEqual({ type: 'string', pattern: '[A-Za-z][A-Za-z0-9\\-_]+' });
    expect(toJsonSchema2020({ type: 'string', pattern: '(?^:\\d+)' }, 'openapi-3.0')).toEqual({ type: 'string', pattern: '(?:\\d+)' });
    const warnings = schemaWarnings({ type: 'object', properties: { id: { type: 'string', pattern: '(?^i:[a-z]+)' } } }, 'openapi-3.0');
    expect(warnings).toEqual([expect.objectContaining({ pointer: '/properties/id', message: expect.stringContaining('Perl') })]);
    const values = fc.sample(valueArbitrary({ type: 'string', pattern: '([a-z' }, { dialect: 'openapi-3.0' }), { numRuns: 10, seed: 3 });
    expect(values.every((v) => typeof v === 'string')).toBe(true);
  });

  it('warns about valid patterns that values cannot be built from, and still generates matching values from examples', () => {
    const schema = { type: 'string', pattern: '^(?=.*[0-9])[a-z0-9]{4,8}$', examples: ['abc1'] };
    expect(schemaWarnings(schema, 'openapi-3.1')).toEqual([expect.objectContaining({ message: expect.stringContaining('lookarounds') })]);
    const values = fc.sample(valueArbitrary(schema, { dialect: 'openapi-3.1' }), { numRuns: 20, seed: 5 });
    expect(values.every((v) => typeof v === 'string' && /^(?=.*[0-9])[a-z0-9]{4,8}$/.test(v))).toBe(true);
  });

  it('warns about string bounds it could not read and unknown types, but not about unknown formats or keywords', () => {
    const messages = schemaWarnings({ type: 'file', minimum: 'zero', format: 'pve-node', optional: 1 }, 'openapi-3.0').map((w) => w.message);
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).toMatch(/unknown type "file"/);
    expect(messages.join('\n')).toMatch(/minimum "zero"/);
  });
});

describe('warnings from generation', () => {
  it('reach a sink given to valueArbitrary, and name where the problem is', () => {
    const log = createWarningLog();
    valueArbitrary({ type: 'object', properties: { id: { type: 'string', pattern: '(?^i:x)' }, n: { type: 'integer', minimum: 'low' } } }, { dialect: 'openapi-3.0', warnings: log });
    expect(log.list.map((w) => w.pointer).sort()).toEqual(['/properties/id', '/properties/n']);
  });

  it('are collected per operation with the parameter or body they belong to', () => {
    const warnings = operationWarnings({
      id: 'op',
      method: 'GET',
      path: '/x',
      tags: [],
      parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', maximum: 'ten' }, examples: [] }],
      responses: [],
      secured: false,
      dialect: 'openapi-3.0',
      extensions: {},
    });
    expect(warnings).toEqual([expect.objectContaining({ pointer: 'query.limit' })]);
  });
});

describe('toJsonSchema2020', () => {
  it('turns 3.0 nullable into a type union, also for enums and composed schemas', () => {
    expect(toJsonSchema2020({ type: 'string', nullable: true, enum: ['a'] }, 'openapi-3.0')).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(toJsonSchema2020({ nullable: true, allOf: [{ type: 'object' }] }, 'openapi-3.0')).toEqual({ anyOf: [{ type: 'null' }, { allOf: [{ type: 'object' }] }] });
    // nullable means nothing in 3.1
    expect(toJsonSchema2020({ type: 'string', nullable: true }, 'openapi-3.1')).toEqual({ type: 'string' });
  });

  it('turns 3.0 boolean exclusive bounds into numbers and example into examples', () => {
    expect(toJsonSchema2020({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 5, exclusiveMaximum: false, example: 3 }, 'openapi-3.0')).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 5,
      examples: [3],
    });
  });

  it('drops readOnly properties for requests and stops requiring writeOnly ones in responses', () => {
    const schema = {
      type: 'object',
      required: ['id', 'password', 'name'],
      properties: { id: { type: 'integer', readOnly: true }, password: { type: 'string', writeOnly: true }, name: { type: 'string' } },
    };
    const request = toJsonSchema2020(schema, 'openapi-3.1', { direction: 'request' }) as Record<string, unknown>;
    expect(Object.keys(request.properties as object)).toEqual(['password', 'name']);
    expect(request.required).toEqual(['password', 'name']);
    const response = toJsonSchema2020(schema, 'openapi-3.1', { direction: 'response' }) as Record<string, unknown>;
    expect(response.required).toEqual(['id', 'name']);
  });

  it('turns cycles into $refs into $defs that ajv can compile', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).next = node;
    const converted = toJsonSchema2020(node, 'openapi-3.0') as Record<string, unknown>;
    expect(converted.$ref).toBe('#/$defs/recursive0');
    expect(converted.$defs).toEqual({ recursive0: { type: 'object', properties: { next: { $ref: '#/$defs/recursive0' } } } });
    const values = fc.sample(valueArbitrary(node, { dialect: 'openapi-3.0', maxDepth: 2 }), { numRuns: 30, seed: 4 });
    const depth = (v: unknown): number => (v && typeof v === 'object' && 'next' in v ? 1 + depth((v as { next: unknown }).next) : 0);
    expect(Math.max(...values.map(depth))).toBeLessThanOrEqual(2);
  });
});
