// Scenarios: inventory presets as data (YAML or JSON), one section per API.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageFile } from './package-files.js';

const BUILT_IN_DIR = packageFile('simulator', 'src', 'scenarios');

export type Scenario = Record<string, unknown>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Sizes for generated inventory (`generate:nodes=16,vms=10000`): each API's loader decides what they
 * mean, on top of its own section; APIs that generate nothing ignore them. */
export type GenerateParams = Record<string, number>;

const GENERATE = /^generate:((?:[a-z][a-zA-Z]*=\d+)(?:,[a-z][a-zA-Z]*=\d+)*)$/;

/** A built-in scenario by name (simulator/src/scenarios/NAME.yaml), a YAML/JSON file by path, or
 * `generate:k=N,...`: the default scenario plus a top-level `generate` section with those sizes. */
export function readScenario(nameOrFile: string): Scenario {
  if (nameOrFile.startsWith('generate:')) {
    const m = GENERATE.exec(nameOrFile);
    if (!m) throw new ScenarioError(`scenario '${nameOrFile}': expected generate:NAME=N[,NAME=N...], e.g. generate:nodes=16,vms=10000`);
    const generate = Object.fromEntries(m[1]!.split(',').map((pair) => pair.split('=') as [string, string]).map(([k, v]) => [k, Number(v)]));
    return { ...readScenario('default'), generate };
  }
  const builtIn = /^[a-z0-9][a-z0-9-]*$/.test(nameOrFile) ? join(BUILT_IN_DIR, `${nameOrFile}.yaml`) : undefined;
  const file = builtIn && existsSync(builtIn) ? builtIn : nameOrFile;
  if (!existsSync(file)) throw new ScenarioError(`scenario '${nameOrFile}' is neither a built-in scenario nor a readable file`);
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScenarioError(`scenario ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  return asScenario(parsed, file);
}

/** The names of the built-in scenarios, sorted. */
export function builtInScenarios(): string[] {
  return readdirSync(BUILT_IN_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

export function asScenario(value: unknown, source = 'scenario'): Scenario {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ScenarioError(`${source}: expected an object with one section per API`);
  return value as Scenario;
}
