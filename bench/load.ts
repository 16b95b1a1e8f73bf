// The load generator: N clients looping one step for a fixed time, over an undici Pool with keep-alive.
import { Pool } from 'undici';

export function httpsPool(origin: string, connections: number): Pool {
  return new Pool(origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    connect: { rejectUnauthorized: false },
  });
}

export interface WindowResult {
  /** steps completed inside the window */
  completed: number;
  elapsedSeconds: number;
  perSecond: number;
}

/**
 * Runs `clients` loops of `step` until `seconds` have passed; a step started before the end is allowed to
 * finish and counts. A step that throws stops the window and the error is rethrown after all loops end.
 */
export async function runWindow(seconds: number, clients: number, step: (client: number) => Promise<void>): Promise<WindowResult> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let completed = 0;
  let failure: unknown;
  const loop = async (client: number): Promise<void> => {
    while (failure === undefined && performance.now() < deadline) {
      try {
        await step(client);
        completed += 1;
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  if (failure !== undefined) throw failure;
  const elapsedSeconds = (performance.now() - started) / 1000;
  return { completed, elapsedSeconds, perSecond: completed / elapsedSeconds };
}
