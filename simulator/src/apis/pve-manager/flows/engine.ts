// Moves a task through its steps. Each step starts one PVE task (its UPID is recorded) or has nothing to
// do; the next step starts when PVE reports the previous one ended OK. A failed step hands over to the
// flow, which ends the task or starts a cleanup on PVE whose end it waits for the same way.
import type { PveAnswer } from '../pve-client.js';
import type { ManagerModel } from '../model/index.js';
import type { ManagerTask, Step } from '../model/tasks.js';

export interface FlowContext {
  /** the PVE task that undoes a failed flow, while it runs */
  cleanupUpid?: string | null;
}

export interface Flow<C extends FlowContext = FlowContext> {
  /** Starts step `index` on PVE: its UPID, or null when there is nothing to do. */
  start(task: ManagerTask<C>, index: number): Promise<PveAnswer<string | null>>;
  /** Every step ended OK (runs synchronously, in a transaction). */
  completed(task: ManagerTask<C>): void;
  /** Step `index` failed: end the task, or start a cleanup and set `context.cleanupUpid`. */
  failed(task: ManagerTask<C>, index: number): Promise<void>;
  /** The cleanup task ended (ok, or with PVE's error text). */
  cleanedUp(task: ManagerTask<C>, error: string | null): void;
}

/** Ends a task: completed, or failed with the service's message and the cause. */
export function finish(model: ManagerModel, task: ManagerTask<any>, status: 'completed' | 'failed', message: string, error: string | null = null): void {
  const now = model.now();
  task.status = status;
  task.message = message;
  task.error = error;
  task.updatedAt = now;
  task.completedAt = now;
}

function endStep(model: ManagerModel, step: Step, error: string | null): void {
  step.step_status = error === null ? 'completed' : 'failed';
  step.step_message = error === null ? `${step.step_name} completed` : `${step.step_name} failed`;
  step.error_message = error;
  step.step_end_time = model.now();
}

function save(model: ManagerModel, task: ManagerTask<any>): void {
  task.updatedAt = model.now();
  model.tasks.save(task);
}

/** Starts the steps from `index` on, until one is running on PVE, one fails, or all are done. */
export async function startSteps<C extends FlowContext>(model: ManagerModel, flow: Flow<C>, task: ManagerTask<C>, index: number): Promise<void> {
  for (let i = index; i < task.steps.length; i++) {
    const step = task.steps[i]!;
    step.step_status = 'in_progress';
    step.step_message = `${step.step_name} in progress`;
    step.step_start_time = model.now();
    task.status = 'in_progress';
    task.message = `Running step ${i + 1} of ${task.steps.length}: ${step.step_name}`;
    const answer = await flow.start(task, i);
    if (!answer.ok) {
      endStep(model, step, answer.message);
      await fail(model, flow, task, i);
      return;
    }
    if (answer.data !== null) {
      step.pve_upid = answer.data;
      save(model, task);
      return;
    }
    step.step_status = 'skipped';
    step.step_message = `${step.step_name}: nothing to do`;
    step.step_end_time = model.now();
  }
  model.ctx.store.transaction(() => {
    flow.completed(task);
    save(model, task);
  });
}

async function fail<C extends FlowContext>(model: ManagerModel, flow: Flow<C>, task: ManagerTask<C>, index: number): Promise<void> {
  await flow.failed(task, index);
  model.ctx.store.transaction(() => save(model, task));
}

/** One look at a running task: follows its PVE tasks as far as they have ended. */
export async function advanceTask<C extends FlowContext>(model: ManagerModel, flow: Flow<C>, task: ManagerTask<C>): Promise<void> {
  for (let guard = 0; guard < 2 * task.steps.length + 2 && task.status === 'in_progress'; guard++) {
    const cleanup = task.context.cleanupUpid;
    if (cleanup) {
      const status = await model.pve.taskStatus(cleanup);
      if (!status.ok || status.data.status !== 'stopped') return;
      task.context.cleanupUpid = null;
      const exit = status.data.exitstatus ?? 'unexpected status';
      model.ctx.store.transaction(() => {
        flow.cleanedUp(task, exit === 'OK' ? null : exit);
        save(model, task);
      });
      return;
    }
    const index = task.steps.findIndex((s) => s.step_status === 'in_progress');
    const step = task.steps[index];
    if (!step?.pve_upid) return;
    const status = await model.pve.taskStatus(step.pve_upid);
    // PVE could not be asked (an injected fault, say): look again on the next call
    if (!status.ok || status.data.status !== 'stopped') return;
    const exit = status.data.exitstatus ?? 'unexpected status';
    if (exit !== 'OK') {
      endStep(model, step, exit);
      await fail(model, flow, task, index);
      continue;
    }
    endStep(model, step, null);
    await startSteps(model, flow, task, index + 1);
  }
}
