import { describe, expect, it } from 'vitest';
import { formatPlan, formatSummary, formatWarnings, progressPrinter, wantsLiveProgress } from '../../src/report/console.js';
import type { RunResult } from '../../src/run-types.js';

const base: RunResult = {
  seed: 9,
  spec: { source: 's.yaml', title: 'T', version: '1', warnings: [] },
  baseUrl: 'https://h/api',
  authentication: 'PVE ticket for root@pam',
  phases: ['fuzz', 'auth'],
  checks: ['not_a_server_error'],
  dryRun: false,
  plan: [{ operationId: 'getVm', method: 'GET', path: '/vms/{id}', requests: { fuzz: 10, auth: 2 } }],
  findings: [],
  counts: { operations: 1, requests: 12, checksRun: 12, findings: 0, transportErrors: 0 },
  checkStats: { not_a_server_error: { passed: 12, failed: 0 } },
  operationStats: [{ operationId: 'getVm', method: 'GET', path: '/vms/{id}', requests: 12, checks: { not_a_server_error: { passed: 12, failed: 0 } } }],
  cleanup: [],
  stoppedEarly: false,
  durationMs: 1500,
  passed: true,
};

describe('console report', () => {
  it('summarises a passing run per operation and per check', () => {
    const text = formatSummary(base).join('\n');
    expect(text).toMatch(/getVm\s+GET \/vms\/\{id\}\s+12\s+ok/);
    expect(text).toMatch(/not_a_server_error\s+12\s+0/);
    expect(text).toContain('PASSED: 1 operations, 12 requests, 12 checks, 0 finding(s) in 1.5 s');
  });

  it('shows each finding with expectation, answer, reproducer, credentials hint and replay seed', () => {
    const failing: RunResult = {
      ...base,
      passed: false,
      findings: [
        {
          check: 'not_a_server_error', title: 'Server error', severity: 'critical', expected: 'no 5xx', actual: '500 boom',
          operationId: 'getVm', method: 'GET', path: '/vms/{id}', phase: 'fuzz', occurrences: 4,
          request: { method: 'GET', url: 'https://h/api/vms/1', headers: { Cookie: 'PVEAuthCookie=$HYPERSIM_AUTH' } },
          curl: `curl -sS -i -X GET -H 'Cookie: PVEAuthCookie='"$HYPERSIM_AUTH" 'https://h/api/vms/1'`, seed: 9,
        },
      ],
      operationStats: [{ ...base.operationStats[0]!, checks: { not_a_server_error: { passed: 8, failed: 4 } } }],
      cleanup: [{ description: 'VM 200 on pve1', method: 'DELETE', url: 'https://h/api/nodes/pve1/qemu/200', outcome: 'left' }],
    };
    const text = formatSummary(failing).join('\n');
    expect(text).toMatch(/getVm\s+GET \/vms\/\{id\}\s+12\s+not_a_server_error/);
    expect(text).toContain('1. [not_a_server_error] Server error   (critical)');
    expect(text).toContain('phase fuzz, seen 4 times');
    expect(text).toContain('expected: no 5xx');
    expect(text).toContain('actual:   500 boom');
    expect(text).toContain(`reproduce: curl -sS -i -X GET -H 'Cookie: PVEAuthCookie='"$HYPERSIM_AUTH" 'https://h/api/vms/1'`);
    expect(text).toContain('(set HYPERSIM_AUTH to your credentials first)');
    expect(text).toContain('replay the run: --seed 9 --phases fuzz,auth');
    expect(text).toContain('left    VM 200 on pve1');
    expect(text).toContain('(run with --cleanup to delete them)');
    expect(text).toContain('FAILED');
  });

  it('prints the plan with totals, and summarises long warning lists', () => {
    const text = formatPlan({ ...base, dryRun: true }).join('\n');
    expect(text).toMatch(/getVm\s+GET \/vms\/\{id\}\s+10\s+2/);
    expect(text).toMatch(/total\s+10\s+2/);
    expect(text).toContain('At most 12 requests');
    const warnings = formatWarnings(Array.from({ length: 30 }, (_, index) => `problem ${index}`), 10);
    expect(warnings[0]).toContain('30 problem(s)');
    expect(warnings).toContain('  warning: ... and 20 more');
  });

  it('shows live progress only on a terminal outside CI', () => {
    expect(wantsLiveProgress({ isTTY: true }, {})).toBe(true);
    expect(wantsLiveProgress({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(wantsLiveProgress({ isTTY: false }, {})).toBe(false);
    let written = '';
    progressPrinter({ write: (text) => (written += text), live: true })({ phase: 'fuzz', operationId: 'getVm', requests: 3, findings: 0 });
    expect(written).toContain('fuzz: getVm | 3 requests, 0 findings');
    let quiet = '';
    progressPrinter({ write: (text) => (quiet += text), live: false })({ phase: 'fuzz', operationId: 'getVm', requests: 3, findings: 0 });
    expect(quiet).toBe('');
  });
});
