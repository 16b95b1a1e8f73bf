// The dashboard's live view: one JSON snapshot of everything it shows (inventory of every API, tasks, the
// journal, fault rules with counters, the clock), pushed as server-sent events whenever something changed.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { InventoryView } from './api-module.js';
import type { ChangeFeed } from './changes.js';
import type { Clock } from './clock.js';
import type { Faults } from './faults.js';
import type { Journal, JournalEntry } from './journal.js';
import type { TaskEngine } from './tasks.js';

/** One API of the simulator as the dashboard lists it. */
export interface ApiInventory {
  api: string;
  basePath: string;
  /** undefined when the API has no inventory() hook yet */
  inventory?: InventoryView;
  /** the message when inventory() threw */
  error?: string;
}

export interface LiveSources {
  api: string;
  clock: Clock;
  tasks: TaskEngine;
  faults: Faults;
  journal: Journal;
  changes: ChangeFeed;
  inventories(): ApiInventory[];
}

export interface LiveTask {
  id: string;
  api: string;
  type: string;
  target: string | null;
  node: string | null;
  owner: string | null;
  state: string;
  progress: number;
  created: string;
  /** virtual milliseconds from start to end (or to now while it runs) */
  durationMs: number | null;
  result: unknown;
  error: string | null;
}

export interface LiveSnapshot {
  api: string;
  clock: ReturnType<Clock['describe']>;
  apis: ApiInventory[];
  tasks: LiveTask[];
  journal: JournalEntry[];
  faults: { rules: unknown[]; counters: Array<{ rule: number; matched: number; hit: number }> };
}

/** how many finished tasks and journal entries a snapshot carries (running tasks are always all there) */
export const LIVE_LIMIT = 200;
/** pushes are at least this far apart, however busy the simulator is */
const MIN_GAP_MS = 150;

export function liveSnapshot(sources: LiveSources): LiveSnapshot {
  const now = sources.clock.now();
  return {
    api: sources.api,
    clock: sources.clock.describe(),
    apis: sources.inventories(),
    tasks: sources.tasks.recent(LIVE_LIMIT).map((task) => ({
      id: task.id,
      api: task.api,
      type: task.type,
      target: task.target,
      node: task.node,
      owner: task.owner,
      state: task.state,
      progress: sources.tasks.progress(task),
      created: new Date(task.createdAt).toISOString(),
      durationMs: task.startedAt === null ? null : (task.finishedAt ?? now) - task.startedAt,
      result: task.result,
      error: task.error,
    })),
    journal: sources.journal.list({ limit: LIVE_LIMIT }),
    faults: { rules: sources.faults.list(), counters: sources.faults.counters() },
  };
}

/**
 * GET /_sim/events: a snapshot at once, then one after every change (at most one per MIN_GAP_MS), and one
 * per second anyway while the clock runs by itself (times and progress move without any request).
 */
export function liveEvents(c: Context, sources: LiveSources): Response {
  return streamSSE(c, async (stream) => {
    let changed = true;
    let wake: (() => void) | undefined;
    const unsubscribe = sources.changes.subscribe(() => {
      changed = true;
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    const idleMs = sources.clock.mode === 'manual' ? 15_000 : 1_000;
    while (!stream.aborted) {
      changed = false;
      await stream.writeSSE({ event: 'snapshot', data: JSON.stringify(liveSnapshot(sources)) });
      await sleep(MIN_GAP_MS);
      if (!changed && !stream.aborted) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    unsubscribe();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
