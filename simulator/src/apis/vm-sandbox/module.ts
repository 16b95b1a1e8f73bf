// The sandbox VM API module (seed 001, a FastAPI service): /v1, specs/vm-sandbox.yaml, its tables, the
// provisioning task kind, its routes, and FastAPI's /openapi.json and /docs at the listener's root.
import type { ApiModule } from '../../core/api-module.js';
import { packageFile } from '../../core/package-files.js';
import { RequestValidator } from '../../core/validate.js';
import { docsRoutes } from './docs.js';
import { sandboxErrorResponse } from './errors.js';
import { sandboxMigrations } from './migrations.js';
import { API, SandboxModel } from './model/index.js';
import { sandboxInventory } from './model/inventory.js';
import { provisionTaskKind } from './model/provision.js';
import { loadSandboxScenario } from './model/scenario.js';
import { sandboxRoutes } from './routes.js';

export const vmSandboxModule: ApiModule = {
  name: API,
  basePath: '/v1',
  specFile: packageFile('specs', 'vm-sandbox.yaml'),
  migrations: sandboxMigrations,
  create(ctx) {
    const model = new SandboxModel(ctx);
    ctx.tasks.define(provisionTaskKind(model));
    const validator = new RequestValidator(ctx.spec);
    return {
      routes: sandboxRoutes({ ctx, model, validator }),
      rootRoutes: docsRoutes(ctx.spec.raw),
      loadScenario(section) {
        model.forgetCaches();
        loadSandboxScenario(model, section);
        model.forgetCaches();
      },
      renderError: (status, message) => sandboxErrorResponse(status, message),
      storeReplaced: () => model.forgetCaches(),
      inventory: () => sandboxInventory(model),
    };
  },
};
