// `hypersim test`: flags (and hypersim.test.yaml) -> runContractTests -> console, JUnit and JSON reports.
// Exit codes: 0 all passed, 1 a check failed, 2 bad usage or an unusable spec (one clear line).
import { Command, CommanderError, Option } from 'commander';
import { CHECKS } from './checks/index.js';
import { loadConfig, type ConfigValues } from './config.js';
import { isSetupProblem, UsageError } from './errors.js';
import { formatPlan, formatSummary, formatWarnings, progressPrinter, wantsLiveProgress } from './report/console.js';
import { toJson } from './report/json.js';
import { toJunit } from './report/junit.js';
import { writeReport } from './report/write.js';
import { ALL_PHASES, type RunOptions } from './run-types.js';
import { DEFAULTS, runContractTests } from './runner.js';
import { parseRate } from './scheduler.js';
import { parseShard } from './shard.js';
import type { PhaseName } from './types.js';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

interface CliSettings extends RunOptions {
  junit?: string;
  json?: string;
  quiet?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function checksHelp(): string {
  const width = Math.max(...Object.keys(CHECKS).map((name) => name.length));
  const lines = Object.entries(CHECKS).map(
    ([name, registered]) => `  ${name.padEnd(width)}  ${registered.defaultEnabled ? '' : '(opt-in) '}${registered.description}`,
  );
  return `\nChecks:\n${lines.join('\n')}\n\nExit codes: 0 all passed, 1 a check failed, 2 bad usage, an unusable spec or a failed login.`;
}

function buildProgram(io: CliIo): Command {
  return new Command('hypersim test')
    .description('Contract and property-based tests derived from an OpenAPI document, against a live endpoint or the simulator')
    .addOption(new Option('--spec <file|url>', 'OpenAPI 3.0/3.1 document (YAML or JSON)'))
    .addOption(new Option('--api <name>', 'one of ours: specs/<name>.yaml and its login recipe (pve, vsphere, veeam-em, pve-manager, vm-sandbox)'))
    .addOption(new Option('--base-url <url>', "live endpoint; replaces scheme/host/port of the spec's first server, keeps its path unless the URL has one"))
    .addOption(new Option('--target <target>', 'sim: run the simulator in-process').choices(['sim']))
    .addOption(new Option('--insecure', 'do not verify the TLS certificate'))
    .addOption(new Option('--ca <file>', 'PEM file of trusted certificate authorities'))
    .addOption(new Option('--header <header>', "extra header 'Name: value' (repeatable)").argParser(collect))
    .addOption(new Option('--auth <credentials>', "USER:PASSWORD or a token for the API's login recipe"))
    .addOption(new Option('--include <selector>', 'operationId, tag, path glob (/nodes/**) or "GET /path" (repeatable, comma-separated)').argParser(collect))
    .addOption(new Option('--exclude <selector>', 'like --include, to leave operations out').argParser(collect))
    .addOption(new Option('--phases <list>', `comma-separated: ${ALL_PHASES.join(',')}`))
    .addOption(new Option('--checks <list>', `comma-separated check names (default: the default-enabled ones)`))
    .addOption(new Option('--exclude-checks <list>', 'comma-separated check names to skip'))
    .addOption(new Option('--expected-statuses <list>', 'statuses a valid request may get, for positive_data_acceptance (default 2XX,401,403,404)'))
    .addOption(new Option('--diff', 'compare the in-process simulator of --api with --base-url, request by request; exit 1 when they differ'))
    .addOption(new Option('--shard <i/n>', 'test only the i-th of n deterministic shares of the operations (join the JSON reports with hypersim report merge)'))
    .addOption(new Option('--seed <n>', `seed for every generator (default ${DEFAULTS.seed})`))
    .addOption(new Option('--max-examples <n>', `requests per operation per phase (default ${DEFAULTS.maxExamples})`))
    .addOption(new Option('--workers <n>', `operations tested at once (default ${DEFAULTS.workers})`))
    .addOption(new Option('--rate-limit <rate>', 'at most N requests per second, e.g. 20 or 20/s or 600/m'))
    .addOption(new Option('--timeout <duration>', `per request, e.g. 10s or 500ms (default ${DEFAULTS.timeoutMs / 1000}s)`))
    .addOption(new Option('--max-failures <n>', 'stop after N distinct findings'))
    .addOption(new Option('--max-response-time <duration>', 'bound for the max_response_time check, e.g. 2s'))
    .addOption(new Option('--task-timeout <duration>', `how long a task may run before async_task_completion fails (default ${DEFAULTS.taskTimeoutMs / 1000}s)`))
    .addOption(new Option('--read-only', 'only GET, HEAD and OPTIONS operations (staging)'))
    .addOption(new Option('--dry-run', 'print the plan (operations, phases, request counts) and send nothing'))
    .addOption(new Option('--cleanup', 'delete what the run created, and report it'))
    .addOption(new Option('--name-prefix <prefix>', `prefix for names of created things (default ${DEFAULTS.namePrefix})`))
    .addOption(new Option('--strict-spec', 'spec validation problems are fatal'))
    .addOption(new Option('--junit <file>', 'write a JUnit XML report'))
    .addOption(new Option('--json <file>', 'write a JSON report'))
    .addOption(new Option('--config <file>', 'hypersim.test.yaml with the same settings; ${ENV} is substituted'))
    .addOption(new Option('--quiet', 'print only the final line and the findings'))
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', checksHelp())
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text), outputError: () => {} })
    .allowExcessArguments(false);
}

function list(value: unknown, flag: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const result = items.flatMap((item) => {
    if (typeof item !== 'string' && typeof item !== 'number') throw new UsageError(`${flag}: expected text or a list`);
    return String(item).split(',').map((part) => part.trim()).filter(Boolean);
  });
  return result;
}

function integer(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : /^-?\d+$/.test(String(value).trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) throw new UsageError(`${flag} must be an integer (got '${String(value)}')`);
  return number;
}

/** "10s", "500ms", "2m", or a bare number of seconds -> milliseconds. */
export function duration(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(String(value));
  if (!match) throw new UsageError(`${flag} must be a duration such as 10s or 500ms (got '${String(value)}')`);
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  const ms = unit === 'ms' ? amount : unit === 'm' ? amount * 60_000 : amount * 1000;
  if (ms <= 0) throw new UsageError(`${flag} must be more than zero`);
  return Math.round(ms);
}

function headers(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, String(item)]));
  }
  const result: Record<string, string> = {};
  for (const header of Array.isArray(value) ? value : [value]) {
    const text = String(header);
    const colon = text.indexOf(':');
    if (colon <= 0) throw new UsageError(`--header '${text}' must look like 'Name: value'`);
    result[text.slice(0, colon).trim()] = text.slice(colon + 1).trim();
  }
  return result;
}

function flag(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  throw new UsageError(`expected true or false (got '${String(value)}')`);
}

const STATUS = /^([1-5][0-9][0-9]|[1-5]XX)$/i;

function statuses(value: unknown, flag: string): string[] | undefined {
  const items = list(value, flag);
  const wrong = (items ?? []).filter((item) => !STATUS.test(item));
  if (wrong.length > 0) throw new UsageError(`${flag}: expected status codes such as 2XX, 404 (got ${wrong.join(', ')})`);
  return items?.map((item) => item.toUpperCase());
}

const OPERATION_KEYS = new Set(['expectedStatuses', 'checks', 'excludeChecks']);

/** `operations: { <operationId>: { expected-statuses, checks, exclude-checks } }` from the config file. */
function operationSettings(value: unknown): RunOptions['operations'] {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('operations: expected a mapping of operationId to settings');
  const result: NonNullable<RunOptions['operations']> = {};
  for (const [id, raw] of Object.entries(value)) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`operations: ${id}: expected a mapping of settings`);
    const entries = Object.entries(raw).map(([key, item]): [string, unknown] => [key.replace(/-([a-z])/g, (_w, c: string) => c.toUpperCase()), item]);
    const unknown = entries.map(([key]) => key).filter((key) => !OPERATION_KEYS.has(key));
    if (unknown.length > 0) throw new UsageError(`operations: ${id}: unknown setting(s) ${unknown.join(', ')} (known: expected-statuses, checks, exclude-checks)`);
    const settings = Object.fromEntries(entries);
    const where = `operations: ${id}:`;
    const expected = statuses(settings.expectedStatuses, `${where} expected-statuses`);
    const checks = list(settings.checks, `${where} checks`);
    const excludeChecks = list(settings.excludeChecks, `${where} exclude-checks`);
    result[id] = { ...(expected && { expectedStatuses: expected }), ...(checks && { checks }), ...(excludeChecks && { excludeChecks }) };
  }
  return result;
}

function text(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}

const KNOWN_KEYS = new Set([
  'spec', 'api', 'baseUrl', 'target', 'insecure', 'ca', 'header', 'headers', 'auth', 'include', 'exclude', 'phases', 'checks',
  'excludeChecks', 'expectedStatuses', 'operations', 'shard', 'diff', 'seed', 'maxExamples', 'workers', 'rateLimit', 'timeout', 'maxFailures', 'maxResponseTime', 'taskTimeout',
  'readOnly', 'dryRun', 'cleanup', 'namePrefix', 'strictSpec', 'junit', 'json', 'quiet', 'config',
]);

/** Flag or config values (strings, numbers, lists) -> typed settings, with one-line errors. */
export function toSettings(values: ConfigValues): CliSettings {
  const unknown = Object.keys(values).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) throw new UsageError(`unknown setting(s): ${unknown.join(', ')}`);
  const rate = values.rateLimit === undefined ? undefined : parseRate(String(values.rateLimit));
  if (values.rateLimit !== undefined && rate === undefined) throw new UsageError(`--rate-limit must look like 20, 20/s or 600/m (got '${String(values.rateLimit)}')`);
  const target = text(values.target);
  if (target !== undefined && target !== 'sim') throw new UsageError(`--target must be 'sim' (got '${target}'); for a live endpoint use --base-url`);
  const phases = list(values.phases, '--phases');
  const unknownPhases = (phases ?? []).filter((phase) => !ALL_PHASES.includes(phase as PhaseName));
  if (unknownPhases.length > 0) throw new UsageError(`unknown phase(s): ${unknownPhases.join(', ')} (known: ${ALL_PHASES.join(', ')})`);
  const settings: CliSettings = {
    spec: text(values.spec),
    api: text(values.api),
    baseUrl: text(values.baseUrl),
    ...(target === 'sim' ? { target: 'sim' as const } : {}),
    insecure: flag(values.insecure),
    ca: text(values.ca),
    headers: headers(values.header ?? values.headers),
    auth: text(values.auth),
    include: list(values.include, '--include'),
    exclude: list(values.exclude, '--exclude'),
    phases: phases as PhaseName[] | undefined,
    checks: list(values.checks, '--checks'),
    excludeChecks: list(values.excludeChecks, '--exclude-checks'),
    expectedStatuses: statuses(values.expectedStatuses, '--expected-statuses'),
    operations: operationSettings(values.operations),
    diff: flag(values.diff),
    shard: values.shard === undefined ? undefined : parseShard(String(values.shard)),
    seed: integer(values.seed, '--seed'),
    maxExamples: integer(values.maxExamples, '--max-examples'),
    workers: integer(values.workers, '--workers'),
    rateLimit: rate,
    timeoutMs: duration(values.timeout, '--timeout'),
    maxFailures: integer(values.maxFailures, '--max-failures'),
    maxResponseTimeMs: duration(values.maxResponseTime, '--max-response-time'),
    taskTimeoutMs: duration(values.taskTimeout, '--task-timeout'),
    readOnly: flag(values.readOnly),
    dryRun: flag(values.dryRun),
    cleanup: flag(values.cleanup),
    namePrefix: text(values.namePrefix),
    strictSpec: flag(values.strictSpec),
    junit: text(values.junit),
    json: text(values.json),
    quiet: flag(values.quiet),
  };
  for (const key of Object.keys(settings) as Array<keyof CliSettings>) if (settings[key] === undefined) delete settings[key];
  const perOperation = Object.values(settings.operations ?? {}).flatMap((entry) => [...(entry.checks ?? []), ...(entry.excludeChecks ?? [])]);
  const unknownChecks = [...(settings.checks ?? []), ...(settings.excludeChecks ?? []), ...perOperation].filter((name) => !(name in CHECKS));
  if (unknownChecks.length > 0) throw new UsageError(`unknown check(s): ${unknownChecks.join(', ')} (known: ${Object.keys(CHECKS).join(', ')})`);
  if (settings.maxExamples !== undefined && settings.maxExamples < 1) throw new UsageError('--max-examples must be at least 1');
  if (settings.workers !== undefined && settings.workers < 1) throw new UsageError('--workers must be at least 1');
  if (!settings.spec && !settings.api) throw new UsageError('give --spec FILE|URL or --api NAME (see --help)');
  if (!settings.dryRun && !settings.target && !settings.baseUrl && !settings.spec) {
    throw new UsageError('give --base-url URL for a live endpoint or --target sim for the in-process simulator');
  }
  return settings;
}


const defaultIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const program = buildProgram(io);
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return 0;
      io.stderr.write(`hypersim test: ${error.message.replace(/^error: /, '')}\n(see hypersim test --help)\n`);
      return 2;
    }
    throw error;
  }
  try {
    const flags = program.opts() as ConfigValues;
    const fromFile = typeof flags.config === 'string' ? await loadConfig(flags.config, io.env) : {};
    const settings = toSettings({ ...fromFile, ...Object.fromEntries(Object.entries(flags).filter(([key]) => key !== 'config')) });
    const out = (line: string) => io.stdout.write(`${line}\n`);
    const live = !settings.quiet && wantsLiveProgress(io.stdout, io.env);
    const showProgress = progressPrinter({ write: (chunk) => io.stdout.write(chunk), live });
    // the first Ctrl-C stops the run gracefully (cleanup and reports still happen); a second one kills it
    const interrupt = new AbortController();
    const onInterrupt = () => {
      io.stderr.write('\nhypersim test: interrupted; finishing the requests in flight (Ctrl-C again to quit now)\n');
      interrupt.abort();
      process.once('SIGINT', () => process.exit(130));
    };
    process.once('SIGINT', onInterrupt);
    const result = await runContractTests({ ...settings, onProgress: showProgress, signal: interrupt.signal }).finally(() =>
      process.off('SIGINT', onInterrupt),
    );
    if (live) io.stdout.write('\r\u001b[2K');
    if (!settings.quiet) for (const line of formatWarnings(result.spec.warnings)) out(line);
    if (result.dryRun) for (const line of formatPlan(result)) out(line);
    else {
      const summary = formatSummary(result);
      const lines = settings.quiet ? summary.slice(summary.findIndex((line) => line.startsWith('Findings') || line.startsWith('PASSED') || line.startsWith('FAILED'))) : summary;
      for (const line of lines) out(line);
    }
    if (settings.junit) await writeReport(settings.junit, toJunit(result));
    if (settings.json) await writeReport(settings.json, toJson(result));
    return result.passed ? 0 : 1;
  } catch (error) {
    if (isSetupProblem(error)) {
      io.stderr.write(`hypersim test: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`hypersim test: internal error: ${message}\n`);
    return 2;
  }
}
