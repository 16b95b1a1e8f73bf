// GitHub's REST description (npm @octokit/openapi: 13 MB, deep $refs, 1,500 examples), the real-world
// spec the planning budget is measured on (`npm run bench`; no timing is asserted here): it plans,
// audits its examples with each component schema converted once, and a run against an endpoint that
// cannot be reached stops at once with one clear line.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatorStats } from '../src/checks/schema-validator.js';
import { TargetError } from '../src/target.js';
import { runContractTests } from '../src/index.js';
import { serveFetch } from './support/serve-fetch.js';

const GITHUB = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');

describe("GitHub's REST description", () => {
  it('plans every operation and audits the examples, converting each component schema once', async () => {
    const components = Object.keys((JSON.parse(readFileSync(GITHUB, 'utf8')) as { components: { schemas: object } }).components.schemas).length;
    const before = validatorStats();
    const result = await runContractTests({ spec: GITHUB, dryRun: true });
    expect(result.plan.length).toBeGreaterThan(1000);
    expect(result.spec.warnings.some((warning) => /example.* does not match its schema/.test(warning))).toBe(true);
    const after = validatorStats();
    expect(after.components - before.components).toBeGreaterThan(100);
    expect(after.components - before.components).toBeLessThanOrEqual(components);
    // examples are interpreted, never compiled
    expect(after.compiled).toBe(before.compiled);
  }, 120_000);

  it('a full run against an endpoint that cannot be reached fails at once with a clear message', async () => {
    const closed = await serveFetch(async () => new Response(null));
    await closed.close();
    const run = runContractTests({ spec: GITHUB, baseUrl: closed.url, phases: ['fuzz'] });
    await expect(run).rejects.toThrow(TargetError);
    await expect(run).rejects.toThrow(`cannot reach ${closed.url}: request failed: ECONNREFUSED`);
  }, 120_000);
});
