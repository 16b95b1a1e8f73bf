// Every API module this build implements, by its spec's name.
import type { ApiModule } from '../core/api-module.js';
import { pveModule } from './pve/module.js';
import { pveManagerModule } from './pve-manager/module.js';
import { veeamEmModule } from './veeam-em/module.js';
import { vmSandboxModule } from './vm-sandbox/module.js';
import { vsphereModule } from './vsphere/module.js';

export const API_MODULES: Record<string, ApiModule> = {
  pve: pveModule,
  vsphere: vsphereModule,
  'veeam-em': veeamEmModule,
  'pve-manager': pveManagerModule,
  'vm-sandbox': vmSandboxModule,
};
