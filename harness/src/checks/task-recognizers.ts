// Vendor knowledge about tasks, as data: how to spot a task id in a successful response of a spec that
// does not declare x-hypersim-task, which operation reads the task, and what its states mean.
import type { Exchange, Operation } from '../types.js';
import { pathTemplateNames } from './follow-up.js';
import { resolvePointer } from './json-pointer.js';

export interface TaskProtocol {
  /** JSON pointer to the state in the status response body */
  state: string;
  /** state values meaning "not finished yet" */
  running: unknown[];
  /** end states meaning the task failed */
  failed?: unknown[];
  /** when the state alone does not say whether it worked: a pointer and the values meaning success */
  outcome?: { pointer: string; success: unknown[] };
}

export interface TaskRecognizer extends TaskProtocol {
  vendor: string;
  /** where the id sits in the 2xx body, what it looks like, and what else the body must hold */
  id: { pointer: string; pattern?: RegExp; alsoPresent?: string[] };
  /** only when the request asked for a task, e.g. vSphere's `vmw-task=true` */
  requestQuery?: Record<string, string>;
  statusOperation: { method?: string; path?: RegExp; operationId?: RegExp };
  /** the status operation's parameter that takes the id; by default the last parameter of its path */
  idParameter?: string;
  /** other status parameters read from fields of the id itself (a UPID names the node that runs it) */
  parametersFromId?: { separator: string; fields: Record<string, number> };
}

export const TASK_RECOGNIZERS: readonly TaskRecognizer[] = [
  {
    vendor: 'Proxmox VE',
    id: { pointer: '/data', pattern: /^UPID:/ },
    statusOperation: { method: 'GET', path: /\/tasks\/\{[^}]+\}\/status$/ },
    parametersFromId: { separator: ':', fields: { node: 1 } }, // UPID:{node}:{pid}:...
    state: '/data/status',
    running: ['running'],
    outcome: { pointer: '/data/exitstatus', success: ['OK'] },
  },
  {
    vendor: 'vSphere',
    id: { pointer: '', pattern: /./ },
    requestQuery: { 'vmw-task': 'true' },
    statusOperation: { method: 'GET', path: /\/cis\/tasks\/\{[^}]+\}$/ },
    state: '/status',
    running: ['PENDING', 'RUNNING', 'BLOCKED'],
    failed: ['FAILED'],
  },
  {
    vendor: 'Veeam Enterprise Manager',
    id: { pointer: '/TaskId', pattern: /./, alsoPresent: ['/State'] },
    statusOperation: { method: 'GET', path: /\/tasks\/\{[^}]+\}$/ },
    state: '/State',
    running: ['Running'],
    outcome: { pointer: '/Result/Success', success: [true, 'true'] },
  },
  {
    vendor: 'PVE management layer',
    id: { pointer: '/data/task_id', pattern: /./ },
    statusOperation: { operationId: /refreshTaskStatus/i },
    idParameter: 'task_id',
    state: '/data/status',
    running: ['pending', 'in_progress'],
    failed: ['failed', 'cancelled'],
  },
];

export function recognizedTaskId(recognizer: TaskRecognizer, exchange: Exchange): string | undefined {
  for (const [name, expected] of Object.entries(recognizer.requestQuery ?? {})) {
    const actual = exchange.case.query[name];
    if ((Array.isArray(actual) ? actual[0] : actual) !== expected) return undefined;
  }
  const body = exchange.response.json;
  const id = resolvePointer(body, recognizer.id.pointer);
  if (typeof id !== 'string' || !(recognizer.id.pattern ?? /./).test(id)) return undefined;
  const complete = (recognizer.id.alsoPresent ?? []).every((pointer) => resolvePointer(body, pointer) !== undefined);
  return complete ? id : undefined;
}

export function recognizedStatusOperation(recognizer: TaskRecognizer, operations: Operation[]): Operation | undefined {
  const { method, path, operationId } = recognizer.statusOperation;
  return operations.find(
    (op) =>
      (method === undefined || op.method === method) &&
      (path === undefined || path.test(op.path)) &&
      (operationId === undefined || operationId.test(op.id)),
  );
}

/** The parameter of the status operation that receives the task id. */
export function idParameterOf(recognizer: TaskRecognizer, statusOperation: Operation): string | undefined {
  if (recognizer.idParameter !== undefined) return recognizer.idParameter;
  return pathTemplateNames(statusOperation).at(-1);
}

/** The status parameters a recognised id carries: the id itself, and any fields taken from it. */
export function statusParametersOf(recognizer: TaskRecognizer, statusOperation: Operation, id: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  const fromId = recognizer.parametersFromId;
  if (fromId !== undefined) {
    const fields = id.split(fromId.separator);
    for (const [name, index] of Object.entries(fromId.fields)) {
      const field = fields[index];
      if (field) parameters[name] = field;
    }
  }
  const idParameter = idParameterOf(recognizer, statusOperation);
  if (idParameter !== undefined) parameters[idParameter] = id;
  return parameters;
}

/** The recogniser whose convention `exchange` follows with this very task id, if any. */
export function recognizerFor(exchange: Exchange, id: string): TaskRecognizer | undefined {
  return TASK_RECOGNIZERS.find((recognizer) => recognizedTaskId(recognizer, exchange) === id);
}
