// PVE worker tasks on top of the core task engine: UPIDs, and the status and log views PVE clients read.
import type { ApiContext } from '../../core/api-module.js';
import type { Task, TaskPlan } from '../../core/tasks.js';
import { PveError, PveParamError } from './errors.js';
import { formatUpid, parseUpid } from './upid.js';

/** What every PVE task carries besides its own payload: the log lines it will print. */
export interface WorkerPayload {
  log: string[];
}

export interface StartWorker<P extends WorkerPayload> {
  node: string;
  type: string;
  /** the UPID's id field (for qmclone: the SOURCE vmid) */
  id: string;
  user: string;
  payload: P;
  durationMs: number;
  plan?: TaskPlan | undefined;
}

export class Workers {
  constructor(private readonly ctx: ApiContext) {}

  start<P extends WorkerPayload>(worker: StartWorker<P>): string {
    const now = this.ctx.clock.now();
    let upid: string;
    // a restarted generator can repeat a pid within the same second: draw until the UPID is new
    do {
      upid = formatUpid({
        node: worker.node,
        pid: this.ctx.rng.int(1000, 0x3fffff),
        pstart: this.ctx.rng.int(100000, 0xfffffff),
        starttime: Math.floor(now / 1000),
        type: worker.type,
        id: worker.id,
        user: worker.user,
      });
    } while (this.ctx.tasks.get(upid) !== undefined);
    this.ctx.tasks.create({
      id: upid,
      api: 'pve',
      type: worker.type,
      target: worker.id,
      node: worker.node,
      owner: worker.user,
      payload: worker.payload,
      durationMs: worker.durationMs * this.ctx.taskDurationScale,
      plan: worker.plan,
    });
    return upid;
  }

  /** The task behind a UPID, or PVE's errors for a malformed or unknown one. */
  require(upid: string): Task<WorkerPayload> {
    if (!parseUpid(upid)) throw new PveParamError({ upid: `unable to parse worker upid '${upid}'` });
    const task = this.ctx.tasks.get<WorkerPayload>(upid);
    if (!task || task.api !== 'pve') throw new PveError('no such task');
    return task;
  }

  list(node: string): Task<WorkerPayload>[] {
    return this.ctx.tasks.list({ api: 'pve', node }) as Task<WorkerPayload>[];
  }
}

export function exitStatus(task: Task): string | undefined {
  if (task.state === 'succeeded') return 'OK';
  if (task.state === 'failed' || task.state === 'cancelled') return task.error ?? 'unexpected status';
  return undefined;
}

/** The fields of the UPID itself, as PVE repeats them in task views. */
function upidFields(task: Task) {
  const { node, pid, pstart, starttime, type, id, user } = parseUpid(task.id)!;
  return { upid: task.id, node, pid, pstart, starttime, type, id, user };
}

export function taskStatusView(task: Task) {
  const exit = exitStatus(task);
  return { ...upidFields(task), status: exit === undefined ? 'running' : 'stopped', ...(exit === undefined ? {} : { exitstatus: exit }) };
}

export function taskSummaryView(task: Task) {
  const exit = exitStatus(task);
  return { ...upidFields(task), ...(exit === undefined ? {} : { status: exit, endtime: Math.floor((task.finishedAt ?? 0) / 1000) }) };
}

/** The log as PVE prints it: the lines reached so far, then TASK OK / TASK ERROR once ended. */
export function taskLogLines(task: Task<WorkerPayload>, progress: number): string[] {
  const planned = task.payload.log ?? [];
  const exit = exitStatus(task);
  if (exit === undefined) return planned.slice(0, Math.max(1, Math.floor(progress * planned.length)));
  if (exit === 'OK') return [...planned, 'TASK OK'];
  return [...planned.slice(0, Math.max(1, Math.floor(progress * planned.length))), `TASK ERROR: ${exit}`];
}
