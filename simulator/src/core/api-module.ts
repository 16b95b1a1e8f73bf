// The contract between the vendor-neutral core and one simulated API.
import type { Hono } from 'hono';
import type { Clock } from './clock.js';
import type { Faults } from './faults.js';
import type { LoadedSpec } from './openapi.js';
import type { Rng } from './rng.js';
import type { Migration, Store } from './store.js';
import type { TaskEngine } from './tasks.js';

export interface ApiContext {
  store: Store;
  clock: Clock;
  rng: Rng;
  tasks: TaskEngine;
  faults: Faults;
  spec: LoadedSpec;
  /** multiplies planned task durations; 0 = tasks end on the next request */
  taskDurationScale: number;
  /**
   * The in-process fetch of another API of this simulator (one named in `requires`), through its whole
   * pipeline (auth, faults, validation, tasks, journal). Resolved on call, after every API exists.
   */
  peer(api: string): (request: Request) => Promise<Response>;
}

export interface ApiInstance {
  /** the vendor's routes, mounted at the module's basePath */
  routes: Hono<any>;
  /** routes outside basePath, mounted at the listener's root (a FastAPI service's /openapi.json and /docs) */
  rootRoutes?: Hono<any>;
  /** fills an empty store from this API's section of a scenario (runs inside a transaction); `generate`
   * is the scenario's top-level generator section (sizes such as `{nodes: 16, vms: 10000}`), if any */
  loadScenario(section: unknown, generate?: Record<string, unknown>): void;
  /** an error in the vendor's own shape (used for injected faults, 404, 413 and unexpected errors) */
  renderError(status: number, message: string): Response;
  /** the store's rows were replaced under the API (state import): drop anything cached from them */
  storeReplaced?(): void;
  /** the API's objects as tables (the dashboard at /_sim/ui reads them); read-only */
  inventory?(): InventoryView;
}

export interface ApiModule {
  name: string;
  /** where the API lives on its listener, e.g. /api2/json; '/' for an API with several roots of its own (vSphere: /api and /rest) */
  basePath: string;
  /** absolute path of its OpenAPI document */
  specFile: string;
  migrations: Migration[];
  /** APIs this one calls through `ApiContext.peer`; they are created too (without a listener of their own) */
  requires?: string[];
  create(context: ApiContext): ApiInstance;
}

/**
 * One cell of an inventory table: a value, or a capacity shown as a bar. A capacity whose unit is 'B' is in
 * bytes (shown as KiB, MiB, GiB, TiB); any other unit is shown as written (e.g. 'vCPU', 'VMs').
 */
export type InventoryCell = string | number | boolean | null | { used: number; total: number; unit?: string };

/** A table of one kind of object (e.g. "VMs", "Datastores"), as the dashboard shows it. */
export interface InventoryTable {
  title: string;
  columns: string[];
  rows: InventoryCell[][];
}

/** What an API holds, in a shape any front end can render without knowing the vendor. */
export interface InventoryView {
  tables: InventoryTable[];
}
