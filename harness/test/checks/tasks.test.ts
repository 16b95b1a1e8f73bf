// Following tasks: vendor conventions recognised without a declaration, x-hypersim-task problems, and the
// checks that wait for a task before they look (use_after_free, ensure_resource_availability).
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { CheckFailure, type CheckContext, type Exchange, type ReceivedResponse, type SentRequest } from '../../src/types.js';
import { contextAnswering, documented, exchangeOf, jsonResponse, operation, received, receivedJson } from './support/synthetic.js';

async function failureOf(check: string, ctx: CheckContext, exchange: Exchange) {
  try {
    await CHECKS[check]?.check(ctx, exchange);
    return undefined;
  } catch (error) {
    if (error instanceof CheckFailure) return error;
    throw error;
  }
}

/** Answers status reads with `states` in turn (the last one repeats), everything else with `other`. */
function statusSequence(isStatus: (request: SentRequest) => boolean, states: unknown[], other: () => ReceivedResponse = () => received(404)) {
  let reads = 0;
  return (request: SentRequest) => {
    if (!isStatus(request)) return other();
    const body = states[Math.min(reads, states.length - 1)];
    reads += 1;
    return received(200, body);
  };
}

const UPID = 'UPID:pve1:00001234:00000001:00000002:qmclone:100:root@pam:';

describe('Proxmox VE tasks (recognised by the UPID)', () => {
  const clone = operation({ id: 'cloneVm', method: 'POST', path: '/nodes/{node}/qemu/{vmid}/clone', responses: [documented('200')] });
  const status = operation({
    id: 'getTaskStatus',
    path: '/nodes/{node}/tasks/{upid}/status',
    responses: [jsonResponse('200', { type: 'object', required: ['data'], properties: { data: { type: 'object', properties: { exitstatus: { type: 'string' } } } } })],
  });
  const started = (ctxStates: unknown[]) => {
    const ctx = contextAnswering([clone, status], statusSequence((r) => r.url.includes('/tasks/'), ctxStates));
    return { ctx, exchange: exchangeOf(clone, received(200, { data: UPID }), { pathParams: { node: 'pve1', vmid: '100' } }) };
  };

  it('polls the status operation on the same node, authorized, until the task stops', async () => {
    const { ctx, exchange } = started([{ data: { status: 'running' } }, { data: { status: 'stopped', exitstatus: 'OK' } }]);
    expect(await failureOf('async_task_completion', ctx, exchange)).toBeUndefined();
    expect(ctx.sent.map((r) => r.url)).toEqual([
      `http://api.test/base/nodes/pve1/tasks/${encodeURIComponent(UPID)}/status`,
      `http://api.test/base/nodes/pve1/tasks/${encodeURIComponent(UPID)}/status`,
    ]);
    expect(ctx.sent[0]?.headers.authorization).toBe('Bearer t');
  });

  it('fails a task that is still running when the bound is reached', async () => {
    const { ctx, exchange } = started([{ data: { status: 'running' } }]);
    const failure = await failureOf('async_task_completion', ctx, exchange);
    expect(failure?.title).toBe('Task never ended');
    expect(failure?.actual).toMatch(/still "running" after \d+ polls/);
  });

  it('fails an end state that breaks the documented schema', async () => {
    const { ctx, exchange } = started([{ data: { status: 'stopped', exitstatus: 1 } }]);
    expect((await failureOf('response_schema_conformance', ctx, exchange))?.title).toBe('Task end state does not match its schema');
  });

  it('fails a status that cannot be read', async () => {
    const ctx = contextAnswering([clone, status], () => received(500, { data: null, message: 'no such task' }));
    const exchange = exchangeOf(clone, received(200, { data: UPID }), { pathParams: { node: 'pve1', vmid: '100' } });
    expect((await failureOf('async_task_completion', ctx, exchange))?.title).toBe('Task status could not be read');
  });
});

describe('Proxmox VE details', () => {
  const status = operation({ id: 'getTaskStatus', path: '/nodes/{node}/tasks/{upid}/status', parameters: [], responses: [documented('200')] });

  it('reads the node from the UPID when the original request has none', async () => {
    const clone = operation({ id: 'cloneVm', method: 'POST', path: '/qemu/{vmid}/clone', parameters: [], responses: [documented('200')] });
    const ctx = contextAnswering([clone, status], () => received(200, { data: { status: 'stopped', exitstatus: 'OK' } }));
    const upid = UPID.replace(':pve1:', ':pve3:');
    expect(await failureOf('async_task_completion', ctx, exchangeOf(clone, received(200, { data: upid }), { pathParams: { vmid: '100' } }))).toBeUndefined();
    expect(ctx.sent[0]?.url).toBe(`http://api.test/base/nodes/pve3/tasks/${encodeURIComponent(upid)}/status`);
  });

  it('a declared UPID task that says nothing about failure still fails through exitstatus', async () => {
    const destroy = operation({
      id: 'deleteVm',
      method: 'DELETE',
      path: '/nodes/{node}/qemu/{vmid}',
      parameters: [],
      responses: [documented('200')],
      extensions: {
        'x-hypersim-task': { id: '/data', statusOperation: 'getTaskStatus', parameters: { node: '{path.node}', upid: '{id}' }, state: '/data/status', running: ['running'] },
      },
    });
    const read = operation({ id: 'getVm', path: '/nodes/{node}/qemu/{vmid}', parameters: [], responses: [documented('200')] });
    const ctx = contextAnswering([destroy, read, status], (request) =>
      request.url.includes('/tasks/') ? received(200, { data: { status: 'stopped', exitstatus: 'VM 100 is locked (clone)' } }) : received(200, { data: {} }),
    );
    const exchange = exchangeOf(destroy, received(200, { data: UPID }), { pathParams: { node: 'pve1', vmid: '100' } });
    expect(await failureOf('use_after_free', ctx, exchange)).toBeUndefined();
    expect(ctx.sent).toHaveLength(1);
  });
});

describe('other vendors', () => {
  it('vSphere: a task id only when the request asked for vmw-task=true', async () => {
    const clone = operation({ id: 'cloneVm', method: 'POST', path: '/api/vcenter/vm', parameters: [], responses: [documented('202')] });
    const status = operation({ id: 'getTask', path: '/api/cis/tasks/{task}', parameters: [], responses: [documented('200')] });
    const ctx = contextAnswering([clone, status], statusSequence(() => true, [{ status: 'RUNNING' }, { status: 'SUCCEEDED' }]));
    const plain = exchangeOf(clone, receivedJson(200, 'vm-1001'), { pathParams: {}, query: { action: 'clone' } });
    expect(await failureOf('async_task_completion', ctx, plain)).toBeUndefined();
    expect(ctx.sent).toEqual([]);
    const asTask = exchangeOf(clone, receivedJson(202, 'task-7'), { pathParams: {}, query: { action: 'clone', 'vmw-task': 'true' } });
    expect(await failureOf('async_task_completion', ctx, asTask)).toBeUndefined();
    expect(ctx.sent.map((r) => r.url)).toEqual(['http://api.test/base/api/cis/tasks/task-7', 'http://api.test/base/api/cis/tasks/task-7']);
  });

  it('Veeam: a Task body (TaskId + State) is followed through /tasks/{id}', async () => {
    const start = operation({ id: 'startJob', method: 'POST', path: '/api/jobs/{id}', responses: [documented('202')] });
    const status = operation({ id: 'getTask', path: '/api/tasks/{taskId}', parameters: [], responses: [documented('200')] });
    const ctx = contextAnswering([start, status], statusSequence(() => true, [{ TaskId: 'task-3', State: 'Running' }]));
    const exchange = exchangeOf(start, received(202, { TaskId: 'task-3', State: 'Running' }));
    expect((await failureOf('async_task_completion', ctx, exchange))?.title).toBe('Task never ended');
    expect(ctx.sent[0]?.url).toBe('http://api.test/base/api/tasks/task-3');
  });

  it('management layer: data.task_id is refreshed through refreshTaskStatus with a JSON body', async () => {
    const create = operation({ id: 'createFromBox', method: 'POST', path: '/api/v1/vm/create', parameters: [], responses: [documented('200')] });
    const refresh = operation({
      id: 'refreshTaskStatus',
      method: 'POST',
      path: '/api/v1/pve/refreshTaskStatus',
      parameters: [],
      body: { required: true, content: { 'application/json': { schema: {}, examples: [] } } },
      responses: [documented('200')],
    });
    const ctx = contextAnswering([create, refresh], statusSequence(() => true, [{ data: { status: 'in_progress' } }, { data: { status: 'completed' } }]));
    const exchange = exchangeOf(create, received(200, { code: 200, message: 'ok', data: { task_id: 'clone-1-2-3' } }));
    expect(await failureOf('async_task_completion', ctx, exchange)).toBeUndefined();
    expect(ctx.sent[0]).toMatchObject({ method: 'POST', body: '{"task_id":"clone-1-2-3"}', headers: { 'content-type': 'application/json' } });
  });
});

describe('x-hypersim-task declarations', () => {
  it('reports a declaration whose status operation is missing', async () => {
    const clone = operation({
      method: 'POST',
      responses: [documented('200')],
      extensions: { 'x-hypersim-task': { id: '/data', statusOperation: 'nowhere', state: '/data/status', running: ['running'] } },
    });
    const ctx = contextAnswering([clone], () => received(200));
    const failure = await failureOf('async_task_completion', ctx, exchangeOf(clone, received(200, { data: 'T1' })));
    expect(failure?.title).toBe('Task cannot be followed');
    expect(failure?.actual).toMatch(/"nowhere" is not in the spec/);
  });

  it('fills {path.X}, {query.X} and {body.X} from the original request', async () => {
    const start = operation({
      method: 'POST',
      path: '/zones/{zone}/jobs',
      parameters: [],
      responses: [documented('202')],
      extensions: {
        'x-hypersim-task': {
          id: '/job/id',
          statusOperation: 'getJob',
          parameters: { zone: '{path.zone}', job: '{id}', trace: '{query.trace}-{body.owner}' },
          state: '/state',
          running: ['busy'],
        },
      },
    });
    const getJob = operation({
      id: 'getJob',
      path: '/zones/{zone}/jobs/{job}',
      parameters: [
        { name: 'zone', in: 'path', required: true, schema: {}, examples: [] },
        { name: 'job', in: 'path', required: true, schema: {}, examples: [] },
        { name: 'trace', in: 'query', required: false, schema: {}, examples: [] },
      ],
      responses: [documented('200')],
    });
    const ctx = contextAnswering([start, getJob], () => received(200, { state: 'done' }));
    const exchange = exchangeOf(start, received(202, { job: { id: 42 } }), {
      pathParams: { zone: 'eu' },
      query: { trace: 't1' },
      body: { owner: 'ann' },
    });
    expect(await failureOf('async_task_completion', ctx, exchange)).toBeUndefined();
    expect(ctx.sent.map((r) => r.url)).toEqual(['http://api.test/base/zones/eu/jobs/42?trace=t1-ann']);
  });
});

describe('checks that wait for a task first', () => {
  const vmPath = '/nodes/{node}/qemu/{vmid}';
  const params = (names: string[]) => names.map((name) => ({ name, in: 'path' as const, required: true, schema: {}, examples: [] }));
  const destroy = operation({ id: 'deleteVm', method: 'DELETE', path: vmPath, parameters: params(['node', 'vmid']), responses: [documented('200')] });
  const read = operation({ id: 'getVmConfig', path: vmPath, parameters: params(['node', 'vmid']), responses: [documented('200')] });
  const status = operation({ id: 'getTaskStatus', path: '/nodes/{node}/tasks/{upid}/status', parameters: params(['node', 'upid']), responses: [documented('200')] });
  const pathParams = { node: 'pve1', vmid: '100' };

  function world(endState: Record<string, unknown>, readStatus: number) {
    return contextAnswering([destroy, read, status], (request) =>
      request.url.includes('/tasks/')
        ? received(200, { data: { status: 'stopped', ...endState } })
        : received(readStatus, { data: readStatus === 200 ? { name: 'web' } : null }),
    );
  }

  it('use_after_free reads the same path once the delete task has ended, and waits for the task only once', async () => {
    const ctx = world({ exitstatus: 'OK' }, 200);
    const exchange = exchangeOf(destroy, received(200, { data: UPID }), { pathParams });
    const failure = await failureOf('use_after_free', ctx, exchange);
    expect(failure?.title).toBe('Resource still readable after delete');
    await failureOf('async_task_completion', ctx, exchange);
    expect(ctx.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET http://api.test/base/nodes/pve1/tasks/${encodeURIComponent(UPID)}/status`,
      'GET http://api.test/base/nodes/pve1/qemu/100',
    ]);
  });

  it('use_after_free passes on a 404 (or a documented PVE 500) and skips a delete whose task failed', async () => {
    expect(await failureOf('use_after_free', world({ exitstatus: 'OK' }, 500), exchangeOf(destroy, received(200, { data: UPID }), { pathParams }))).toBeUndefined();
    const failedTask = world({ exitstatus: 'VM 100 is running - destroy failed' }, 200);
    expect(await failureOf('use_after_free', failedTask, exchangeOf(destroy, received(200, { data: UPID }), { pathParams }))).toBeUndefined();
    expect(failedTask.sent).toHaveLength(1);
  });

  it('ensure_resource_availability follows links with request-body values and keeps the path parameters', async () => {
    const clone = operation({
      id: 'cloneVm',
      method: 'POST',
      path: '/nodes/{node}/qemu/{vmid}/clone',
      parameters: params(['node', 'vmid']),
      responses: [documented('200', { links: { GetClone: { operationId: 'getVmConfig', parameters: { vmid: '$request.body#/newid' } } } })],
    });
    const ctx = world({ exitstatus: 'OK' }, 500);
    ctx.operations.push(clone);
    const exchange = exchangeOf(clone, received(200, { data: UPID }), { pathParams, body: { newid: 123 } });
    const failure = await failureOf('ensure_resource_availability', ctx, exchange);
    expect(failure?.title).toBe('Created resource is not available');
    expect(ctx.sent.at(-1)?.url).toBe('http://api.test/base/nodes/pve1/qemu/123');
  });
});

