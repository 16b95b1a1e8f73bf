// Every API module this build implements, by its spec's name.
import type { ApiModule } from '../core/api-module.js';
import { pveModule } from './pve/module.js';
import { veeamEmModule } from './veeam-em/module.js';

export const API_MODULES: Record<string, ApiModule> = {
  pve: pveModule,
  'veeam-em': veeamEmModule,
};
