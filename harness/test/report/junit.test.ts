import { describe, expect, it } from 'vitest';
import { toJunit } from '../../src/report/junit.js';
import { toJson } from '../../src/report/json.js';
import type { Finding, RunResult } from '../../src/run-types.js';
import { parseXml } from '../support/xml.js';

const finding: Finding = {
  check: 'not_a_server_error',
  title: 'Server error <500> & "boom"',
  severity: 'high',
  expected: 'no 5xx',
  actual: "500 Internal 'error' \u0001",
  operationId: 'getVm',
  method: 'GET',
  path: '/vms/{id}',
  phase: 'fuzz',
  occurrences: 3,
  request: { method: 'GET', url: 'https://vms.test/api/v1/vms/vm-1', headers: {} },
  response: { status: 500, statusText: 'Internal', headers: {}, body: '{}' },
  curl: "curl -sS -i -X GET 'https://vms.test/api/v1/vms/vm-1'",
  seed: 7,
};

function result(findings: Finding[]): RunResult {
  return {
    seed: 7,
    spec: { source: 'vms.yaml', title: 'Tiny <VM> API', version: '1', warnings: [] },
    baseUrl: 'https://vms.test/api/v1',
    authentication: 'headers X-API-Key',
    phases: ['fuzz'],
    checks: ['not_a_server_error', 'status_code_conformance'],
    dryRun: false,
    plan: [],
    findings,
    counts: { operations: 2, requests: 20, checksRun: 40, findings: findings.length, transportErrors: 0 },
    checkStats: { not_a_server_error: { passed: 17, failed: 3 }, status_code_conformance: { passed: 20, failed: 0 } },
    operationStats: [
      { operationId: 'getVm', method: 'GET', path: '/vms/{id}', requests: 10, checks: { not_a_server_error: { passed: 7, failed: 3 }, status_code_conformance: { passed: 10, failed: 0 } } },
      { operationId: 'listVms', method: 'GET', path: '/vms', requests: 10, checks: { not_a_server_error: { passed: 10, failed: 0 }, status_code_conformance: { passed: 10, failed: 0 } } },
    ],
    cleanup: [],
    stoppedEarly: false,
    durationMs: 1234,
    passed: findings.length === 0,
  };
}

describe('toJunit', () => {
  it('writes well-formed XML: a suite per operation, a case per operation x check, failures with messages', () => {
    const root = parseXml(toJunit(result([finding])));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '4', failures: '1', time: '1.234' });
    expect(root.attributes.name).toContain('Tiny <VM> API');
    const [getVm, listVms] = root.children;
    expect(getVm?.attributes).toMatchObject({ name: 'GET /vms/{id} (getVm)', tests: '2', failures: '1' });
    expect(listVms?.attributes).toMatchObject({ tests: '2', failures: '0' });
    const failing = getVm?.children.find((testcase) => testcase.attributes.name === 'getVm not_a_server_error');
    const failure = failing?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes).toEqual({ message: 'Server error <500> & "boom"', type: 'not_a_server_error' });
    expect(failure?.text).toContain("curl -sS -i -X GET 'https://vms.test/api/v1/vms/vm-1'");
    expect(failure?.text).toContain('seed: 7');
    expect(getVm?.children.find((testcase) => testcase.attributes.name === 'getVm status_code_conformance')?.children).toEqual([]);
  });

  it('is still well-formed with no operations', () => {
    const empty = { ...result([]), operationStats: [] };
    expect(parseXml(toJunit(empty)).attributes).toMatchObject({ tests: '0', failures: '0' });
  });

  it('the XML reader used here does reject malformed XML', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow();
  });
});

describe('toJson', () => {
  it('round-trips the result', () => {
    const parsed = JSON.parse(toJson(result([finding])));
    expect(parsed.tool).toBe('hypersim');
    expect(parsed.findings[0]).toEqual(finding);
    expect(parsed.checkStats.not_a_server_error).toEqual({ passed: 17, failed: 3 });
  });
});
