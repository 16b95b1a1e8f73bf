// What each of our APIs adds to its spec, keyed by API name (the spec's file name in specs/): how to log
// in, and what a run creates (for --cleanup). A new API adds its contracts/<api>/ modules here.
import { genericRecipe, type AuthRecipe } from '../harness/src/auth.js';
import type { CreatedResources } from '../harness/src/cleanup.js';
import type { Operation } from '../harness/src/types.js';
import type { WorkflowDefinition } from './workflow.js';
import { pveAuth } from './pve/auth.js';
import { pveCreatedResources } from './pve/cleanup.js';
import { pveWorkflow } from './pve/workflow.js';
import { pveManagerAuth } from './pve-manager/auth.js';
import { veeamAuth } from './veeam-em/auth.js';
import { vmSandboxAuth } from './vm-sandbox/auth.js';
import { vsphereAuth } from './vsphere/auth.js';

export interface Contract {
  auth: AuthRecipe;
  createdResources?: CreatedResources;
  /** the API's model for the stateful phase (contracts/<api>/workflow.ts) */
  workflow?: WorkflowDefinition;
}

export const CONTRACTS: Record<string, Contract> = {
  pve: { auth: pveAuth, createdResources: pveCreatedResources, workflow: pveWorkflow },
  vsphere: { auth: vsphereAuth },
  'veeam-em': { auth: veeamAuth },
  'pve-manager': { auth: pveManagerAuth },
  'vm-sandbox': { auth: vmSandboxAuth },
};

const GENERIC: Contract = { auth: genericRecipe };

/** The contract named by the API, else the first whose login recipe fits the document, else headers only. */
export function contractFor(api: string | undefined, operations: Operation[]): Contract {
  if (api !== undefined) return CONTRACTS[api] ?? GENERIC;
  return Object.values(CONTRACTS).find((contract) => contract.auth.matches(operations)) ?? GENERIC;
}
