// Power operations and deletion, with vCenter's state rules.
import { VsphereError } from '../errors.js';
import { type Caller, requirePrivilege } from './access.js';
import type { VsphereModel } from './index.js';
import type { PowerState } from './vms.js';

export type PowerAction = 'start' | 'stop' | 'suspend' | 'reset';

const PRIVILEGE: Record<PowerAction, string> = {
  start: 'VirtualMachine.Interact.PowerOn',
  stop: 'VirtualMachine.Interact.PowerOff',
  suspend: 'VirtualMachine.Interact.Suspend',
  reset: 'VirtualMachine.Interact.Reset',
};

/** From which states an action is allowed, and where it leads. */
const RULES: Record<PowerAction, { from: PowerState[]; already?: PowerState; to: PowerState }> = {
  start: { from: ['POWERED_OFF', 'SUSPENDED'], already: 'POWERED_ON', to: 'POWERED_ON' },
  stop: { from: ['POWERED_ON', 'SUSPENDED'], already: 'POWERED_OFF', to: 'POWERED_OFF' },
  suspend: { from: ['POWERED_ON'], already: 'SUSPENDED', to: 'SUSPENDED' },
  reset: { from: ['POWERED_ON'], to: 'POWERED_ON' },
};

export function changePower(model: VsphereModel, vmId: string, action: PowerAction, caller: Caller): void {
  model.store.transaction(() => {
    const vm = model.vms.require(vmId);
    requirePrivilege(caller, PRIVILEGE[action], vm.id);
    const rule = RULES[action];
    if (vm.powerState === rule.already)
      throw new VsphereError('ALREADY_IN_DESIRED_STATE', `com.vmware.api.vcenter.vm.power.already_${rule.to.toLowerCase()}`, `Virtual machine '${vm.id}' is already ${describe(rule.to)}.`, [vm.id]);
    if (!rule.from.includes(vm.powerState))
      throw new VsphereError('NOT_ALLOWED_IN_CURRENT_STATE', `com.vmware.api.vcenter.vm.power.${action}.not_allowed`, `Cannot ${action} virtual machine '${vm.id}' while it is ${describe(vm.powerState)}.`, [vm.id, vm.powerState]);
    model.vms.setPowerState(vm.id, rule.to);
  });
}

export function deleteVm(model: VsphereModel, vmId: string, caller: Caller): void {
  model.store.transaction(() => {
    const vm = model.vms.require(vmId);
    requirePrivilege(caller, 'VirtualMachine.Inventory.Delete', vm.id);
    if (vm.powerState === 'POWERED_ON')
      throw new VsphereError('NOT_ALLOWED_IN_CURRENT_STATE', 'com.vmware.api.vcenter.vm.delete.powered_on', `Virtual machine '${vm.id}' is powered on; power it off before deleting it.`, [vm.id]);
    model.vms.remove(vm.id);
  });
}

function describe(state: PowerState): string {
  return state === 'POWERED_ON' ? 'powered on' : state === 'POWERED_OFF' ? 'powered off' : 'suspended';
}
