#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const [command, ...rest] = process.argv.slice(2);
const usage = 'usage: hypersim serve [options] | hypersim test [options] | hypersim report merge SHARD.json...   (--help after any for its options)';
let exitCode;
if (command === 'serve') {
  exitCode = await (await import('../simulator/src/cli.ts')).main(rest);
} else if (command === 'test') {
  exitCode = await (await import('../harness/src/cli.ts')).main(rest);
} else if (command === 'report') {
  exitCode = await (await import('../harness/src/report-cli.ts')).main(rest);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  console.log(usage);
  exitCode = command === undefined ? 2 : 0;
} else {
  console.error(`hypersim: unknown command '${command}'\n${usage}`);
  exitCode = 2;
}
process.exitCode = exitCode;
