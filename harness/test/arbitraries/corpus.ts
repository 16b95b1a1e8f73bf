// Hand-written schemas covering every feature the generators support, in both dialects.
import type { JsonSchema } from '../../src/types.js';

export interface CorpusEntry {
  name: string;
  dialect: 'openapi-3.0' | 'openapi-3.1';
  schema: JsonSchema;
}

const v30 = (name: string, schema: JsonSchema): CorpusEntry => ({ name, dialect: 'openapi-3.0', schema });
const v31 = (name: string, schema: JsonSchema): CorpusEntry => ({ name, dialect: 'openapi-3.1', schema });

const recursiveNode: Record<string, unknown> = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 8 } },
};
(recursiveNode.properties as Record<string, unknown>).children = { type: 'array', items: recursiveNode, maxItems: 3 };

export const corpus: CorpusEntry[] = [
  v30('plain string', { type: 'string' }),
  v30('bounded string', { type: 'string', minLength: 3, maxLength: 6 }),
  v30('long minimum string', { type: 'string', minLength: 40 }),
  v30('pattern', { type: 'string', pattern: '^[a-z][a-z0-9-]{2,9}$' }),
  v30('unanchored pattern with length', { type: 'string', pattern: '[0-9]{3}', maxLength: 5 }),
  v30('format date-time', { type: 'string', format: 'date-time' }),
  v30('format date', { type: 'string', format: 'date' }),
  v30('format time', { type: 'string', format: 'time' }),
  v30('format email', { type: 'string', format: 'email' }),
  v30('format uuid', { type: 'string', format: 'uuid' }),
  v30('format uri', { type: 'string', format: 'uri' }),
  v30('format hostname', { type: 'string', format: 'hostname' }),
  v30('format ipv4', { type: 'string', format: 'ipv4' }),
  v30('format ipv6', { type: 'string', format: 'ipv6' }),
  v30('format byte', { type: 'string', format: 'byte' }),
  v30('format password', { type: 'string', format: 'password', minLength: 8 }),
  v30('unknown format', { type: 'string', format: 'pve-node' }),
  v30('integer int32', { type: 'integer', format: 'int32' }),
  v30('integer int64 bounded', { type: 'integer', format: 'int64', minimum: 100, maximum: 999999999 }),
  v30('number float', { type: 'number', format: 'float', minimum: -1.5, maximum: 1.5 }),
  v30('number double exclusive (3.0 boolean form)', { type: 'number', format: 'double', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true }),
  v31('number exclusive (3.1 numeric form)', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 }),
  v31('integer exclusive (3.1)', { type: 'integer', exclusiveMinimum: 5, exclusiveMaximum: 9 }),
  v30('integer multipleOf', { type: 'integer', multipleOf: 5, minimum: 1, maximum: 100 }),
  v30('number multipleOf fraction', { type: 'number', multipleOf: 0.25, minimum: 0, maximum: 10 }),
  v30('boolean', { type: 'boolean' }),
  v30('string enum', { type: 'string', enum: ['raw', 'qcow2', 'vmdk'] }),
  v30('integer enum', { type: 'integer', enum: [0, 1] }),
  v30('nullable string (3.0)', { type: 'string', nullable: true, maxLength: 4 }),
  v30('nullable enum (3.0)', { type: 'string', enum: ['on', 'off'], nullable: true }),
  v31('type union with null (3.1)', { type: ['string', 'null'], minLength: 2 }),
  v31('type union string|integer (3.1)', { type: ['string', 'integer'], maxLength: 3, maximum: 9 }),
  v31('const (3.1)', { const: 'fixed' }),
  v30('array of integers', { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 1, maxItems: 4 }),
  v30('unique array', { type: 'array', items: { type: 'integer', minimum: 0, maximum: 20 }, uniqueItems: true, minItems: 2 }),
  v30('array with large minItems', { type: 'array', items: { type: 'boolean' }, minItems: 8 }),
  v31('prefixItems (3.1)', { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false }),
  v30('object required and optional', {
    type: 'object',
    required: ['newid'],
    properties: {
      newid: { type: 'integer', minimum: 100 },
      name: { type: 'string', pattern: '^[A-Za-z0-9-]+$', maxLength: 15 },
      full: { type: 'boolean' },
      format: { type: 'string', enum: ['raw', 'qcow2'] },
    },
  }),
  v30('closed object', { type: 'object', additionalProperties: false, properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'] }),
  v30('map object', { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } }),
  v30('minProperties', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, minProperties: 2 }),
  v30('maxProperties', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } }, maxProperties: 1 }),
  v31('patternProperties', { type: 'object', patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false }),
  v30('nested objects', {
    type: 'object',
    required: ['vm'],
    properties: {
      vm: {
        type: 'object',
        required: ['disks'],
        properties: { disks: { type: 'array', items: { type: 'object', required: ['size'], properties: { size: { type: 'integer', minimum: 1 } } } } },
      },
    },
  }),
  v30('readOnly property', { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' } } }),
  v30('allOf merge', {
    allOf: [
      { type: 'object', required: ['a'], properties: { a: { type: 'string', minLength: 2 } } },
      { type: 'object', required: ['b'], properties: { b: { type: 'integer', maximum: 5 }, a: { maxLength: 4 } } },
    ],
  }),
  v30('allOf bounds intersect', { allOf: [{ type: 'integer', minimum: 3 }, { maximum: 7 }, { multipleOf: 2 }] }),
  v30('oneOf exclusive', { oneOf: [{ type: 'string', maxLength: 3 }, { type: 'integer' }, { type: 'boolean' }] }),
  v30('oneOf overlapping objects', {
    oneOf: [
      { type: 'object', required: ['kind', 'size'], properties: { kind: { enum: ['disk'] }, size: { type: 'integer' } } },
      { type: 'object', required: ['kind', 'mac'], properties: { kind: { enum: ['nic'] }, mac: { type: 'string' } } },
    ],
  }),
  v30('anyOf', { anyOf: [{ type: 'string', format: 'ipv4' }, { type: 'string', format: 'ipv6' }] }),
  v30('nullable allOf (3.0)', { nullable: true, allOf: [{ type: 'object', properties: { a: { type: 'integer' } } }] }),
  v30('untyped with properties', { properties: { a: { type: 'string' } }, required: ['a'] }),
  v30('empty schema', {}),
  v30('boolean true schema', true),
  v30('recursive schema', recursiveNode),
  v30('messy: string minimum and unknown keywords', { type: 'integer', minimum: '0', maximum: '4096', optional: 1, typetext: '<integer>' }),
  v30('messy: perl pattern', { type: 'string', pattern: '(?^i:[a-z0-9_][a-z0-9_\\-\\+\\.]*)' }),
  v30('messy: needless escapes', { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9\\-\\_]+$', maxLength: 12 }),
  v30('messy: unknown type', { type: 'file' }),
  v30('messy: non-array required', { type: 'object', required: true, properties: { a: { type: 'string' } } }),
  v31('lookahead pattern falls back to examples (3.1)', { type: 'string', examples: ['abc1', 'x9yz'], pattern: '^(?=.*[0-9])[a-z0-9]{4,8}$' }),
];

corpus.push(
  v31('not (3.1)', { type: 'integer', minimum: 0, maximum: 20, not: { multipleOf: 3 } }),
  v31('dependentRequired (3.1)', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, dependentRequired: { a: ['b'] } }),
  v31('contains (3.1)', { type: 'array', items: { type: 'integer', minimum: 0, maximum: 3 }, contains: { const: 2 }, minItems: 1 }),
  v31('nullable via anyOf (3.1)', { anyOf: [{ type: 'null' }, { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } }] }),
);
