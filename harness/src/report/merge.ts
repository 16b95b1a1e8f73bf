// `hypersim report merge`: the JSON reports of the shards of one run joined into one result, with the
// totals a single run prints (counts and statistics summed, findings and operations concatenated).
import type { CheckStats, Finding, OperationStats, RunResult } from '../run-types.js';

export class MergeError extends Error {
  override name = 'MergeError';
}

function addStats(into: Record<string, CheckStats>, from: Record<string, CheckStats>): void {
  for (const [name, stats] of Object.entries(from)) {
    const total = (into[name] ??= { passed: 0, failed: 0 });
    total.passed += stats.passed;
    total.failed += stats.failed;
  }
}

/** One finding per rule broken, as a single run keeps it: a shard may meet, through a link from an
 * operation of its own, the same break another shard found on its operation. */
function joinFindings(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const finding of findings) {
    const key = [finding.check, finding.operationId, finding.title, finding.expected].join('\u0000');
    const known = byKey.get(key);
    if (known) known.occurrences += finding.occurrences;
    else byKey.set(key, { ...finding });
  }
  return [...byKey.values()];
}

function joinOperationStats(all: OperationStats[]): OperationStats[] {
  const byId = new Map<string, OperationStats>();
  for (const stats of all) {
    const known = byId.get(stats.operationId);
    if (known === undefined) {
      byId.set(stats.operationId, { ...stats, checks: structuredClone(stats.checks) });
      continue;
    }
    known.requests += stats.requests;
    addStats(known.checks, stats.checks);
  }
  return [...byId.values()];
}

export function mergeResults(parts: RunResult[]): RunResult {
  const [first] = parts;
  if (first === undefined) throw new MergeError('give at least one JSON report');
  for (const part of parts) {
    if (part.spec?.source !== first.spec.source || part.seed !== first.seed) {
      throw new MergeError(`the reports are not shards of one run (spec ${part.spec?.source} seed ${part.seed} vs ${first.spec.source} seed ${first.seed})`);
    }
  }
  const shards = parts.map((part) => part.shard).filter((shard) => shard !== undefined);
  const indexes = new Set(shards.map((shard) => shard.index));
  if (shards.length === parts.length && (indexes.size !== parts.length || shards.some((shard) => shard.total !== parts.length))) {
    throw new MergeError(`expected shards 1..${parts.length} of ${parts.length} once each, got ${shards.map((s) => `${s.index}/${s.total}`).join(', ')}`);
  }
  const checkStats: Record<string, CheckStats> = {};
  for (const part of parts) addStats(checkStats, part.checkStats);
  const counts = { operations: 0, requests: 0, checksRun: 0, findings: 0, transportErrors: 0 };
  for (const part of parts) for (const key of Object.keys(counts) as Array<keyof typeof counts>) counts[key] += part.counts[key];
  const findings = joinFindings(parts.flatMap((part) => part.findings));
  counts.findings = findings.length;
  const { shard: _shard, ...rest } = first;
  return {
    ...rest,
    spec: { ...first.spec, warnings: [...new Set(parts.flatMap((part) => part.spec.warnings))] },
    checks: [...new Set(parts.flatMap((part) => part.checks))],
    plan: parts.flatMap((part) => part.plan),
    findings,
    counts,
    checkStats,
    operationStats: joinOperationStats(parts.flatMap((part) => part.operationStats)),
    cleanup: parts.flatMap((part) => part.cleanup),
    stoppedEarly: parts.some((part) => part.stoppedEarly),
    durationMs: Math.max(...parts.map((part) => part.durationMs)),
    passed: parts.every((part) => part.passed),
  };
}
