// `hypersim report merge SHARD.json... [--json OUT] [--junit OUT]`: joins the JSON reports of a run's
// shards (hypersim test --shard i/n --json ...) into one JSON and one JUnit report; exit 1 when a shard
// found something, 2 on bad usage or reports that do not belong together.
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import type { CliIo } from './cli.js';
import { formatSummary } from './report/console.js';
import { toJson } from './report/json.js';
import { writeReport } from './report/write.js';
import { toJunit } from './report/junit.js';
import { MergeError, mergeResults } from './report/merge.js';
import type { RunResult } from './run-types.js';

async function readReport(path: string): Promise<RunResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MergeError(`${path}: cannot read a JSON report (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const report = parsed as Partial<RunResult> & { tool?: string };
  if (report.tool !== 'hypersim' || report.counts === undefined || !Array.isArray(report.findings)) {
    throw new MergeError(`${path}: not a hypersim test --json report`);
  }
  const { tool: _tool, ...result } = report;
  return result as RunResult;
}

const defaultIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'merge') {
    io.stderr.write('usage: hypersim report merge SHARD.json... [--json OUT] [--junit OUT]\n');
    return subcommand === '--help' || subcommand === '-h' ? 0 : 2;
  }
  const program = new Command('hypersim report merge')
    .argument('<reports...>', 'the JSON reports of the shards')
    .addOption(new Option('--json <file>', 'write the merged JSON report'))
    .addOption(new Option('--junit <file>', 'write the merged JUnit report'))
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text), outputError: () => {} });
  try {
    program.parse(rest, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed') return 0;
      io.stderr.write(`hypersim report merge: ${error.message.replace(/^error: /, '')}\n`);
      return 2;
    }
    throw error;
  }
  try {
    const merged = mergeResults(await Promise.all(program.args.map(readReport)));
    const options = program.opts<{ json?: string; junit?: string }>();
    if (options.json) await writeReport(options.json, toJson(merged));
    if (options.junit) await writeReport(options.junit, toJunit(merged));
    for (const line of formatSummary(merged)) io.stdout.write(`${line}\n`);
    return merged.passed ? 0 : 1;
  } catch (error) {
    io.stderr.write(`hypersim report merge: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
