// What a run takes and what it gives back: the shape shared by the CLI, the library entry point and
// the reports.
import type { FetchFunction } from './target.js';
import type { PhaseName, Severity, Violation } from './types.js';

export const ALL_PHASES: readonly PhaseName[] = ['examples', 'coverage', 'fuzz', 'negative', 'auth', 'stateful'];

/** Settings for one operation (hypersim.test.yaml `operations: { <operationId>: ... }`). */
export interface OperationSettings {
  /** statuses positive_data_acceptance allows for this operation, e.g. ['2XX', '409'] */
  expectedStatuses?: string[];
  /** the checks for this operation (replaces the run's list) */
  checks?: string[];
  /** checks left out for this operation */
  excludeChecks?: string[];
}

export interface RunOptions {
  /** an OpenAPI document (path or URL) */
  spec?: string;
  /** one of ours: specs/<api>.yaml, and the login recipe contracts/<api>/auth.ts */
  api?: string;
  /** 'sim' runs the simulator in-process (needs `api`) */
  target?: 'sim';
  baseUrl?: string;
  /** send requests through this function instead of the network (tests, msw, custom transports) */
  fetch?: FetchFunction;
  insecure?: boolean;
  /** PEM file of extra trusted certificate authorities */
  ca?: string;
  /** extra headers on every request, e.g. { 'X-API-Key': '...' } */
  headers?: Record<string, string>;
  /** USER:PASSWORD or a token, handed to the API's login recipe */
  auth?: string;
  include?: string[];
  exclude?: string[];
  phases?: PhaseName[];
  checks?: string[];
  excludeChecks?: string[];
  /** statuses positive_data_acceptance allows for a valid request (default 2XX, 401, 403, 404) */
  expectedStatuses?: string[];
  /** per-operation settings, by operationId */
  operations?: Record<string, OperationSettings>;
  seed?: number;
  maxExamples?: number;
  workers?: number;
  /** requests per second across all workers */
  rateLimit?: number;
  timeoutMs?: number;
  /** stop after this many distinct findings */
  maxFailures?: number;
  readOnly?: boolean;
  dryRun?: boolean;
  cleanup?: boolean;
  namePrefix?: string;
  strictSpec?: boolean;
  maxResponseTimeMs?: number;
  taskTimeoutMs?: number;
  taskPollIntervalMs?: number;
  /** compare the in-process simulator of `api` with the endpoint (`baseUrl` or `fetch`), request by request */
  diff?: boolean;
  /** run only this deterministic share of the operations (and, in shard 1, the API's model) */
  shard?: { index: number; total: number };
  /** abort to stop early: the run finishes the requests in flight, cleans up (with --cleanup) and reports */
  signal?: AbortSignal;
  /** live progress (the console report listens here) */
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  phase: PhaseName;
  operationId: string;
  requests: number;
  findings: number;
}

export interface ResponseSummary {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** the first 4 KiB */
  body: string;
}

export interface Finding {
  check: string;
  title: string;
  severity: Severity;
  expected: string;
  actual: string;
  operationId: string;
  method: string;
  path: string;
  phase: PhaseName;
  /** how many exchanges broke the same rule (same check, operation and dedup key) */
  occurrences: number;
  violation?: Violation;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: ResponseSummary;
  curl: string;
  seed: number;
}

export interface CheckStats {
  passed: number;
  failed: number;
}

export interface OperationStats {
  operationId: string;
  method: string;
  path: string;
  requests: number;
  checks: Record<string, CheckStats>;
}

export interface PlanEntry {
  operationId: string;
  method: string;
  path: string;
  requests: Partial<Record<PhaseName, number>>;
}

export interface CleanupRecord {
  description: string;
  method: string;
  url: string;
  outcome: 'deleted' | 'failed' | 'left';
  detail?: string;
}

export interface RunResult {
  seed: number;
  spec: { source: string; title: string; version: string; warnings: string[] };
  baseUrl: string;
  authentication: string;
  phases: PhaseName[];
  checks: string[];
  dryRun: boolean;
  plan: PlanEntry[];
  findings: Finding[];
  counts: { operations: number; requests: number; checksRun: number; findings: number; transportErrors: number };
  checkStats: Record<string, CheckStats>;
  operationStats: OperationStats[];
  cleanup: CleanupRecord[];
  /** the share of the operations this run tested (--shard i/n) */
  shard?: { index: number; total: number };
  /** set when --max-failures or an abort stopped the run */
  stoppedEarly: boolean;
  durationMs: number;
  /** true when nothing failed */
  passed: boolean;
}
