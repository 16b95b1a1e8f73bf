// Follows every running task of the service on PVE. One pass at a time: a call that arrives while a pass
// runs waits for it instead of starting a second one (two passes would start the same PVE step twice).
// Passes run before every call of this API and, while the clock moves by itself, on a timer (as the real
// service's background poller does); with the manual clock only calls move tasks, so tests stay exact.
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

  /** Polls while the store is open; the timer does not keep the process alive. */
  startTimer(intervalMs = 250): void {
    if (this.model.ctx.clock.mode === 'manual') return;
    const timer = setInterval(() => {
      if (!this.model.ctx.store.db.open) {
        clearInterval(timer);
        return;
      }
      this.advanceAll().catch((error: unknown) => {
        if (this.model.ctx.store.db.open) console.error(`hypersim: pve-manager: task poller: ${(error as Error).message}`);
      });
    }, intervalMs);
    timer.unref();
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
