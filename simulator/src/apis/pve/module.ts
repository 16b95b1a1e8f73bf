// The Proxmox VE API module: /api2/json, specs/pve.yaml, its tables, task kinds and routes.
import type { ApiModule } from '../../core/api-module.js';
import { packageFile } from '../../core/package-files.js';
import { RequestValidator } from '../../core/validate.js';
import { pveErrorResponse } from './errors.js';
import { pveInventory } from './inventory-view.js';
import { pveMigrations } from './migrations.js';
import { cloneTaskKind } from './model/clone.js';
import { configTaskKinds } from './model/config.js';
import { createTaskKind } from './model/create.js';
import { migrateTaskKind } from './model/migrate.js';
import { snapshotTaskKinds } from './model/snapshot-tasks.js';
import { PveModel } from './model/index.js';
import { lifecycleTaskKinds } from './model/lifecycle.js';
import { loadPveScenario } from './model/scenario.js';
import { pveRoutes } from './routes.js';

export const pveModule: ApiModule = {
  name: 'pve',
  basePath: '/api2/json',
  specFile: packageFile('specs', 'pve.yaml'),
  migrations: pveMigrations,
  create(ctx) {
    const model = new PveModel(ctx);
    for (const kind of [cloneTaskKind(model), createTaskKind(model), ...lifecycleTaskKinds(model), ...configTaskKinds(model), ...snapshotTaskKinds(model), migrateTaskKind(model)]) ctx.tasks.define(kind);
    const validator = new RequestValidator(ctx.spec, { coerceJsonBody: true, booleanWordsForBinaryIntegers: true, rejectUnknownQuery: true });
    return {
      routes: pveRoutes({ ctx, model, validator }),
      loadScenario(section, generate) {
        model.forgetCaches();
        loadPveScenario(model, section, generate);
      },
      renderError: pveErrorResponse,
      storeReplaced: () => model.forgetCaches(),
      inventory: () => pveInventory(model),
    };
  },
};
