// The Veeam Backup Enterprise Manager API module: /api, specs/veeam-em.yaml, its tables, task kinds and routes.
import type { ApiModule } from '../../core/api-module.js';
import { packageFile } from '../../core/package-files.js';
import type { TaskKind } from '../../core/tasks.js';
import { RequestValidator } from '../../core/validate.js';
import { veeamErrorResponse } from './errors.js';
import { veeamInventory } from './inventory.js';
import { veeamMigrations } from './migrations.js';
import { sessionTaskKind } from './model/backup-sessions.js';
import { cloneTaskKind } from './model/clone.js';
import { VeeamModel } from './model/index.js';
import { jobActionTaskKinds } from './model/job-actions.js';
import { loadVeeamScenario } from './model/scenario.js';
import { veeamRoutes } from './routes.js';

export const veeamEmModule: ApiModule = {
  name: 'veeam-em',
  basePath: '/api',
  specFile: packageFile('specs', 'veeam-em.yaml'),
  migrations: veeamMigrations,
  create(ctx) {
    const model = new VeeamModel(ctx);
    const kinds: TaskKind[] = [cloneTaskKind(model), sessionTaskKind(model), ...jobActionTaskKinds(model)];
    for (const kind of kinds) ctx.tasks.define(kind);
    const validator = new RequestValidator(ctx.spec);
    return {
      routes: veeamRoutes({ ctx, model, validator }),
      loadScenario(section) {
        model.forgetCaches();
        loadVeeamScenario(model, section);
      },
      renderError: (status, message) => veeamErrorResponse(status, message),
      storeReplaced: () => model.forgetCaches(),
      inventory: () => veeamInventory(model),
    };
  },
};
