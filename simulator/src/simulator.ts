// The simulator as a value: one store, one clock, one generator, one task engine, and a Hono app per
// API. `hypersim serve` puts each app on its own listener; tests and the harness call `fetch` directly.
import type { Hono } from 'hono';
import { API_MODULES } from './apis/index.js';

export const API_NAMES = ['pve', 'vsphere', 'veeam-em', 'pve-manager', 'vm-sandbox'] as const;
export type ApiName = (typeof API_NAMES)[number];
/** The APIs this build implements (the others are named so config and flags can refer to them). */
export const IMPLEMENTED_APIS = Object.keys(API_MODULES) as readonly ApiName[];

export type ClockSetting = { mode: 'real' } | { mode: 'manual' } | { mode: 'scaled'; factor: number };

export interface SimulatorOptions {
  /** a directory for the SQLite file, or ':memory:' */
  dataDir: string;
  seed: number;
  clock: ClockSetting;
  /** a scenario name from simulator/src/scenarios (without .yaml) or a path to a YAML/JSON file */
  scenario: string;
  apis: ApiName[];
  /** fault rules as read from a config file; validated here (a bad rule throws SimulatorConfigError) */
  faults?: unknown[];
  /** multiplies every planned task duration; 0 makes tasks finish on the next read */
  taskDurationScale?: number;
  /** allow /_sim from addresses other than loopback */
  controlPlaneRemote?: boolean;
}

export class SimulatorConfigError extends Error {
  constructor(readonly setting: string, message: string) {
    super(message);
    this.name = 'SimulatorConfigError';
  }
}

export interface Simulator {
  readonly options: SimulatorOptions;
  /** the Hono app of one API (its routes, its /_sim control plane, its /_sim/openapi.json) */
  app(api: ApiName): Hono<any>;
  /** the same app as a fetch function: `fetch(api)(new Request('http://pve/api2/json/version'))` */
  fetch(api: ApiName): (request: Request) => Promise<Response>;
  /** stops the task timer and closes the store */
  close(): void;
}

export { createSimulator } from './assemble.js';
