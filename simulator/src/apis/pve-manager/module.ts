// The PVE management layer: /api/v1, specs/pve-manager.yaml. It drives the simulated PVE through PVE's
// own HTTP pipeline (ctx.peer('pve')), so the VMs it makes are PVE's VMs and PVE's faults reach it.
import type { ApiModule } from '../../core/api-module.js';
import { packageFile } from '../../core/package-files.js';
import { RequestValidator } from '../../core/validate.js';
import { managerErrorResponse } from './errors.js';
import { managerInventory } from './inventory.js';
import { managerMigrations } from './migrations.js';
import { ManagerModel } from './model/index.js';
import { loadManagerScenario } from './model/scenario.js';
import { managerRoutes } from './routes.js';
import { TaskRunner } from './runner.js';

export const pveManagerModule: ApiModule = {
  name: 'pve-manager',
  basePath: '/api/v1',
  specFile: packageFile('specs', 'pve-manager.yaml'),
  migrations: managerMigrations,
  requires: ['pve'],
  create(ctx) {
    const model = new ManagerModel(ctx);
    const runner = new TaskRunner(model);
    const validator = new RequestValidator(ctx.spec);
    return {
      routes: managerRoutes({ ctx, model, runner, validator }),
      loadScenario(section) {
        model.forgetCaches();
        loadManagerScenario(model, section);
      },
      renderError: managerErrorResponse,
      storeReplaced: () => model.forgetCaches(),
      inventory: () => managerInventory(model),
    };
  },
};
