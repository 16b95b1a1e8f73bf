// --shard i/n takes a deterministic share of the operations; `hypersim report merge` joins the shards'
// JSON reports into one JSON and one JUnit report with the totals of a single run.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runContractTests } from '../src/index.js';
import { main as reportMain } from '../src/report-cli.js';
import { toJson } from '../src/report/json.js';
import { toJunit } from '../src/report/junit.js';
import { parseShard, shardOperations } from '../src/shard.js';
import { loadSpec } from '../src/spec.js';
import { vmsServer } from './support/vms-server.js';

const SPEC = fileURLToPath(new URL('./fixtures/vms.yaml', import.meta.url));
const PVE = fileURLToPath(new URL('../../specs/pve.yaml', import.meta.url));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) }, env: {} } };
}

describe('--shard i/n', () => {
  it('splits the operations into disjoint, near-equal shares, whatever the order of the document', async () => {
    const { operations } = await loadSpec(PVE);
    const shares = [1, 2, 3].map((index) => shardOperations(operations, { index, total: 3 }, 1).map((operation) => operation.id));
    expect(shares.flat().sort()).toEqual(operations.map((operation) => operation.id).sort());
    expect(new Set(shares.flat()).size).toBe(operations.length);
    const sizes = shares.map((share) => share.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const reversed = shardOperations([...operations].reverse(), { index: 2, total: 3 }, 1).map((operation) => operation.id);
    expect(reversed.sort()).toEqual([...(shares[1] ?? [])].sort());
    expect(shardOperations(operations, { index: 2, total: 3 }, 2).map((operation) => operation.id)).not.toEqual(shares[1]);
    expect(() => parseShard('0/3')).toThrow(/--shard/);
    expect(() => parseShard('4/3')).toThrow(/--shard/);
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
  });

  it('merged shard reports have the totals, findings and JUnit test count of a single run', async () => {
    const options = (extra = {}) => ({ spec: SPEC, fetch: vmsServer(['wrong-field-type', 'ignores-auth']).handle, headers: { 'X-API-Key': 'k-1' }, seed: 1, maxExamples: 5, ...extra });
    const single = await runContractTests(options());
    const dir = await mkdtemp(join(tmpdir(), 'hypersim-shards-'));
    const paths: string[] = [];
    for (const index of [1, 2, 3]) {
      const shard = await runContractTests(options({ shard: { index, total: 3 } }));
      expect(shard.shard).toEqual({ index, total: 3 });
      paths.push(join(dir, `shard-${index}.json`));
      await writeFile(paths.at(-1) as string, toJson(shard));
    }
    const { out, io: streams } = io();
    const code = await reportMain(['merge', ...paths, '--json', join(dir, 'all.json'), '--junit', join(dir, 'all.xml')], streams);
    expect(code).toBe(1);
    expect(out.join('')).toContain('FAILED');
    const merged = JSON.parse(await readFile(join(dir, 'all.json'), 'utf8'));
    expect(merged.counts).toEqual(single.counts);
    expect(merged.checkStats).toEqual(single.checkStats);
    const key = (finding: { check: string; operationId: string; title: string }) => `${finding.check} ${finding.operationId} ${finding.title}`;
    expect(merged.findings.map(key).sort()).toEqual(single.findings.map(key).sort());
    const tests = (xml: string) => /<testsuites [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml)?.slice(1);
    expect(tests(await readFile(join(dir, 'all.xml'), 'utf8'))).toEqual(tests(toJunit(single)));
  }, 60_000);

  it('refuses reports that are not shards of one run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hypersim-shards-'));
    const a = await runContractTests({ spec: SPEC, dryRun: true, seed: 1, shard: { index: 1, total: 2 } });
    const b = await runContractTests({ spec: SPEC, dryRun: true, seed: 2, shard: { index: 2, total: 2 } });
    await writeFile(join(dir, 'a.json'), toJson(a));
    await writeFile(join(dir, 'b.json'), toJson(b));
    await writeFile(join(dir, 'junk.json'), '{"hello": 1}');
    const mixed = io();
    expect(await reportMain(['merge', join(dir, 'a.json'), join(dir, 'b.json')], mixed.io)).toBe(2);
    expect(mixed.err.join('')).toMatch(/not shards of one run/);
    const twice = io();
    expect(await reportMain(['merge', join(dir, 'a.json'), join(dir, 'a.json')], twice.io)).toBe(2);
    expect(twice.err.join('')).toMatch(/shards 1\.\.2 of 2 once each/);
    const junk = io();
    expect(await reportMain(['merge', join(dir, 'junk.json')], junk.io)).toBe(2);
    expect(junk.err.join('')).toMatch(/not a hypersim test --json report/);
  });
});
