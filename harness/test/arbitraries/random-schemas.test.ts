// Random satisfiable schemas (a schema arbitrary): whatever valueArbitrary generates for them validates.
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { invalidValues } from '../../src/arbitraries/invalid-values.js';
import { toJsonSchema2020 } from '../../src/arbitraries/to-json-schema-2020.js';
import { valueArbitrary } from '../../src/arbitraries/value-arbitrary.js';
import { invalidRequests } from '../../src/arbitraries/invalid-requests.js';
import { requestArbitrary } from '../../src/arbitraries/request-arbitrary.js';
import { formRoundTrip } from '../../src/arbitraries/serialize-body.js';
import type { Operation, OperationParameter } from '../../src/types.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: false, logger: false });
addFormats(ajv);

const lengths = fc.tuple(fc.nat(6), fc.nat(10)).map(([a, b]) => ({ minLength: a, maxLength: a + b }));
const stringSchema = fc.oneof(
  fc.record({ type: fc.constant('string') }, { noNullPrototype: true }),
  lengths.map((l) => ({ type: 'string', ...l })),
  fc.constantFrom('date-time', 'date', 'uuid', 'email', 'ipv4', 'ipv6', 'hostname', 'uri', 'byte', 'pve-node').map((format) => ({ type: 'string', format })),
  fc.constantFrom('^[a-z]+$', '^[0-9]{2,4}$', '[A-Z]', '^(on|off)$', '^\\S+$').map((pattern) => ({ type: 'string', pattern })),
  // enum values are visible text without commas: a header cannot carry anything else, and a comma would
  // split an array value sent in a path or header
  fc.uniqueArray(fc.stringMatching(/^[!-+\--~]{1,5}$/), { minLength: 1, maxLength: 4 }).map((values) => ({ type: 'string', enum: values })),
);
const numberSchema = fc.oneof(
  fc.tuple(fc.integer({ min: -100, max: 100 }), fc.nat(200)).map(([min, span]) => ({ type: 'integer', minimum: min, maximum: min + span })),
  fc.tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 2, max: 200 })).map(([min, span]) => ({ type: 'integer', exclusiveMinimum: min, exclusiveMaximum: min + span })),
  fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.5, max: 10, noNaN: true })).map(([min, span]) => ({ type: 'number', minimum: min, maximum: min + span })),
  fc.constantFrom(2, 3, 5, 10).map((m) => ({ type: 'integer', multipleOf: m })),
  fc.constant({ type: 'boolean' }),
);
const leaf = fc.oneof(stringSchema, numberSchema);

const { schema } = fc.letrec<{ schema: Record<string, unknown> }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    leaf.map((s) => ({ ...s, nullable: true })),
    fc
      .tuple(tie('schema'), fc.nat(2), fc.nat(4), fc.boolean())
      .map(([items, min, span, unique]) => ({ type: 'array', items, minItems: unique ? 0 : min, maxItems: min + span, ...(unique ? { uniqueItems: true } : {}) })),
    fc
      .tuple(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('schema'), { maxKeys: 4, noNullPrototype: true }), fc.boolean(), fc.boolean())
      .map(([properties, closed, requireAll]) => ({
        type: 'object',
        properties,
        ...(requireAll && Object.keys(properties).length > 0 ? { required: Object.keys(properties) } : {}),
        ...(closed ? { additionalProperties: false } : {}),
      })),
    fc.tuple(tie('schema'), tie('schema')).map(([a, b]) => ({ anyOf: [a, b] })),
    fc.tuple(stringSchema, numberSchema).map(([a, b]) => ({ oneOf: [a, b] })),
    fc
      .tuple(fc.dictionary(fc.constantFrom('a', 'b'), leaf, { noNullPrototype: true }), fc.dictionary(fc.constantFrom('c', 'd'), leaf, { noNullPrototype: true }))
      .map(([p1, p2]) => ({ allOf: [{ type: 'object', properties: p1, required: Object.keys(p1) }, { type: 'object', properties: p2, required: Object.keys(p2) }] })),
  ),
}));

describe('random schemas', () => {
  it('every generated value validates against its random schema', () => {
    fc.assert(
      fc.property(schema, fc.integer(), (s, seed) => {
        const validate = ajv.compile(toJsonSchema2020(s, 'openapi-3.0') as object);
        for (const value of fc.sample(valueArbitrary(s, { dialect: 'openapi-3.0' }), { numRuns: 10, seed })) {
          if (!validate(value)) throw new Error(`${JSON.stringify(value)} for ${JSON.stringify(s)}: ${ajv.errorsText(validate.errors)}`);
        }
      }),
      { numRuns: 150, seed: 2026 },
    );
  });

  it('every invalid value for a random schema fails validation', () => {
    fc.assert(
      fc.property(schema, (s) => {
        const validate = ajv.compile(toJsonSchema2020(s, 'openapi-3.0') as object);
        for (const { value } of invalidValues(s, { dialect: 'openapi-3.0', nesting: 2 })) expect(validate(value)).toBe(false);
      }),
      { numRuns: 60, seed: 2027 },
    );
  });
});

describe('random parameters', () => {
  const coercing = new Ajv2020({ strict: false, logger: false, coerceTypes: 'array' });
  addFormats(coercing);
  const locations = fc.constantFrom('path', 'query', 'header', 'cookie') as fc.Arbitrary<OperationParameter['in']>;
  const paramSchema = fc.oneof(leaf, leaf.map((s) => ({ type: 'array', items: s, maxItems: 3 })));
  const operation = fc.tuple(paramSchema, locations).map(
    ([schema, location]): Operation => ({
      id: 'random',
      method: 'GET',
      path: '/things/{p}',
      tags: [],
      parameters: [{ name: location === 'path' ? 'p' : 'X-Param', in: location, required: true, schema, examples: [] }],
      responses: [],
      secured: false,
      dialect: 'openapi-3.0',
      extensions: {},
    }),
  );
  const slot = { path: 'pathParams', query: 'query', header: 'headers', cookie: 'cookies' } as const;
  const readBack = (wire: unknown, schema: Record<string, unknown>, location: string) =>
    Array.isArray(wire) ? [...wire] : schema.type === 'array' && location !== 'query' ? (wire === '' ? [] : String(wire).split(',')) : wire;

  it('valid requests carry sendable text that reads back as valid; invalid ones read back as invalid', () => {
    fc.assert(
      fc.property(operation, (op) => {
        const p = op.parameters[0]!;
        // a path segment cannot be empty: a schema allowing only '' has nothing to send there
        fc.pre(!(p.in === 'path' && (p.schema as Record<string, unknown>).maxLength === 0));
        const validate = coercing.compile(toJsonSchema2020(p.schema, 'openapi-3.0', { direction: 'request' }) as object);
        for (const req of fc.sample(requestArbitrary(op), { numRuns: 8, seed: 1 })) {
          const wire = (req[slot[p.in]] as Record<string, unknown>)[p.name];
          if (p.in === 'path') expect(wire).not.toBe('');
          if (p.in === 'header' || p.in === 'cookie') expect(wire).toMatch(/^[\x21-\x7e]*$/);
          expect(validate(readBack(wire, p.schema as Record<string, unknown>, p.in)), `${JSON.stringify(wire)} for ${JSON.stringify(p.schema)} in ${p.in}`).toBe(true);
        }
        for (const bad of invalidRequests(op)) {
          const wire = (bad[slot[p.in]] as Record<string, unknown>)[p.name];
          if (bad.violation.kind === 'missing') {
            expect(wire).toBeUndefined();
            continue;
          }
          expect(validate(readBack(wire, p.schema as Record<string, unknown>, p.in)), `${bad.violation.description} ${JSON.stringify(wire)}`).toBe(false);
        }
      }),
      { numRuns: 150, seed: 2028 },
    );
  });
});

describe('random bodies', () => {
  const coercing = new Ajv2020({ strict: false, logger: false, coerceTypes: 'array' });
  addFormats(coercing);
  const objectSchema = schema.filter((s) => s.type === 'object');
  const bodyOperation = (bodySchema: Record<string, unknown>, mediaType: string): Operation => ({
    id: 'random-body',
    method: 'POST',
    path: '/things',
    tags: [],
    parameters: [],
    body: { required: true, content: { [mediaType]: { schema: bodySchema, examples: [] } } },
    responses: [],
    secured: false,
    dialect: 'openapi-3.0',
    extensions: {},
  });

  it('form bodies read back valid; their violations read back invalid', () => {
    fc.assert(
      fc.property(objectSchema, (bodySchema) => {
        // a required field that can only be an empty array has no form encoding at all
        const properties = (bodySchema.properties ?? {}) as Record<string, Record<string, unknown>>;
        const required = (bodySchema.required ?? []) as string[];
        fc.pre(!required.some((name) => properties[name]?.type === 'array' && properties[name]?.maxItems === 0));
        const op = bodyOperation(bodySchema, 'application/x-www-form-urlencoded');
        const validate = coercing.compile(toJsonSchema2020(bodySchema, 'openapi-3.0', { direction: 'request' }) as object);
        const readBack = (body: unknown) => formRoundTrip(body);
        const valid = fc.sample(requestArbitrary(op), { numRuns: 6, seed: 4 });
        const passing = valid.filter((req) => validate(readBack(req.body)));
        // an empty array cannot be form-encoded: the bounded filter may fall back, but rarely
        expect(passing.length).toBeGreaterThanOrEqual(valid.length - 1);
        for (const bad of invalidRequests(op).filter((r) => r.violation.location === 'body' && r.body !== undefined)) {
          expect(validate(readBack(bad.body)), bad.violation.description).toBe(false);
        }
      }),
      { numRuns: 60, seed: 2029 },
    );
  });

  it('JSON bodies are valid; their violations are invalid', () => {
    fc.assert(
      fc.property(objectSchema, (bodySchema) => {
        const op = bodyOperation(bodySchema, 'application/json');
        const validate = ajv.compile(toJsonSchema2020(bodySchema, 'openapi-3.0', { direction: 'request' }) as object);
        for (const req of fc.sample(requestArbitrary(op), { numRuns: 6, seed: 4 })) expect(validate(req.body)).toBe(true);
        for (const bad of invalidRequests(op).filter((r) => r.violation.location === 'body' && r.violation.kind !== 'missing' && r.violation.kind !== 'malformed')) {
          expect(validate(bad.body), bad.violation.description).toBe(false);
        }
      }),
      { numRuns: 60, seed: 2030 },
    );
  });
});
