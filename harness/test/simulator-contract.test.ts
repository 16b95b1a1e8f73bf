// `npm test` runs the harness against the in-process simulator for every spec in specs/ with a fixed
// seed: the simulator must honour its own contract with zero findings.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPLEMENTED_APIS } from '../../simulator/src/simulator.js';
import { runContractTests } from '../src/index.js';

const SPECS = fileURLToPath(new URL('../../specs/', import.meta.url));
const apis = readdirSync(SPECS)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.replace(/\.yaml$/, ''))
  .filter((api) => (IMPLEMENTED_APIS as readonly string[]).includes(api));

describe('the simulator honours its own specs', () => {
  it('has at least one spec to check', () => {
    expect(apis.length).toBeGreaterThan(0);
  });

  it.each(apis)('%s: zero findings with seed 1', async (api) => {
    const result = await runContractTests({ api, target: 'sim', seed: 1, maxExamples: 10 });
    const summary = result.findings.map((finding) => `${finding.check} ${finding.operationId}: ${finding.title} | ${finding.actual} | ${finding.curl}`);
    expect(summary).toEqual([]);
    expect(result.counts.requests).toBeGreaterThan(100);
  }, 120_000);
});
