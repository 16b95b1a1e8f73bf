// Authentication by X-API-Key and by an OAuth2 password-flow bearer token; 401s in FastAPI's shape;
// users never see each other's objects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { BASE_SNAPSHOT, BASE_VM, OTHER_KEY, SandboxClient, sandboxSimulator } from './client.js';

let sim: Simulator;
let client: SandboxClient;
beforeEach(() => {
  sim = sandboxSimulator({ taskDurationScale: 0 });
  client = new SandboxClient(sim);
});
afterEach(() => sim.close());

async function token(username = 'default', password = 'hypersim') {
  return client.as({}).call('POST', '/v1/token', new URLSearchParams({ username, password }).toString(), 'application/x-www-form-urlencoded');
}

describe('credentials', () => {
  it('the API key of the default user', async () => {
    const answer = await client.call('GET', '/v1/vms');
    expect(answer.status).toBe(200);
    expect(answer.body.map((vm: any) => vm.vm_id)).toEqual([BASE_VM]);
  });

  it('a bearer token from POST /v1/token', async () => {
    const login = await token();
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{40}$/), token_type: 'bearer' });
    const bearer = client.as({ Authorization: `Bearer ${login.body.access_token}` });
    expect((await bearer.call('GET', `/v1/vms/${BASE_VM}`)).status).toBe(200);
    expect((await bearer.call('POST', '/v1/vms?wait=true', {})).body.status).toBe('running');
  });

  it('a token expires after 30 minutes of the simulator clock', async () => {
    const bearer = client.as({ Authorization: `Bearer ${(await token()).body.access_token}` });
    await client.advance(29 * 60);
    expect((await bearer.call('GET', '/v1/vms')).status).toBe(200);
    await client.advance(60);
    expect(await bearer.call('GET', '/v1/vms')).toMatchObject({ status: 401, body: { detail: 'Could not validate credentials' } });
  });

  it('a wrong password: 401 Incorrect username or password, with WWW-Authenticate', async () => {
    for (const answer of [await token('default', 'nope'), await token('nobody', 'hypersim')]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ detail: 'Incorrect username or password' });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it.each([
    ['no credentials', {}, 'Not authenticated'],
    ['a wrong key', { 'X-API-Key': 'hs-wrong-key' }, 'Could not validate credentials'],
    ['a wrong token', { Authorization: 'Bearer 0000' }, 'Could not validate credentials'],
    ['another scheme', { Authorization: 'Basic ZGVmYXVsdDpoeXBlcnNpbQ==' }, 'Not authenticated'],
    ['a wrong key beside a good token', { 'X-API-Key': 'x' }, 'Could not validate credentials'],
  ])('%s: 401 with WWW-Authenticate: Bearer', async (_what, headers, text) => {
    const answer = await client.as(headers).call('GET', '/v1/vms');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ detail: text });
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('isolation between users', () => {
  it("the second user sees none of the first user's VMs, snapshots or sessions, and cannot touch them", async () => {
    const other = client.as({ 'X-API-Key': OTHER_KEY });
    expect((await other.call('GET', '/v1/vms')).body).toEqual([]);
    expect((await other.call('GET', '/v1/snapshots')).body).toEqual([]);
    expect((await other.call('GET', '/v1/sessions')).body).toEqual([]);
    for (const [method, path] of [
      ['GET', `/v1/vms/${BASE_VM}`],
      ['DELETE', `/v1/vms/${BASE_VM}`],
      ['POST', `/v1/vms/${BASE_VM}/clone`],
      ['POST', `/v1/vms/${BASE_VM}/snapshot`],
      ['GET', `/v1/snapshots/${BASE_SNAPSHOT}`],
      ['DELETE', `/v1/snapshots/${BASE_SNAPSHOT}`],
      ['GET', '/v1/sessions/sess-0a1b2c3d4e5f'],
    ] as const) {
      expect((await other.call(method, path, method === 'POST' ? {} : undefined)).status, `${method} ${path}`).toBe(404);
    }
    expect((await other.call('POST', '/v1/vms', { snapshot_id: BASE_SNAPSHOT })).status).toBe(404);
    const own = await other.call('POST', '/v1/vms?wait=true', { memory_mb: 256 });
    expect(own.body.status).toBe('running');
    expect((await client.call('GET', `/v1/vms/${own.body.vm_id}`)).status).toBe(404);
    expect((await client.call('GET', '/v1/vms')).body.map((vm: any) => vm.vm_id)).toEqual([BASE_VM]);
    expect((await client.call('GET', `/v1/vms/${BASE_VM}`)).status).toBe(200);
  });
});
