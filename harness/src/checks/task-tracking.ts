// Finds the task an exchange started (declared by x-hypersim-task, recognised from vendor knowledge, or
// inferred from the spec) and follows it to its end. Several checks wait for the same task, so the
// outcome is kept per exchange.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckContext, Exchange, Operation } from '../types.js';
import { TASK_EXTENSION, fillTemplate, parseDeclaredTask } from './declared-task.js';
import { isSuccess } from './documented-response.js';
import {
  FollowUpError, placeValues, sendFollowUp, withOriginalPathParams, type FollowUp, type RequestValues,
} from './follow-up.js';
import { resolvePointer } from './json-pointer.js';
import { inferTask } from './spec-tasks.js';
import {
  TASK_RECOGNIZERS, recognizedStatusOperation, recognizedTaskId, recognizerFor, statusParametersOf, type TaskProtocol,
} from './task-recognizers.js';

export interface TaskToFollow extends TaskProtocol {
  /** "x-hypersim-task" or the vendor whose convention recognised it */
  source: string;
  id: string;
  statusOperation: Operation;
  values: RequestValues;
}

export type TaskLookup = { task: TaskToFollow } | { source: string; problem: string } | undefined;

export type TaskEnd =
  | { kind: 'ended'; task: TaskToFollow; succeeded: boolean; state: unknown; last: FollowUp; polls: number }
  | { kind: 'timed-out'; task: TaskToFollow; state: unknown; last: FollowUp | undefined; polls: number }
  | { kind: 'unreadable'; task: TaskToFollow; last: FollowUp; polls: number }
  | { kind: 'problem'; source: string; problem: string };

function statusValues(operation: Operation, named: Record<string, unknown>, exchange: Exchange): RequestValues {
  return withOriginalPathParams(operation, placeValues(operation, named), exchange);
}

function declaredTask(ctx: CheckContext, exchange: Exchange, extension: unknown): TaskLookup {
  const declared = parseDeclaredTask(extension);
  if (typeof declared === 'string') return { source: TASK_EXTENSION, problem: declared };
  const rawId = resolvePointer(exchange.response.json, declared.id);
  if (typeof rawId !== 'string' && typeof rawId !== 'number') {
    return { source: TASK_EXTENSION, problem: `no task id at ${declared.id || '(root)'} of the response body` };
  }
  const id = String(rawId);
  const statusOperation = ctx.operations.find((op) => op.id === declared.statusOperation);
  if (statusOperation === undefined) return { source: TASK_EXTENSION, problem: `status operation "${declared.statusOperation}" is not in the spec` };
  const named = Object.fromEntries(
    Object.entries(declared.parameters).map(([name, template]) => [name, fillTemplate(template, id, exchange)]),
  );
  const { state, running } = declared;
  // A declaration that does not say how failure looks borrows it from the vendor convention, if the
  // id follows one (a PVE UPID fails through exitstatus): a failed delete must not look like a success.
  const vendor = declared.failed || declared.outcome ? undefined : recognizerFor(exchange, id);
  const failed = declared.failed ?? vendor?.failed;
  const outcome = declared.outcome ?? vendor?.outcome;
  const protocol: TaskProtocol = { state, running, ...(failed && { failed }), ...(outcome && { outcome }) };
  return { task: { source: TASK_EXTENSION, id, statusOperation, values: statusValues(statusOperation, named, exchange), ...protocol } };
}

function recognizedTask(ctx: CheckContext, exchange: Exchange): TaskLookup {
  for (const recognizer of TASK_RECOGNIZERS) {
    const id = recognizedTaskId(recognizer, exchange);
    if (id === undefined) continue;
    const statusOperation = recognizedStatusOperation(recognizer, ctx.operations);
    if (statusOperation === undefined) continue;
    const { state, running, failed, outcome } = recognizer;
    const protocol: TaskProtocol = { state, running, ...(failed && { failed }), ...(outcome && { outcome }) };
    const values = statusValues(statusOperation, statusParametersOf(recognizer, statusOperation, id), exchange);
    return { task: { source: recognizer.vendor, id, statusOperation, values, ...protocol } };
  }
  return undefined;
}

function inferredTask(ctx: CheckContext, exchange: Exchange): TaskLookup {
  const inferred = inferTask(ctx, exchange);
  if (inferred === undefined) return undefined;
  const { via, ...task } = inferred;
  return { task: { source: `the spec (${via})`, ...task } };
}

/** The task a successful exchange started, if any: declared, else by vendor convention, else as the spec shows it. */
export function findTask(ctx: CheckContext, exchange: Exchange): TaskLookup {
  if (!isSuccess(exchange.response.status)) return undefined;
  const extension = exchange.case.operation.extensions[TASK_EXTENSION];
  if (extension !== undefined) return declaredTask(ctx, exchange, extension);
  return recognizedTask(ctx, exchange) ?? inferredTask(ctx, exchange);
}

function succeeded(task: TaskToFollow, state: unknown, body: unknown): boolean {
  if (task.failed?.includes(state)) return false;
  return task.outcome === undefined || task.outcome.success.includes(resolvePointer(body, task.outcome.pointer));
}

async function follow(ctx: CheckContext, task: TaskToFollow): Promise<TaskEnd> {
  const { taskTimeoutMs, taskPollIntervalMs } = ctx.options;
  // Bounded by both a poll count and the clock, so a slow server cannot stretch the wait indefinitely.
  const maxPolls = Math.max(1, Math.ceil(taskTimeoutMs / Math.max(1, taskPollIntervalMs))) + 1;
  const deadline = performance.now() + taskTimeoutMs;
  let last: FollowUp | undefined;
  let state: unknown;
  let polls = 0;
  while (polls < maxPolls) {
    polls += 1;
    last = await sendFollowUp(ctx, task.statusOperation, task.values);
    if (!isSuccess(last.response.status)) return { kind: 'unreadable', task, last, polls };
    state = resolvePointer(last.response.json, task.state);
    if (!task.running.includes(state)) {
      return { kind: 'ended', task, succeeded: succeeded(task, state, last.response.json), state, last, polls };
    }
    if (performance.now() >= deadline) break;
    await sleep(taskPollIntervalMs);
  }
  return { kind: 'timed-out', task, state, last, polls };
}

const endings = new WeakMap<Exchange, Promise<TaskEnd | undefined>>();

async function findAndFollow(ctx: CheckContext, exchange: Exchange): Promise<TaskEnd | undefined> {
  const lookup = findTask(ctx, exchange);
  if (lookup === undefined) return undefined;
  if ('problem' in lookup) return { kind: 'problem', source: lookup.source, problem: lookup.problem };
  try {
    return await follow(ctx, lookup.task);
  } catch (error) {
    if (error instanceof FollowUpError) return { kind: 'problem', source: lookup.task.source, problem: error.message };
    throw error;
  }
}

/** Waits (once per exchange, however many checks ask) for the task the exchange started; undefined if none. */
export function awaitTask(ctx: CheckContext, exchange: Exchange): Promise<TaskEnd | undefined> {
  let ending = endings.get(exchange);
  if (ending === undefined) {
    ending = findAndFollow(ctx, exchange);
    endings.set(exchange, ending);
  }
  return ending;
}
