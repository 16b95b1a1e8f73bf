// Login, tokens on the virtual clock, roles, and the envelope for bad input and unknown routes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { testSimulator } from '../helpers.js';
import { advance, ManagerClient, setFaults } from './client.js';

let sim: Simulator;
beforeEach(() => {
  sim = testSimulator({ apis: ['pve-manager'] });
});
afterEach(() => sim.close());

describe('login', () => {
  it('answers a signed token, the user and its expiry in the envelope', async () => {
    const res = await new ManagerClient(sim).send('POST', '/auth/login', { email: 'alice@hypersim.local', password: 'hypersim' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({ code: 200, message: 'Login successful', data: { user: { email: 'alice@hypersim.local', role: 'user' } } });
    expect(res.body.data.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(res.body.data.expires_at) - Date.parse((await clockNow()) as string)).toBe(86_400_000);
  });

  it('refuses a wrong password or an unknown email with 401', async () => {
    const client = new ManagerClient(sim);
    for (const body of [{ email: 'alice@hypersim.local', password: 'nope' }, { email: 'eve@hypersim.local', password: 'hypersim' }]) {
      const res = await client.send('POST', '/auth/login', body);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 401, message: 'Invalid email or password', data: null });
    }
  });

  it('answers 400 for missing fields, malformed JSON and a body that is not an object', async () => {
    const client = new ManagerClient(sim);
    expect((await client.send('POST', '/auth/login', { email: 'alice@hypersim.local' })).body).toEqual({ code: 400, message: 'Email and password are required', data: null });
    expect((await client.send('POST', '/auth/login', '{"email": ')).body).toEqual({ code: 400, message: 'Invalid JSON in request body', data: null });
    expect((await client.send('POST', '/auth/login', '[1, 2]')).body).toEqual({ code: 400, message: 'Request body must be a JSON object', data: null });
    const wrongType = await client.send('POST', '/auth/login', { email: 42, password: 'hypersim' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain("'email'");
  });
});

async function clockNow(): Promise<string> {
  const res = await sim.fetch('pve-manager')(new Request('http://manager.test/_sim/clock'));
  return ((await res.json()) as { now: string }).now;
}

describe('tokens', () => {
  it('401 without a token, with a forged one, and once it expired on the virtual clock', async () => {
    const anonymous = new ManagerClient(sim);
    expect((await anonymous.send('GET', '/vm/getUserOwned')).body).toEqual({ code: 401, message: 'Unauthorized: No token provided', data: null });
    const alice = await new ManagerClient(sim).login('alice@hypersim.local');
    expect((await alice.send('GET', '/vm/getUserOwned')).status).toBe(200);
    const forged = new ManagerClient(sim);
    forged.token = `${alice.token!.slice(0, -4)}AAAA`;
    expect((await forged.send('GET', '/vm/getUserOwned')).body).toEqual({ code: 401, message: 'Unauthorized: Invalid token', data: null });
    forged.token = 'not-a-token';
    expect((await forged.send('GET', '/vm/getUserOwned')).status).toBe(401);
    await advance(sim, 86_400 - 1);
    expect((await alice.send('GET', '/vm/getUserOwned')).status).toBe(200);
    await advance(sim, 1);
    expect((await alice.send('GET', '/vm/getUserOwned')).body).toEqual({ code: 401, message: 'Unauthorized: Token expired', data: null });
  });

  it('a token signed for another simulator does not verify', async () => {
    const other = testSimulator({ apis: ['pve-manager'], seed: 2 });
    try {
      const foreign = await new ManagerClient(other).login('alice@hypersim.local');
      const here = new ManagerClient(sim);
      here.token = foreign.token;
      expect((await here.send('GET', '/vm/getUserOwned')).status).toBe(401);
    } finally {
      other.close();
    }
  });
});

describe('roles', () => {
  it('only a SuperAdmin clones templates and lists every plan (403 for admin and user)', async () => {
    for (const email of ['admin@hypersim.local', 'alice@hypersim.local']) {
      const client = await new ManagerClient(sim).login(email);
      const clone = await client.send('POST', '/template/manage/clone', {});
      expect(clone.status).toBe(403);
      expect(clone.body).toEqual({ code: 403, message: 'Forbidden: SuperAdmin access required', data: null });
      expect((await client.send('GET', '/superadmin/crp/getAll')).status).toBe(403);
    }
    const root = await new ManagerClient(sim).login('superadmin@hypersim.local');
    const plans = await root.send('GET', '/superadmin/crp/getAll');
    expect(plans.status).toBe(200);
    expect(plans.body.data.find((p: any) => p.name === 'tight').users).toEqual(['bob@hypersim.local']);
  });
});

describe('routes', () => {
  it('a known path with another method answers 405 with Allow; an unknown path 404, both in the envelope', async () => {
    const alice = await new ManagerClient(sim).login('alice@hypersim.local');
    const wrongMethod = await alice.send('PUT', '/vm/getUserOwned');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(wrongMethod.body.code).toBe(405);
    const unknown = await alice.send('GET', '/vm/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 404, data: null });
  });

  it("fault rules for this API's own operations answer in the envelope", async () => {
    const alice = await new ManagerClient(sim).login('alice@hypersim.local');
    await setFaults(sim, [{ api: 'pve-manager', operationId: 'getUserOwnedVms', error: { status: 503, message: 'maintenance' }, maxCount: 1 }]);
    const faulted = await alice.send('GET', '/vm/getUserOwned');
    expect(faulted.status).toBe(503);
    expect(faulted.body).toEqual({ code: 503, message: 'maintenance', data: null });
    expect((await alice.send('GET', '/vm/getUserOwned')).status).toBe(200);
  });
});
