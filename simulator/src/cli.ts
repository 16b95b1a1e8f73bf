// `hypersim serve`: configuration -> simulator -> listeners, until SIGINT/SIGTERM. Returns the exit code:
// 0 after a clean shutdown or --help, 2 for a bad setting, 1 when a listener cannot start.
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, type HypersimConfig, type SettingName } from './config.js';
import { ListenError, startServers, type AppSource, type Log } from './serve.js';
import { createSimulator, SimulatorConfigError, type SimulatorOptions } from './simulator.js';

export interface CliDeps {
  env: Readonly<Record<string, string | undefined>>;
  readFile: (path: string) => string;
  out: Log;
  err: Log;
  createSimulator: (options: SimulatorOptions) => AppSource & { close(): void };
  /** resolves with the signal's name when the server should stop */
  waitForShutdown: () => Promise<string>;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

const defaultDeps: CliDeps = {
  env: process.env,
  readFile: (path) => readFileSync(path, 'utf8'),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  createSimulator,
  waitForShutdown: waitForSignal,
};

export function simulatorOptions(config: HypersimConfig): SimulatorOptions {
  return {
    dataDir: config.dataDir,
    seed: config.seed,
    clock: config.clock,
    scenario: config.scenario,
    apis: config.apis,
    faults: config.faults,
    taskDurationScale: config.taskDurationScale,
    controlPlaneRemote: config.controlPlaneRemote,
  };
}

/** SimulatorOptions' names for the settings, mapped back to the names users wrote. */
const OPTION_SETTINGS: Record<string, SettingName> = {
  dataDir: 'data', data: 'data', seed: 'seed', clock: 'clock', scenario: 'scenario', apis: 'apis', faults: 'faults',
  taskDurationScale: 'task-speed', controlPlaneRemote: 'sim-remote',
};

/** 'faults[2].delay' from the simulator becomes 'config file h.yaml: faults[2].delay'. */
export function describeSimulatorError(error: SimulatorConfigError, config: HypersimConfig): string {
  const message = error.message.split('\n')[0] ?? '';
  if (message.startsWith('hypersim:')) return message;
  const base = /^[A-Za-z]+/.exec(error.setting)?.[0] ?? error.setting;
  const setting = OPTION_SETTINGS[base];
  if (setting === undefined) return `hypersim: ${error.setting}: ${message}`;
  const source = config.sources[setting] === 'default' ? `--${setting}` : config.sources[setting];
  return `hypersim: ${source}${error.setting.slice(base.length)}: ${message}`;
}

function oneLine(error: unknown): string {
  return `hypersim: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`;
}

export async function main(argv: string[], overrides: Partial<CliDeps> = {}): Promise<number> {
  const deps: CliDeps = { ...defaultDeps, ...overrides };
  let config: HypersimConfig;
  try {
    const loaded = loadConfig({ argv, env: deps.env, readFile: deps.readFile });
    if (loaded.action === 'help') {
      deps.out(loaded.text.trimEnd());
      return 0;
    }
    config = loaded.config;
  } catch (error) {
    if (error instanceof ConfigError) {
      deps.err(error.message);
      return 2;
    }
    deps.err(oneLine(error));
    return 1;
  }

  let simulator: AppSource & { close(): void };
  try {
    simulator = deps.createSimulator(simulatorOptions(config));
  } catch (error) {
    if (error instanceof SimulatorConfigError) {
      deps.err(describeSimulatorError(error, config));
      return 2;
    }
    deps.err(oneLine(error));
    return 1;
  }

  let servers;
  try {
    servers = await startServers(simulator, config, deps.out);
  } catch (error) {
    simulator.close();
    if (error instanceof ListenError) {
      deps.err(error.message);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      deps.err(error.message);
      return 2;
    }
    deps.err(oneLine(error));
    return 1;
  }

  const signal = await deps.waitForShutdown();
  deps.out(`hypersim: ${signal} received, shutting down`);
  await servers.close();
  simulator.close();
  return 0;
}
