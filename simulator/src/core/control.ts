// The control plane under /_sim on every listener: health, reset, scenarios, fault rules, the clock,
// tasks of every API, the request journal, state export and import, the API's own OpenAPI document, and
// for people: the dashboard (/_sim/ui, fed by the server-sent events of /_sim/events) and the docs page.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { dashboardRoutes } from './dashboard.js';
import { liveEvents, liveSnapshot, type LiveSources } from './live-view.js';
import { builtInScenarios } from './scenario.js';
import type { TaskState } from './tasks.js';

export interface ControlTarget extends LiveSources {
  /** where this listener's API lives, e.g. /api2/json (the docs page's "try it" sends requests there) */
  basePath: string;
  openapi: unknown;
  allowRemote: boolean;
  reset(scenario?: string): void;
  loadScenario(scenario: string | Record<string, unknown>): void;
  exportState(): unknown;
  importState(state: unknown): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function controlPlane(target: ControlTarget): Hono {
  const app = new Hono();

  app.use('*', async function loopbackOnly(c, next) {
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    if (!target.allowRemote && remote !== undefined && !LOOPBACK.has(remote))
      return c.json({ error: 'the control plane answers loopback clients only (start with --sim-remote to allow others)' }, 403);
    return next();
  });

  app.onError((error, c) => c.json({ error: error.message }, 400));

  app.get('/health', (c) =>
    c.json({ status: 'ok', api: target.api, clock: target.clock.describe(), runningTasks: target.tasks.list({ state: 'running' }).length }),
  );
  app.get('/openapi.json', (c) => c.json(target.openapi));
  app.get('/apis', (c) => c.json({ api: target.api, basePath: target.basePath, apis: target.inventories() }));
  app.get('/scenarios', (c) => c.json({ builtIn: builtInScenarios() }));
  app.get('/snapshot', (c) => c.json(liveSnapshot(target)));
  app.get('/events', (c) => liveEvents(c, target));
  dashboardRoutes(app);

  app.post('/reset', async (c) => {
    const body = await optionalJson(c);
    target.reset(typeof body.scenario === 'string' ? body.scenario : undefined);
    return c.json({ status: 'reset' });
  });
  app.post('/scenario', async (c) => {
    const body = await optionalJson(c);
    const scenario = body.scenario ?? body.name ?? body.file;
    if (typeof scenario !== 'string' && (typeof scenario !== 'object' || scenario === null))
      throw new Error("expected {scenario: NAME | FILE | {<api>: {...}}}");
    target.loadScenario(scenario as string | Record<string, unknown>);
    return c.json({ status: 'loaded' });
  });

  app.get('/faults', (c) => c.json({ rules: target.faults.list(), counters: target.faults.counters() }));
  app.put('/faults', async (c) => {
    const body = await optionalJson(c);
    const rules = target.faults.replace(Array.isArray(body) ? body : body.rules);
    return c.json({ rules });
  });
  app.post('/faults', async (c) => {
    const index = target.faults.add(await optionalJson(c));
    return c.json({ index, rule: target.faults.list()[index] }, 201);
  });
  app.put('/faults/:index', async (c) => {
    const rule = target.faults.update(ruleIndex(c), await optionalJson(c));
    return c.json({ index: ruleIndex(c), rule });
  });
  app.delete('/faults/:index', (c) => {
    target.faults.remove(ruleIndex(c));
    return c.body(null, 204);
  });

  app.get('/clock', (c) => c.json(target.clock.describe()));
  app.put('/clock', async (c) => {
    const body = await optionalJson(c);
    const when = typeof body.now === 'string' ? Date.parse(body.now) : Number(body.epochMs);
    target.clock.set(when);
    target.tasks.tick();
    return c.json(target.clock.describe());
  });
  app.post('/clock/advance', async (c) => {
    const body = await optionalJson(c);
    const ms = body.ms !== undefined ? Number(body.ms) : Number(body.seconds) * 1000;
    target.clock.advance(ms);
    target.tasks.tick();
    return c.json(target.clock.describe());
  });

  app.get('/tasks', async (c) => {
    // open tasks (whose end their API decides as steps progress) are brought up to date on read too
    await target.tasks.advanceOpen();
    const state = c.req.query('state') as TaskState | undefined;
    const api = c.req.query('api');
    const tasks = target.tasks.list({ ...(api ? { api } : {}), ...(state ? { state } : {}) });
    return c.json(tasks.map((t) => ({ ...t, progress: target.tasks.progress(t) })));
  });

  app.get('/journal', (c) => {
    const since = c.req.query('since');
    const limit = c.req.query('limit');
    const api = c.req.query('api');
    return c.json(target.journal.list({ ...(api ? { api } : {}), ...(since ? { since: Number(since) } : {}), ...(limit ? { limit: Number(limit) } : {}) }));
  });
  app.delete('/journal', (c) => {
    target.journal.clear();
    return c.body(null, 204);
  });

  app.get('/state', (c) => c.json(target.exportState()));
  app.put('/state', async (c) => {
    target.importState(await optionalJson(c));
    return c.json({ status: 'imported' });
  });

  app.notFound((c) => c.json({ error: `no control-plane route ${c.req.method} ${c.req.path}` }, 404));
  return app;
}

function ruleIndex(c: Context): number {
  const text = c.req.param('index') ?? '';
  if (!/^\d+$/.test(text)) throw new Error(`faults: '${text}' is not a rule number`);
  return Number(text);
}

async function optionalJson(c: Context): Promise<Record<string, any>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    throw new Error('the request body is not valid JSON');
  }
}
