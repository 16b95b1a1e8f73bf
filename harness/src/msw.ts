// `import { simulatorHandlers } from 'hypersim/msw'`: msw 2 handlers that answer every request under a
// vendor's base URL from an in-process simulator, for users' own unit tests:
//   const server = setupServer(...simulatorHandlers({ api: 'pve' }));
// Without `simulator`, one is created (in memory, seed 1, default scenario, tasks end on the next read).
import { readFileSync } from 'node:fs';
import { http, type HttpHandler } from 'msw';
import { parse } from 'yaml';
import { packageFile } from '../../simulator/src/core/package-files.js';
import { createSimulator, type ApiName, type Simulator } from '../../simulator/src/simulator.js';

export interface SimulatorHandlerOptions {
  api: ApiName;
  /** where the code under test sends requests; default: the first server of specs/<api>.yaml */
  baseUrl?: string;
  simulator?: Simulator;
}

function specOrigin(api: ApiName): string {
  const document = parse(readFileSync(packageFile('specs', `${api}.yaml`), 'utf8')) as { servers?: Array<{ url?: string }> };
  const url = document.servers?.[0]?.url;
  if (!url || !/^https?:\/\//.test(url)) throw new Error(`specs/${api}.yaml has no absolute server URL: pass baseUrl`);
  return new URL(url).origin;
}

export function simulatorHandlers(options: SimulatorHandlerOptions): HttpHandler[] {
  const base = (options.baseUrl ?? specOrigin(options.api)).replace(/\/+$/, '');
  let simulator = options.simulator;
  const answer = async ({ request }: { request: Request }) => {
    simulator ??= createSimulator({
      dataDir: ':memory:',
      seed: 1,
      clock: { mode: 'real' },
      scenario: 'default',
      apis: [options.api],
      taskDurationScale: 0,
    });
    return simulator.fetch(options.api)(request);
  };
  return [http.all(base, answer), http.all(`${base}/*`, answer)];
}
