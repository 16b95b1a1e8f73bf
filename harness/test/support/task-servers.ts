// Three small services the harness knows nothing about, each described only by its spec in
// fixtures/tasks/: tasks behind an OpenAPI link, behind a status-URL header, behind a job id field.
// Correct by default; each TaskDefect plants one break.
import { fileURLToPath } from 'node:url';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { fetchThrough, type FetchFunction } from '../checks/support/msw-fetch.js';

export type TaskDefect = 'never-ends' | 'state-outside-enum' | 'rejects-dots';
export type TaskStyle = 'links' | 'operation-location' | 'azure-asyncoperation' | 'location' | 'jobs';

export const TASK_SPECS: Record<TaskStyle, string> = {
  links: fixture('links.yaml'),
  'operation-location': fixture('headers.yaml'),
  'azure-asyncoperation': fixture('headers.yaml'),
  location: fixture('headers.yaml'),
  jobs: fixture('jobs.yaml'),
};

function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/tasks/${name}`, import.meta.url));
}

/** A task that reports its running states in turn, one per read, then its end state (reads, not clock). */
class Task {
  private reads = 0;
  constructor(
    readonly id: string,
    private readonly states: string[],
    private readonly end: string,
  ) {}

  read(): string {
    const state = this.states[this.reads] ?? this.end;
    this.reads += 1;
    return state;
  }
}

const error = (status: number, message: string) => HttpResponse.json({ message }, { status });

async function objectBody(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function onlyKeys(body: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(body).every((key) => keys.includes(key));
}

/** Answers undocumented methods the way the checks expect: 405 with Allow. */
function methodGuard(path: string, allowed: string[]): HttpHandler {
  return http.all(path, ({ request }) =>
    allowed.includes(request.method) ? undefined : new HttpResponse(null, { status: 405, headers: { allow: allowed.join(', ') } }),
  );
}

export interface TaskServer {
  fetch: FetchFunction;
  /** status reads per task id */
  tasks: Map<string, Task>;
}

export function taskServer(style: TaskStyle, defects: TaskDefect[] = []): TaskServer {
  const has = (defect: TaskDefect) => defects.includes(defect);
  const tasks = new Map<string, Task>();
  let next = 1;
  const startTask = (running: string[], success: string): Task => {
    const id = `t-${next++}`;
    const end = has('never-ends') ? (running.at(-1) as string) : has('state-outside-enum') ? 'finished_ok' : success;
    const task = new Task(id, running, end);
    tasks.set(id, task);
    return task;
  };
  const handlers =
    style === 'links' ? linksHandlers(startTask, tasks, has)
    : style === 'jobs' ? jobsHandlers(startTask, tasks)
    : headerHandlers(style, startTask, tasks, has);
  return { fetch: fetchThrough(handlers), tasks };
}

type StartTask = (running: string[], success: string) => Task;

function linksHandlers(startTask: StartTask, tasks: Map<string, Task>, has: (defect: TaskDefect) => boolean): HttpHandler[] {
  const base = 'https://links.test/api';
  const vms: Array<{ id: string; name: string; memory: number }> = [];
  return [
    methodGuard(`${base}/vms`, ['GET', 'POST']),
    methodGuard(`${base}/tasks/:taskId`, ['GET']),
    http.get(`${base}/vms`, () => HttpResponse.json(vms)),
    http.post(`${base}/vms`, async ({ request }) => {
      const body = await objectBody(request);
      if (!body || !onlyKeys(body, ['name', 'memory'])) return error(400, 'expected {name, memory}');
      const { name, memory } = body;
      if (typeof name !== 'string' || name.length < 1 || name.length > 40) return error(400, 'bad name');
      if (has('rejects-dots') && name.includes('.')) return error(400, 'bad name');
      if (typeof memory !== 'number' || !Number.isInteger(memory) || memory < 128 || memory > 4096) return error(400, 'bad memory');
      vms.push({ id: `vm-${vms.length + 1}`, name, memory });
      const task = startTask(['queued', 'running'], 'succeeded');
      return HttpResponse.json({ task_id: task.id, status: 'queued' }, { status: 202 });
    }),
    http.get(`${base}/tasks/:taskId`, ({ params }) => {
      const task = tasks.get(String(params.taskId));
      return task ? HttpResponse.json({ id: task.id, status: task.read() }) : error(404, 'no such task');
    }),
  ];
}

function headerHandlers(style: TaskStyle, startTask: StartTask, tasks: Map<string, Task>, has: (defect: TaskDefect) => boolean): HttpHandler[] {
  const base = 'https://headers.test/api';
  const header = style === 'operation-location' ? 'Operation-Location' : style === 'location' ? 'Location' : 'Azure-AsyncOperation';
  return [
    methodGuard(`${base}/backups`, ['POST']),
    methodGuard(`${base}/operations/:operationId`, ['GET']),
    http.post(`${base}/backups`, async ({ request }) => {
      const body = await objectBody(request);
      if (!body || !onlyKeys(body, ['volume'])) return error(400, 'expected {volume}');
      const { volume } = body;
      if (typeof volume !== 'string' || volume.length < 1 || volume.length > 30) return error(400, 'bad volume');
      if (has('rejects-dots') && volume.includes('.')) return error(400, 'bad volume');
      const task = startTask(['NotStarted', 'InProgress'], 'Succeeded');
      // the absolute URL carries a query, as Azure's do
      return new HttpResponse(null, { status: 202, headers: { [header]: `${base}/operations/${task.id}?api-version=2024-01-01` } });
    }),
    http.get(`${base}/operations/:operationId`, ({ params }) => {
      const task = tasks.get(String(params.operationId));
      return task ? HttpResponse.json({ id: task.id, status: task.read(), error: null }) : error(404, 'no such operation');
    }),
  ];
}

function jobsHandlers(startTask: StartTask, tasks: Map<string, Task>): HttpHandler[] {
  const base = 'https://jobs.test/v2';
  return [
    methodGuard(`${base}/images/:imageId/export`, ['POST']),
    methodGuard(`${base}/jobs/:jobId`, ['GET']),
    http.post(`${base}/images/:imageId/export`, async ({ request, params }) => {
      if (!/^img-[0-9]+$/.test(String(params.imageId))) return error(400, 'bad image id');
      const body = await objectBody(request);
      if (!body || !onlyKeys(body, ['format']) || !['qcow2', 'raw'].includes(String(body.format))) return error(400, 'expected {format}');
      if (params.imageId !== 'img-1') return error(404, 'no such image');
      const task = startTask(['PENDING', 'RUNNING'], 'DONE');
      return HttpResponse.json({ data: { job_id: task.id } });
    }),
    http.get(`${base}/jobs/:jobId`, ({ params }) => {
      const task = tasks.get(String(params.jobId));
      if (!task) return error(404, 'no such job');
      const state = task.read();
      return HttpResponse.json({ data: { state, progress: state === 'DONE' ? 100 : 50 } });
    }),
  ];
}
