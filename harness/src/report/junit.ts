// JUnit XML for CI: one <testsuite> per operation, one <testcase> per operation x check, a <failure>
// for each distinct finding.
import type { Finding, RunResult } from '../run-types.js';

export function escapeXml(text: string): string {
  return text
    // characters XML 1.0 cannot carry at all
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function failureElement(finding: Finding): string {
  const detail = [
    `${finding.title}`,
    `expected: ${finding.expected}`,
    `actual:   ${finding.actual}`,
    `phase: ${finding.phase}, occurrences: ${finding.occurrences}, seed: ${finding.seed}`,
    `reproduce: ${finding.curl}`,
  ].join('\n');
  return `      <failure message="${escapeXml(finding.title)}" type="${escapeXml(finding.check)}">${escapeXml(detail)}</failure>`;
}

export function toJunit(result: RunResult): string {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  const findingsByOperation = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = findingsByOperation.get(finding.operationId) ?? [];
    list.push(finding);
    findingsByOperation.set(finding.operationId, list);
  }
  for (const stats of result.operationStats) {
    const findings = findingsByOperation.get(stats.operationId) ?? [];
    const checkNames = [...new Set([...Object.keys(stats.checks), ...findings.map((finding) => finding.check)])];
    const cases = checkNames.map((check) => {
      const failures = findings.filter((finding) => finding.check === check);
      const name = `${stats.operationId} ${check}`;
      const open = `    <testcase classname="${escapeXml(stats.operationId)}" name="${escapeXml(name)}" time="0">`;
      if (failures.length === 0) return `${open}</testcase>`;
      return [open, ...failures.map(failureElement), '    </testcase>'].join('\n');
    });
    const failed = checkNames.filter((check) => findings.some((finding) => finding.check === check)).length;
    totalTests += checkNames.length;
    totalFailures += failed;
    suites.push(
      [
        `  <testsuite name="${escapeXml(`${stats.method} ${stats.path} (${stats.operationId})`)}" tests="${checkNames.length}" failures="${failed}" errors="0" skipped="0" time="0">`,
        ...cases,
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const seconds = (result.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(`hypersim contract tests: ${result.spec.title}`)}" tests="${totalTests}" failures="${totalFailures}" errors="0" time="${seconds}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
