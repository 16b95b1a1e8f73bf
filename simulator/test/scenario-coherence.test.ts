// The default scenario is one world seen through several APIs: what one section names in another API's
// inventory must exist there, under the same id and name.
import { describe, expect, it } from 'vitest';
import { readScenario } from '../src/core/scenario.js';

interface Sections {
  pve: { vms: Array<{ vmid: number; node: string; template?: boolean }> };
  vsphere: { vms: Array<{ id: string; name: string }> };
  'veeam-em': { jobs: Array<{ name: string; vms?: Array<{ vm: string; name: string }> }> };
  'pve-manager': { templates: Array<{ name: string; pveVmid: number; pveNode: string }> };
}

const scenario = readScenario('default') as unknown as Sections;

describe('the default scenario is coherent across APIs', () => {
  it('Veeam jobs protect VMs of the simulated vCenter, by their vCenter ids and names', () => {
    const vcenter = new Map(scenario.vsphere.vms.map((vm) => [vm.id, vm.name]));
    const protectedVms = scenario['veeam-em'].jobs.flatMap((job) => (job.vms ?? []).map((vm) => ({ job: job.name, ...vm })));
    expect(protectedVms.length).toBeGreaterThan(0);
    for (const vm of protectedVms) expect({ job: vm.job, vm: vm.vm, name: vcenter.get(vm.vm) }).toEqual({ job: vm.job, vm: vm.vm, name: vm.name });
  });

  it('management-layer templates are bound to PVE templates on their node', () => {
    const templates = new Set(scenario.pve.vms.filter((vm) => vm.template).map((vm) => `${vm.node}/${vm.vmid}`));
    for (const template of scenario['pve-manager'].templates) {
      expect({ template: template.name, pve: templates.has(`${template.pveNode}/${template.pveVmid}`) }).toEqual({ template: template.name, pve: true });
    }
  });
});
