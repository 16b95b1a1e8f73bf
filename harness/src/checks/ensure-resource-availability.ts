import type { Check, CheckContext, Exchange } from '../types.js';
import { isSuccess } from './documented-response.js';
import { failure, preview } from './failure.js';
import { isSuccessful, onlyWhen } from './guards.js';
import { followReads, linkedReads } from './links.js';
import { awaitTask } from './task-tracking.js';

const CHECK = 'ensure_resource_availability';

async function ensureResourceAvailability(ctx: CheckContext, exchange: Exchange): Promise<void> {
  const reads = linkedReads(ctx, exchange);
  if (reads.length === 0) return;
  const task = await awaitTask(ctx, exchange);
  // A create whose task never ends or fails has nothing to read: async_task_completion reports it.
  if (task !== undefined && !(task.kind === 'ended' && task.succeeded)) return;
  for await (const { read, followUp } of followReads(ctx, reads)) {
    if (isSuccess(followUp.response.status)) continue;
    throw failure({
      check: CHECK,
      title: 'Created resource is not available',
      severity: 'high',
      expected: `${read.operation.method} ${followUp.request.url} (link "${read.name}") to succeed after ${exchange.request.method} ${exchange.request.url} answered ${exchange.response.status}`,
      actual: `${followUp.response.status} ${followUp.response.statusText}: ${preview(followUp.response.bodyText)}`,
      dedupKey: `${CHECK}|${exchange.case.operation.id}|${read.operation.id}`,
    });
  }
}

/** After a successful create (POST with links to a read), the linked read must succeed, once the
 * create's task, if any, has ended. */
export const ensureResourceAvailabilityCheck: Check = onlyWhen(
  (ctx, exchange) =>
    exchange.case.operation.method === 'POST' && exchange.request.method === 'POST' && isSuccessful(ctx, exchange),
  ensureResourceAvailability,
);
