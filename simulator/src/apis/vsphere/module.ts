// The vCenter Automation REST module: /api and the deprecated /rest twin on one listener (so it mounts
// at the root), specs/vsphere.yaml, its tables, the clone task kind and routes.
import type { ApiModule } from '../../core/api-module.js';
import { packageFile } from '../../core/package-files.js';
import { RequestValidator } from '../../core/validate.js';
import { vsphereErrorResponse } from './errors.js';
import { vsphereInventoryView } from './inventory-view.js';
import { vsphereMigrations } from './migrations.js';
import { cloneTaskKind } from './model/clone.js';
import { VsphereModel } from './model/index.js';
import { loadVsphereScenario } from './model/scenario.js';
import { vsphereRoutes } from './routes.js';

export const vsphereModule: ApiModule = {
  name: 'vsphere',
  basePath: '/',
  specFile: packageFile('specs', 'vsphere.yaml'),
  migrations: vsphereMigrations,
  create(ctx) {
    const model = new VsphereModel(ctx);
    ctx.tasks.define(cloneTaskKind(model));
    const validator = new RequestValidator(ctx.spec, { rejectUnknownQuery: true });
    return {
      routes: vsphereRoutes({ ctx, model, validator }),
      loadScenario(section) {
        model.forgetCaches();
        loadVsphereScenario(model, section);
      },
      renderError: vsphereErrorResponse,
      storeReplaced: () => model.forgetCaches(),
      inventory: () => vsphereInventoryView(model),
    };
  },
};
