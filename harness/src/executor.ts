// Sends one case and runs every selected check on the exchange; keeps the run's statistics and its
// findings (deduplicated by check, operation and the failure's dedup key).
import type { AuthSession } from './auth.js';
import { withMissingHeaders } from './auth.js';
import { toCurl } from './report/curl.js';
import { buildRequest } from './request.js';
import type { CheckStats, Finding, OperationStats, ResponseSummary } from './run-types.js';
import type { RateLimiter } from './scheduler.js';
import { TransportError, type Target } from './target.js';
import { CheckFailure, type Case, type Check, type CheckContext, type Exchange, type ReceivedResponse, type SentRequest } from './types.js';

export interface NamedCheck {
  name: string;
  check: Check;
}

export interface ExecutorSettings {
  target: Target;
  session: AuthSession;
  /** non-credential --header values, added unless the case sets the same header */
  extraHeaders: Record<string, string>;
  checks: NamedCheck[];
  /** per operationId, the checks that replace `checks` for it (hypersim.test.yaml `operations:`) */
  operationChecks?: Map<string, NamedCheck[]>;
  context: CheckContext;
  limiter: RateLimiter;
  seed: number;
  maxFailures?: number;
  /** aborting it (Ctrl-C in the CLI) stops the run after the requests in flight */
  signal?: AbortSignal;
  /** called before each request: renews credentials that are about to expire */
  beforeSend?: () => Promise<void>;
  /** sees every exchange (cleanup tracking, stateful link following) */
  observers: Array<(exchange: Exchange) => void>;
}

export interface Outcome {
  /** undefined when the request could not be sent (transport error, already recorded) */
  exchange?: Exchange;
  failures: CheckFailure[];
}

/** 'all' records everything; 'passes' leaves failures to the caller (fuzz records only the shrunk case). */
export type RecordMode = 'all' | 'passes';

const BODY_LIMIT = 4096;
export const TRANSPORT_CHECK = 'request_error';

export class Executor {
  readonly findings: Finding[] = [];
  readonly checkStats: Record<string, CheckStats> = {};
  readonly operationStats = new Map<string, OperationStats>();
  requests = 0;
  checksRun = 0;
  transportErrors = 0;
  private readonly byKey = new Map<string, Finding>();

  constructor(private readonly settings: ExecutorSettings) {
    const lists = [settings.checks, ...(settings.operationChecks?.values() ?? [])];
    for (const { name } of lists.flat()) this.checkStats[name] = { passed: 0, failed: 0 };
  }

  get stopped(): boolean {
    if (this.settings.signal?.aborted) return true;
    const limit = this.settings.maxFailures;
    return limit !== undefined && limit > 0 && this.findings.length >= limit;
  }

  /** The request a case sends, with the run's headers and the case's kind of authentication. */
  prepare(testCase: Case): SentRequest {
    const request = withMissingHeaders(buildRequest(testCase, this.settings.target.baseUrl), this.settings.extraHeaders);
    const { session } = this.settings;
    if (testCase.auth === 'none') return session.strip(request);
    if (testCase.auth === 'bad') return session.forge(request);
    return session.apply(request);
  }

  async send(request: SentRequest): Promise<ReceivedResponse> {
    await this.settings.limiter.acquire();
    this.requests += 1;
    return this.settings.target.send(request);
  }

  async execute(testCase: Case, mode: RecordMode = 'all'): Promise<Outcome> {
    await this.settings.beforeSend?.();
    const request = this.prepare(testCase);
    const stats = this.statsFor(testCase);
    stats.requests += 1;
    let response: ReceivedResponse;
    try {
      response = await this.send(request);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      this.transportErrors += 1;
      const failure = new CheckFailure(TRANSPORT_CHECK, 'The request failed', 'high', 'a response', error.message, error.message);
      this.record(testCase, request, undefined, failure);
      return { failures: [failure] };
    }
    const exchange: Exchange = { case: testCase, request, response };
    for (const observe of this.settings.observers) observe(exchange);
    const failures: CheckFailure[] = [];
    const checks = this.settings.operationChecks?.get(testCase.operation.id) ?? this.settings.checks;
    for (const { name, check } of checks) {
      this.checksRun += 1;
      const failure = await runCheck(name, check, this.settings.context, exchange);
      const checkStats = (stats.checks[name] ??= { passed: 0, failed: 0 });
      const total = this.checkStats[name] as CheckStats;
      if (failure === undefined) {
        checkStats.passed += 1;
        total.passed += 1;
        continue;
      }
      failures.push(failure);
      if (mode === 'all') {
        checkStats.failed += 1;
        total.failed += 1;
        this.record(testCase, request, response, failure);
      }
    }
    return { exchange, failures };
  }

  /** Records failures found earlier (fuzz: the shrunk case's exchange). */
  recordFailures(exchange: Exchange, failures: CheckFailure[]): void {
    const stats = this.statsFor(exchange.case);
    for (const failure of failures) {
      const checkStats = (stats.checks[failure.check] ??= { passed: 0, failed: 0 });
      checkStats.failed += 1;
      const total = (this.checkStats[failure.check] ??= { passed: 0, failed: 0 });
      total.failed += 1;
      this.record(exchange.case, exchange.request, exchange.response, failure);
    }
  }

  private statsFor(testCase: Case): OperationStats {
    const { operation } = testCase;
    let stats = this.operationStats.get(operation.id);
    if (!stats) {
      stats = { operationId: operation.id, method: operation.method, path: operation.path, requests: 0, checks: {} };
      this.operationStats.set(operation.id, stats);
    }
    return stats;
  }

  private record(testCase: Case, request: SentRequest, response: ReceivedResponse | undefined, failure: CheckFailure): void {
    const key = `${failure.check}\u0000${testCase.operation.id}\u0000${failure.dedupKey}`;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.occurrences += 1;
      return;
    }
    // --max-failures N reports at most N findings, even when one exchange breaks several checks
    const limit = this.settings.maxFailures;
    if (limit !== undefined && limit > 0 && this.findings.length >= limit) return;
    const finding: Finding = {
      check: failure.check,
      title: failure.title,
      severity: failure.severity,
      expected: failure.expected,
      actual: failure.actual,
      operationId: testCase.operation.id,
      method: request.method,
      path: testCase.operation.path,
      phase: testCase.phase,
      occurrences: 1,
      ...(testCase.violation ? { violation: testCase.violation } : {}),
      request: maskRequest(request, this.settings.session),
      ...(response ? { response: summarize(response) } : {}),
      curl: toCurl(request, { insecure: this.settings.target.insecure, secrets: this.settings.session.secrets }),
      seed: this.settings.seed,
    };
    this.byKey.set(key, finding);
    this.findings.push(finding);
  }
}

async function runCheck(name: string, check: Check, context: CheckContext, exchange: Exchange): Promise<CheckFailure | undefined> {
  try {
    await check(context, exchange);
    return undefined;
  } catch (error) {
    if (error instanceof CheckFailure) return error;
    if (error instanceof TransportError) {
      return new CheckFailure(name, 'A follow-up request failed', 'high', 'a response', error.message, `transport:${error.message}`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new CheckFailure(name, `The check itself failed: ${message}`, 'high', 'the check to run', message, `crash:${message}`);
  }
}

function summarize(response: ReceivedResponse): ResponseSummary {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: response.bodyText.length > BODY_LIMIT ? `${response.bodyText.slice(0, BODY_LIMIT)}...` : response.bodyText,
  };
}

/** Secrets replaced by their $PLACEHOLDER in the request kept in reports. */
function maskRequest(request: SentRequest, session: AuthSession): Finding['request'] {
  const mask = (text: string) => session.secrets.reduce((masked, secret) => (secret.value ? masked.replaceAll(secret.value, `$${secret.placeholder}`) : masked), text);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, mask(value)]));
  return { method: request.method, url: mask(request.url), headers, ...(request.body !== undefined ? { body: mask(request.body) } : {}) };
}
