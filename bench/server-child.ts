// The server under test, in its own process so the load generator never shares its event loop.
// argv: <mode: hello | pve | vsphere | sandbox> <dataDir> <certPath> <keyPath> [scenario]. Talks to the parent over IPC:
// sends {type:'ready', origin}; answers {type:'usage'} with its RSS and CPU time; exits on {type:'stop'}.
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { DEFAULT_PORTS, DEFAULT_TLS } from '../simulator/src/config.js';
import { startServers } from '../simulator/src/serve.js';
import { type ApiName, createSimulator } from '../simulator/src/simulator.js';

export type ServerMode = 'hello' | 'pve' | 'vsphere' | 'sandbox';
export type ChildMessage = { type: 'ready'; origin: string } | { type: 'usage'; rss: number; cpuMicros: number };
export type ParentMessage = { type: 'usage' } | { type: 'stop' };

const [mode, dataDir, certPath, keyPath, scenarioArg] = process.argv.slice(2);
if (!['hello', 'pve', 'vsphere', 'sandbox'].includes(mode ?? '') || dataDir === undefined || certPath === undefined || keyPath === undefined) {
  throw new Error('usage: server-child.ts hello|pve|vsphere|sandbox DATA_DIR CERT KEY [SCENARIO]');
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** The baseline: the same stack (node:https + @hono/node-server + Hono) with nothing behind the route. */
async function startHello(): Promise<{ origin: string; stop(): Promise<void> }> {
  const app = new Hono().get('/', (c) => c.text('hello'));
  const server = createAdaptorServer({
    fetch: app.fetch,
    createServer: createHttpsServer,
    serverOptions: { cert: readFileSync(certPath!, 'utf8'), key: readFileSync(keyPath!, 'utf8') },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    }),
  };
}

/** The simulator as `hypersim serve` runs it (its store on disk, tasks that end at once), on one API. */
async function startApi(api: ApiName, scenario: string, tls: boolean): Promise<{ origin: string; stop(): Promise<void> }> {
  const simulator = createSimulator({
    dataDir: dataDir!, seed: 1, clock: { mode: 'real' }, scenario, apis: [api], taskDurationScale: 0,
  });
  const servers = await startServers(simulator, {
    apis: [api], host: '127.0.0.1', ports: { ...DEFAULT_PORTS, [api]: 0 }, tls: { ...DEFAULT_TLS, [api]: tls },
    quiet: true, dataDir: dataDir!, cert: certPath, key: keyPath,
  }, () => {});
  const listener = servers.listeners[0];
  if (listener === undefined) throw new Error('the simulator started no listener');
  return {
    origin: listener.origin,
    stop: async () => {
      await servers.close();
      simulator.close();
    },
  };
}

/** The sandbox's bench scenario: limits high enough for a bench window, one running VM to clone. */
function sandboxBenchScenario(): string {
  mkdirSync(dataDir!, { recursive: true });
  const scenario = join(dataDir!, 'bench-scenario.json');
  writeFileSync(scenario, JSON.stringify({
    'vm-sandbox': {
      users: [{ username: 'default', password: 'hypersim', apiKey: 'hs-test-key', maxVms: 10_000_000, maxMemoryMb: 2 ** 52 }],
      vms: [{ vmId: 'vm-0a1b2c3d4e5f', owner: 'default', memoryMb: 512 }],
    },
  }));
  return scenario;
}

async function start(): Promise<{ origin: string; stop(): Promise<void> }> {
  if (mode === 'hello') return startHello();
  // the sandbox speaks plain HTTP by default, as its real counterpart does; the hypervisor APIs HTTPS
  if (mode === 'sandbox') return startApi('vm-sandbox', sandboxBenchScenario(), false);
  return startApi(mode as 'pve' | 'vsphere', scenarioArg ?? 'default', true);
}

const running = await start();
process.on('message', (message: ParentMessage) => {
  if (message.type === 'usage') {
    const cpu = process.cpuUsage();
    send({ type: 'usage', rss: process.memoryUsage().rss, cpuMicros: cpu.user + cpu.system });
  }
  if (message.type === 'stop') {
    void running.stop().then(() => process.disconnect());
  }
});
send({ type: 'ready', origin: running.origin });
