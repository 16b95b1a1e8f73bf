import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { serveFetch } from './support/serve-fetch.js';
import { vmsServer } from './support/vms-server.js';
import { parseXml } from './support/xml.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
import { PVE_COMMUNITY_SPEC as PVE_COMMUNITY } from '../../test-support/fixtures.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: { CI: 'true', PVE_PASSWORD: 'from-env' },
  });
  return { code, stdout, stderr };
}

describe('hypersim test: usage errors exit 2 with one clear line', () => {
  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [[], /give --spec FILE\|URL or --api NAME/],
    [['--spec', fixture('missing.yaml'), '--dry-run'], /file not found/],
    [['--spec', fixture('swagger2.json'), '--dry-run'], /only OpenAPI 3.0 and 3.1 are supported/],
    [['--spec', fixture('broken.json'), '--dry-run'], /cannot read or parse/],
    [['--spec', fixture('vms.yaml'), '--max-examples', 'lots'], /--max-examples must be an integer/],
    [['--spec', fixture('vms.yaml'), '--checks', 'not_a_check'], /unknown check\(s\): not_a_check/],
    [['--spec', fixture('vms.yaml'), '--phases', 'examples,chaos'], /unknown phase\(s\): chaos/],
    [['--spec', fixture('vms.yaml'), '--target', 'prod'], /argument 'prod' is invalid|--target must be 'sim'/],
    [['--spec', fixture('vms.yaml'), '--rate-limit', 'fast'], /--rate-limit must look like/],
    [['--spec', fixture('vms.yaml'), '--header', 'no-colon'], /must look like 'Name: value'/],
    [['--spec', fixture('vms.yaml'), '--target', 'sim'], /--target sim needs --api NAME/],
    [['--spec', PVE_COMMUNITY, '--strict-spec', '--dry-run'], /not valid OpenAPI \(--strict-spec\)/],
    [['--config', '/nonexistent/hypersim.test.yaml'], /cannot read the file/],
  ])('%j', async (argv, message) => {
    const { code, stderr, stdout } = await cli(...(argv as string[]));
    expect(code).toBe(2);
    expect(stderr).toMatch(message as RegExp);
    expect(stderr + stdout).not.toMatch(/\n\s+at /);
  });

  it('an unreachable endpoint fails the login with a clear message', async () => {
    const closed = await serveFetch(async () => new Response(null));
    const url = `${closed.url.replace('http:', 'https:')}/api2/json`;
    await closed.close();
    const { code, stderr } = await cli('--spec', PVE_COMMUNITY, '--base-url', url, '--auth', 'root@pam:x', '--phases', 'auth');
    expect(code).toBe(2);
    expect(stderr).toContain(`hypersim test: cannot log in at ${url}: request failed: ECONNREFUSED`);
  });

  it('--help exits 0 and lists the options', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--base-url');
    expect(stdout).toContain('--dry-run');
  });
});

describe('hypersim test --target sim', () => {
  it('runs against the in-process simulator and exits 0', async () => {
    const { code, stdout } = await cli('--api', 'pve', '--target', 'sim', '--phases', 'examples,auth', '--max-examples', '2');
    expect(stdout).toContain('auth: PVE ticket for root@pam');
    expect(stdout).toContain('PASSED');
    expect(code).toBe(0);
  });

  it('names an API the simulator does not have', async () => {
    const { code, stderr } = await cli('--api', 'nosuch', '--target', 'sim');
    expect(code).toBe(2);
    expect(stderr).toContain('there is no specs/nosuch.yaml');
  });
});

describe('hypersim test --dry-run on a large invalid third-party spec', () => {
  it('prints the warnings and the plan, and exits 0', async () => {
    const { code, stdout, stderr } = await cli('--spec', PVE_COMMUNITY, '--base-url', 'https://pve.staging:8006', '--dry-run', '--max-examples', '5');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/The spec has \d+ problem\(s\)/);
    expect(stdout).toContain('warning: ');
    expect(stdout).toMatch(/Plan \(dry run, nothing sent\): 628 operations/);
    expect(stdout).toContain('Target: https://pve.staging:8006');
    expect(stdout).toMatch(/At most \d+ requests/);
  });
});

describe('hypersim test against a live endpoint', () => {
  const good = vmsServer();
  const bad = vmsServer(['crash-on-bad-memory']);
  let goodUrl = '';
  let badUrl = '';
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    const first = await serveFetch(good.handle);
    const second = await serveFetch(bad.handle);
    goodUrl = first.url;
    badUrl = second.url;
    closers.push(first.close, second.close);
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('exits 0 when everything passes', async () => {
    const { code, stdout } = await cli('--spec', fixture('vms.yaml'), '--base-url', goodUrl, '--header', 'X-API-Key: k-1', '--max-examples', '5');
    expect(stdout).toContain('PASSED');
    expect(code).toBe(0);
  });

  it('exits 1 on a finding, prints a reproducer and writes JUnit and JSON (into folders it creates)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hypersim-cli-'));
    const junit = join(dir, 'reports', 'junit.xml');
    const json = join(dir, 'reports', 'json', 'report.json');
    const { code, stdout } = await cli(
      '--spec', fixture('vms.yaml'), '--base-url', badUrl, '--header', 'X-API-Key: k-1', '--phases', 'negative', '--seed', '42', '--junit', junit, '--json', json,
    );
    expect(code).toBe(1);
    expect(stdout).toContain('[not_a_server_error]');
    expect(stdout).toMatch(/reproduce: curl -sS -i -X POST .*-H 'X-API-Key: '"\$HYPERSIM_AUTH" .*'http:\/\/127\.0\.0\.1:\d+\/api\/v1\/vms'/);
    expect(stdout).toContain('(set HYPERSIM_AUTH to your credentials first)');
    expect(stdout).toContain('--seed 42');
    expect(stdout).toContain('FAILED');
    const suites = parseXml(await readFile(junit, 'utf8'));
    expect(Number(suites.attributes.failures)).toBeGreaterThan(0);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report.findings.some((finding: { check: string }) => finding.check === 'not_a_server_error')).toBe(true);
    expect(report.seed).toBe(42);
  });

  it('reads settings from --config with ${ENV} substitution', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hypersim-cli-'));
    const config = join(dir, 'hypersim.test.yaml');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(config, [`spec: ${fixture('vms.yaml')}`, `base-url: ${goodUrl}`, 'header: ["X-API-Key: ${API_KEY:-k-1}"]', 'phases: [examples]'].join('\n'));
    const { code, stdout } = await cli('--config', config);
    expect(stdout).toContain('PASSED');
    expect(code).toBe(0);
  });
});
