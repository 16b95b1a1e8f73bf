// The engine behind `hypersim test` and runContractTests(): load the spec, pick operations, phases and
// checks, plan (and stop there on --dry-run), log in, run the phases, clean up, and return the result.
import { existsSync } from 'node:fs';
import { contractFor, type Contract } from '../../contracts/index.js';
import { packageFile } from '../../simulator/src/core/package-files.js';
import { DiffRecorder, diffTarget } from './diff.js';
import { diffFindings } from './report/diff-findings.js';
import { isCredentialHeader, withMissingHeaders } from './auth.js';
import { LiveSession } from './live-session.js';
import { CHECKS, selectChecks } from './checks/index.js';
import { deleteResources, leftBehind, ResourceTracker } from './cleanup.js';
import { UsageError } from './errors.js';
import { Executor, type NamedCheck } from './executor.js';
import { selectOperations } from './filter.js';
import { runModel } from './model-run.js';
import { shardOperations } from './shard.js';
import { MODEL_CHECK, modelFinding } from './report/model-finding.js';
import { phaseModule, type PhaseEnv } from './phases/index.js';
import { ALL_PHASES, type CleanupRecord, type PlanEntry, type RunOptions, type RunResult } from './run-types.js';
import { rateLimiter, runPool } from './scheduler.js';
import { simulatorTarget, type SimulatorTarget } from './sim-target.js';
import { loadSpec, SpecError, summarize, type LoadedSpec } from './spec.js';
import { schemaProblems as findSchemaProblems } from './schema-problems.js';
import { exampleProblems } from './example-audit.js';
import { fetchTarget, httpTarget, resolveBaseUrl, TargetError, TransportError, type Target } from './target.js';
import type { CheckContext, Operation, PhaseName } from './types.js';

export const DEFAULTS = {
  seed: 1,
  maxExamples: 15,
  workers: 4,
  timeoutMs: 10_000,
  namePrefix: 'hypersim-',
  taskTimeoutMs: 60_000,
  taskPollIntervalMs: 1_000,
  /** commands per model sequence in the stateful phase */
  maxModelCommands: 8,
} as const;


export function specPathFor(api: string): string {
  const path = packageFile('specs', `${api}.yaml`);
  if (!existsSync(path)) throw new UsageError(`--api ${api}: there is no specs/${api}.yaml`);
  return path;
}

function specSource(options: RunOptions): string {
  if (options.spec) return options.spec;
  if (options.api) return specPathFor(options.api);
  throw new UsageError('give --spec FILE|URL or --api NAME');
}

function validate(options: RunOptions): void {
  if (options.target === 'sim' && !options.api) throw new UsageError('--target sim needs --api NAME (the simulated API)');
  if (options.target === 'sim' && options.baseUrl) throw new UsageError('--target sim and --base-url exclude each other');
  if (options.diff && (options.target === 'sim' || !options.api)) throw new UsageError('--diff compares the simulator of --api NAME with --base-url URL (no --target sim)');
  if (options.diff && !options.baseUrl && !options.fetch) throw new UsageError('--diff needs --base-url URL: the endpoint to compare with the simulator');
  const positive: Array<[string, number | undefined]> = [
    ['--max-examples', options.maxExamples],
    ['--workers', options.workers],
    ['--timeout', options.timeoutMs],
  ];
  for (const [flag, value] of positive) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new UsageError(`${flag} must be a positive integer (got ${value})`);
  }
  for (const phase of options.phases ?? []) {
    if (!ALL_PHASES.includes(phase)) throw new UsageError(`unknown phase '${phase}' (known: ${ALL_PHASES.join(', ')})`);
  }
}

/** Per operation, the checks that replace the run's ones; an operationId the spec lacks is a usage error. */
function operationChecks(options: RunOptions, operations: Operation[], runChecks: string[] | undefined): Map<string, NamedCheck[]> {
  const result = new Map<string, NamedCheck[]>();
  const known = new Set(operations.map((operation) => operation.id));
  for (const [id, settings] of Object.entries(options.operations ?? {})) {
    if (!known.has(id)) throw new UsageError(`operations: ${id} is not an operationId of the spec`);
    if (settings.checks === undefined && settings.excludeChecks === undefined) continue;
    const selected = selectChecks(settings.checks ?? runChecks, [...(options.excludeChecks ?? []), ...(settings.excludeChecks ?? [])]);
    result.set(id, [...selected].map(([name, check]) => ({ name, check })));
  }
  return result;
}

function operationExpectedStatuses(options: RunOptions): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [id, settings] of Object.entries(options.operations ?? {})) if (settings.expectedStatuses) result[id] = settings.expectedStatuses;
  return result;
}

/** The named checks, or the default ones; a response-time bound switches its (opt-in) check on. */
function checkNames(options: RunOptions): string[] | undefined {
  if (options.checks) return options.checks;
  if (options.maxResponseTimeMs === undefined) return undefined;
  return [...Object.keys(CHECKS).filter((name) => CHECKS[name]?.defaultEnabled), 'max_response_time'];
}

function plan(operations: Operation[], phases: PhaseName[], env: PhaseEnv): PlanEntry[] {
  return operations.map((operation) => {
    const requests: PlanEntry['requests'] = {};
    for (const phase of phases) requests[phase] = phaseModule(phase).plan(operation, env);
    return { operationId: operation.id, method: operation.method, path: operation.path, requests };
  });
}

function splitHeaders(headers: Record<string, string>): { credentials: Record<string, string>; others: Record<string, string> } {
  const credentials: Record<string, string> = {};
  const others: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) (isCredentialHeader(name) ? credentials : others)[name] = value;
  return { credentials, others };
}

async function openTarget(options: RunOptions, spec: LoadedSpec, seed: number, timeoutMs: number): Promise<Target | SimulatorTarget> {
  const baseUrl = resolveBaseUrl(spec.servers[0], options.baseUrl);
  if (options.target === 'sim') return simulatorTarget(options.api as string, seed, baseUrl, timeoutMs);
  if (options.fetch) return fetchTarget(baseUrl, options.fetch, timeoutMs);
  return httpTarget({ baseUrl, insecure: options.insecure === true, ...(options.ca ? { caFile: options.ca } : {}), timeoutMs });
}

function describeTarget(options: RunOptions, spec: LoadedSpec): string {
  try {
    if (options.target === 'sim') return `${resolveBaseUrl(spec.servers[0], undefined)} (in-process simulator)`;
    return resolveBaseUrl(spec.servers[0], options.baseUrl);
  } catch {
    return '(none: give --base-url)';
  }
}

type DryRunParts = Pick<RunResult, 'seed' | 'spec' | 'phases' | 'checks' | 'plan' | 'baseUrl' | 'durationMs'> & { operations: number };

function dryRunResult({ operations, ...parts }: DryRunParts): RunResult {
  return {
    ...parts,
    authentication: 'not attempted (dry run)',
    dryRun: true,
    findings: [],
    counts: { operations, requests: 0, checksRun: 0, findings: 0, transportErrors: 0 },
    checkStats: {},
    operationStats: [],
    cleanup: [],
    stoppedEarly: false,
    passed: true,
  };
}

function isSimulator(target: Target | SimulatorTarget): target is SimulatorTarget {
  return 'reset' in target;
}

/** The simulator side of --diff: the in-process simulator, logged in with its own credentials. */
async function openDiff(api: string, seed: number, endpoint: Target, contract: Contract, spec: LoadedSpec, timeoutMs: number) {
  const simulator = await simulatorTarget(api, seed, endpoint.baseUrl, timeoutMs);
  const session = await contract.auth.login(contract.auth.simulatorAuth, {}, {
    baseUrl: simulator.baseUrl, send: (request) => simulator.send(request), operations: spec.operations,
  });
  return { simulator, session, recorder: new DiffRecorder() };
}

/** One request to the base URL before thousands: an endpoint that cannot be reached ends the run at
 * once with one clear line, instead of a transport error per planned request. */
async function probe(target: Target): Promise<void> {
  try {
    await target.send({ method: 'GET', url: target.baseUrl, headers: {} });
  } catch (error) {
    if (error instanceof TransportError) throw new TargetError(`cannot reach ${target.baseUrl}: ${error.message}`);
    throw error;
  }
}

/** Non-DELETE operations first, DELETEs after them, so a phase does not remove what its reads need. */
function waves(operations: Operation[]): Operation[][] {
  return [operations.filter((operation) => operation.method !== 'DELETE'), operations.filter((operation) => operation.method === 'DELETE')];
}

export async function runContractTests(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  validate(options);
  const seed = options.seed ?? DEFAULTS.seed;
  const maxExamples = options.maxExamples ?? DEFAULTS.maxExamples;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const spec = await loadSpec(specSource(options), { strict: options.strictSpec === true });
  const contract = contractFor(options.api, spec.operations);
  const filtered = selectOperations(spec.operations, {
    ...(options.include ? { include: options.include } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
    readOnly: options.readOnly === true,
  });
  const selected = options.shard ? shardOperations(filtered, options.shard, seed) : filtered;
  const phases = options.phases ?? [...ALL_PHASES];
  const schemaProblems = [...findSchemaProblems(selected), ...(phases.includes('examples') ? exampleProblems(selected) : [])];
  if (options.strictSpec && schemaProblems.length > 0) {
    throw new SpecError(`${spec.source}: problems in the document (--strict-spec):\n  ${summarize(schemaProblems, 20).join('\n  ')}`);
  }
  const checks = selectChecks(checkNames(options), options.excludeChecks ?? []);
  const checksByOperation = operationChecks(options, spec.operations, checkNames(options));
  const nameCounters = new Map<Operation, number>();
  const operationNumber = new Map(spec.operations.map((operation, index) => [operation, index + 1]));
  const envFor = (executor: Executor): PhaseEnv => ({
    executor,
    operations: spec.operations,
    selected,
    seed,
    maxExamples,
    readOnly: options.readOnly === true,
    nextName: (operation) => {
      const count = (nameCounters.get(operation) ?? 0) + 1;
      nameCounters.set(operation, count);
      return `${options.namePrefix ?? DEFAULTS.namePrefix}${operationNumber.get(operation) ?? 0}-${count}`;
    },
  });
  const base = {
    seed,
    spec: { source: spec.source, title: spec.title, version: spec.version, warnings: [...spec.warnings, ...schemaProblems] },
    phases,
    checks: [...checks.keys()],
    ...(options.shard ? { shard: options.shard } : {}),
  };

  if (options.dryRun) {
    const planned = plan(selected, phases, envFor(undefined as unknown as Executor));
    return dryRunResult({ ...base, plan: planned, baseUrl: describeTarget(options, spec), durationMs: performance.now() - started, operations: selected.length });
  }

  const opened = await openTarget(options, spec, seed, timeoutMs);
  const diff = options.diff ? await openDiff(options.api as string, seed, opened, contract, spec, timeoutMs) : undefined;
  // eslint-disable-next-line prefer-const -- assigned once the endpoint's session exists
  let session: LiveSession;
  const target: Target | SimulatorTarget = diff
    ? diffTarget({ endpoint: opened, simulator: diff.simulator, endpointSession: () => session, simulatorSession: diff.session, recorder: diff.recorder })
    : opened;
  try {
    const { credentials, others } = splitHeaders(options.headers ?? {});
    const auth = options.auth ?? (options.target === 'sim' ? contract.auth.simulatorAuth : undefined);
    const login = () =>
      contract.auth
        .login(auth, credentials, { baseUrl: opened.baseUrl, send: (request) => opened.send(request), operations: spec.operations })
        .catch((error: unknown) => {
          if (error instanceof TransportError) throw new TargetError(`cannot log in at ${target.baseUrl}: ${error.message}`);
          throw error;
        });
    session = await LiveSession.open(login);
    if (options.target !== 'sim' && !options.fetch) await probe(opened);
    const tracker = new ResourceTracker(spec.operations, target.baseUrl, contract.createdResources);
    const runWarnings = new Set<string>();
    const context: CheckContext = {
      warn: (message) => runWarnings.add(message),
      send: (request) => executor.send(request),
      authorize: async (request) => session.apply(withMissingHeaders(request, others)),
      operations: spec.operations,
      baseUrl: target.baseUrl,
      options: {
        ...(options.maxResponseTimeMs !== undefined ? { maxResponseTimeMs: options.maxResponseTimeMs } : {}),
        taskTimeoutMs: options.taskTimeoutMs ?? DEFAULTS.taskTimeoutMs,
        taskPollIntervalMs: options.taskPollIntervalMs ?? (options.target === 'sim' ? 0 : DEFAULTS.taskPollIntervalMs),
        ...(options.expectedStatuses ? { expectedStatuses: options.expectedStatuses } : {}),
        operationExpectedStatuses: operationExpectedStatuses(options),
      },
    };
    const executor: Executor = new Executor({
      target,
      session,
      extraHeaders: others,
      checks: [...checks].map(([name, check]) => ({ name, check })),
      operationChecks: checksByOperation,
      context,
      limiter: rateLimiter(options.rateLimit),
      seed,
      ...(options.maxFailures !== undefined ? { maxFailures: options.maxFailures } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      beforeSend: () => session.renewIfExpiring(),
      observers: [(exchange) => tracker.observe(exchange)],
    });
    const env = envFor(executor);
    const planned = plan(selected, phases, env);
    // one request at a time when comparing: both sides must see the same order
    const workers = diff ? 1 : options.workers ?? DEFAULTS.workers;
    for (const phaseName of phases) {
      if (executor.stopped) break;
      if (diff) diff.recorder.phase = phaseName;
      if (isSimulator(target)) {
        await target.reset();
        tracker.clear();
        await session.relogin();
      }
      // a model creates and deletes: never in a read-only run (the link walk then keeps to safe methods)
      if (phaseName === 'stateful' && contract.workflow && options.readOnly !== true) {
        // the model is one unit of work: the first shard runs it
        if ((options.shard?.index ?? 1) !== 1) continue;
        const outcome = await runModel({
          workflow: contract.workflow,
          baseUrl: target.baseUrl,
          send: (request) => executor.send(request),
          session,
          namePrefix: options.namePrefix ?? DEFAULTS.namePrefix,
          pollMs: context.options.taskPollIntervalMs,
          seed,
          numRuns: maxExamples,
          maxCommands: DEFAULTS.maxModelCommands,
          ...(isSimulator(target) ? { reset: async () => { await target.reset(); await session.relogin(); } } : {}),
          cleanupAfterEach: !isSimulator(target) && options.cleanup === true,
        });
        if (outcome.failure) executor.findings.push(modelFinding(outcome.failure, contract.workflow.description, session, target.insecure));
        const verdict = { passed: outcome.failure ? 0 : 1, failed: outcome.failure ? 1 : 0 };
        executor.checkStats[MODEL_CHECK] = verdict;
        executor.operationStats.set('workflow', {
          operationId: 'workflow', method: 'MODEL', path: contract.workflow.description, requests: outcome.requests, checks: { [MODEL_CHECK]: verdict },
        });
        options.onProgress?.({ phase: phaseName, operationId: 'workflow', requests: executor.requests, findings: executor.findings.length });
        continue;
      }
      const phase = phaseModule(phaseName);
      for (const wave of waves(selected)) {
        await runPool(
          wave,
          workers,
          async (operation) => {
            await phase.run(operation, env);
            options.onProgress?.({ phase: phaseName, operationId: operation.id, requests: executor.requests, findings: executor.findings.length });
          },
          () => executor.stopped,
        );
      }
    }
    if (diff) executor.findings.push(...diffFindings(diff.recorder.differences, spec.operations, target.baseUrl, session, target.insecure, seed));
    // the in-process simulator's world ends with the run: nothing is left behind there
    let cleanup: CleanupRecord[] = isSimulator(target) ? [] : leftBehind(tracker.created);
    if (options.cleanup) {
      cleanup = await deleteResources(tracker.created, {
        send: (request) => executor.send(request),
        authorize: (request) => session.apply(request),
        patienceMs: context.options.taskTimeoutMs,
        pollMs: Math.max(100, context.options.taskPollIntervalMs),
      });
    }
    return {
      ...base,
      spec: { ...base.spec, warnings: [...base.spec.warnings, ...runWarnings] },
      baseUrl: target.baseUrl,
      authentication: session.description,
      dryRun: false,
      plan: planned,
      findings: executor.findings,
      counts: {
        operations: selected.length,
        requests: executor.requests,
        checksRun: executor.checksRun,
        findings: executor.findings.length,
        transportErrors: executor.transportErrors,
      },
      checkStats: executor.checkStats,
      operationStats: [...executor.operationStats.values()],
      cleanup,
      stoppedEarly: executor.stopped,
      durationMs: performance.now() - started,
      passed: executor.findings.length === 0,
    };
  } finally {
    await target.close();
  }
}
