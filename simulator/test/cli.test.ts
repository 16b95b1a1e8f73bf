import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { main, type CliDeps } from '../src/cli.js';
import { SimulatorConfigError, type SimulatorOptions } from '../src/simulator.js';


interface Harness {
  deps: Partial<CliDeps>;
  out: string[];
  err: string[];
  created: SimulatorOptions[];
  closed: () => number;
  stop: (signal?: string) => void;
  /** resolves once the server has printed where it listens */
  listening: Promise<void>;
}

function harness(files: Record<string, string> = {}, env: Record<string, string> = {}): Harness {
  const out: string[] = [];
  const err: string[] = [];
  const created: SimulatorOptions[] = [];
  let closedCount = 0;
  let stop: (signal?: string) => void = () => {};
  let announce: () => void = () => {};
  const listening = new Promise<void>((resolve) => { announce = resolve; });
  const deps: Partial<CliDeps> = {
    env,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return text;
    },
    out: (line) => {
      out.push(line);
      if (/^pve /.test(line)) announce();
    },
    err: (line) => err.push(line),
    createSimulator: (options) => {
      created.push(options);
      return {
        app: () => new Hono().get('/api2/json/version', (c) => c.json({ data: { version: 'fake' } })),
        close: () => { closedCount += 1; },
      };
    },
    waitForShutdown: () => new Promise((resolve) => { stop = (signal = 'SIGTERM') => resolve(signal); }),
  };
  return { deps, out, err, created, closed: () => closedCount, stop: (signal) => stop(signal), listening };
}

describe('hypersim serve: bad settings exit 2 with one line on stderr', () => {
  const cases: Array<[string[], Record<string, string>, string]> = [
    [['--port', 'pve=abc'], {}, "hypersim: --port: expected API=PORT with API one of pve, vsphere, veeam-em, pve-manager, vm-sandbox and PORT 0-65535; got 'pve=abc'"],
    [[], { HYPERSIM_SEED: 'x' }, "hypersim: HYPERSIM_SEED: expected an integer, got 'x'"],
    [['--clock', 'scaled:-2'], {}, "hypersim: --clock: expected real, manual or scaled:N with a number N > 0, got 'scaled:-2'"],
    [['--apis', 'vsphere'], {}, "hypersim: --apis: 'vsphere' is not implemented yet; implemented: pve, veeam-em"],
    [['--task-speed', 'fast'], {}, "hypersim: --task-speed: expected a number >= 0, got 'fast'"],
    [['--cert', 'c.pem'], {}, 'hypersim: --cert: cert needs key too (give both or neither)'],
    [['--bogus'], {}, "hypersim: unknown option '--bogus'"],
    [['--config', 'h.yaml'], {}, "hypersim: config file h.yaml: unknown setting 'sed' (known: data, host, ports, apis, tls, cert, key, seed, clock, scenario, quiet, faults, task-speed, sim-remote)"],
  ];
  it.each(cases)('%j %j', async (argv, env, expected) => {
    const run = harness({ 'h.yaml': 'sed: 1\n' }, env);
    expect(await main(argv, run.deps)).toBe(2);
    expect(run.err).toEqual([expected]);
    expect(run.created).toEqual([]);
  });

  it('turns a SimulatorConfigError into one line naming where the setting came from', async () => {
    const run = harness({ 'h.yaml': 'faults: [{ api: pve }]\n' });
    run.deps.createSimulator = () => {
      throw new SimulatorConfigError('faults[0].operationId', 'is required');
    };
    expect(await main(['--config', 'h.yaml', '--no-tls'], run.deps)).toBe(2);
    expect(run.err).toEqual(['hypersim: config file h.yaml: faults[0].operationId: is required']);

    const flagged = harness();
    flagged.deps.createSimulator = () => {
      throw new SimulatorConfigError('scenario', "unknown scenario 'nope'");
    };
    expect(await main(['--scenario', 'nope'], flagged.deps)).toBe(2);
    expect(flagged.err).toEqual(["hypersim: --scenario: unknown scenario 'nope'"]);

    const defaulted = harness();
    defaulted.deps.createSimulator = () => {
      throw new SimulatorConfigError('data', "cannot open the data directory '.hypersim': EACCES");
    };
    expect(await main([], defaulted.deps)).toBe(2);
    expect(defaulted.err).toEqual(["hypersim: --data: cannot open the data directory '.hypersim': EACCES"]);
  });
});

describe('hypersim serve', () => {
  it('--help prints the help and exits 0', async () => {
    const run = harness();
    expect(await main(['--help'], run.deps)).toBe(0);
    expect(run.out.join('\n')).toMatch(/^Usage: hypersim serve \[options\]/);
    expect(run.out.join('\n')).toContain('HYPERSIM_PORTS');
    expect(run.created).toEqual([]);
  });

  it('serves until a signal arrives, then shuts down cleanly and returns 0', async () => {
    const run = harness();
    const exit = main(['--apis', 'pve', '--port', 'pve=0', '--data', ':memory:', '--no-tls', '--seed', '5', '--clock', 'manual', '--task-speed', '0'], run.deps);
    await run.listening;
    expect(run.created).toEqual([{
      dataDir: ':memory:', seed: 5, clock: { mode: 'manual' }, scenario: 'default', apis: ['pve'], faults: [],
      taskDurationScale: 0, controlPlaneRemote: false,
    }]);
    const port = /^pve +http:\/\/127\.0\.0\.1:(\d+)\/api2\/json/.exec(run.out[0] ?? '')?.[1];
    expect(port).toBeDefined();
    const response = await fetch(`http://127.0.0.1:${port}/api2/json/version`);
    expect(await response.json()).toEqual({ data: { version: 'fake' } });
    expect(run.out).toContainEqual(expect.stringMatching(/^GET \/api2\/json\/version 200 \d+ms$/));

    run.stop('SIGINT');
    expect(await exit).toBe(0);
    expect(run.closed()).toBe(1);
    expect(run.out.at(-1)).toBe('hypersim: SIGINT received, shutting down');
    await expect(fetch(`http://127.0.0.1:${port}/api2/json/version`)).rejects.toThrow();
    expect(run.err).toEqual([]);
  });

  it('a port in use: one line, exit 1, and the simulator is closed again', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const run = harness({}, { HYPERSIM_APIS: 'pve', HYPERSIM_PORT_PVE: String(taken), HYPERSIM_TLS: '0', HYPERSIM_DATA: ':memory:' });
      expect(await main([], run.deps)).toBe(1);
      expect(run.err).toEqual([`hypersim: pve: port ${taken} is already in use (set --port pve=N)`]);
      expect(run.closed()).toBe(1);
    } finally {
      blocker.close();
    }
  });

  it('runs the real simulator end to end: flags -> simulator -> listener -> shutdown', async () => {
    const out: string[] = [];
    const err: string[] = [];
    let stop: (signal: string) => void = () => {};
    let announce: (line: string) => void = () => {};
    const banner = new Promise<string>((resolve) => { announce = resolve; });
    const exit = main(['--apis', 'pve', '--data', ':memory:', '--port', 'pve=0', '--no-tls', '--clock', 'manual', '--quiet'], {
      env: {},
      out: (line) => {
        out.push(line);
        if (line.startsWith('pve ')) announce(line);
      },
      err: (line) => err.push(line),
      waitForShutdown: () => new Promise((resolve) => { stop = resolve; }),
    });
    const origin = /(http:\/\/127\.0\.0\.1:\d+)\/api2\/json/.exec(await banner)?.[1];
    const login = await fetch(`${origin}/api2/json/access/ticket`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'root@pam', password: 'hypersim' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    stop('SIGTERM');
    expect(await exit).toBe(0);
    expect(out).toHaveLength(2); // the banner and the shutdown line: --quiet keeps requests out
    expect(err).toEqual([]);
  });
});
