// The fixture API (fixtures/vms.yaml) as a fetch function, correct by default, with switchable defects
// so runner tests can show that a defect turns into a finding.
export type Defect = 'undocumented-status' | 'wrong-field-type' | 'missing-required-field' | 'crash-on-big-memory' | 'crash-on-bad-memory' | 'ignores-auth' | 'readable-after-delete' | 'wrong-content-type';

const KEY = 'k-1';
const NAME = /^[a-z][a-z0-9-]*$/;

interface Vm {
  id: string;
  name: string;
  memory: number;
}

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: body === undefined ? {} : { 'content-type': contentType } });
}

const error = (status: number, message: string) => json(status, { message });

export function vmsServer(defects: Defect[] = []) {
  const has = (defect: Defect) => defects.includes(defect);
  const vms = new Map<string, Vm>([['vm-1', { id: 'vm-1', name: 'web', memory: 512 }]]);
  const deleted = new Map<string, Vm>();
  let next = 2;
  const requests: Request[] = [];

  async function handle(request: Request): Promise<Response> {
    requests.push(request);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/api\/v1/, '');
    if (path === '/health') {
      if (request.method !== 'GET') return new Response(null, { status: 405, headers: { allow: 'GET' } });
      return has('undocumented-status') ? json(203, { status: 'ok' }) : json(200, { status: 'ok' });
    }
    const authorized = request.headers.get('x-api-key') === KEY;
    if (path === '/vms') {
      if (request.method !== 'GET' && request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'GET, POST' } });
      if (!authorized && !has('ignores-auth')) return error(401, 'no or bad API key');
      if (request.method === 'GET') {
        const limit = url.searchParams.get('limit');
        if (limit !== null && (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 50)) return error(400, 'bad limit');
        return json(200, [...vms.values()], has('wrong-content-type') ? 'text/plain' : 'application/json');
      }
      let body: unknown;
      try {
        body = JSON.parse(await request.text());
      } catch {
        return error(400, 'malformed JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return error(400, 'expected an object');
      const { name, memory, ...extra } = body as Record<string, unknown>;
      if (Object.keys(extra).length > 0) return error(400, 'unknown properties');
      if (typeof name !== 'string' || name.length < 1 || name.length > 20 || !NAME.test(name)) return error(400, 'bad name');
      if (typeof memory !== 'number' || !Number.isInteger(memory) || memory < 128 || memory > 4096) {
        return has('crash-on-bad-memory') ? error(500, 'internal error') : error(400, 'bad memory');
      }
      if (has('crash-on-big-memory') && memory > 2048) return error(500, 'out of memory');
      const vm = { id: `vm-${next++}`, name, memory };
      vms.set(vm.id, vm);
      return json(201, vm);
    }
    const match = /^\/vms\/([^/]+)$/.exec(path);
    if (match) {
      if (request.method !== 'GET' && request.method !== 'DELETE') return new Response(null, { status: 405, headers: { allow: 'GET, DELETE' } });
      if (!authorized && !has('ignores-auth')) return error(401, 'no or bad API key');
      const id = decodeURIComponent(match[1] as string);
      if (!/^vm-[0-9]+$/.test(id)) return error(400, 'bad id');
      const vm = vms.get(id) ?? (has('readable-after-delete') && request.method === 'GET' ? deleted.get(id) : undefined);
      if (!vm) return error(404, 'no such VM');
      if (request.method === 'GET') {
        if (has('wrong-field-type')) return json(200, { ...vm, memory: String(vm.memory) });
        if (has('missing-required-field')) return json(200, { id: vm.id, memory: vm.memory });
        return json(200, vm);
      }
      vms.delete(id);
      deleted.set(id, vm);
      return new Response(null, { status: 204 });
    }
    return error(404, 'no such path');
  }

  return { handle, requests, vms };
}
