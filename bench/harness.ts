// Issue 3's figures: checked requests per second against the in-process simulator, and the time to load,
// dereference and plan (--dry-run) a large spec. The harness is imported lazily: when it cannot load,
// these two modules are skipped and the rest of the bench still runs.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { writeBigSpec } from '../test-support/big-spec.js';
import type { BenchModule, Figure } from './types.js';

type Harness = typeof import('../harness/src/index.js');

const CHECKED_TARGET = 1000;
const LOAD_TARGET_SECONDS = 3;
const GITHUB_RATIO_TARGET = 1.5;

async function loadHarness(): Promise<Harness> {
  return import('../harness/src/index.js');
}

async function whyUnavailable(): Promise<string | undefined> {
  try {
    const harness = await loadHarness();
    return typeof harness.runContractTests === 'function' ? undefined : 'harness/src/index.ts has no runContractTests';
  } catch (error) {
    return `the harness does not load (${(error as Error).message.split('\n')[0]})`;
  }
}

const SUITE_TARGET_SECONDS = 60;
/** enough requests per operation that the fixed cost of a run (spec, simulator, plan) stops dominating */
const THROUGHPUT_EXAMPLES = 100;

export const harnessCheckedRequests: BenchModule = {
  name: 'harness: checked requests in-process',
  unavailable: whyUnavailable,
  async run() {
    const { runContractTests } = await loadHarness();
    const suite = await runContractTests({ api: 'pve', target: 'sim' });
    const suiteSeconds = suite.durationMs / 1000;
    const cpuBefore = process.cpuUsage();
    const result = await runContractTests({ api: 'pve', target: 'sim', maxExamples: THROUGHPUT_EXAMPLES });
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = result.durationMs / 1000;
    const cpuShare = (cpu.user + cpu.system) / 1e6 / seconds;
    const perSecond = result.counts.requests / seconds;
    return [
      {
        id: 'harness-suite', label: 'harness: whole pve suite, default settings', value: suiteSeconds, unit: 's',
        target: { text: `< ${SUITE_TARGET_SECONDS} s`, pass: suiteSeconds < SUITE_TARGET_SECONDS },
        detail: `${suite.counts.requests} requests, ${suite.counts.checksRun} checks, ${suite.counts.findings} findings (phases ${suite.phases.join(',')})`,
      },
      {
        id: 'harness-checked', label: 'harness: checked requests, in-process pve', value: perSecond, unit: 'req/s',
        target: { text: `>= ${CHECKED_TARGET} req/s`, pass: perSecond >= CHECKED_TARGET },
        detail: `${result.counts.requests} requests, ${result.counts.checksRun} checks, ${result.counts.findings} findings `
          + `in ${seconds.toFixed(1)} s (--max-examples ${THROUGHPUT_EXAMPLES}, default workers, whole run including spec load); `
          + `CPU ${(cpuShare * 100).toFixed(0)}% of a core (harness and simulator share the process)`,
      },
      {
        id: 'harness-checked.cpu', label: '  per second of CPU (harness + simulator)', unit: 'req/s',
        value: result.counts.requests / ((cpu.user + cpu.system) / 1e6),
      },
    ];
  },
};

async function timeDryRun(harness: Harness, specPath: string): Promise<{ seconds: number; planned: number }> {
  const started = performance.now();
  const result = await harness.runContractTests({ spec: specPath, dryRun: true });
  return { seconds: (performance.now() - started) / 1000, planned: result.plan.length };
}

export const harnessLargeSpec: BenchModule = {
  name: 'harness: large spec load + dry run',
  unavailable: whyUnavailable,
  async run(context) {
    const harness = await loadHarness();
    const figures: Figure[] = [];
    // the case: a vendor document of 13 MB with 1,200 operations
    const path = join(context.workDir, 'spec-13mb.json');
    const spec = writeBigSpec(path, { operations: 1200, bytes: 13_000_000 });
    const { seconds, planned } = await timeDryRun(harness, path);
    figures.push({
      id: 'large-spec', label: `harness: load+plan ${(spec.bytes / 1e6).toFixed(1)} MB, ${spec.operations} ops`, value: seconds, unit: 's',
      target: { text: `< ${LOAD_TARGET_SECONDS} s`, pass: seconds < LOAD_TARGET_SECONDS },
      detail: `runContractTests({ spec, dryRun: true }) planned ${planned} operations`,
    });
    figures.push(...(await githubFigures(harness)));
    return figures;
  },
};

/** GitHub's REST description (devDependency @octokit/openapi), planned next to swagger-parser alone on it. */
async function githubFigures(harness: Harness): Promise<Figure[]> {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  } catch {
    return [];
  }
  const parserStarted = performance.now();
  const parser = new SwaggerParser();
  await parser.validate((await parser.parse(path)) as never, { dereference: { circular: true } }).catch(() => undefined);
  const parserSeconds = (performance.now() - parserStarted) / 1000;
  const { seconds, planned } = await timeDryRun(harness, path);
  const ratio = seconds / parserSeconds;
  return [
    {
      id: 'github-spec', label: "harness: load+plan GitHub's REST description", value: seconds, unit: 's',
      target: { text: `< ${LOAD_TARGET_SECONDS} s and <= ${GITHUB_RATIO_TARGET}x the parser`, pass: seconds < LOAD_TARGET_SECONDS && ratio <= GITHUB_RATIO_TARGET },
      detail: `runContractTests({ spec, dryRun: true }) planned ${planned} operations, examples audited; ${ratio.toFixed(2)}x the parser`,
    },
    {
      id: 'github-spec.parser', label: '  swagger-parser alone (validate + dereference)', value: parserSeconds, unit: 's',
    },
  ];
}
