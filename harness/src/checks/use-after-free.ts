import type { Check, CheckContext, Exchange } from '../types.js';
import { isSuccess } from './documented-response.js';
import { failure, preview } from './failure.js';
import { isSuccessful, onlyWhen } from './guards.js';
import { followReads, linkedReads, samePathRead } from './links.js';
import { awaitTask } from './task-tracking.js';

const CHECK = 'use_after_free';

async function useAfterFree(ctx: CheckContext, exchange: Exchange): Promise<void> {
  const task = await awaitTask(ctx, exchange);
  // A delete whose task never ends or fails may rightly leave the resource: async_task_completion reports it.
  if (task !== undefined && !(task.kind === 'ended' && task.succeeded)) return;
  const links = linkedReads(ctx, exchange);
  const fallback = samePathRead(ctx, exchange);
  const reads = links.length > 0 ? links : fallback ? [fallback] : [];
  for await (const { read, followUp } of followReads(ctx, reads)) {
    if (!isSuccess(followUp.response.status)) continue;
    throw failure({
      check: CHECK,
      title: 'Resource still readable after delete',
      severity: 'high',
      expected: `${read.operation.method} ${followUp.request.url} to fail (404) after ${exchange.request.method} ${exchange.request.url} answered ${exchange.response.status}`,
      actual: `${followUp.response.status}: ${preview(followUp.response.bodyText)}`,
      dedupKey: `${CHECK}|${exchange.case.operation.id}|${read.operation.id}`,
    });
  }
}

/** After a successful DELETE (and its task, if any), the resource must no longer be readable: through
 * the response's links, or else through the GET on the same path. */
export const useAfterFreeCheck: Check = onlyWhen(
  (ctx, exchange) =>
    exchange.case.operation.method === 'DELETE' && exchange.request.method === 'DELETE' && isSuccessful(ctx, exchange),
  useAfterFree,
);
