// The reads an exchange points to: its documented response's OpenAPI links to GET operations, with
// parameter values taken from the exchange. A linked path parameter the link leaves out is taken from
// the original request when it has one of the same name (/nodes/{node}/... stays on its node).
import type { CheckContext, Exchange, Operation } from '../types.js';
import { findDocumentedResponse } from './documented-response.js';
import { type FollowUp, FollowUpError, placeValues, sendFollowUp, withOriginalPathParams, type RequestValues } from './follow-up.js';
import { evaluateRuntimeExpression } from './runtime-expression.js';

export interface LinkedRead {
  name: string;
  operation: Operation;
  values: RequestValues;
}

export function linkedReads(ctx: CheckContext, exchange: Exchange): LinkedRead[] {
  const documented = findDocumentedResponse(exchange.case.operation, exchange.response.status);
  const reads: LinkedRead[] = [];
  for (const [name, link] of Object.entries(documented?.links ?? {})) {
    const operation = ctx.operations.find((candidate) => candidate.id === link.operationId);
    if (operation === undefined || operation.method !== 'GET') continue;
    const named = Object.fromEntries(
      Object.entries(link.parameters).map(([key, value]) => [key, evaluateRuntimeExpression(value, exchange)]),
    );
    reads.push({ name, operation, values: withOriginalPathParams(operation, placeValues(operation, named), exchange) });
  }
  return reads;
}

/** The GET on the same path template (how "read it back" is found when a spec declares no links). */
export function samePathRead(ctx: CheckContext, exchange: Exchange): LinkedRead | undefined {
  const { operation: origin } = exchange.case;
  const operation = ctx.operations.find((candidate) => candidate.method === 'GET' && candidate.path === origin.path);
  if (operation === undefined) return undefined;
  return { name: `GET ${origin.path}`, operation, values: { path: { ...exchange.case.pathParams }, query: {}, headers: {} } };
}

/** Sends each linked read; reads that cannot be built from the exchange (FollowUpError) are skipped. */
export async function* followReads(ctx: CheckContext, reads: LinkedRead[]): AsyncGenerator<{ read: LinkedRead; followUp: FollowUp }> {
  for (const read of reads) {
    let followUp: FollowUp;
    try {
      followUp = await sendFollowUp(ctx, read.operation, read.values);
    } catch (error) {
      if (error instanceof FollowUpError) continue;
      throw error;
    }
    yield { read, followUp };
  }
}
