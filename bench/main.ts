// `npm run bench`: runs BENCH_MODULES in order against servers in child processes, with the store on disk
// in a temp dir, and prints every figure with its ratio and target. Exit code 1 when a measurement failed
// or lost work (a missed target alone is not a failure: it is a figure to report).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { generateSelfSigned } from '../simulator/src/tls.js';
import { BENCH_MODULES } from './modules.js';
import { formatTable } from './table.js';
import type { BenchContext, BenchModule, BenchSettings, Figure } from './types.js';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function positiveNumber(flag: string) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) throw new CommanderError(2, 'bench.usage', `${flag}: expected a number >= 0, got '${text}'`);
    return value;
  };
}

function parseArgs(argv: string[], io: Io): { settings: BenchSettings; only: string[] | undefined } | number {
  const program = new Command('npm run bench --')
    .description('Throughput of the simulator over HTTPS against a bare Hono baseline, clone flows, harness speed')
    .addOption(new Option('--seconds <n>', 'length of each measured window').default(5).argParser(positiveNumber('--seconds')))
    .addOption(new Option('--warmup <n>', 'warm-up before each window, in seconds').default(1).argParser(positiveNumber('--warmup')))
    .addOption(new Option('--concurrency <n>', 'concurrent clients').default(32).argParser(positiveNumber('--concurrency')))
    .addOption(new Option('--only <names>', `comma-separated module names (${BENCH_MODULES.map((module) => module.name).join('; ')}) or parts of them`))
    .addOption(new Option('--profile <dir>', 'write a V8 CPU profile (.cpuprofile) of each server process into <dir>'))
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .allowExcessArguments(false);
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const options = program.opts<{ seconds: number; warmup: number; concurrency: number; only?: string; profile?: string }>();
  const concurrency = Math.max(1, Math.round(options.concurrency));
  return {
    settings: { seconds: options.seconds, warmupSeconds: options.warmup, concurrency, profileDir: options.profile === undefined ? undefined : resolve(options.profile) },
    only: options.only?.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean),
  };
}

function selected(modules: readonly BenchModule[], only: string[] | undefined): BenchModule[] {
  if (only === undefined) return [...modules];
  return modules.filter((module) => only.some((part) => module.name.toLowerCase().includes(part)));
}

async function writeCertificate(workDir: string): Promise<BenchContext['tls']> {
  const { cert, key } = await generateSelfSigned('127.0.0.1');
  const certPath = join(workDir, 'bench-cert.pem');
  const keyPath = join(workDir, 'bench-key.pem');
  writeFileSync(certPath, cert);
  writeFileSync(keyPath, key, { mode: 0o600 });
  return { certPath, keyPath };
}

export async function main(argv: string[], io: Io = defaultIo, modules: readonly BenchModule[] = BENCH_MODULES): Promise<number> {
  const parsed = parseArgs(argv, io);
  if (typeof parsed === 'number') return parsed;
  const { settings, only } = parsed;
  const toRun = selected(modules, only);
  if (toRun.length === 0) {
    io.err(`bench: --only matched no module (known: ${modules.map((module) => module.name).join('; ')})`);
    return 2;
  }
  if (settings.profileDir !== undefined) mkdirSync(settings.profileDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'hypersim-bench-'));
  const figures = new Map<string, Figure>();
  const problems: string[] = [];
  const started = performance.now();
  io.out(`hypersim bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), `
    + `${(totalmem() / 2 ** 30).toFixed(0)} GiB; HTTPS on 127.0.0.1, store on disk in ${workDir}; `
    + `${settings.warmupSeconds} s warm-up + ${settings.seconds} s per window, ${settings.concurrency} clients`);
  // Other work on the machine takes cores from both processes: the figures are only comparable within a run.
  io.out(`load average before the run: ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  try {
    const context: BenchContext = { settings, workDir, tls: await writeCertificate(workDir), figures, log: io.out };
    for (const module of toRun) {
      const reason = await module.unavailable?.();
      if (reason !== undefined) {
        io.out(`- ${module.name}: skipped, ${reason}`);
        continue;
      }
      const moduleStarted = performance.now();
      try {
        const produced = await module.run(context);
        for (const figure of produced) figures.set(figure.id, figure);
        io.out(`- ${module.name}: done in ${((performance.now() - moduleStarted) / 1000).toFixed(1)} s`);
      } catch (error) {
        const message = `${module.name}: ${(error as Error).message}`;
        problems.push(message);
        io.err(`- ${message}`);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  io.out('');
  for (const line of formatTable([...figures.values()])) io.out(line);
  io.out('');
  io.out(`bench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (settings.profileDir !== undefined) io.out(`CPU profiles of the server processes: ${settings.profileDir}`);
  for (const problem of problems) io.err(`FAILED ${problem}`);
  return problems.length === 0 ? 0 : 1;
}
