// Starts bench/server-child.ts in a child process and talks to it over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './types.js';
import type { ChildMessage, ParentMessage, ServerMode } from './server-child.js';

const CHILD_SCRIPT = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const START_TIMEOUT_MS = 120_000;

export interface ServerUsage {
  rss: number;
  cpuMicros: number;
}

export interface ServerProcess {
  origin: string;
  pid: number;
  /** resident set size (bytes) and CPU time used so far (user + system, microseconds) */
  usage(): Promise<ServerUsage>;
  stop(): Promise<void>;
}

function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: ChildMessage): void => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`the bench server exited (code ${code}) before sending '${type}'`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the bench server sent no '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startServerProcess(mode: ServerMode, dataDir: string, context: BenchContext, scenario?: string): Promise<ServerProcess> {
  const { profileDir } = context.settings;
  const execArgv = ['--import', 'tsx', ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${mode}-${Date.now()}.cpuprofile`])];
  const child = fork(CHILD_SCRIPT, [mode, dataDir, context.tls.certPath, context.tls.keyPath, ...(scenario === undefined ? [] : [scenario])], {
    execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: ParentMessage): void => {
    child.send(message);
  };
  const { origin } = await nextMessage(child, 'ready', START_TIMEOUT_MS).catch((error: Error) => {
    child.kill();
    throw error;
  });
  return {
    origin,
    pid: child.pid ?? 0,
    async usage() {
      const reply = nextMessage(child, 'usage', 5_000);
      send({ type: 'usage' });
      const { rss, cpuMicros } = await reply;
      return { rss, cpuMicros };
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill(), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        send({ type: 'stop' });
      });
    },
  };
}
