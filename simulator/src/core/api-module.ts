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
}

export interface ApiInstance {
  /** the vendor's routes, mounted at the module's basePath */
  routes: Hono<any>;
  /** fills an empty store from this API's section of a scenario (runs inside a transaction) */
  loadScenario(section: unknown): void;
  /** an error in the vendor's own shape (used for injected faults, 404, 413 and unexpected errors) */
  renderError(status: number, message: string): Response;
  /** the store's rows were replaced under the API (state import): drop anything cached from them */
  storeReplaced?(): void;
}

export interface ApiModule {
  name: string;
  /** where the API lives on its listener, e.g. /api2/json */
  basePath: string;
  /** absolute path of its OpenAPI document */
  specFile: string;
  migrations: Migration[];
  create(context: ApiContext): ApiInstance;
}
