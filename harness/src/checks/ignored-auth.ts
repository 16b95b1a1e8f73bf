import type { Check, CheckContext, Exchange } from '../types.js';
import { isSuccess } from './documented-response.js';
import { failure, preview } from './failure.js';
import { onlyWhen } from './guards.js';

const CHECK = 'ignored_auth';

function ignoredAuth(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  if (response.status === 401 || response.status === 403) return;
  const credentials = sent.auth === 'none' ? 'without credentials' : 'with bad credentials';
  throw failure({
    check: CHECK,
    title: isSuccess(response.status) ? `Secured operation answered ${credentials}` : `Unexpected status ${credentials}`,
    severity: isSuccess(response.status) ? 'critical' : 'medium',
    expected: `401 or 403 ${credentials}`,
    actual: `${response.status} ${response.statusText}: ${preview(response.bodyText)}`,
    dedupKey: `${CHECK}|${sent.operation.id}|${sent.auth}`,
  });
}

/** A secured operation called without credentials or with bad ones must answer 401 or 403. */
export const ignoredAuthCheck: Check = onlyWhen(
  (_ctx, { case: sent }) => sent.operation.secured && sent.auth !== 'default',
  ignoredAuth,
);
