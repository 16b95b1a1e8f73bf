// hypersim.test.yaml: the same settings as the `hypersim test` flags (kebab-case or camelCase keys),
// with ${ENV} and ${ENV:-default} substitution so secrets stay out of the file.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { UsageError } from './errors.js';

export type ConfigValues = Record<string, unknown>;

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function substituteEnv(text: string, env: NodeJS.ProcessEnv, where: string): string {
  return text.replace(VARIABLE, (_whole, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    throw new UsageError(`${where}: environment variable ${name} is not set (write \${${name}:-default} for a default)`);
  });
}

function substituteDeep(value: unknown, env: NodeJS.ProcessEnv, where: string): unknown {
  if (typeof value === 'string') return substituteEnv(value, env, where);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, env, where));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteDeep(item, env, `${where}: ${key}`)]));
  }
  return value;
}

function camelCase(key: string): string {
  return key.replace(/-([a-z])/g, (_whole, letter: string) => letter.toUpperCase());
}

export async function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Promise<ConfigValues> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--config ${path}: cannot read the file`);
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new UsageError(`--config ${path}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--config ${path}: expected a mapping of settings`);
  const values: ConfigValues = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    values[camelCase(key)] = substituteDeep(value, env, `--config ${path}: ${key}`);
  }
  return values;
}
