import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type HypersimConfig, type LoadConfigInput } from '../src/config.js';

const ALL = ['pve', 'vsphere', 'veeam-em', 'pve-manager', 'vm-sandbox'] as const;

function load(
  argv: string[],
  env: Record<string, string> = {},
  files: Record<string, string> = {},
  extra: Partial<LoadConfigInput> = {},
): HypersimConfig {
  const result = loadConfig({
    argv,
    env,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    ...extra,
  });
  if (result.action !== 'serve') throw new Error('expected a config, got help');
  return result.config;
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  it('uses the built-in defaults when nothing is given', () => {
    const config = load([]);
    expect(config).toMatchObject({
      configFile: undefined,
      dataDir: '.hypersim',
      host: '127.0.0.1',
      ports: { pve: 8006, vsphere: 8989, 'veeam-em': 9398, 'pve-manager': 8080, 'vm-sandbox': 8000 },
      tls: { pve: true, vsphere: true, 'veeam-em': true, 'pve-manager': false, 'vm-sandbox': false },
      cert: undefined,
      key: undefined,
      seed: 1,
      clock: { mode: 'real' },
      scenario: 'default',
      quiet: false,
      faults: [],
      taskDurationScale: 1,
      controlPlaneRemote: false,
    });
    expect(config.apis).toEqual(['pve', 'veeam-em']);
    expect(config.sources.seed).toBe('default');
  });

  it('defaults apis to every implemented API', () => {
    expect(load([], {}, {}, { implementedApis: ['pve', 'vsphere'] }).apis).toEqual(['pve', 'vsphere']);
  });
});

describe('layering: defaults < file < env < flags', () => {
  const file = [
    'data: /tmp/from-file',
    'host: 0.0.0.0',
    'seed: 7',
    'clock: manual',
    'scenario: file-scenario',
    'quiet: true',
    'task-speed: 0.5',
    'sim-remote: true',
    'ports: { pve: 1001, vsphere: 1002 }',
    'tls: { pve: false }',
    'faults: [{ api: pve, operationId: clone }]',
  ].join('\n');
  const files = { 'h.yaml': file };

  it('the config file overrides every default', () => {
    const config = load(['--config', 'h.yaml'], {}, files);
    expect(config).toMatchObject({
      configFile: 'h.yaml',
      dataDir: '/tmp/from-file',
      host: '0.0.0.0',
      seed: 7,
      clock: { mode: 'manual' },
      scenario: 'file-scenario',
      quiet: true,
      taskDurationScale: 0.5,
      controlPlaneRemote: true,
      faults: [{ api: 'pve', operationId: 'clone' }],
    });
    expect(config.ports).toMatchObject({ pve: 1001, vsphere: 1002, 'veeam-em': 9398 });
    expect(config.tls).toMatchObject({ pve: false, vsphere: true, 'pve-manager': false });
    expect(config.sources.seed).toBe('config file h.yaml: seed');
  });

  it('accepts JSON config files and HYPERSIM_CONFIG', () => {
    const config = load([], { HYPERSIM_CONFIG: 'h.json' }, { 'h.json': '{"seed": 9, "apis": ["pve"], "tls": false}' });
    expect(config.seed).toBe(9);
    expect(Object.values(config.tls)).toEqual([false, false, false, false, false]);
  });

  it('the environment overrides the config file', () => {
    const env = {
      HYPERSIM_DATA: ':memory:',
      HYPERSIM_HOST: '::1',
      HYPERSIM_SEED: '8',
      HYPERSIM_CLOCK: 'scaled:10',
      HYPERSIM_SCENARIO: 'env-scenario',
      HYPERSIM_QUIET: '0',
      HYPERSIM_TASK_SPEED: '0',
      HYPERSIM_SIM_REMOTE: 'false',
      HYPERSIM_PORTS: 'pve=2001,vm-sandbox=2005',
      HYPERSIM_PORT_PVE: '2011',
      HYPERSIM_TLS: '1',
    };
    const config = load(['--config', 'h.yaml'], env, files);
    expect(config).toMatchObject({
      dataDir: ':memory:',
      host: '::1',
      seed: 8,
      clock: { mode: 'scaled', factor: 10 },
      scenario: 'env-scenario',
      quiet: false,
      taskDurationScale: 0,
      controlPlaneRemote: false,
    });
    // HYPERSIM_PORT_<API> beats HYPERSIM_PORTS; ports the env does not name keep the file's value
    expect(config.ports).toMatchObject({ pve: 2011, vsphere: 1002, 'vm-sandbox': 2005 });
    expect(Object.values(config.tls)).toEqual([true, true, true, true, true]);
    expect(config.sources.seed).toBe('HYPERSIM_SEED');
  });

  it('flags override the environment', () => {
    const env = { HYPERSIM_SEED: '8', HYPERSIM_CLOCK: 'manual', HYPERSIM_TLS: '1', HYPERSIM_PORT_PVE: '2011' };
    const argv = [
      '--config', 'h.yaml', '--data', 'dir-flag', '--host', 'localhost', '--seed', '42', '--clock', 'real',
      '--scenario', 'flag.yaml', '--task-speed', '3', '--port', 'pve=0', '--port', 'vsphere=3002', '--no-tls',
      '--cert', 'c.pem', '--key', 'k.pem',
    ];
    const config = load(argv, env, files);
    expect(config).toMatchObject({
      dataDir: 'dir-flag',
      host: 'localhost',
      seed: 42,
      clock: { mode: 'real' },
      scenario: 'flag.yaml',
      taskDurationScale: 3,
      cert: 'c.pem',
      key: 'k.pem',
    });
    expect(config.ports).toMatchObject({ pve: 0, vsphere: 3002 });
    expect(Object.values(config.tls)).toEqual([false, false, false, false, false]);
    expect(config.sources).toMatchObject({ seed: '--seed', tls: '--no-tls', data: '--data' });
  });

  it('boolean flags switch on what the environment switched off', () => {
    const config = load(['--quiet', '--sim-remote', '--tls'], { HYPERSIM_QUIET: '0', HYPERSIM_SIM_REMOTE: '0', HYPERSIM_TLS: '0' });
    expect(config.quiet).toBe(true);
    expect(config.controlPlaneRemote).toBe(true);
    expect(config.tls['pve-manager']).toBe(true);
  });

  it('--flag=value works and empty environment variables count as unset', () => {
    const config = load(['--seed=5', '--port=pve=18006'], { HYPERSIM_SEED: '', HYPERSIM_HOST: '' });
    expect(config.seed).toBe(5);
    expect(config.ports.pve).toBe(18006);
    expect(config.host).toBe('127.0.0.1');
  });
});

describe('bad values are one-line errors naming the setting and its source', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['port flag', () => load(['--port', 'pve=abc']), "hypersim: --port: expected API=PORT with API one of pve, vsphere, veeam-em, pve-manager, vm-sandbox and PORT 0-65535; got 'pve=abc'"],
    ['port out of range', () => load(['--port', 'pve=70000']), "hypersim: --port: expected API=PORT with API one of pve, vsphere, veeam-em, pve-manager, vm-sandbox and PORT 0-65535; got 'pve=70000'"],
    ['unknown api in port', () => load(['--port', 'esx=1']), "hypersim: --port: expected API=PORT with API one of pve, vsphere, veeam-em, pve-manager, vm-sandbox and PORT 0-65535; got 'esx=1'"],
    ['seed env', () => load([], { HYPERSIM_SEED: 'x' }), "hypersim: HYPERSIM_SEED: expected an integer, got 'x'"],
    ['seed flag', () => load(['--seed', '1.5']), "hypersim: --seed: expected an integer, got '1.5'"],
    ['clock flag', () => load(['--clock', 'scaled:0']), "hypersim: --clock: expected real, manual or scaled:N with a number N > 0, got 'scaled:0'"],
    ['clock mode', () => load(['--clock', 'fast']), "hypersim: --clock: expected real, manual or scaled:N with a number N > 0, got 'fast'"],
    ['task speed', () => load(['--task-speed', '-1']), "hypersim: --task-speed: expected a number >= 0, got '-1'"],
    ['tls env', () => load([], { HYPERSIM_TLS: 'maybe' }), "hypersim: HYPERSIM_TLS: expected 0 or 1 (or true/false), got 'maybe'"],
    ['port env', () => load([], { HYPERSIM_PORT_PVE: 'http' }), "hypersim: HYPERSIM_PORT_PVE: expected a port number 0-65535, got 'http'"],
    ['port env typo', () => load([], { HYPERSIM_PORT_PEV: '1' }), 'hypersim: HYPERSIM_PORT_PEV: unknown API (expected one of HYPERSIM_PORT_PVE, HYPERSIM_PORT_VSPHERE, HYPERSIM_PORT_VEEAM_EM, HYPERSIM_PORT_PVE_MANAGER, HYPERSIM_PORT_VM_SANDBOX)'],
    ['ports env', () => load([], { HYPERSIM_PORTS: 'pve:1' }), "hypersim: HYPERSIM_PORTS: expected API=PORT with API one of pve, vsphere, veeam-em, pve-manager, vm-sandbox and PORT 0-65535; got 'pve:1'"],
    ['unknown api', () => load(['--apis', 'pve,esx']), "hypersim: --apis: unknown API 'esx' (known: pve, vsphere, veeam-em, pve-manager, vm-sandbox)"],
    ['not implemented', () => load(['--apis', 'pve,vsphere']), "hypersim: --apis: 'vsphere' is not implemented yet; implemented: pve, veeam-em"],
    ['not implemented env', () => load([], { HYPERSIM_APIS: 'vsphere' }), "hypersim: HYPERSIM_APIS: 'vsphere' is not implemented yet; implemented: pve, veeam-em"],
    ['cert without key', () => load(['--cert', 'c.pem']), 'hypersim: --cert: cert needs key too (give both or neither)'],
    ['key without cert', () => load([], { HYPERSIM_KEY: 'k.pem' }), 'hypersim: HYPERSIM_KEY: key needs cert too (give both or neither)'],
    ['host', () => load(['--host', 'a b']), "hypersim: --host: expected a host name or IP address, got 'a b'"],
    ['empty data', () => load(['--data', '']), 'hypersim: --data: expected a non-empty value'],
    ['same port twice', () => load(['--port', 'vsphere=9000', '--port', 'pve=9000'], {}, {}, { implementedApis: ['pve', 'vsphere'] }), 'hypersim: --port: pve and vsphere both use port 9000'],
    ['unknown flag', () => load(['--prot', 'pve=1']), "hypersim: unknown option '--prot' (Did you mean --port?)"],
    ['missing flag value', () => load(['--seed']), "hypersim: option '--seed <n>' argument missing"],
    ['stray argument', () => load(['pve']), "hypersim: unexpected argument 'pve' (serve takes options only; see --help)"],
    ['missing config file', () => load(['--config', 'nope.yaml']), 'hypersim: config file nope.yaml: no such file'],
  ];
  it.each(cases)('%s', (_name, run, expected) => {
    const message = errorOf(run);
    expect(message).toBe(expected);
    expect(message).not.toContain('\n');
  });
});

describe('config file errors', () => {
  const fileError = (text: string): string => errorOf(() => load(['--config', 'hypersim.yaml'], {}, { 'hypersim.yaml': text }));

  it('rejects unknown keys so typos do not pass silently', () => {
    expect(fileError('seeed: 3')).toBe(
      "hypersim: config file hypersim.yaml: unknown setting 'seeed' (known: data, host, ports, apis, tls, cert, key, seed, clock, scenario, quiet, faults, task-speed, sim-remote)",
    );
  });

  it('names the key of a bad value', () => {
    expect(fileError('clock: slow')).toBe(
      "hypersim: config file hypersim.yaml: clock: expected real, manual or scaled:N with a number N > 0, got 'slow'",
    );
    expect(fileError('ports: { pve: 99999 }')).toBe(
      "hypersim: config file hypersim.yaml: ports: expected a port number 0-65535, got '99999'",
    );
    expect(fileError('ports: { esx: 1 }')).toBe(
      `hypersim: config file hypersim.yaml: ports: unknown API 'esx' (known: ${ALL.join(', ')})`,
    );
    expect(fileError('faults: { api: pve }')).toBe(
      'hypersim: config file hypersim.yaml: faults: expected a list of fault rules, got {"api":"pve"}',
    );
    expect(fileError('seed: [1]')).toBe('hypersim: config file hypersim.yaml: seed: expected a single value, got [1]');
  });

  it('reports malformed YAML and a non-mapping document in one line', () => {
    const malformed = fileError('seed: [1');
    expect(malformed).toMatch(/^hypersim: config file hypersim\.yaml: not valid YAML or JSON: /);
    expect(malformed).not.toContain('\n');
    expect(fileError('- 1\n- 2')).toBe('hypersim: config file hypersim.yaml: expected a mapping of settings at the top level');
  });

  it('treats an empty file as no settings', () => {
    expect(load(['--config', 'e.yaml'], {}, { 'e.yaml': '' }).seed).toBe(1);
  });
});

describe('--help', () => {
  it('returns the help text listing every flag, its default and the environment variables', () => {
    const result = loadConfig({ argv: ['--help'], env: {}, readFile: () => '' });
    expect(result.action).toBe('help');
    if (result.action !== 'help') return;
    for (const flag of ['--config', '--data', '--host', '--port', '--apis', '--tls', '--no-tls', '--cert', '--key',
      '--seed', '--clock', '--scenario', '--task-speed', '--sim-remote', '--quiet']) {
      expect(result.text).toContain(flag);
    }
    expect(result.text).toContain('(default: .hypersim)');
    expect(result.text).toContain('pve=8006');
    expect(result.text).toContain('HYPERSIM_PORT_PVE');
    expect(result.text).toContain('HYPERSIM_SEED');
  });
});
