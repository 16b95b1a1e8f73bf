// --shard i/n: a deterministic share of the operations, the same for the same spec and seed whatever
// the order of the document: operations are ordered by a hash of seed and operationId, and shard i takes
// every n-th of them, so shards stay within one operation of each other in size.
import { UsageError } from './errors.js';
import type { Operation } from './types.js';

export interface Shard {
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) throw new UsageError(`--shard must look like 1/4 (1 <= i <= n), got '${text}'`);
  return { index, total };
}

/** FNV-1a, 32 bits: stable across runs and platforms. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

export function shardOperations(operations: Operation[], shard: Shard, seed: number): Operation[] {
  const key = (operation: Operation) => `${seed}:${operation.id}:${operation.method} ${operation.path}`;
  const ordered = [...operations].sort((a, b) => hash(key(a)) - hash(key(b)) || key(a).localeCompare(key(b)));
  const mine = new Set(ordered.filter((_operation, position) => position % shard.total === shard.index - 1));
  return operations.filter((operation) => mine.has(operation));
}
