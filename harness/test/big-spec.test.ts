// A 13 MB document with 1,200 operations loads and plans (the timing is measured by `npm run bench`,
// not asserted here).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runContractTests } from '../src/index.js';
import { writeBigSpec } from '../../test-support/big-spec.js';

describe('a 13 MB spec with 1,200 operations', () => {
  it('loads and plans in a dry run', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hypersim-big-')), 'big.json');
    const written = writeBigSpec(path, { operations: 1200, bytes: 13_000_000 });
    expect(written.operations).toBe(1200);
    expect(written.bytes).toBeGreaterThan(12_500_000);
    const result = await runContractTests({ spec: path, baseUrl: 'https://pve.example:8006/api2/json', dryRun: true });
    expect(result.plan).toHaveLength(1200);
    expect(result.spec.warnings.length).toBeGreaterThan(0);
  }, 60_000);
});
