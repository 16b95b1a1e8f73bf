import type { Check, CheckContext, Exchange } from '../types.js';
import { failure, preview } from './failure.js';
import { awaitTask } from './task-tracking.js';

const CHECK = 'async_task_completion';

/** A task an operation starts must end within options.taskTimeoutMs, with a readable status. */
async function asyncTaskCompletion(ctx: CheckContext, exchange: Exchange): Promise<void> {
  const end = await awaitTask(ctx, exchange);
  if (end === undefined) return;
  const origin = exchange.case.operation;
  const dedupKey = (kind: string) => `${CHECK}|${origin.id}|${kind}`;
  if (end.kind === 'problem') {
    throw failure({
      check: CHECK,
      title: 'Task cannot be followed',
      severity: 'medium',
      expected: `a task id and a status request that can be built (${end.source})`,
      actual: end.problem,
      dedupKey: dedupKey('problem'),
    });
  }
  const where = end.last ? `${end.last.request.method} ${end.last.request.url}` : end.task.statusOperation.id;
  if (end.kind === 'timed-out') {
    throw failure({
      check: CHECK,
      title: 'Task never ended',
      severity: 'high',
      expected: `task ${end.task.id} to leave ${JSON.stringify(end.task.running)} within ${ctx.options.taskTimeoutMs} ms`,
      actual: `still ${JSON.stringify(end.state)} after ${end.polls} polls of ${where}`,
      dedupKey: dedupKey('timeout'),
    });
  }
  const { response } = end.last;
  if (end.kind === 'unreadable') {
    throw failure({
      check: CHECK,
      title: 'Task status could not be read',
      severity: 'high',
      expected: `a 2xx from ${where}`,
      actual: `${response.status} ${response.statusText}: ${preview(response.bodyText)}`,
      dedupKey: dedupKey('unreadable'),
    });
  }
  // an end state that breaks the status schema (a state outside its enum, too) is response_schema_conformance's
}

export const asyncTaskCompletionCheck: Check = asyncTaskCompletion;
