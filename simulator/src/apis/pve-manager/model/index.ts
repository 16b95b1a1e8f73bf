// The management layer's state: its own records (users, plans, templates, Boxes, VMs), its tasks (rows of
// the shared task engine) and the client through which it drives the simulated PVE. It keeps no copy of
// PVE's state.
import type { ApiContext } from '../../../core/api-module.js';
import { PveClient } from '../pve-client.js';
import { Catalog } from './catalog.js';
import { objectId } from './ids.js';
import { Plans } from './plans.js';
import { ManagerTasks } from './tasks.js';
import { Users } from './users.js';
import { ManagedVms } from './vms.js';

export interface ManagerSettings {
  /** the API token the service uses on PVE: USER@REALM!NAME=SECRET */
  pveToken: string;
  /** how long a login token is valid, in seconds of the virtual clock */
  tokenLifetimeSeconds: number;
  /** the HMAC key tokens are signed with (hex) */
  signingKey: string;
}

const SETTINGS_KEY = 'pve-manager.settings';

export class ManagerModel {
  readonly users: Users;
  readonly plans: Plans;
  readonly catalog: Catalog;
  readonly vms: ManagedVms;
  readonly tasks: ManagerTasks;
  readonly pve: PveClient;
  private cachedSettings: ManagerSettings | undefined;

  constructor(readonly ctx: ApiContext) {
    this.users = new Users(ctx.store);
    this.plans = new Plans(ctx.store);
    this.catalog = new Catalog(ctx.store);
    this.vms = new ManagedVms(ctx.store);
    this.tasks = new ManagerTasks(ctx.tasks);
    this.pve = new PveClient(() => ctx.peer('pve'), () => this.settings().pveToken);
  }

  now(): number {
    return this.ctx.clock.now();
  }

  newId(): string {
    return objectId(this.ctx);
  }

  settings(): ManagerSettings {
    this.cachedSettings ??= this.ctx.store.getMeta<ManagerSettings>(SETTINGS_KEY) ?? { pveToken: '', tokenLifetimeSeconds: 86_400, signingKey: '' };
    return this.cachedSettings;
  }

  setSettings(settings: ManagerSettings): void {
    this.ctx.store.setMeta(SETTINGS_KEY, settings);
    this.cachedSettings = settings;
  }

  forgetCaches(): void {
    this.cachedSettings = undefined;
  }
}
