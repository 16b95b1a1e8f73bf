// The whole result as JSON (findings with reproducers, counts, per-check and per-operation statistics).
import type { RunResult } from '../run-types.js';

export function toJson(result: RunResult): string {
  return `${JSON.stringify({ tool: 'hypersim', ...result }, null, 2)}\n`;
}
