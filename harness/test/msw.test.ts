import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorHandlers } from '../src/msw.js';

describe('simulatorHandlers', () => {
  const server = setupServer(...simulatorHandlers({ api: 'pve' }));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('answers requests for the vendor base URL from an in-process simulator', async () => {
    const login = await fetch('https://localhost:8006/api2/json/access/ticket', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=root%40pam&password=hypersim',
    });
    expect(login.status).toBe(200);
    const { data } = (await login.json()) as { data: { ticket: string } };
    const vms = await fetch('https://localhost:8006/api2/json/nodes/pve1/qemu', { headers: { cookie: `PVEAuthCookie=${data.ticket}` } });
    expect(vms.status).toBe(200);
    expect(vms.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const list = (await vms.json()) as { data: Array<{ vmid: number }> };
    expect(list.data.map((vm) => vm.vmid)).toContain(100);
  });

  it('leaves other hosts alone', async () => {
    await expect(fetch('https://elsewhere.test/x')).rejects.toThrow();
  });
});
