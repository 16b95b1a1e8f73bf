// `hypersim serve` configuration: built-in defaults < config file < HYPERSIM_* environment < flags.
// Every layer is parsed and checked on its own, so a bad value is reported with the place it came from.
import { Command, CommanderError } from 'commander';
import { parse as parseYaml } from 'yaml';
import { API_NAMES, IMPLEMENTED_APIS, type ApiName, type ClockSetting } from './simulator.js';

export interface HypersimConfig {
  /** the config file that was read, if any */
  configFile: string | undefined;
  dataDir: string;
  host: string;
  ports: Record<ApiName, number>;
  apis: ApiName[];
  tls: Record<ApiName, boolean>;
  cert: string | undefined;
  key: string | undefined;
  seed: number;
  clock: ClockSetting;
  scenario: string;
  quiet: boolean;
  faults: unknown[];
  taskDurationScale: number;
  controlPlaneRemote: boolean;
  /** where each setting's final value came from: 'default', '--seed', 'HYPERSIM_SEED', 'config file x.yaml: seed' */
  sources: Record<SettingName, string>;
}

export type LoadResult = { action: 'help'; text: string } | { action: 'serve'; config: HypersimConfig };

export interface LoadConfigInput {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  readFile: (path: string) => string;
  implementedApis?: readonly ApiName[];
}

/** A bad setting; the message is the one line to print. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_PORTS: Readonly<Record<ApiName, number>> = {
  pve: 8006, vsphere: 8989, 'veeam-em': 9398, 'pve-manager': 8080, 'vm-sandbox': 8000,
};
/** The vendors' own defaults: the hypervisor products speak HTTPS, the two web services plain HTTP. */
export const DEFAULT_TLS: Readonly<Record<ApiName, boolean>> = {
  pve: true, vsphere: true, 'veeam-em': true, 'pve-manager': false, 'vm-sandbox': false,
};

type TlsSetting = boolean | Partial<Record<ApiName, boolean>>;

/** Settings as named in the config file (the flag names without dashes). */
interface Settings {
  data: string;
  host: string;
  ports: Partial<Record<ApiName, number>>;
  apis: ApiName[];
  tls: TlsSetting;
  cert: string;
  key: string;
  seed: number;
  clock: ClockSetting;
  scenario: string;
  quiet: boolean;
  faults: unknown[];
  'task-speed': number;
  'sim-remote': boolean;
}
export type SettingName = keyof Settings;
const SETTING_NAMES: readonly SettingName[] = [
  'data', 'host', 'ports', 'apis', 'tls', 'cert', 'key', 'seed', 'clock', 'scenario', 'quiet', 'faults',
  'task-speed', 'sim-remote',
];

interface Layer {
  values: Partial<Settings>;
  sources: Partial<Record<SettingName, string>>;
}

/** Thrown by the value parsers; turned into a ConfigError once the place is known. */
class Problem extends Error {}

const API_LIST = API_NAMES.join(', ');

function parseText(text: string): string {
  if (text.trim() === '') throw new Problem('expected a non-empty value');
  return text;
}

function parseHost(text: string): string {
  if (!/^[A-Za-z0-9.:%_-]+$/.test(text)) throw new Problem(`expected a host name or IP address, got '${text}'`);
  return text;
}

function parseInteger(text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new Problem(`expected an integer, got '${text}'`);
  }
  return value;
}

function parsePort(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > 65535) throw new Problem(`expected a port number 0-65535, got '${text}'`);
  return value;
}

function parseScale(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new Problem(`expected a number >= 0, got '${text}'`);
  }
  return value;
}

function parseBoolean(text: string): boolean {
  const lowered = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lowered)) return true;
  if (['0', 'false', 'no', 'off'].includes(lowered)) return false;
  throw new Problem(`expected 0 or 1 (or true/false), got '${text}'`);
}

function parseClock(text: string): ClockSetting {
  if (text === 'real' || text === 'manual') return { mode: text };
  const scaled = /^scaled:(.+)$/.exec(text);
  const factor = scaled?.[1] === undefined ? NaN : Number(scaled[1]);
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new Problem(`expected real, manual or scaled:N with a number N > 0, got '${text}'`);
  }
  return { mode: 'scaled', factor };
}

function parseApiName(text: string): ApiName {
  const name = API_NAMES.find((api) => api === text.trim());
  if (name === undefined) throw new Problem(`unknown API '${text.trim()}' (known: ${API_LIST})`);
  return name;
}

function parseApiList(text: string): ApiName[] {
  const names = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (names.length === 0) throw new Problem(`expected a comma-separated list of APIs (${API_LIST}), got '${text}'`);
  return [...new Set(names.map(parseApiName))];
}

function parsePortAssignment(text: string): [ApiName, number] {
  const match = /^\s*([a-z-]+)\s*=\s*(\d+)\s*$/.exec(text);
  const api = API_NAMES.find((name) => name === match?.[1]);
  const port = match?.[2] === undefined ? NaN : Number(match[2]);
  if (api === undefined || !(port <= 65535)) {
    throw new Problem(`expected API=PORT with API one of ${API_LIST} and PORT 0-65535; got '${text}'`);
  }
  return [api, port];
}

function parsePortList(text: string): Partial<Record<ApiName, number>> {
  const ports: Partial<Record<ApiName, number>> = {};
  for (const part of text.split(',').filter((item) => item.trim() !== '')) {
    const [api, port] = parsePortAssignment(part);
    ports[api] = port;
  }
  return ports;
}

/** The settings that are one value each, read from text the same way in every layer. */
type TextSetting = Exclude<SettingName, 'ports' | 'faults'>;
const TEXT_PARSERS: { [K in TextSetting]: (text: string) => Settings[K] } = {
  data: parseText, host: parseHost, apis: parseApiList, tls: parseBoolean, cert: parseText, key: parseText,
  seed: parseInteger, clock: parseClock, scenario: parseText, quiet: parseBoolean, 'task-speed': parseScale,
  'sim-remote': parseBoolean,
};

function envName(setting: string): string {
  return `HYPERSIM_${setting.toUpperCase().replace(/-/g, '_')}`;
}

function parseAt<T>(where: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof Problem) throw new ConfigError(`hypersim: ${where}: ${error.message}`);
    throw error;
  }
}

function setValue<K extends SettingName>(layer: Layer, name: K, value: Settings[K], source: string): void {
  layer.values[name] = value;
  layer.sources[name] = source;
}

// ---- config file ----

function fileScalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Problem(`expected a single value, got ${JSON.stringify(value)}`);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fileMapping<T>(value: unknown, what: string, parse: (item: unknown) => T): Partial<Record<ApiName, T>> {
  if (!isMapping(value)) throw new Problem(`expected a mapping of API name to ${what}, got ${JSON.stringify(value)}`);
  const result: Partial<Record<ApiName, T>> = {};
  for (const [key, item] of Object.entries(value)) result[parseApiName(key)] = parse(item);
  return result;
}

function readFileSetting(layer: Layer, name: SettingName, value: unknown, where: string): void {
  parseAt(where, () => {
    if (name === 'faults') {
      if (!Array.isArray(value)) throw new Problem(`expected a list of fault rules, got ${JSON.stringify(value)}`);
      setValue(layer, name, value, where);
    } else if (name === 'ports') {
      setValue(layer, name, fileMapping(value, 'port', (item) => parsePort(fileScalarText(item))), where);
    } else if (name === 'tls' && isMapping(value)) {
      setValue(layer, name, fileMapping(value, 'true/false', (item) => parseBoolean(fileScalarText(item))), where);
    } else if (name === 'apis' && Array.isArray(value)) {
      setValue(layer, name, parseApiList(value.map(fileScalarText).join(',')), where);
    } else {
      setValue(layer, name, TEXT_PARSERS[name](fileScalarText(value)), where);
    }
  });
}

function fileLayer(path: string, readFile: (path: string) => string): Layer {
  const where = `config file ${path}`;
  const text = parseAt(where, () => {
    try {
      return readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Problem(code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(error)})`);
    }
  });
  const document: unknown = parseAt(where, () => {
    try {
      return parseYaml(text) ?? {};
    } catch (error) {
      throw new Problem(`not valid YAML or JSON: ${String((error as Error).message).split('\n')[0]}`);
    }
  });
  if (!isMapping(document)) throw new ConfigError(`hypersim: ${where}: expected a mapping of settings at the top level`);
  const layer: Layer = { values: {}, sources: {} };
  for (const [key, value] of Object.entries(document)) {
    const name = SETTING_NAMES.find((known) => known === key);
    if (name === undefined) {
      throw new ConfigError(`hypersim: ${where}: unknown setting '${key}' (known: ${SETTING_NAMES.join(', ')})`);
    }
    readFileSetting(layer, name, value, `${where}: ${key}`);
  }
  return layer;
}

// ---- environment ----

function envLayer(env: LoadConfigInput['env']): Layer {
  const layer: Layer = { values: {}, sources: {} };
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  for (const name of Object.keys(TEXT_PARSERS) as TextSetting[]) {
    const variable = envName(name);
    const text = read(variable);
    if (text !== undefined) setValue(layer, name, parseAt(variable, () => TEXT_PARSERS[name](text)), variable);
  }
  const ports: Partial<Record<ApiName, number>> = {};
  const portList = read('HYPERSIM_PORTS');
  if (portList !== undefined) Object.assign(ports, parseAt('HYPERSIM_PORTS', () => parsePortList(portList)));
  const portVariables = API_NAMES.map((api) => envName(`port-${api}`));
  const stray = Object.keys(env).find((name) => name.startsWith('HYPERSIM_PORT_') && !portVariables.includes(name));
  if (stray !== undefined) {
    throw new ConfigError(`hypersim: ${stray}: unknown API (expected one of ${portVariables.join(', ')})`);
  }
  for (const api of API_NAMES) {
    const variable = envName(`port-${api}`);
    const text = read(variable);
    if (text !== undefined) ports[api] = parseAt(variable, () => parsePort(text));
  }
  if (Object.keys(ports).length > 0) setValue(layer, 'ports', ports, 'HYPERSIM_PORTS / HYPERSIM_PORT_*');
  return layer;
}

// ---- flags ----

function describeDefaults(): string {
  return API_NAMES.map((api) => `${api}=${DEFAULT_PORTS[api]}`).join(', ');
}

function buildCommand(implemented: readonly ApiName[]): Command {
  const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
  return new Command('hypersim serve')
    .description('Serve the simulated APIs, one listener per API.')
    .option('--config <file>', 'read settings from a YAML or JSON file')
    .option('--data <dir>', 'directory for the SQLite store and TLS material, or :memory: (default: .hypersim)')
    .option('--host <host>', 'address to listen on (default: 127.0.0.1)')
    .option('--port <api=port>', `port of one API, repeatable; 0 picks a free one (defaults: ${describeDefaults()})`, collect)
    .option('--apis <list>', `comma-separated APIs to serve (default: ${implemented.join(',')})`)
    .option('--tls', 'HTTPS for every API (default: on for pve, vsphere, veeam-em; off for pve-manager, vm-sandbox)')
    .option('--no-tls', 'plain HTTP for every API')
    .option('--cert <file>', 'TLS certificate (PEM); with --key (default: self-signed, kept in the data dir)')
    .option('--key <file>', 'TLS private key (PEM); with --cert')
    .option('--seed <n>', 'seed of the random generator, an integer (default: 1)')
    .option('--clock <mode>', 'virtual clock: real, manual or scaled:N (default: real)')
    .option('--scenario <name|file>', 'scenario to load into an empty store (default: default)')
    .option('--task-speed <x>', 'multiplies task durations, a number >= 0; 0 = instant (default: 1)')
    .option('--sim-remote', 'allow the /_sim control plane from non-loopback addresses (default: off)')
    .option('--quiet', 'no per-request log lines (default: off)')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', [
      '',
      'Environment (overrides the config file; flags override it):',
      '  HYPERSIM_CONFIG  HYPERSIM_DATA  HYPERSIM_HOST  HYPERSIM_APIS  HYPERSIM_CERT  HYPERSIM_KEY',
      '  HYPERSIM_SEED  HYPERSIM_CLOCK  HYPERSIM_SCENARIO  HYPERSIM_TASK_SPEED',
      '  HYPERSIM_TLS=0|1  HYPERSIM_SIM_REMOTE=0|1  HYPERSIM_QUIET=0|1',
      '  HYPERSIM_PORTS="pve=18006,vsphere=18989"  HYPERSIM_PORT_PVE=18006 (also _VSPHERE,',
      '  _VEEAM_EM, _PVE_MANAGER, _VM_SANDBOX; these win over HYPERSIM_PORTS)',
      '',
      'Config file (YAML or JSON): keys are the flag names: data, host, apis, tls, cert, key,',
      '  seed, clock, scenario, task-speed, sim-remote, quiet; plus ports (a mapping API: PORT),',
      '  tls may also be a mapping API: true|false, and faults (a list of fault rules).',
      '  Unknown keys are errors. Relative paths are relative to the working directory.',
    ].join('\n'));
}

interface FlagValues {
  config?: string;
  port?: string[];
  tls?: boolean;
  quiet?: boolean;
  simRemote?: boolean;
  [flag: string]: string | string[] | boolean | undefined;
}

type ParsedFlags = { help: string; flags?: undefined } | { help?: undefined; flags: FlagValues };

function parseFlags(argv: readonly string[], implemented: readonly ApiName[]): ParsedFlags {
  let output = '';
  const command = buildCommand(implemented)
    .exitOverride()
    .configureOutput({ writeOut: (text) => { output += text; }, writeErr: () => {}, outputError: () => {} });
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') return { help: output };
    if (error instanceof CommanderError && error.code === 'commander.excessArguments') {
      throw new ConfigError(`hypersim: unexpected argument '${command.args[0] ?? ''}' (serve takes options only; see --help)`);
    }
    if (error instanceof CommanderError) {
      const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      throw new ConfigError(`hypersim: ${message}`);
    }
    throw error;
  }
  return { flags: command.opts<FlagValues>() };
}

function flagLayer(flags: FlagValues): Layer {
  const layer: Layer = { values: {}, sources: {} };
  const camel = (name: string): string => name.replace(/-(.)/g, (_, letter: string) => letter.toUpperCase());
  for (const name of Object.keys(TEXT_PARSERS) as TextSetting[]) {
    const value = flags[camel(name)];
    const flag = `--${name}`;
    if (typeof value === 'string') setValue(layer, name, parseAt(flag, () => TEXT_PARSERS[name](value)), flag);
    if (typeof value === 'boolean') setValue(layer, name, value as Settings[typeof name], value ? flag : `--no-${name}`);
  }
  if (flags.port !== undefined) {
    const ports: Partial<Record<ApiName, number>> = {};
    for (const text of flags.port) {
      const [api, port] = parseAt('--port', () => parsePortAssignment(text));
      ports[api] = port;
    }
    setValue(layer, 'ports', ports, '--port');
  }
  return layer;
}

// ---- layering ----

function mergeLayers(layers: readonly Layer[]): Layer {
  const merged: Layer = { values: {}, sources: {} };
  for (const layer of layers) {
    for (const name of Object.keys(layer.values) as SettingName[]) {
      const value = layer.values[name];
      if (name === 'ports') {
        merged.values.ports = { ...merged.values.ports, ...layer.values.ports };
      } else if (name === 'tls' && typeof value === 'object') {
        const base = typeof merged.values.tls === 'boolean' ? resolveTls(merged.values.tls) : merged.values.tls;
        merged.values.tls = { ...base, ...(layer.values.tls as Partial<Record<ApiName, boolean>>) };
      } else {
        (merged.values as Record<string, unknown>)[name] = value;
      }
      merged.sources[name] = layer.sources[name] ?? 'default';
    }
  }
  return merged;
}

function resolveTls(setting: TlsSetting | undefined): Record<ApiName, boolean> {
  if (typeof setting === 'boolean') return Object.fromEntries(API_NAMES.map((api) => [api, setting])) as Record<ApiName, boolean>;
  return { ...DEFAULT_TLS, ...setting };
}

function checkCombination(config: HypersimConfig, implemented: readonly ApiName[]): void {
  const { sources } = config;
  for (const api of config.apis) {
    if (!implemented.includes(api)) {
      throw new ConfigError(`hypersim: ${sources.apis}: '${api}' is not implemented yet; implemented: ${implemented.join(', ')}`);
    }
  }
  if ((config.cert === undefined) !== (config.key === undefined)) {
    const [given, missing] = config.cert === undefined ? ['key', 'cert'] : ['cert', 'key'];
    throw new ConfigError(`hypersim: ${sources[given as SettingName]}: ${given} needs ${missing} too (give both or neither)`);
  }
  const owners = new Map<number, ApiName>();
  for (const api of config.apis) {
    const port = config.ports[api];
    const other = owners.get(port);
    if (port !== 0 && other !== undefined) {
      throw new ConfigError(`hypersim: ${sources.ports}: ${other} and ${api} both use port ${port}`);
    }
    owners.set(port, api);
  }
}

export function loadConfig(input: LoadConfigInput): LoadResult {
  const implemented = input.implementedApis ?? IMPLEMENTED_APIS;
  const { help, flags } = parseFlags(input.argv, implemented);
  if (help !== undefined) return { action: 'help', text: help };
  const envConfigFile = input.env.HYPERSIM_CONFIG === '' ? undefined : input.env.HYPERSIM_CONFIG;
  const configFile = flags.config ?? envConfigFile;
  const layers = [
    ...(configFile === undefined ? [] : [fileLayer(configFile, input.readFile)]),
    envLayer(input.env),
    flagLayer(flags),
  ];
  const { values, sources } = mergeLayers(layers);
  const sourceOf = (name: SettingName): string => sources[name] ?? 'default';
  const config: HypersimConfig = {
    configFile,
    dataDir: values.data ?? '.hypersim',
    host: values.host ?? '127.0.0.1',
    ports: { ...DEFAULT_PORTS, ...values.ports },
    apis: values.apis ?? [...implemented],
    tls: resolveTls(values.tls),
    cert: values.cert,
    key: values.key,
    seed: values.seed ?? 1,
    clock: values.clock ?? { mode: 'real' },
    scenario: values.scenario ?? 'default',
    quiet: values.quiet ?? false,
    faults: values.faults ?? [],
    taskDurationScale: values['task-speed'] ?? 1,
    controlPlaneRemote: values['sim-remote'] ?? false,
    sources: Object.fromEntries(SETTING_NAMES.map((name) => [name, sourceOf(name)])) as Record<SettingName, string>,
  };
  checkCombination(config, implemented);
  return { action: 'serve', config };
}
