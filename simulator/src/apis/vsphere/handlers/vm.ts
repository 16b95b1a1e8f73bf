// Virtual machines: list (with the 4,000 cap), get, delete, power, and clone (synchronous or as a task).
import { VsphereError } from '../errors.js';
import { type CloneSpec, cloneNow, cloneTask } from '../model/clone.js';
import type { VsphereModel } from '../model/index.js';
import { changePower, deleteVm, type PowerAction } from '../model/power.js';
import type { Vm } from '../model/vms.js';
import type { VsphereOperation } from '../operation.js';

export const MAX_LISTED_VMS = 4000;

export function vmInfo(model: VsphereModel, vm: Vm) {
  const disks = model.vms.disks(vm.id);
  const datastoreName = (id: string) => model.inventory.find('datastore', id)?.name ?? id;
  return {
    name: vm.name,
    identity: { name: vm.name, instance_uuid: vm.uuid, bios_uuid: vm.uuid },
    guest_OS: vm.guestOs,
    power_state: vm.powerState,
    cpu: { count: vm.cpuCount, cores_per_socket: 1, hot_add_enabled: false, hot_remove_enabled: false },
    memory: { size_MiB: vm.memoryMiB, hot_add_enabled: false },
    hardware: { version: 'VMX_19', upgrade_policy: 'NEVER', upgrade_status: 'NONE' },
    disks: Object.fromEntries(
      disks.map((d) => [
        d.key,
        { label: d.label, type: 'SCSI', capacity: d.capacity, backing: { type: 'VMDK_FILE', vmdk_file: `[${datastoreName(d.datastore)}] ${vm.name}/${vm.name}${d.key === '2000' ? '' : `_${Number(d.key) - 2000}`}.vmdk` } },
      ]),
    ),
  };
}

export const vmOperations: VsphereOperation[] = [
  {
    operationId: 'listVms',
    method: 'GET',
    path: '/vcenter/vm',
    handle({ model, params }) {
      const vms = model.vms.list(params);
      if (vms.length > MAX_LISTED_VMS)
        throw new VsphereError(
          'UNABLE_TO_ALLOCATE_RESOURCE',
          'com.vmware.api.vcenter.vm.list.limit_exceeded',
          `Too many virtual machines match the filter (${vms.length}, the limit is ${MAX_LISTED_VMS}); narrow the filter.`,
          [String(vms.length), String(MAX_LISTED_VMS)],
        );
      return vms.map((vm) => ({ vm: vm.id, name: vm.name, power_state: vm.powerState, cpu_count: vm.cpuCount, memory_size_MiB: vm.memoryMiB }));
    },
  },
  {
    operationId: 'cloneVm',
    method: 'POST',
    path: '/vcenter/vm',
    restWrapsSpec: true,
    status: (params) => (params['vmw-task'] === true ? 202 : 200),
    handle({ model, params, caller, taskPlan }) {
      const spec = params.body as CloneSpec;
      return params['vmw-task'] === true ? cloneTask(model, spec, caller, taskPlan) : cloneNow(model, spec, caller, taskPlan);
    },
  },
  {
    operationId: 'getVm',
    method: 'GET',
    path: '/vcenter/vm/:vm',
    handle: ({ model, params }) => vmInfo(model, model.vms.require(params.vm)),
  },
  {
    operationId: 'deleteVm',
    method: 'DELETE',
    path: '/vcenter/vm/:vm',
    handle({ model, params, caller }) {
      deleteVm(model, params.vm, caller);
      return undefined;
    },
  },
  {
    operationId: 'getVmPower',
    method: 'GET',
    path: '/vcenter/vm/:vm/power',
    handle({ model, params }) {
      const vm = model.vms.require(params.vm);
      return vm.powerState === 'POWERED_OFF' ? { state: vm.powerState, clean_power_off: true } : { state: vm.powerState };
    },
  },
  {
    operationId: 'changeVmPower',
    method: 'POST',
    path: '/vcenter/vm/:vm/power',
    handle({ model, params, caller }) {
      changePower(model, params.vm, params.action as PowerAction, caller);
      return undefined;
    },
  },
];
