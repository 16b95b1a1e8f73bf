// The published package, as another project gets it: `npm pack` (which builds dist/), installed from the
// tarball into an empty project, then `npx hypersim serve`, `npx hypersim test`, and the three entry
// points from plain Node ESM, from TypeScript and from that project's own vitest (no config, no tsx).
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/core/package-files.js';

/** The child processes get the machine's environment, not the settings of this vitest or npm run. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_OPTIONS$|npm_lifecycle_|npm_package_|npm_config_local_prefix$)/.test(k)));
const NETWORK_ERROR = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ENOTCACHED/;

function run(command: string, args: string[], cwd: string, timeoutMs = 180_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', timeout: timeoutMs });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe('the npm package', () => {
  let work: string;
  let consumer: string;
  let files: string[] = [];
  let skipReason: string | undefined;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'hypersim-package-'));
    const packed = JSON.parse(ok(run('npm', ['pack', '--json', '--pack-destination', work], PACKAGE_ROOT), 'npm pack')) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed[0]!.files.map((f) => f.path);
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // Install scripts are skipped (better-sqlite3's would compile for minutes here); its native binary
    // is taken from this repository's own install below, which is what its script would have produced.
    const install = run('npm', ['install', join(work, packed[0]!.filename), 'msw@2', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], consumer);
    if (install.status !== 0 && NETWORK_ERROR.test(install.stderr)) {
      skipReason = `the npm registry is unreachable (${NETWORK_ERROR.exec(install.stderr)![0]})`;
      return;
    }
    ok(install, 'npm install of the tarball');
    provideSqliteBinary(consumer);
    // the consumer's vitest is this repository's (installing one would fetch ~100 packages)
    symlinkSync(join(PACKAGE_ROOT, 'node_modules', 'vitest'), join(consumer, 'node_modules', 'vitest'), 'dir');
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const skipIfOffline = (ctx: { skip: () => void }) => {
    if (!skipReason) return;
    console.log(`hypersim: package install tests SKIPPED: ${skipReason}`);
    ctx.skip();
  };

  it('holds compiled JavaScript with declarations and the shipped files, and no TypeScript sources', () => {
    expect(files).toEqual(expect.arrayContaining([
      'bin/hypersim.js', 'dist/simulator/src/simulator.js', 'dist/simulator/src/simulator.d.ts', 'dist/harness/src/index.js',
      'dist/harness/src/msw.d.ts', 'dist/simulator/src/cli.js', 'specs/pve.yaml', 'simulator/src/scenarios/default.yaml',
      'simulator/ui/dashboard.html', 'simulator/ui/dashboard.js',
    ]));
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /test/.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(manifest.peerDependencies).toHaveProperty('msw');
    expect(manifest.dependencies).not.toHaveProperty('tsx');
  });

  it('installs without tsx and serves the API, the dashboard and the docs with `npx hypersim serve`', async (ctx) => {
    skipIfOffline(ctx);
    expect(existsSync(join(consumer, 'node_modules', 'tsx'))).toBe(false);
    // its own process group: npx does not pass SIGTERM on to the server it started
    const server = spawn('npx', ['hypersim', 'serve', '--port', 'pve=0', '--no-tls', '--data', ':memory:', '--clock', 'manual', '--quiet'], { cwd: consumer, env: ENV, detached: true });
    const exited = new Promise((resolve) => server.on('exit', resolve));
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no banner from hypersim serve:\n${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /^pve\s+(http:\/\/\S+?)\/api2\/json/m.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        };
        server.stdout.on('data', read);
        server.stderr.on('data', read);
        server.on('exit', (code) => reject(new Error(`hypersim serve exited ${code}:\n${output}`)));
      });
      const version = await fetch(`${origin}/api2/json/version`);
      expect(version.status).toBe(401);
      const apis = (await (await fetch(`${origin}/_sim/apis`)).json()) as { apis: Array<{ inventory: { tables: unknown[] } }> };
      expect(apis.apis[0]!.inventory.tables).toHaveLength(3);
      expect(await (await fetch(`${origin}/_sim/ui`)).text()).toContain('/_sim/ui/dashboard.js');
      expect(await (await fetch(`${origin}/_sim/ui/dashboard.js`)).text()).toContain("new EventSource('/_sim/events')");
      expect((await fetch(`${origin}/_sim/docs/swagger-ui-bundle.js`)).status).toBe(200);
    } finally {
      process.kill(-server.pid!, 'SIGTERM');
      await exited;
    }
  });

  it('runs `npx hypersim test` against the in-process simulator', (ctx) => {
    skipIfOffline(ctx);
    const out = ok(run('npx', ['hypersim', 'test', '--api', 'pve', '--target', 'sim', '--phases', 'examples', '--max-examples', '2'], consumer), 'npx hypersim test');
    expect(out).toMatch(/PASSED: \d+ operations/);
  });

  it('imports hypersim/simulator, hypersim/harness and hypersim/msw from plain Node ESM, with declarations for TypeScript', (ctx) => {
    skipIfOffline(ctx);
    const source = `
import { createSimulator } from 'hypersim/simulator';
import { runContractTests, CHECKS } from 'hypersim/harness';
import { simulatorHandlers } from 'hypersim/msw';
const sim = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['pve'] });
const health = await (await sim.fetch('pve')(new Request('http://pve/_sim/health'))).json();
const handlers = simulatorHandlers({ api: 'pve', simulator: sim });
sim.close();
const checks: number = Object.keys(CHECKS).length;
console.log(JSON.stringify({ status: health.status, handlers: handlers.length, runner: typeof runContractTests, checks }));
`;
    writeFileSync(join(consumer, 'check.mjs'), source.replace(/: number/, ''));
    const printed = JSON.parse(ok(run('node', ['check.mjs'], consumer), 'node check.mjs')) as Record<string, unknown>;
    expect(printed).toMatchObject({ status: 'ok', handlers: 2, runner: 'function' });
    expect(printed.checks).toBeGreaterThan(5);

    writeFileSync(join(consumer, 'check.ts'), source);
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [], lib: ['ES2023', 'DOM'] },
      files: ['check.ts'],
    }));
    ok(run('node', [join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], consumer), 'tsc on a consumer of the declarations');
  });

  it("works in another project's vitest with no configuration", (ctx) => {
    skipIfOffline(ctx);
    writeFileSync(join(consumer, 'pve.test.js'), `
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSimulator } from 'hypersim/simulator';
import { simulatorHandlers } from 'hypersim/msw';

const sim = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['pve'] });
const server = setupServer(...simulatorHandlers({ api: 'pve', simulator: sim, baseUrl: 'https://pve.example:8006' }));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => { server.close(); sim.close(); });

it('logs in to the simulated PVE through msw', async () => {
  const res = await fetch('https://pve.example:8006/api2/json/access/ticket', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=root@pam&password=hypersim',
  });
  expect(res.status).toBe(200);
  expect((await res.json()).data.username).toBe('root@pam');
});
`);
    const out = ok(run('node', [join('node_modules', 'vitest', 'vitest.mjs'), 'run'], consumer), "the consumer's vitest");
    expect(out).toMatch(/1 passed/);
  });
});

/** Puts the native binary of this repository's better-sqlite3 (the same version) into the consumer's. */
function provideSqliteBinary(consumer: string): void {
  const ours = join(PACKAGE_ROOT, 'node_modules', 'better-sqlite3');
  const theirs = join(consumer, 'node_modules', 'better-sqlite3');
  const version = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  if (version(ours) === version(theirs)) cpSync(join(ours, 'build', 'Release', 'better_sqlite3.node'), join(theirs, 'build', 'Release', 'better_sqlite3.node'));
  else ok(run('npm', ['rebuild', 'better-sqlite3'], consumer, 600_000), 'npm rebuild better-sqlite3');
}
