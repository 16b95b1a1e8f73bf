// The service's task kinds on the shared engine: each follows its running tasks on PVE through its flow.
// The engine runs one advance pass at a time (a second concurrent pass would start the same PVE step
// twice): on its timer while the clock moves by itself (as the real service's background poller does),
// and before every call of this API, which awaits a fresh pass. With the manual clock only calls (and
// GET /_sim/tasks) move tasks, so tests stay exact.
import type { Task } from '../../core/tasks.js';
import { cloneTemplateFlow } from './flows/clone-template.js';
import { createVmFlow } from './flows/create-vm.js';
import { deleteVmFlow } from './flows/delete-vm.js';
import { advanceTask, type Flow } from './flows/engine.js';
import type { ManagerModel } from './model/index.js';
import { fromEngine, MANAGER_API, type ManagerPayload, stepsDone, type TaskType } from './model/tasks.js';

export class TaskRunner {
  readonly flows: { [K in TaskType]: Flow<any> };

  constructor(private readonly model: ManagerModel) {
    this.flows = { create_vm: createVmFlow(model), clone_template: cloneTemplateFlow(model), delete_vm: deleteVmFlow(model) };
    for (const [type, flow] of Object.entries(this.flows)) {
      model.ctx.tasks.define<ManagerPayload>({
        api: MANAGER_API,
        type,
        advance: (task) => advanceTask(model, flow, fromEngine(task)),
        progress: (task: Task<ManagerPayload>) => stepsDone(task.payload.steps) / Math.max(1, task.payload.steps.length),
      });
    }
  }

  /** Brings every running task up to date with PVE. */
  advanceAll(): Promise<void> {
    return this.model.ctx.tasks.advanceOpen();
  }
}
