#!/usr/bin/env node
// In the repository the TypeScript sources run directly through tsx's loader (no build step to forget);
// an installed package has no sources and runs the compiled JavaScript in dist/ instead.
import { existsSync } from 'node:fs';

const fromSources = existsSync(new URL('../simulator/src/cli.ts', import.meta.url));
if (fromSources) (await import('tsx/esm/api')).register();
const entry = (source) => (fromSources ? `../${source}.ts` : `../dist/${source}.js`);

const [command, ...rest] = process.argv.slice(2);
const usage = 'usage: hypersim serve [options] | hypersim test [options] | hypersim report merge SHARD.json...   (--help after any for its options)';
let exitCode;
if (command === 'serve') {
  exitCode = await (await import(entry('simulator/src/cli'))).main(rest);
} else if (command === 'test') {
  exitCode = await (await import(entry('harness/src/cli'))).main(rest);
} else if (command === 'report') {
  exitCode = await (await import(entry('harness/src/report-cli'))).main(rest);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  console.log(usage);
  exitCode = command === undefined ? 2 : 0;
} else {
  console.error(`hypersim: unknown command '${command}'\n${usage}`);
  exitCode = 2;
}
process.exitCode = exitCode;
