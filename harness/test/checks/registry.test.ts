import { describe, expect, it } from 'vitest';
import { CHECKS, UnknownCheckError, onlyWhen, selectChecks, skipOnStatus } from '../../src/checks/index.js';
import { evaluateRuntimeExpression } from '../../src/checks/runtime-expression.js';
import { CheckFailure, type Check } from '../../src/types.js';
import { contextAnswering, exchangeOf, operation, received, receivedJson } from './support/synthetic.js';

const ISSUE_CHECKS = [
  'not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance',
  'response_headers_conformance', 'negative_data_rejection', 'positive_data_acceptance', 'missing_required_header',
  'ignored_auth', 'unsupported_method', 'use_after_free', 'ensure_resource_availability', 'max_response_time',
  'async_task_completion',
];

describe('the check registry', () => {
  it('holds every check the issue names, each described, only max_response_time opt-in', () => {
    expect(Object.keys(CHECKS).sort()).toEqual([...ISSUE_CHECKS].sort());
    expect(Object.values(CHECKS).every((entry) => entry.description.length > 10)).toBe(true);
    const optIn = Object.entries(CHECKS).filter(([, entry]) => !entry.defaultEnabled).map(([name]) => name);
    expect(optIn).toEqual(['max_response_time']);
  });

  it('selects defaults, named checks and exclusions, and refuses unknown names', () => {
    expect(selectChecks().has('positive_data_acceptance')).toBe(true);
    expect(selectChecks().has('max_response_time')).toBe(false);
    expect([...selectChecks(['max_response_time', 'ignored_auth'], ['ignored_auth']).keys()]).toEqual(['max_response_time']);
    expect(selectChecks(undefined, ['not_a_server_error']).has('not_a_server_error')).toBe(false);
    expect(() => selectChecks(['no_such_check'])).toThrow(UnknownCheckError);
  });

  it('throws CheckFailures that name the check that raised them', async () => {
    const ctx = contextAnswering([], () => received(200));
    try {
      await CHECKS.status_code_conformance?.check(ctx, exchangeOf(operation({ responses: [{ status: '200', headers: {}, content: {}, links: {} }] }), received(418)));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CheckFailure);
      expect((error as CheckFailure).check).toBe('status_code_conformance');
      expect((error as CheckFailure).dedupKey).toBe('status_code_conformance|getThing|418');
    }
  });
});

describe('guards', () => {
  const calls: number[] = [];
  const record: Check = function recordStatus(_ctx, exchange) {
    calls.push(exchange.response.status);
  };
  const ctx = contextAnswering([], () => received(200));

  it('onlyWhen and skipOnStatus decide whether the wrapped check runs, and keep its name', async () => {
    calls.length = 0;
    const guarded = skipOnStatus([404, '5XX'], onlyWhen((_c, e) => e.case.auth === 'default', record));
    expect(guarded.name).toBe('recordStatus');
    for (const status of [200, 404, 503, 201]) await guarded(ctx, exchangeOf(operation(), received(status)));
    await guarded(ctx, exchangeOf(operation(), received(204), { auth: 'none' }));
    expect(calls).toEqual([200, 201]);
  });
});

describe('runtime expressions', () => {
  const exchange = exchangeOf(operation({ method: 'POST' }), { ...receivedJson(201, { data: { id: 7 } }), headers: { 'content-type': 'application/json', location: '/things/7' } }, {
    pathParams: { id: '1' },
    query: { tag: ['a', 'b'] },
    headers: { 'X-Trace': 'abc' },
    body: { newid: 9, 'a/b': { '~x': 1 } },
  });
  exchange.request.headers['X-Trace'] = 'abc';

  it.each([
    ['$request.path.id', '1'],
    ['$request.query.tag', 'a'],
    ['$request.header.x-trace', 'abc'],
    ['$request.body#/newid', 9],
    ['$request.body#/a~1b/~0x', 1],
    ['$response.body#/data/id', 7],
    ['$response.header.Location', '/things/7'],
    ['$statusCode', 201],
    ['$method', 'POST'],
    ['/things/{$response.body#/data/id}/disks', '/things/7/disks'],
    [42, 42],
    ['plain', 'plain'],
    ['$response.body#/missing', undefined],
  ])('%s -> %j', (expression, expected) => {
    expect(evaluateRuntimeExpression(expression, exchange)).toEqual(expected);
  });
});
