import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { boundaryValues } from '../../src/arbitraries/boundary-values.js';
import { invalidValues } from '../../src/arbitraries/invalid-values.js';
import { toJsonSchema2020 } from '../../src/arbitraries/to-json-schema-2020.js';
import { corpus } from './corpus.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: false, logger: false });
addFormats(ajv);

describe('invalidValues', () => {
  for (const entry of corpus) {
    it(`every entry fails ajv: ${entry.name} (${entry.dialect})`, () => {
      const validate = ajv.compile(toJsonSchema2020(entry.schema, entry.dialect) as object);
      const invalid = invalidValues(entry.schema, { dialect: entry.dialect });
      for (const { value, violation } of invalid) {
        expect(validate(value), `${violation.description}: ${JSON.stringify(value)}`).toBe(false);
      }
    });
  }
});

describe('boundaryValues', () => {
  for (const entry of corpus) {
    it(`valid flags agree with ajv: ${entry.name} (${entry.dialect})`, () => {
      const validate = ajv.compile(toJsonSchema2020(entry.schema, entry.dialect) as object);
      const boundaries = boundaryValues(entry.schema, { dialect: entry.dialect });
      expect(boundaries.length).toBeGreaterThan(0);
      for (const { value, valid, label } of boundaries) {
        expect(validate(value), `${label}: ${JSON.stringify(value)}`).toBe(valid);
      }
    });
  }
});

describe('specific violations and boundaries', () => {
  const clone = corpus.find((c) => c.name === 'object required and optional')!;
  const closed = corpus.find((c) => c.name === 'closed object')!;

  it('finds each kind of violation in a clone-like body', () => {
    const found = invalidValues(clone.schema, { dialect: clone.dialect }).map((i) => `${i.violation.kind} ${i.violation.name}`);
    expect(found).toEqual(
      expect.arrayContaining(['missing /newid', 'type /newid', 'range /newid', 'null /newid', 'enum /format', 'pattern /name', 'length /name', 'type ']),
    );
  });

  it('reports an extra property where additionalProperties is false, and a range below the minimum', () => {
    const extra = invalidValues(closed.schema, { dialect: closed.dialect }).find((i) => i.violation.kind === 'extra');
    expect(extra?.value).toMatchObject({ hypersim_unexpected: 'x' });
    const range = invalidValues(clone.schema, { dialect: clone.dialect }).find((i) => i.violation.kind === 'range');
    expect((range?.value as { newid: number }).newid).toBe(99);
  });

  it('names parameters in violations', () => {
    const [first] = invalidValues({ type: 'integer', minimum: 1 }, { dialect: 'openapi-3.1', location: 'query', name: 'limit' });
    expect(first?.violation).toMatchObject({ location: 'query', name: 'limit' });
  });

  it('probes bounds +/- 1, each enum value, and null where nullable', () => {
    const values = boundaryValues({ type: 'integer', minimum: 100, maximum: 200 }, { dialect: 'openapi-3.0' });
    const byValue = new Map(values.map((b) => [b.value, b.valid]));
    expect([byValue.get(99), byValue.get(100), byValue.get(200), byValue.get(201)]).toEqual([false, true, true, false]);
    const enums = boundaryValues({ type: 'string', enum: ['raw', 'qcow2', 'vmdk'], nullable: true }, { dialect: 'openapi-3.0' });
    expect(enums.filter((b) => b.valid).map((b) => b.value)).toEqual(expect.arrayContaining(['raw', 'qcow2', 'vmdk', null]));
    const lengths = boundaryValues({ type: 'string', minLength: 2, maxLength: 4 }, { dialect: 'openapi-3.1' });
    expect(lengths.map((b) => [typeof b.value === 'string' ? b.value.length : -1, b.valid])).toEqual(
      expect.arrayContaining([[1, false], [2, true], [4, true], [5, false]]),
    );
  });

  it('probes each required field missing', () => {
    const labels = boundaryValues(clone.schema, { dialect: clone.dialect }).filter((b) => !b.valid).map((b) => b.label);
    expect(labels).toContain('required newid missing');
  });
});

describe('boundary values for parameters (wire form)', () => {
  it('returns wire strings, drops unsendable values, and judges validity as a server reads text', () => {
    const ints = boundaryValues({ type: 'integer', minimum: 1, maximum: 50 }, { dialect: 'openapi-3.1', location: 'query' });
    expect(ints.every((b) => typeof b.value === 'string')).toBe(true);
    const byValue = new Map(ints.map((b) => [b.value, b]));
    expect([byValue.get('0')?.valid, byValue.get('1')?.valid, byValue.get('50')?.valid, byValue.get('51')?.valid]).toEqual([false, true, true, false]);
    expect(byValue.get('0')?.kind).toBe('range');
    const names = boundaryValues({ type: 'string', maxLength: 3 }, { dialect: 'openapi-3.1', location: 'path' });
    expect(names.some((b) => b.value === '')).toBe(false);
    // null travels as empty text, which is a fine value for a plain string query parameter
    const text = boundaryValues({ type: 'string' }, { dialect: 'openapi-3.1', location: 'query' });
    expect(text.every((b) => b.valid)).toBe(true);
  });
});
