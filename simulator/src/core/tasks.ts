// The durable task engine shared by every API. A task is a row whose outcome and duration are planned
// when it is created; it ends when the virtual clock passes its due time (checked on every request and
// by a timer), and its side effects are applied in the same transaction that ends it.
// An open task has no due time: its kind's `advance` follows the work (steps on another API, say) and
// ends it through complete/fail. Advance passes run one at a time, on the timer and when awaited.
import type { Clock } from './clock.js';
import type { Migration, Store } from './store.js';

export type TaskState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** What the fault rules (or the handler) decided at creation. */
export type TaskPlan = { outcome: 'succeed' } | { outcome: 'fail'; message: string } | { outcome: 'stall' };

export interface Task<P = unknown> {
  id: string;
  seq: number;
  api: string;
  type: string;
  target: string | null;
  node: string | null;
  owner: string | null;
  state: TaskState;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** null while stalled: the task runs until stopped */
  dueAt: number | null;
  plan: TaskPlan;
  result: unknown;
  error: string | null;
  payload: P;
}

/** Thrown by a kind's `succeed` to make the task fail with a vendor message instead. */
export class TaskFailure extends Error {
  override name = 'TaskFailure';
}

export interface TaskKind<P = any> {
  api: string;
  type: string;
  /** Side effects of success, run in the ending transaction; returns the task's result. */
  succeed?(task: Task<P>): unknown;
  /** Undo of what creation did, run when the task fails or is cancelled. */
  undo?(task: Task<P>, reason: string): void;
  /** Follows a running open task: may `update` its payload and end it with `complete` or `fail`. */
  advance?(task: Task<P>): void | Promise<void>;
  /** progress in [0, 1] of a running task, where the clock cannot tell (open tasks) */
  progress?(task: Task<P>): number;
}

export interface NewTask<P> {
  id: string;
  api: string;
  type: string;
  target?: string;
  node?: string;
  owner?: string;
  payload: P;
  /** ignored for an open task */
  durationMs: number;
  plan?: TaskPlan;
  /** no due time: the kind's `advance` decides when and how the task ends */
  open?: boolean;
}

export const taskMigrations: Migration[] = [
  {
    id: 'core/001-tasks',
    sql: `CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      api TEXT NOT NULL,
      type TEXT NOT NULL,
      target TEXT,
      node TEXT,
      owner TEXT,
      state TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER,
      due_at INTEGER,
      plan TEXT NOT NULL,
      result TEXT,
      error TEXT,
      payload TEXT NOT NULL
    );
    CREATE INDEX tasks_due ON tasks (state, due_at);
    CREATE INDEX tasks_api_seq ON tasks (api, seq);`,
  },
  { id: 'core/003-tasks-seq', sql: 'CREATE UNIQUE INDEX tasks_seq ON tasks (seq);' },
  { id: 'core/004-tasks-node', sql: 'CREATE INDEX tasks_api_node_seq ON tasks (api, node, seq);' },
  {
    // every index is written on each task change; these two served only rare reads
    id: 'core/005-fewer-task-indexes',
    sql: 'DROP INDEX tasks_seq; DROP INDEX tasks_api_seq;',
  },
];

interface TaskRow {
  id: string;
  seq: number;
  api: string;
  type: string;
  target: string | null;
  node: string | null;
  owner: string | null;
  state: TaskState;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  due_at: number | null;
  plan: string;
  result: string | null;
  error: string | null;
  payload: string;
}

function fromRow<P>(row: TaskRow): Task<P> {
  return {
    id: row.id,
    seq: row.seq,
    api: row.api,
    type: row.type,
    target: row.target,
    node: row.node,
    owner: row.owner,
    state: row.state,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    dueAt: row.due_at,
    plan: JSON.parse(row.plan) as TaskPlan,
    result: row.result === null ? null : JSON.parse(row.result),
    error: row.error,
    payload: JSON.parse(row.payload) as P,
  };
}

export class TaskEngine {
  private readonly kinds = new Map<string, TaskKind>();
  /** earliest due time of a running task; ticks before it do nothing */
  private nextDueAt = -Infinity;
  /** the last task number handed out; read from the store once, then counted here */
  private lastSeq: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** called after tasks end on a tick or are cancelled (the dashboard's live view listens) */
  private readonly endListeners = new Set<() => void>();
  /** the advance pass under way, and the one queued behind it (callers arriving meanwhile share it) */
  private currentPass: Promise<void> | undefined;
  private queuedPass: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  define<P>(kind: TaskKind<P>): void {
    this.kinds.set(`${kind.api}:${kind.type}`, kind as TaskKind);
  }

  /** Creates a running task; call inside the transaction that applies the task's immediate effects. */
  create<P>(input: NewTask<P>): Task<P> {
    const now = this.clock.now();
    const plan = input.plan ?? { outcome: 'succeed' };
    const dueAt = plan.outcome === 'stall' || input.open ? null : now + Math.max(0, Math.round(input.durationMs));
    this.lastSeq ??= this.store.get<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM tasks')?.seq ?? 0;
    const seq = this.lastSeq + 1;
    this.store.run(
      `INSERT INTO tasks (id, seq, api, type, target, node, owner, state, created_at, started_at, due_at, plan, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
      input.id, seq, input.api, input.type, input.target ?? null, input.node ?? null, input.owner ?? null,
      now, now, dueAt, JSON.stringify(plan), JSON.stringify(input.payload),
    );
    this.lastSeq = seq;
    if (dueAt !== null && dueAt < this.nextDueAt) this.nextDueAt = dueAt;
    return {
      id: input.id, seq, api: input.api, type: input.type, target: input.target ?? null, node: input.node ?? null, owner: input.owner ?? null,
      state: 'running', createdAt: now, startedAt: now, finishedAt: null, dueAt, plan, result: null, error: null, payload: input.payload,
    };
  }

  get<P = unknown>(id: string): Task<P> | undefined {
    const row = this.store.get<TaskRow>('SELECT * FROM tasks WHERE id = ?', id);
    return row ? fromRow<P>(row) : undefined;
  }

  list(filter: { api?: string; state?: TaskState; node?: string; owner?: string } = {}): Task[] {
    return this.store
      .all<TaskRow>(
        `SELECT * FROM tasks WHERE (@api IS NULL OR api = @api) AND (@state IS NULL OR state = @state) AND (@node IS NULL OR node = @node)
         AND (@owner IS NULL OR owner = @owner) ORDER BY seq`,
        { api: filter.api ?? null, state: filter.state ?? null, node: filter.node ?? null, owner: filter.owner ?? null },
      )
      .map((row) => fromRow(row));
  }

  /** The newest tasks first, at most `limit`, plus every task still running or queued. */
  recent(limit: number): Task[] {
    return this.store
      .all<TaskRow>(
        `SELECT * FROM tasks WHERE seq IN (SELECT seq FROM tasks ORDER BY seq DESC LIMIT ?)
         OR state IN ('running', 'queued') ORDER BY seq DESC`,
        limit,
      )
      .map((row) => fromRow(row));
  }

  /** Calls `listener` whenever tasks end on a tick or are cancelled; returns the unsubscribe function. */
  onEnd(listener: () => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** progress in [0, 1] as the clock sees it */
  progress(task: Task): number {
    if (task.state !== 'running' && task.state !== 'queued') return 1;
    const byKind = this.kindOf(task)?.progress;
    if (byKind) return Math.min(1, Math.max(0, byKind(task)));
    if (task.dueAt === null || task.startedAt === null) return 0;
    const span = task.dueAt - task.startedAt;
    return span <= 0 ? 1 : Math.min(1, Math.max(0, (this.clock.now() - task.startedAt) / span));
  }

  /** Ends every task whose due time has passed. Cheap when none is due. */
  tick(): void {
    const now = this.clock.now();
    if (now < this.nextDueAt) return;
    const due = this.store.all<TaskRow>(
      "SELECT * FROM tasks WHERE state = 'running' AND due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, seq",
      now,
    );
    // one commit for every task that is due (each still ends in its own savepoint)
    // the first was read as running just now; a later one may have been ended by an earlier one's effects
    if (due.length > 0) this.store.transaction(() => due.forEach((row, i) => this.finish(fromRow(row), i > 0)));
    this.recomputeNextDue();
    if (due.length > 0) this.endListeners.forEach((listener) => listener());
  }

  /** Stops a running task: it ends as cancelled with `message`, and its creation is undone. */
  cancel(id: string, message: string): Task | undefined {
    const task = this.get(id);
    if (!task || (task.state !== 'running' && task.state !== 'queued')) return task;
    this.store.transaction(() => {
      this.kindOf(task)?.undo?.(task, message);
      this.end(task.id, 'cancelled', null, message);
    });
    this.recomputeNextDue();
    this.endListeners.forEach((listener) => listener());
    return this.get(id);
  }

  /** Replaces the payload of a running task (an open task's kind records its progress so). */
  update<P>(id: string, payload: P): void {
    this.store.run("UPDATE tasks SET payload = ? WHERE id = ? AND state IN ('running', 'queued')", JSON.stringify(payload), id);
  }

  /** Ends a running open task as succeeded (its kind applied the effects); optionally with a last payload. */
  complete<P>(id: string, result: unknown, payload?: P): void {
    this.endOpen(id, 'succeeded', result ?? null, null, payload);
  }

  /** Ends a running open task as failed with `message`; optionally with a last payload. */
  fail<P>(id: string, message: string, payload?: P): void {
    this.endOpen(id, 'failed', null, message, payload);
  }

  /**
   * Runs `advance` for every running open task whose kind has one, oldest first and one at a time. Starts
   * after the pass under way (which may have looked before the caller's change), so the caller sees a
   * fresh pass; callers arriving while a pass waits share it.
   */
  advanceOpen(): Promise<void> {
    if (this.queuedPass) return this.queuedPass;
    const previous = this.currentPass ?? Promise.resolve();
    const pass: Promise<void> = previous
      .catch(() => undefined)
      .then(() => {
        this.queuedPass = undefined;
        this.currentPass = pass;
        return this.runAdvancePass();
      })
      .finally(() => {
        if (this.currentPass === pass) this.currentPass = undefined;
      });
    this.queuedPass = pass;
    return pass;
  }

  /**
   * Ticks every intervalMs while the clock moves by itself; starts an advance pass when none runs, at most
   * every advanceEveryMs (each pass asks other APIs about the work: fewer passes, less journal noise).
   */
  startTimer(intervalMs = 50, advanceEveryMs = 250): void {
    if (this.timer || this.clock.mode === 'manual') return;
    let lastPass = -Infinity;
    this.timer = setInterval(() => {
      if (!this.store.db.open) return;
      this.tick();
      if (this.currentPass || this.queuedPass || performance.now() - lastPass < advanceEveryMs || !this.hasOpenTasks()) return;
      lastPass = performance.now();
      this.advanceOpen().catch((error: unknown) => {
        if (this.store.db.open) console.error(`hypersim: task engine: advance: ${(error as Error).message}`);
      });
    }, intervalMs);
    this.timer.unref();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Forget cached scheduling (after the store was replaced under us). */
  reload(): void {
    this.lastSeq = undefined;
    this.recomputeNextDue();
  }

  private finish(task: Task, recheck: boolean): void {
    // an earlier task in the same tick may have ended this one already (a stop that cancels a run)
    if (recheck && this.store.get<{ state: TaskState }>('SELECT state FROM tasks WHERE id = ?', task.id)?.state !== 'running') return;
    const kind = this.kindOf(task);
    this.store.transaction(() => {
      if (task.plan.outcome === 'fail') {
        kind?.undo?.(task, task.plan.message);
        this.end(task.id, 'failed', null, task.plan.message);
        return;
      }
      try {
        const result = this.store.transaction(() => kind?.succeed?.(task));
        this.end(task.id, 'succeeded', result ?? null, null);
      } catch (error) {
        if (!(error instanceof TaskFailure)) throw error;
        kind?.undo?.(task, error.message);
        this.end(task.id, 'failed', null, error.message);
      }
    });
  }

  private end(id: string, state: TaskState, result: unknown, error: string | null): void {
    this.store.run(
      'UPDATE tasks SET state = ?, finished_at = ?, result = ?, error = ? WHERE id = ?',
      state, this.clock.now(), result === null ? null : JSON.stringify(result), error, id,
    );
  }

  private endOpen(id: string, state: TaskState, result: unknown, error: string | null, payload: unknown): void {
    const task = this.get(id);
    if (!task || (task.state !== 'running' && task.state !== 'queued')) return;
    this.store.transaction(() => {
      if (payload !== undefined) this.update(id, payload);
      this.end(id, state, result, error);
    });
    this.endListeners.forEach((listener) => listener());
  }

  private hasOpenTasks(): boolean {
    if (![...this.kinds.values()].some((kind) => kind.advance)) return false;
    return this.store.get("SELECT 1 AS one FROM tasks WHERE state = 'running' AND due_at IS NULL LIMIT 1") !== undefined;
  }

  private async runAdvancePass(): Promise<void> {
    const open = this.store.all<{ id: string }>("SELECT id FROM tasks WHERE state = 'running' AND due_at IS NULL ORDER BY seq");
    for (const { id } of open) {
      if (!this.store.db.open) return;
      // read again: an earlier task's advance may have changed this one
      const task = this.get(id);
      const advance = task && this.kindOf(task)?.advance;
      if (!task || task.state !== 'running' || task.plan.outcome === 'stall' || !advance) continue;
      await advance(task);
    }
  }

  private kindOf(task: Task): TaskKind | undefined {
    return this.kinds.get(`${task.api}:${task.type}`);
  }

  private recomputeNextDue(): void {
    const row = this.store.get<{ due: number | null }>("SELECT MIN(due_at) AS due FROM tasks WHERE state = 'running' AND due_at IS NOT NULL");
    this.nextDueAt = row?.due ?? Infinity;
  }
}
