#!/usr/bin/env node
// `npm run bench [-- options]`: runs bench/main.ts through tsx's loader, like bin/hypersim.js.
import { register } from 'tsx/esm/api';

register();
process.exitCode = await (await import('../bench/main.ts')).main(process.argv.slice(2));
