// Follows every running task of the service on PVE. One pass at a time: a call that arrives while a pass
// runs waits for it instead of starting a second one (two passes would start the same PVE step twice).
import { cloneTemplateFlow } from './flows/clone-template.js';
import { createVmFlow } from './flows/create-vm.js';
import { deleteVmFlow } from './flows/delete-vm.js';
import { advanceTask, type Flow } from './flows/engine.js';
import type { ManagerModel } from './model/index.js';
import type { TaskType } from './model/tasks.js';

export class TaskRunner {
  readonly flows: { [K in TaskType]: Flow<any> };
  private pass: Promise<void> | undefined;

  constructor(private readonly model: ManagerModel) {
    this.flows = { create_vm: createVmFlow(model), clone_template: cloneTemplateFlow(model), delete_vm: deleteVmFlow(model) };
  }

  advanceAll(): Promise<void> {
    this.pass ??= this.run().finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  private async run(): Promise<void> {
    for (const task of this.model.tasks.active()) await advanceTask(this.model, this.flows[task.type], task);
  }
}
