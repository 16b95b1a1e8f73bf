// --cleanup: remembers what the run created and deletes it at the end. A resource is known either from
// the API's contract (contracts/<api>/: e.g. PVE clones) or from an OpenAPI link of a successful POST
// whose target has a DELETE operation on its path (or a prefix of it).
import { findDocumentedResponse } from './checks/documented-response.js';
import { evaluateRuntimeExpression } from './checks/runtime-expression.js';
import { expandPath } from './request.js';
import type { CleanupRecord } from './run-types.js';
import type { Exchange, Operation, ReceivedResponse, SentRequest } from './types.js';

export interface CreatedResource {
  description: string;
  /** the request that deletes it (no credentials yet) */
  request: SentRequest;
}

/** What a contract says an exchange created; an empty list means "nothing, and skip the generic rule". */
export type CreatedResources = (exchange: Exchange, baseUrl: string) => CreatedResource[] | undefined;

function isSuccessful(exchange: Exchange): boolean {
  return exchange.response.status >= 200 && exchange.response.status < 300;
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The DELETE operation for a linked operation: itself, or the DELETE on the longest prefix of its path. */
export function deleteOperationFor(target: Operation, operations: Operation[]): Operation | undefined {
  if (target.method === 'DELETE') return target;
  const targetSegments = segments(target.path);
  let best: Operation | undefined;
  for (const candidate of operations) {
    if (candidate.method !== 'DELETE') continue;
    const candidateSegments = segments(candidate.path);
    if (candidateSegments.length > targetSegments.length) continue;
    if (!candidateSegments.every((segment, index) => segment === targetSegments[index])) continue;
    if (!best || candidateSegments.length > segments(best.path).length) best = candidate;
  }
  return best;
}

export class ResourceTracker {
  private readonly resources = new Map<string, CreatedResource>();

  constructor(
    private readonly operations: Operation[],
    private readonly baseUrl: string,
    private readonly contract?: CreatedResources,
  ) {}

  observe(exchange: Exchange): void {
    if (!isSuccessful(exchange)) return;
    const { operation } = exchange.case;
    if (exchange.request.method === 'DELETE') {
      this.resources.delete(withoutQuery(exchange.request.url));
      return;
    }
    if (exchange.request.method !== 'POST' || exchange.request.method !== operation.method) return;
    const fromContract = this.contract?.(exchange, this.baseUrl);
    for (const resource of fromContract ?? this.fromLinks(exchange)) this.resources.set(withoutQuery(resource.request.url), resource);
  }

  clear(): void {
    this.resources.clear();
  }

  get created(): CreatedResource[] {
    return [...this.resources.values()];
  }

  private fromLinks(exchange: Exchange): CreatedResource[] {
    const documented = findDocumentedResponse(exchange.case.operation, exchange.response.status);
    const found: CreatedResource[] = [];
    for (const link of Object.values(documented?.links ?? {})) {
      const target = this.operations.find((operation) => operation.id === link.operationId);
      // task handles are not resources the run owns
      if (!target || /task/i.test(target.path)) continue;
      const remover = deleteOperationFor(target, this.operations);
      if (!remover) continue;
      const values: Record<string, string> = { ...exchange.case.pathParams };
      for (const [name, expression] of Object.entries(link.parameters)) {
        const value = evaluateRuntimeExpression(expression, exchange);
        if (value !== undefined && value !== null) values[name.replace(/^path\./, '')] = String(value);
      }
      const path = expandPath(remover.path, values);
      if (path.includes('{')) continue;
      found.push({ description: `${remover.id} ${path}`, request: { method: 'DELETE', url: `${this.baseUrl}${path}`, headers: {} } });
    }
    return found;
  }
}

function withoutQuery(url: string): string {
  const index = url.indexOf('?');
  return index < 0 ? url : url.slice(0, index);
}

export interface CleanupDeps {
  send(request: SentRequest): Promise<ReceivedResponse>;
  authorize(request: SentRequest): SentRequest;
  /** how long to keep retrying a resource that is still busy (e.g. locked by its clone task) */
  patienceMs: number;
  pollMs: number;
}

export async function deleteResources(resources: CreatedResource[], deps: CleanupDeps): Promise<CleanupRecord[]> {
  const records: CleanupRecord[] = [];
  for (const resource of [...resources].reverse()) {
    const request = deps.authorize(resource.request);
    const deadline = performance.now() + deps.patienceMs;
    let record: CleanupRecord = { description: resource.description, method: request.method, url: request.url, outcome: 'failed' };
    for (;;) {
      try {
        const response = await deps.send(request);
        if (response.status >= 200 && response.status < 300) {
          record = { ...record, outcome: 'deleted' };
          break;
        }
        record = { ...record, detail: `${response.status} ${response.statusText}`.trim() };
      } catch (error) {
        record = { ...record, detail: error instanceof Error ? error.message : String(error) };
      }
      if (performance.now() + deps.pollMs > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, deps.pollMs));
    }
    records.push(record);
  }
  return records;
}

export function leftBehind(resources: CreatedResource[]): CleanupRecord[] {
  return resources.map((resource) => ({
    description: resource.description,
    method: resource.request.method,
    url: resource.request.url,
    outcome: 'left',
  }));
}
