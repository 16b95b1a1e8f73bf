import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { invalidRequests, MALFORMED_JSON } from '../../src/arbitraries/invalid-requests.js';
import { requestArbitrary } from '../../src/arbitraries/request-arbitrary.js';
import { parseForm, requestBodyText, serializeBody } from '../../src/arbitraries/serialize-body.js';
import { toJsonSchema2020 } from '../../src/arbitraries/to-json-schema-2020.js';
import { valueArbitrary } from '../../src/arbitraries/value-arbitrary.js';
import { cloneOperation } from './operations.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: false, logger: false });
const coercing = new Ajv2020({ strict: false, logger: false, coerceTypes: 'array' });
addFormats(ajv);
addFormats(coercing);

const jsonOp = cloneOperation('application/json');
const formOp = cloneOperation('application/x-www-form-urlencoded');
const requestBody = (op: typeof jsonOp) => toJsonSchema2020(Object.values(op.body!.content)[0]!.schema, op.dialect, { direction: 'request' });
const paramSchema = (name: string) => toJsonSchema2020(jsonOp.parameters.find((p) => p.name === name)!.schema, jsonOp.dialect);

describe('requestArbitrary', () => {
  it('generates requests whose every part is valid on the wire', () => {
    const validateBody = ajv.compile(requestBody(jsonOp) as object);
    const validateVmid = coercing.compile(paramSchema('vmid') as object);
    const validateLimit = coercing.compile(paramSchema('limit') as object);
    const validateTypes = coercing.compile(paramSchema('types') as object);
    fc.assert(
      fc.property(requestArbitrary(jsonOp), (req) => {
        expect(req.pathParams.node).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(validateVmid(req.pathParams.vmid)).toBe(true);
        expect(req.pathParams.vmid).toMatch(/^\d+$/);
        expect(req.headers.CSRFPreventionToken!.length).toBeGreaterThanOrEqual(8);
        for (const value of Object.values(req.headers)) expect(value).toMatch(/^[\x21-\x7e]*$/);
        expect(req.headers['Content-Type']).toBeUndefined();
        expect(['true', 'false']).toContain(req.query.full);
        if (req.query.limit !== undefined) expect(validateLimit(req.query.limit)).toBe(true);
        if (req.query.types !== undefined) {
          expect(Array.isArray(req.query.types)).toBe(true);
          expect(validateTypes([...req.query.types])).toBe(true);
        }
        expect(req.mediaType).toBe('application/json');
        if (!validateBody(req.body)) throw new Error(ajv.errorsText(validateBody.errors));
        expect(req.body).not.toHaveProperty('upid');
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('generates form bodies that read back as valid values', () => {
    const validate = coercing.compile(requestBody(formOp) as object);
    fc.assert(
      fc.property(requestArbitrary(formOp), (req) => {
        const text = serializeBody(req.body, req.mediaType!);
        const readBack = parseForm(text, new Set());
        if (!validate(readBack)) throw new Error(`${text}: ${coercing.errorsText(validate.errors)}`);
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it('sometimes omits optional parameters and always sends required ones', () => {
    const samples = fc.sample(requestArbitrary(jsonOp), { numRuns: 60, seed: 3 });
    expect(samples.every((r) => r.query.full !== undefined && r.pathParams.node !== undefined)).toBe(true);
    expect(samples.some((r) => r.query.limit === undefined)).toBe(true);
    expect(samples.some((r) => r.query.limit !== undefined)).toBe(true);
  });

  it('shrinks a failing request to a minimal one', () => {
    const result = fc.check(
      fc.property(requestArbitrary(jsonOp), (req) => (req.body as { newid: number }).newid <= 1000),
      { seed: 5, numRuns: 200 },
    );
    expect(result.failed).toBe(true);
    const [req] = result.counterexample!;
    expect(req.body).toEqual({ newid: 1001 });
    expect(Object.keys(req.query)).toEqual(['full']);
    expect(Object.keys(req.headers)).toEqual(['CSRFPreventionToken']);
    expect(req.pathParams.vmid).toBe('100');
  });
});

describe('shrinking', () => {
  it('a nested value with a field > 10 shrinks to the smallest object that still fails', () => {
    const schema = {
      type: 'object',
      required: ['vm'],
      properties: {
        vm: {
          type: 'object',
          required: ['disks'],
          properties: {
            name: { type: 'string' },
            disks: { type: 'array', items: { type: 'object', required: ['size'], properties: { size: { type: 'integer', minimum: 0 }, bus: { enum: ['scsi', 'virtio'] } } } },
          },
        },
        tags: { type: 'array', items: { type: 'string' } },
      },
    };
    const result = fc.check(
      fc.property(valueArbitrary(schema, { dialect: 'openapi-3.0' }), (v) => (v as { vm: { disks: Array<{ size: number }> } }).vm.disks.every((d) => d.size <= 10)),
      { seed: 9, numRuns: 300 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample![0]).toEqual({ vm: { disks: [{ size: 11 }] } });
  });

  it('an object with a field > 10 shrinks to the minimal counterexample', () => {
    const schema = {
      type: 'object',
      required: ['count'],
      properties: { count: { type: 'integer', minimum: 0, maximum: 100000 }, note: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
    };
    const result = fc.check(
      fc.property(requestArbitrary({ ...jsonOp, parameters: [], body: { required: true, content: { 'application/json': { schema, examples: [] } } } }), (req) =>
        (req.body as { count: number }).count <= 10,
      ),
      { seed: 1, numRuns: 200 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample![0].body).toEqual({ count: 11 });
  });
});

describe('invalidRequests', () => {
  const invalid = invalidRequests(jsonOp);
  const describeAll = invalid.map((r) => `${r.violation.location}:${r.violation.name}:${r.violation.kind}`);

  it('includes each required parameter or header missing', () => {
    expect(describeAll).toEqual(expect.arrayContaining(['header:CSRFPreventionToken:missing', 'query:full:missing']));
    const missing = invalid.find((r) => r.violation.name === 'CSRFPreventionToken' && r.violation.kind === 'missing')!;
    expect(missing.headers).not.toHaveProperty('CSRFPreventionToken');
    expect(missing.query.full).toBeDefined();
  });

  it('includes wrong types and out-of-range parameters only where they survive the wire', () => {
    expect(describeAll).toEqual(expect.arrayContaining(['path:vmid:type', 'path:vmid:range', 'query:limit:range', 'query:full:type', 'header:CSRFPreventionToken:length']));
    // a number sent for a string parameter is just a string on the wire: not a violation
    expect(invalid.some((r) => r.violation.name === 'node' && r.violation.kind === 'type')).toBe(false);
    for (const r of invalid) for (const v of Object.values(r.pathParams)) expect(v).not.toBe('');
  });

  it('includes body violations: missing body, missing field, wrong type, range, extra property, malformed', () => {
    expect(describeAll).toEqual(
      expect.arrayContaining(['body::missing', 'body:/newid:missing', 'body:/newid:type', 'body:/newid:range', 'body:/hypersim_unexpected:extra', 'body::malformed']),
    );
    const malformed = invalid.find((r) => r.violation.kind === 'malformed')!;
    expect(malformed.body).toBe(MALFORMED_JSON);
    expect(requestBodyText(malformed)).toBe(MALFORMED_JSON);
    expect(() => JSON.parse(requestBodyText(malformed)!)).toThrow();
  });

  it('every body violation fails validation, every other part stays valid', () => {
    const validateBody = ajv.compile(requestBody(jsonOp) as object);
    for (const r of invalid.filter((x) => x.violation.location === 'body' && x.violation.kind !== 'missing' && x.violation.kind !== 'malformed')) {
      expect(validateBody(r.body), r.violation.description).toBe(false);
      expect(r.query.full).toBeDefined();
    }
    for (const r of invalid.filter((x) => x.violation.location !== 'body')) expect(validateBody(r.body)).toBe(true);
  });

  it('form bodies keep only violations that survive form encoding, and have no malformed case', () => {
    const form = invalidRequests(formOp);
    const validate = coercing.compile(requestBody(formOp) as object);
    expect(form.some((r) => r.violation.kind === 'malformed')).toBe(false);
    for (const r of form.filter((x) => x.violation.location === 'body' && x.body !== undefined)) {
      expect(validate(parseForm(serializeBody(r.body, r.mediaType!), new Set())), r.violation.description).toBe(false);
    }
    expect(form.map((r) => `${r.violation.name}:${r.violation.kind}`)).toEqual(expect.arrayContaining(['/newid:range', '/newid:missing', '/full:type']));
  });
});

describe('serializeBody', () => {
  it('writes JSON', () => {
    expect(serializeBody({ a: [1, true], b: null }, 'application/json; charset=utf-8')).toBe('{"a":[1,true],"b":null}');
  });

  it('writes forms: booleans and numbers as text, arrays as repeated keys, objects as JSON text', () => {
    expect(serializeBody({ newid: 101, full: true, tags: ['a', 'b'], net: { model: 'virtio' }, name: 'a b&c' }, 'application/x-www-form-urlencoded')).toBe(
      'newid=101&full=true&tags=a&tags=b&net=%7B%22model%22%3A%22virtio%22%7D&name=a+b%26c',
    );
  });
});

describe('malformed bodies through serializeBody', () => {
  it('are sent unchanged, so a runner serializing every body still sends broken JSON', () => {
    const malformed = invalidRequests(jsonOp).find((r) => r.violation.kind === 'malformed')!;
    const text = serializeBody(malformed.body, malformed.mediaType!);
    expect(() => JSON.parse(text)).toThrow();
    expect(serializeBody('just a string', 'application/json')).toBe('"just a string"');
  });
});
