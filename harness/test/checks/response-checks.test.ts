// Edge cases of the checks that judge a single response, on hand-made exchanges.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { CheckFailure, type CheckContext, type Exchange, type Operation } from '../../src/types.js';
import { contextAnswering, documented, exchangeOf, jsonResponse, operation, received } from './support/synthetic.js';

const ctx = contextAnswering([], () => received(500));

async function failureOf(check: string, exchange: Exchange, context = ctx): Promise<CheckFailure | undefined> {
  try {
    await CHECKS[check]?.check(context, exchange);
    return undefined;
  } catch (error) {
    if (error instanceof CheckFailure) return error;
    throw error;
  }
}

const pveError = { type: 'object', required: ['data', 'message'], properties: { data: { type: 'null' }, message: { type: 'string' } } };

describe('not_a_server_error', () => {
  it('accepts a documented 500 whose body matches, but not a 500 covered only by default', async () => {
    const op = operation({ responses: [jsonResponse('500', pveError)] });
    expect(await failureOf('not_a_server_error', exchangeOf(op, received(500, { data: null, message: 'no VM\n' })))).toBeUndefined();
    const catchAll = operation({ responses: [jsonResponse('default', pveError)] });
    const failure = await failureOf('not_a_server_error', exchangeOf(catchAll, received(500, { data: null, message: 'x' })));
    expect(failure?.severity).toBe('critical');
  });

  it('accepts a 5XX range and fails a documented 5xx with a non-JSON body', async () => {
    const op = operation({ responses: [jsonResponse('5XX', pveError)] });
    expect(await failureOf('not_a_server_error', exchangeOf(op, received(503, { data: null, message: 'busy' })))).toBeUndefined();
    const failure = await failureOf('not_a_server_error', exchangeOf(op, received(503, 'oops', { 'content-type': 'text/html' })));
    expect(failure?.actual).toMatch(/text\/html is not documented/);
  });

  it('leaves a 501 for an unsupported method to unsupported_method', async () => {
    const probe = { expectation: 'invalid' as const, violation: { location: 'method' as const, name: 'PATCH', kind: 'method' as const, description: 'PATCH' } };
    expect(await failureOf('not_a_server_error', exchangeOf(operation(), received(501), probe))).toBeUndefined();
    expect(await failureOf('not_a_server_error', exchangeOf(operation(), received(501)))).toBeInstanceOf(CheckFailure);
  });
});

describe('status_code_conformance', () => {
  it('takes exact codes, ranges and default', async () => {
    const op = operation({ responses: [documented('200'), documented('4xx')] });
    expect(await failureOf('status_code_conformance', exchangeOf(op, received(404)))).toBeUndefined();
    expect((await failureOf('status_code_conformance', exchangeOf(op, received(302))))?.expected).toBe('one of 200, 4xx');
    const withDefault = operation({ responses: [documented('200'), documented('default')] });
    expect(await failureOf('status_code_conformance', exchangeOf(withDefault, received(302)))).toBeUndefined();
  });
});

describe('content_type_conformance', () => {
  const op = operation({ responses: [jsonResponse('200', {})] });

  it('ignores parameters such as charset and matches case-insensitively', async () => {
    const response = received(200, { a: 1 }, { 'content-type': 'Application/JSON;charset=UTF-8' });
    expect(await failureOf('content_type_conformance', exchangeOf(op, response))).toBeUndefined();
  });

  it('fails a body without a content type, but not an empty body', async () => {
    expect((await failureOf('content_type_conformance', exchangeOf(op, received(200, '{}'))))?.title).toBe('Missing Content-Type header');
    expect(await failureOf('content_type_conformance', exchangeOf(op, received(200)))).toBeUndefined();
  });

  it('lets a documented wildcard cover concrete types', async () => {
    const wildcard = operation({ responses: [documented('200', { content: { 'text/*': { schema: {}, examples: [] } } })] });
    const response = received(200, 'hi', { 'content-type': 'text/plain' });
    expect(await failureOf('content_type_conformance', exchangeOf(wildcard, response))).toBeUndefined();
  });
});

describe('response_schema_conformance', () => {
  it('reads 3.0 nullable on a composed schema and boolean exclusiveMinimum', async () => {
    const schema = { type: 'object', properties: { owner: { nullable: true, allOf: [{ type: 'string' }] }, size: { type: 'integer', minimum: 0, exclusiveMinimum: true } } };
    const op = operation({ dialect: 'openapi-3.0', responses: [jsonResponse('200', schema)] });
    expect(await failureOf('response_schema_conformance', exchangeOf(op, received(200, { owner: null, size: 1 })))).toBeUndefined();
    const zero = await failureOf('response_schema_conformance', exchangeOf(op, received(200, { owner: 'x', size: 0 })));
    expect(zero?.actual).toMatch(/\/size must be > 0/);
  });

  it('does not treat nullable as a keyword in 3.1', async () => {
    const op = operation({ dialect: 'openapi-3.1', responses: [jsonResponse('200', { type: 'string', nullable: true })] });
    expect(await failureOf('response_schema_conformance', exchangeOf(op, received(200, null)))).toBeInstanceOf(CheckFailure);
  });

  it('validates recursive (cyclic, dereferenced) schemas', async () => {
    const folder: Record<string, unknown> = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
    folder.properties = { ...(folder.properties as object), children: { type: 'array', items: folder } };
    const op = operation({ responses: [jsonResponse('200', folder)] });
    const good = { name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] };
    expect(await failureOf('response_schema_conformance', exchangeOf(op, received(200, good)))).toBeUndefined();
    const bad = { name: 'a', children: [{ name: 'b', children: [{ title: 'c' }] }] };
    const failure = await failureOf('response_schema_conformance', exchangeOf(op, received(200, bad)));
    expect(failure?.actual).toMatch(/\/children\/0\/children\/0 must have required property 'name'/);
  });

  it('fails JSON that does not parse and checks formats', async () => {
    const op = operation({ responses: [jsonResponse('200', { type: 'string', format: 'date-time' })] });
    const broken = received(200, '{"a":', { 'content-type': 'application/json' });
    expect((await failureOf('response_schema_conformance', exchangeOf(op, broken)))?.title).toBe('Response body is not valid JSON');
    const date = { ...received(200, ['x']), json: '2026-11-28T00:00:00Z', bodyText: '"2026-11-28T00:00:00Z"' };
    expect(await failureOf('response_schema_conformance', exchangeOf(op, date))).toBeUndefined();
    const notADate = await failureOf('response_schema_conformance', exchangeOf(op, { ...received(200, ['x']), json: 'yesterday', bodyText: '"yesterday"' }));
    expect(notADate?.actual).toMatch(/must match format "date-time"/);
  });
});

describe('response_headers_conformance', () => {
  const op = operation({
    responses: [documented('200', { headers: { 'X-Rate-Limit': { required: false, schema: { type: 'integer', maximum: 100 } } } })],
  });

  it('reads header text as the documented type before validating', async () => {
    expect(await failureOf('response_headers_conformance', exchangeOf(op, received(200, undefined, { 'x-rate-limit': '99' })))).toBeUndefined();
    expect(await failureOf('response_headers_conformance', exchangeOf(op, received(200)))).toBeUndefined();
    const failure = await failureOf('response_headers_conformance', exchangeOf(op, received(200, undefined, { 'x-rate-limit': 'lots' })));
    expect(failure?.title).toBe('Response header violates its schema');
  });
});

describe('request-side checks', () => {
  const op = operation({ method: 'POST', path: '/things', responses: [documented('201'), documented('400'), documented('422')] });
  const invalid = { expectation: 'invalid' as const, violation: { location: 'body' as const, name: '/n', kind: 'type' as const, description: 'n is not a number' } };

  it('negative_data_rejection wants a 4xx and says whether the server accepted or crashed', async () => {
    expect(await failureOf('negative_data_rejection', exchangeOf(op, received(422), invalid))).toBeUndefined();
    expect((await failureOf('negative_data_rejection', exchangeOf(op, received(201), invalid)))?.title).toBe('API accepted schema-violating request');
    expect((await failureOf('negative_data_rejection', exchangeOf(op, received(502), invalid)))?.title).toBe('API crashed on schema-violating request');
    expect(await failureOf('negative_data_rejection', exchangeOf(op, received(201)))).toBeUndefined();
  });

  it('positive_data_acceptance expects 2xx, 401, 403 or 404 by default, even when 400/409/422 are documented', async () => {
    expect(await failureOf('positive_data_acceptance', exchangeOf(op, received(201)))).toBeUndefined();
    for (const status of [401, 403, 404]) expect(await failureOf('positive_data_acceptance', exchangeOf(op, received(status)))).toBeUndefined();
    for (const status of [400, 409, 422]) expect(await failureOf('positive_data_acceptance', exchangeOf(op, received(status)))).toBeInstanceOf(CheckFailure);
    expect(await failureOf('positive_data_acceptance', exchangeOf(op, received(422), invalid))).toBeUndefined();
  });

  it('positive_data_acceptance takes statuses for the run, per operation, and from the spec\'s state refusals', async () => {
    const check = CHECKS.positive_data_acceptance?.check;
    const judge = async (options: Partial<CheckContext['options']>, operationUnderTest: Operation, status: number) => {
      const ctx = contextAnswering([], () => received(200));
      try {
        await check?.({ ...ctx, options: { ...ctx.options, ...options } }, exchangeOf(operationUnderTest, received(status)));
        return 'accepted';
      } catch (error) {
        if (error instanceof CheckFailure) return 'finding';
        throw error;
      }
    };
    expect(await judge({ expectedStatuses: ['2XX', '409'] }, op, 409)).toBe('accepted');
    expect(await judge({ expectedStatuses: ['2XX', '409'] }, op, 404)).toBe('finding');
    const perOperation = { expectedStatuses: ['2XX'], operationExpectedStatuses: { [op.id]: ['2XX', '422'] } };
    expect(await judge(perOperation, op, 422)).toBe('accepted');
    expect(await judge(perOperation, operation({ id: 'other' }), 422)).toBe('finding');
    const refusing = operation({ id: 'nextId', extensions: { 'x-hypersim-state-refusals': [{ status: 400, when: 'the id is taken' }] } });
    expect(await judge({}, refusing, 400)).toBe('accepted');
    expect(await judge({}, refusing, 409)).toBe('finding');
  });

  it('ignored_auth applies to secured operations only', async () => {
    expect(await failureOf('ignored_auth', exchangeOf(op, received(201), { auth: 'none' }))).toBeInstanceOf(CheckFailure);
    expect(await failureOf('ignored_auth', exchangeOf(op, received(403), { auth: 'bad' }))).toBeUndefined();
    expect(await failureOf('ignored_auth', exchangeOf({ ...op, secured: false }, received(201), { auth: 'none' }))).toBeUndefined();
  });

  it('unsupported_method takes 501 and a 405 with Allow; a 405 without Allow is a low finding', async () => {
    const probe = { expectation: 'invalid' as const, violation: { location: 'method' as const, name: 'PATCH', kind: 'method' as const, description: 'PATCH' } };
    expect(await failureOf('unsupported_method', exchangeOf(op, received(501), probe))).toBeUndefined();
    expect(await failureOf('unsupported_method', exchangeOf(op, received(405, undefined, { allow: 'POST' }), probe))).toBeUndefined();
    expect((await failureOf('unsupported_method', exchangeOf(op, received(405), probe)))?.severity).toBe('low');
    expect((await failureOf('unsupported_method', exchangeOf(op, received(404), probe)))?.title).toBe('Unsupported method not answered with 405');
  });

  it('max_response_time is silent without a limit and fails above it', async () => {
    const slow = { ...received(200), elapsedMs: 250 };
    expect(await failureOf('max_response_time', exchangeOf(op, slow))).toBeUndefined();
    const limited = contextAnswering([], () => received(200), { maxResponseTimeMs: 100 });
    expect((await failureOf('max_response_time', exchangeOf(op, slow), limited))?.actual).toBe('250 ms');
    expect(await failureOf('max_response_time', exchangeOf(op, { ...slow, elapsedMs: 100 }), limited)).toBeUndefined();
  });
});
