// Builds a Simulator from options: opens the store, applies migrations, seeds the scenario into an empty
// store, and wraps each API's routes with the core's middleware and control plane.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { API_MODULES } from './apis/index.js';
import type { ApiContext, ApiInstance, ApiModule } from './core/api-module.js';
import { limitBody } from './core/body-limit.js';
import { ChangeFeed } from './core/changes.js';
import { Clock } from './core/clock.js';
import type { CoreEnv } from './core/context.js';
import { controlPlane } from './core/control.js';
import { faultMigrations, FaultRuleError, Faults } from './core/faults.js';
import { ConnectionDropped } from './core/inject.js';
import { Journal } from './core/journal.js';
import type { ApiInventory } from './core/live-view.js';
import { type LoadedSpec, loadSpec } from './core/openapi.js';
import { Rng } from './core/rng.js';
import { asScenario, readScenario, type Scenario, ScenarioError } from './core/scenario.js';
import { Store } from './core/store.js';
import { taskMigrations, TaskEngine } from './core/tasks.js';
import type { ApiName, Simulator, SimulatorOptions } from './simulator.js';
import { SimulatorConfigError } from './simulator.js';

const MAX_BODY_BYTES = 1024 * 1024;
/** the dashboard's own page loads and event stream stay out of the journal it shows */
const UNJOURNALED = /^\/_sim\/(?:ui|docs|events)(?:\/|$)/;

export function createSimulator(options: SimulatorOptions): Simulator {
  const modules = withRequiredModules(options.apis);
  const scenario = loadScenarioOption(options.scenario);
  const store = openStore(options.dataDir);
  try {
    store.migrate([...taskMigrations, ...faultMigrations, ...modules.flatMap((m) => m.migrations)]);
  } catch (error) {
    store.close();
    throw error;
  }
  const clock = new Clock(options.clock, store);
  const rng = new Rng(options.seed);
  // the generator goes on where the last run on this store stopped, so ids do not repeat after a restart
  const savedRng = store.getMeta<{ seed: number; state: [number, number, number, number] }>('rng');
  if (savedRng?.seed === options.seed) rng.state = savedRng.state;
  const tasks = new TaskEngine(store, clock);
  const faults = new Faults(store, rng);
  const journal = new Journal();
  const changes = new ChangeFeed();
  tasks.onEnd(() => changes.notify());
  const configuredFaults = options.faults;
  if (configuredFaults !== undefined) replaceFaults(faults, configuredFaults);

  const instances = new Map<string, { module: ApiModule; instance: ApiInstance; spec: LoadedSpec }>();
  for (const module of modules) {
    const spec = loadSpec(module.specFile);
    const context: ApiContext = { store, clock, rng, tasks, faults, spec, taskDurationScale: options.taskDurationScale ?? 1, peer: (api) => fetchOf(appOf(api as ApiName)) };
    instances.set(module.name, { module, instance: module.create(context), spec });
  }

  const seedScenario = (value: Scenario) => {
    store.transaction(() => {
      const generate = typeof value.generate === 'object' && value.generate !== null ? (value.generate as Record<string, unknown>) : undefined;
      for (const [name, { instance }] of instances) instance.loadScenario(value[name] ?? {}, generate);
      store.setMeta('scenario.loaded', true);
    });
  };
  const resetTo = (value: Scenario) => {
    store.clear();
    clock.persist();
    if (configuredFaults !== undefined) replaceFaults(faults, configuredFaults);
    faults.reload();
    rng.state = new Rng(options.seed).state;
    journal.clear();
    seedScenario(value);
    tasks.reload();
  };
  if (!store.getMeta('scenario.loaded')) seedScenario(scenario);

  const inventories = (): ApiInventory[] =>
    [...instances].map(([api, { module, instance }]) => {
      const entry: ApiInventory = { api, basePath: module.basePath };
      try {
        const view = instance.inventory?.();
        if (view) entry.inventory = view;
      } catch (error) {
        entry.error = error instanceof Error ? error.message : String(error);
      }
      return entry;
    });

  const apps = new Map<string, Hono<any>>();
  for (const [name, { module, instance, spec }] of instances) {
    const app = new Hono<CoreEnv>();
    app.use('*', async function journalAndTick(c, next) {
      const started = performance.now();
      tasks.tick();
      await next();
      if (UNJOURNALED.test(c.req.path)) return;
      journal.record(clock.now(), {
        api: name,
        method: c.req.method,
        path: c.req.path,
        query: queryOf(c.req.url),
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        ...(c.get('operationId') ? { operationId: c.get('operationId') } : {}),
        ...(c.get('fault') ? { fault: c.get('fault') } : {}),
      });
      changes.notify();
    });
    app.route(
      '/_sim',
      controlPlane({
        api: name,
        basePath: module.basePath,
        clock,
        tasks,
        faults,
        journal,
        changes,
        inventories,
        openapi: spec.raw,
        allowRemote: options.controlPlaneRemote ?? false,
        reset: (scenarioName) => resetTo(scenarioName ? readScenario(scenarioName) : scenario),
        loadScenario: (value) => resetTo(typeof value === 'string' ? readScenario(value) : asScenario(value)),
        exportState: () => store.exportState(),
        importState: (state) => {
          if (typeof state !== 'object' || state === null || Array.isArray(state)) throw new Error('expected the object that GET /_sim/state returns');
          store.importState(state as Record<string, never>);
          for (const { instance: other } of instances.values()) other.storeReplaced?.();
          faults.reload();
          tasks.reload();
        },
      }),
    );
    if (instance.rootRoutes) app.route('/', instance.rootRoutes);
    // a module at the root ('/') serves several base paths of its own (vSphere: /api and /rest)
    app.use(module.basePath === '/' ? '*' : `${module.basePath}/*`, limitBody(MAX_BODY_BYTES, () => instance.renderError(413, 'request entity too large')));
    app.route(module.basePath, instance.routes);
    app.notFound(() => instance.renderError(404, 'Not Found'));
    app.onError((error) => {
      if (error instanceof ConnectionDropped) throw error;
      console.error(`hypersim: ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return instance.renderError(500, 'internal simulator error');
    });
    apps.set(name, app);
  }
  tasks.startTimer();

  const appOf = (api: ApiName) => {
    const app = apps.get(api);
    if (!app) throw new SimulatorConfigError('apis', `API '${api}' is not running in this simulator (running: ${[...apps.keys()].join(', ')})`);
    return app;
  };
  return {
    options,
    app: appOf,
    fetch: (api) => fetchOf(appOf(api)),
    close() {
      tasks.stopTimer();
      if (store.db.open) {
        clock.persist();
        store.setMeta('rng', { seed: options.seed, state: rng.state });
      }
      store.close();
    },
  };
}

/** The modules of `apis` plus every module they require (created first), each once. */
function withRequiredModules(apis: readonly string[]): ApiModule[] {
  const ordered: ApiModule[] = [];
  const seen = new Set<string>();
  const visit = (api: string, requiredBy?: string) => {
    const module = API_MODULES[api];
    if (!module) {
      const why = requiredBy ? ` (required by '${requiredBy}')` : '';
      throw new SimulatorConfigError('apis', `'${api}'${why} is not implemented yet; implemented: ${Object.keys(API_MODULES).join(', ')}`);
    }
    if (seen.has(api)) return;
    seen.add(api);
    for (const required of module.requires ?? []) visit(required, api);
    ordered.push(module);
  };
  for (const api of apis) visit(api);
  return ordered;
}

/** An app as a fetch function; a dropped connection becomes the network error a real fetch raises. */
function fetchOf(app: Hono<any>): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await app.fetch(request);
    } catch (error) {
      if (error instanceof ConnectionDropped) throw new TypeError('fetch failed', { cause: error });
      throw error;
    }
  };
}

function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at);
}

function openStore(dataDir: string): Store {
  if (dataDir === ':memory:') return new Store(':memory:');
  try {
    mkdirSync(dataDir, { recursive: true });
    return new Store(join(dataDir, 'hypersim.db'));
  } catch (error) {
    throw new SimulatorConfigError('data', `cannot open the data directory '${dataDir}': ${(error as Error).message}`);
  }
}

function loadScenarioOption(name: string): Scenario {
  try {
    return readScenario(name);
  } catch (error) {
    if (error instanceof ScenarioError) throw new SimulatorConfigError('scenario', error.message);
    throw error;
  }
}

function replaceFaults(faults: Faults, rules: unknown[]): void {
  try {
    faults.replace(rules);
  } catch (error) {
    if (error instanceof FaultRuleError) throw new SimulatorConfigError('faults', error.message);
    throw error;
  }
}
