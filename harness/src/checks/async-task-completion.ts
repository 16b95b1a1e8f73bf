import type { Check, CheckContext, Exchange } from '../types.js';
import { findDocumentedResponse } from './documented-response.js';
import { failure, preview } from './failure.js';
import { judgeResponseBody } from './response-body.js';
import { describeSchemaError } from './schema-validator.js';
import { awaitTask } from './task-tracking.js';

const CHECK = 'async_task_completion';

/** A task an operation starts must end within options.taskTimeoutMs, and the status response that shows
 * its end state must match the status operation's documented response. */
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
  const statusOperation = end.task.statusOperation;
  const verdict = judgeResponseBody(statusOperation, response, findDocumentedResponse(statusOperation, response.status));
  if (verdict.kind === 'valid' || verdict.kind === 'nothing-to-check') return;
  const why =
    verdict.kind === 'invalid' ? describeSchemaError(verdict.errors[0] ?? { instancePath: '', keyword: '', message: 'invalid' })
    : verdict.kind === 'unparseable' ? 'the body is not valid JSON'
    : verdict.kind === 'undocumented-status' ? `status ${response.status} is not documented`
    : `content type ${verdict.mediaType ?? '(none)'} is not documented`;
  throw failure({
    check: CHECK,
    title: 'Task end state does not match its schema',
    severity: 'high',
    expected: `the end state of task ${end.task.id} (${JSON.stringify(end.state)}) to match ${statusOperation.id}'s documented response`,
    actual: `${why} in ${preview(response.bodyText)}`,
    dedupKey: dedupKey('end-state'),
  });
}

export const asyncTaskCompletionCheck: Check = asyncTaskCompletion;
