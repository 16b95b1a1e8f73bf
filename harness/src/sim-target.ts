// --target sim: the simulator in-process, called through its fetch function (no port, no TLS).
import { fetchTarget, type Target } from './target.js';
import { UsageError } from './errors.js';

export interface SimulatorTarget extends Target {
  /** back to the scenario's initial state (each phase starts from the same world) */
  reset(): Promise<void>;
}

export async function simulatorTarget(api: string, seed: number, baseUrl: string, timeoutMs: number): Promise<SimulatorTarget> {
  const { API_NAMES, IMPLEMENTED_APIS, createSimulator } = await import('../../simulator/src/simulator.js');
  const name = API_NAMES.find((candidate) => candidate === api);
  if (name === undefined) throw new UsageError(`--target sim: unknown API '${api}' (known: ${API_NAMES.join(', ')})`);
  if (!IMPLEMENTED_APIS.includes(name)) {
    throw new UsageError(`--target sim: the simulator does not implement '${api}' yet (it does: ${IMPLEMENTED_APIS.join(', ')})`);
  }
  const simulator = createSimulator({
    dataDir: ':memory:',
    seed,
    clock: { mode: 'real' },
    scenario: 'default',
    apis: [name],
    taskDurationScale: 0,
  });
  const fetchFunction = simulator.fetch(name);
  const target = fetchTarget(baseUrl, fetchFunction, timeoutMs, () => simulator.close());
  return {
    ...target,
    async reset() {
      const origin = new URL(baseUrl).origin;
      const response = await fetchFunction(new Request(`${origin}/_sim/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
      await response.text();
    },
  };
}
