// The console report: live progress on a terminal (nothing in CI or when piped), the plan on --dry-run,
// tables per operation and per check, and every finding with what was expected, what came back, a curl
// reproducer and the seed.
import type { Finding, Progress, RunResult } from '../run-types.js';
import { summarize } from '../spec.js';
import { placeholdersUsed } from './curl.js';

const CLEANUP_LINES = 20;

export interface ConsoleOptions {
  write: (text: string) => void;
  /** live progress line (a TTY outside CI) */
  live: boolean;
  /** how many spec warnings to print */
  warningLimit?: number;
}

export function wantsLiveProgress(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return stream.isTTY === true && !env.CI;
}

export function progressPrinter(options: ConsoleOptions): (progress: Progress) => void {
  if (!options.live) return () => {};
  return (progress) => {
    options.write(`\r\u001b[2K${progress.phase}: ${progress.operationId} | ${progress.requests} requests, ${progress.findings} findings`);
  };
}

/** Text columns left-aligned, numbers right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => /^\d*$/.test(row[column] ?? '')));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

export function formatWarnings(warnings: string[], limit = 10): string[] {
  if (warnings.length === 0) return [];
  return [`The spec has ${warnings.length} problem(s); testing what can be tested (--strict-spec makes them fatal):`, ...summarize(warnings, limit).map((warning) => `  warning: ${warning}`), ''];
}

export function formatPlan(result: RunResult): string[] {
  const rows = result.plan.map((entry) => [
    entry.operationId,
    `${entry.method} ${entry.path}`,
    ...result.phases.map((phase) => String(entry.requests[phase] ?? 0)),
  ]);
  const totals = result.phases.map((phase) => result.plan.reduce((sum, entry) => sum + (entry.requests[phase] ?? 0), 0));
  const total = totals.reduce((sum, count) => sum + count, 0);
  return [
    `Plan (dry run, nothing sent): ${result.plan.length} operations, phases ${result.phases.join(', ')}, checks ${result.checks.join(', ')}`,
    `Target: ${result.baseUrl}   seed: ${result.seed}`,
    ...table(['operation', 'request', ...result.phases], [...rows, ['total', '', ...totals.map(String)]]),
    `At most ${total} requests (coverage, fuzz and negative stop at --max-examples per operation).`,
  ];
}

function formatFinding(finding: Finding, index: number, result: RunResult): string[] {
  const lines = [
    `${index + 1}. [${finding.check}] ${finding.title}   (${finding.severity})`,
    `   operation: ${finding.operationId} (${finding.method} ${finding.path}), phase ${finding.phase}${finding.occurrences > 1 ? `, seen ${finding.occurrences} times` : ''}`,
  ];
  if (finding.violation) lines.push(`   request broke: ${finding.violation.description}`);
  lines.push(`   expected: ${finding.expected}`, `   actual:   ${finding.actual}`);
  const variables = placeholdersUsed(finding.curl);
  lines.push(`   reproduce: ${finding.curl}`);
  if (variables.length > 0) lines.push(`   (set ${variables.join(', ')} to your credentials first)`);
  lines.push(`   replay the run: --seed ${finding.seed}${result.phases.length < 6 ? ` --phases ${result.phases.join(',')}` : ''}`);
  return lines;
}

export function formatSummary(result: RunResult): string[] {
  const lines: string[] = [];
  lines.push(`Target: ${result.baseUrl}   auth: ${result.authentication}   seed: ${result.seed}`, '');
  const operationRows = result.operationStats.map((stats) => {
    const failed = Object.entries(stats.checks).filter(([, check]) => check.failed > 0).map(([name]) => name);
    const transport = result.findings.some((finding) => finding.operationId === stats.operationId && finding.check === 'request_error');
    const problems = [...failed, ...(transport ? ['request_error'] : [])];
    return [stats.operationId, `${stats.method} ${stats.path}`, String(stats.requests), problems.length === 0 ? 'ok' : problems.join(', ')];
  });
  lines.push(...table(['operation', 'request', 'requests', 'result'], operationRows), '');
  const checkRows = Object.entries(result.checkStats).map(([name, stats]) => [name, String(stats.passed), String(stats.failed)]);
  lines.push(...table(['check', 'passed', 'failed'], checkRows), '');
  if (result.findings.length > 0) {
    lines.push(`Findings (${result.findings.length}):`);
    result.findings.forEach((finding, index) => lines.push(...formatFinding(finding, index, result), ''));
  }
  if (result.cleanup.length > 0) {
    lines.push(`Resources created by the run (${result.cleanup.length}):`);
    for (const record of result.cleanup.slice(0, CLEANUP_LINES)) {
      lines.push(`  ${record.outcome.padEnd(7)} ${record.description}${record.detail ? ` (${record.detail})` : ''}`);
    }
    if (result.cleanup.length > CLEANUP_LINES) lines.push(`  ... and ${result.cleanup.length - CLEANUP_LINES} more (all of them are in --json)`);
    if (result.cleanup.some((record) => record.outcome === 'left')) lines.push('  (run with --cleanup to delete them)');
    lines.push('');
  }
  if (result.stoppedEarly) lines.push('Stopped early (--max-failures reached, or interrupted).');
  const { counts } = result;
  lines.push(
    `${result.passed ? 'PASSED' : 'FAILED'}: ${counts.operations} operations, ${counts.requests} requests, ${counts.checksRun} checks, ` +
      `${counts.findings} finding(s) in ${(result.durationMs / 1000).toFixed(1)} s`,
  );
  return lines;
}
