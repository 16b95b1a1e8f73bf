// The proof: each deliberately broken server is caught by exactly the checks that own its defect, and a
// correct server passes every check, for the 3.0 (nullable) and the 3.1 (type unions) fixture alike.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import type { CheckFailure } from '../../src/types.js';
import { fetchThrough } from './support/msw-fetch.js';
import { DEFAULT_CHECKS, exchange, fixtureOperations, makeContext, runChecks, type Flavour, type RigOptions } from './support/rig.js';
import { scriptCases } from './support/script.js';
import { vmServer, type Defect } from './support/vm-server.js';

const FLAVOURS: Flavour[] = ['vms-3.0.yaml', 'vms-3.1.yaml'];
const ALL_CHECKS = Object.keys(CHECKS);

async function findings(flavour: Flavour, defects: Defect[], checks: readonly string[] = DEFAULT_CHECKS, options: RigOptions = {}) {
  const operations = await fixtureOperations(flavour);
  const ctx = makeContext(fetchThrough(vmServer(new Set(defects))), operations, options);
  const found: CheckFailure[] = [];
  for (const sent of scriptCases(operations)) {
    found.push(...(await runChecks(ctx, await exchange(ctx, sent), checks)));
  }
  return found;
}

const checkNames = (found: CheckFailure[]) => [...new Set(found.map((failure) => failure.check))].sort();

// Where one defect legitimately breaks two contracts (an undocumented 500 is both a server error and an
// undocumented status), both owners are listed; anything else firing is a false positive.
const CAUGHT_BY: Array<[Defect, string[]]> = [
  ['crash-on-bad-input', ['negative_data_rejection', 'not_a_server_error', 'status_code_conformance']],
  ['undocumented-status', ['status_code_conformance']],
  ['wrong-content-type', ['content_type_conformance']],
  ['wrong-field-type', ['response_schema_conformance']],
  ['missing-required-field', ['response_schema_conformance']],
  ['null-in-non-nullable', ['response_schema_conformance']],
  ['missing-response-header', ['response_headers_conformance']],
  ['missing-header-accepted', ['missing_required_header']],
  ['ignores-auth', ['ignored_auth']],
  ['readable-after-delete', ['use_after_free']],
  ['created-not-readable', ['ensure_resource_availability']],
  ['task-never-ends', ['async_task_completion']],
  ['task-end-breaks-schema', ['response_schema_conformance']],
  ['undocumented-5xx', ['not_a_server_error', 'status_code_conformance']],
  ['documented-5xx-bad-body', ['not_a_server_error', 'response_schema_conformance']],
  ['accepts-unsupported-method', ['unsupported_method']],
];

describe.each(FLAVOURS)('checks against msw servers (%s)', (flavour) => {
  it('a correct server passes every check, opt-in ones included, with zero findings', async () => {
    const found = await findings(flavour, [], ALL_CHECKS, { maxResponseTimeMs: 1_000, now: () => 0 });
    expect(found.map((failure) => failure.message)).toEqual([]);
  });

  it.each(CAUGHT_BY)('%s is caught by %j and nothing else', async (defect, expected) => {
    const found = await findings(flavour, [defect]);
    expect(checkNames(found)).toEqual(expected);
    for (const failure of found) {
      expect(failure.dedupKey).toContain(failure.check);
      expect(failure.expected).not.toBe('');
      expect(failure.actual).not.toBe('');
    }
  });

  it('positive_data_acceptance alone, on by default, catches a server that rejects valid input with a documented 400', async () => {
    const found = await findings(flavour, ['rejects-valid-input']);
    expect(checkNames(found)).toEqual(['positive_data_acceptance']);
  });
});

describe('what the findings say', () => {
  const only = async (defect: Defect, check: string) => {
    const found = (await findings('vms-3.1.yaml', [defect])).filter((failure) => failure.check === check);
    expect(found.length).toBeGreaterThan(0);
    return found;
  };

  it('names the broken field and the broken keyword', async () => {
    const [wrongType] = await only('wrong-field-type', 'response_schema_conformance');
    expect(wrongType?.actual).toMatch(/\/memory must be integer/);
    const [missing] = await only('missing-required-field', 'response_schema_conformance');
    expect(missing?.actual).toMatch(/must have required property 'name'/);
  });

  it('tells a task that never ends from one whose end state breaks the schema', async () => {
    const never = await only('task-never-ends', 'async_task_completion');
    expect(never.map((failure) => failure.title)).toEqual(['Task never ended', 'Task never ended']);
    const broken = await only('task-end-breaks-schema', 'response_schema_conformance');
    expect(broken[0]?.title).toBe('Task end state does not match its schema');
    expect(broken[0]?.actual).toMatch(/exitstatus must be string/);
  });

  it('reports use after free with the follow-up read that still succeeded', async () => {
    const [finding] = await only('readable-after-delete', 'use_after_free');
    expect(finding?.title).toBe('Resource still readable after delete');
    expect(finding?.expected).toContain('GET http://vms.test/api/vms/101');
  });

  it('rates accepted unauthenticated access as critical', async () => {
    const found = await only('ignores-auth', 'ignored_auth');
    expect(found.map((failure) => failure.severity)).toEqual(['critical', 'critical']);
  });
});
