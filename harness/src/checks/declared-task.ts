// x-hypersim-task: how a spec declares that an operation answers with a task, e.g.
//   x-hypersim-task: { id: /data, statusOperation: getTaskStatus,
//                      parameters: { node: "{path.node}", upid: "{id}" }, state: /data/status, running: [running] }
// Optional: failed (end states meaning failure), outcome { pointer, success } (values meaning success).
import type { Exchange } from '../types.js';
import { resolvePointer } from './json-pointer.js';
import type { TaskProtocol } from './task-recognizers.js';

export interface DeclaredTask extends TaskProtocol {
  id: string;
  statusOperation: string;
  parameters: Record<string, unknown>;
}

export const TASK_EXTENSION = 'x-hypersim-task';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The declaration, or a sentence saying what is wrong with it. */
export function parseDeclaredTask(extension: unknown): DeclaredTask | string {
  if (!isRecord(extension)) return `${TASK_EXTENSION} must be an object`;
  const { id, statusOperation, parameters = {}, state, running, failed, outcome } = extension;
  if (typeof id !== 'string') return `${TASK_EXTENSION}.id must be a JSON pointer`;
  if (typeof statusOperation !== 'string') return `${TASK_EXTENSION}.statusOperation must be an operationId`;
  if (!isRecord(parameters)) return `${TASK_EXTENSION}.parameters must be an object`;
  if (typeof state !== 'string') return `${TASK_EXTENSION}.state must be a JSON pointer`;
  if (!Array.isArray(running)) return `${TASK_EXTENSION}.running must be a list of states`;
  if (failed !== undefined && !Array.isArray(failed)) return `${TASK_EXTENSION}.failed must be a list of states`;
  const declared: DeclaredTask = { id, statusOperation, parameters, state, running };
  if (Array.isArray(failed)) declared.failed = failed;
  if (isRecord(outcome) && typeof outcome.pointer === 'string' && Array.isArray(outcome.success)) {
    declared.outcome = { pointer: outcome.pointer, success: outcome.success };
  }
  return declared;
}

function lookup(reference: string, taskId: string, exchange: Exchange): unknown {
  if (reference === 'id') return taskId;
  const dot = reference.indexOf('.');
  if (dot < 0) return undefined;
  const [source, name] = [reference.slice(0, dot), reference.slice(dot + 1)];
  const sent = exchange.case;
  if (source === 'path') return sent.pathParams[name];
  if (source === 'query') return [sent.query[name]].flat()[0];
  if (source === 'header') return sent.headers[name] ?? sent.headers[name.toLowerCase()];
  if (source === 'body') return resolvePointer(sent.body, `/${name.replace(/\./g, '/')}`);
  return undefined;
}

/** Fills "{id}", "{path.X}", "{query.X}", "{header.X}", "{body.X}"; a lone placeholder keeps its value's type. */
export function fillTemplate(template: unknown, taskId: string, exchange: Exchange): unknown {
  if (typeof template !== 'string') return template;
  const lone = /^\{([^{}]+)\}$/.exec(template);
  if (lone?.[1] !== undefined) return lookup(lone[1], taskId, exchange);
  return template.replace(/\{([^{}]+)\}/g, (_match, reference: string) => {
    const value = lookup(reference, taskId, exchange);
    return value === undefined ? '' : String(value);
  });
}
