// A small msw server for the fixture spec (fixtures/vms-*.yaml). Correct by default; each Defect switches
// on one deliberate contract break, so a test can prove that exactly the right check catches it.
import { http, HttpResponse, type HttpHandler } from 'msw';

export const BASE_URL = 'http://vms.test/api';
export const API_KEY = 'secret';

export type Defect =
  | 'crash-on-bad-input'
  | 'undocumented-status'
  | 'wrong-content-type'
  | 'wrong-field-type'
  | 'missing-required-field'
  | 'null-in-non-nullable'
  | 'missing-response-header'
  | 'missing-header-accepted'
  | 'ignores-auth'
  | 'readable-after-delete'
  | 'created-not-readable'
  | 'task-never-ends'
  | 'task-end-breaks-schema'
  | 'undocumented-5xx'
  | 'documented-5xx-bad-body'
  | 'accepts-unsupported-method'
  | 'rejects-valid-input';

interface Vm {
  id: number;
  name: string;
  memory: number;
  description: string | null;
}

interface Task {
  upid: string;
  pollsLeft: number;
  onEnd: () => void;
}

const NAME = /^[a-z][a-z0-9-]*$/;
/** A task reports "running" this many times before it stops: progress by reads, not by the clock. */
const RUNNING_POLLS = 2;

function invalidNewVm(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be an object';
  const { name, memory, description, ...extra } = body as Record<string, unknown>;
  if (typeof name !== 'string' || !NAME.test(name)) return 'name is invalid';
  if (typeof memory !== 'number' || !Number.isInteger(memory) || memory <= 0) return 'memory is invalid';
  if (description !== undefined && description !== null && typeof description !== 'string') return 'description is invalid';
  if (Object.keys(extra).length > 0) return `unknown properties: ${Object.keys(extra).join(', ')}`;
  return undefined;
}

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

export function vmServer(defects: ReadonlySet<Defect> = new Set()): HttpHandler[] {
  const has = (defect: Defect) => defects.has(defect);
  const vms = new Map<number, Vm>([
    [100, { id: 100, name: 'web', memory: 2048, description: null }],
    [101, { id: 101, name: 'db', memory: 4096, description: 'primary database' }],
  ]);
  const tasks = new Map<string, Task>();
  let nextId = 200;
  let nextTask = 1;

  const error = (status: number, message: string) => HttpResponse.json({ message }, { status });
  const authorized = (request: Request) => request.headers.get('x-api-key') === API_KEY;
  const vmid = (params: Record<string, unknown>) => Number(params.vmid);
  const render = (vm: Vm): Record<string, unknown> => {
    if (has('wrong-field-type')) return { ...vm, memory: String(vm.memory) };
    if (has('null-in-non-nullable')) return { ...vm, name: null };
    return { ...vm };
  };
  const startTask = (type: string, id: number, onEnd: () => void) => {
    const upid = `UPID:pve1:0000${nextTask.toString(16).padStart(4, '0')}:00000001:00000002:${type}:${id}:root@pam:`;
    nextTask += 1;
    tasks.set(upid, { upid, pollsLeft: RUNNING_POLLS, onEnd });
    return HttpResponse.json({ data: upid });
  };

  return [
    http.get(`${BASE_URL}/version`, () => HttpResponse.json({ version: '1.0' })),

    http.all(`${BASE_URL}/*`, ({ request }) => {
      if (request.method === 'GET' && new URL(request.url).pathname === '/api/vms' && has('ignores-auth')) return undefined;
      return authorized(request) ? undefined : error(401, 'missing or bad X-Api-Key');
    }),

    http.get(`${BASE_URL}/vms`, () => {
      const list = [...vms.values()].map(render);
      const body = has('missing-required-field') ? list.map(({ name: _name, ...rest }) => rest) : list;
      const headers: Record<string, string> = has('missing-response-header') ? {} : { 'X-Total-Count': String(vms.size) };
      if (has('wrong-content-type')) {
        return new HttpResponse(JSON.stringify(body), { headers: { ...headers, 'Content-Type': 'text/plain' } });
      }
      return HttpResponse.json(body, { headers });
    }),

    http.post(`${BASE_URL}/vms`, async ({ request }) => {
      if (!request.headers.get('x-request-id') && !has('missing-header-accepted')) return error(400, 'X-Request-Id is required');
      const body = await jsonBody(request);
      const problem = invalidNewVm(body);
      if (problem) {
        return has('crash-on-bad-input')
          ? new HttpResponse('Internal Server Error', { status: 500, headers: { 'Content-Type': 'text/plain' } })
          : error(400, problem);
      }
      if (has('rejects-valid-input')) return error(400, 'name is invalid');
      const { name, memory, description = null } = body as Omit<Vm, 'id'> & { description?: string | null };
      const vm: Vm = { id: nextId, name, memory, description };
      nextId += 1;
      if (!has('created-not-readable')) vms.set(vm.id, vm);
      return HttpResponse.json(render(vm), { status: has('undocumented-status') ? 200 : 201 });
    }),

    http.get(`${BASE_URL}/vms/:vmid`, ({ params }) => {
      const vm = vms.get(vmid(params));
      return vm ? HttpResponse.json(render(vm)) : error(404, 'no such VM');
    }),

    http.delete(`${BASE_URL}/vms/:vmid`, ({ params }) => {
      if (!vms.has(vmid(params))) return error(404, 'no such VM');
      if (!has('readable-after-delete')) vms.delete(vmid(params));
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(`${BASE_URL}/vms/:vmid/status`, ({ params }) => {
      const vm = vms.get(vmid(params));
      if (vm === undefined) {
        const body = has('documented-5xx-bad-body') ? { error: 'no such VM' } : { data: null, message: `VM ${vmid(params)} does not exist\n` };
        return HttpResponse.json(body, { status: 500 });
      }
      if (has('undocumented-5xx')) return error(503, 'status service unavailable');
      return HttpResponse.json({ data: { status: 'stopped' } });
    }),

    http.post(`${BASE_URL}/vms/:vmid/clone`, async ({ params, request }) => {
      const source = vms.get(vmid(params));
      if (source === undefined) return error(404, 'no such VM');
      const { newid } = ((await jsonBody(request)) ?? {}) as { newid?: number };
      if (typeof newid !== 'number') return error(400, 'newid is required');
      const clone: Vm = { ...source, id: newid, name: `copy-of-${source.name}` };
      return startTask('qmclone', source.id, () => vms.set(newid, clone));
    }),

    http.post(`${BASE_URL}/vms/:vmid/start`, ({ params }) =>
      vms.has(vmid(params)) ? startTask('qmstart', vmid(params), () => undefined) : error(404, 'no such VM'),
    ),

    http.get(`${BASE_URL}/tasks/:upid/status`, ({ params }) => {
      const task = tasks.get(String(params.upid));
      if (task === undefined) return error(404, 'no such task');
      if (task.pollsLeft > 0 || has('task-never-ends')) {
        task.pollsLeft -= 1;
        return HttpResponse.json({ data: { upid: task.upid, status: 'running' } });
      }
      task.onEnd();
      task.onEnd = () => undefined;
      const exitstatus = has('task-end-breaks-schema') ? 0 : 'OK';
      return HttpResponse.json({ data: { upid: task.upid, status: 'stopped', exitstatus } });
    }),

    http.all(`${BASE_URL}/vms`, () =>
      has('accepts-unsupported-method')
        ? HttpResponse.json({ ok: true })
        : new HttpResponse(null, { status: 405, headers: { Allow: 'GET, POST' } }),
    ),
  ];
}
