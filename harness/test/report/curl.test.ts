import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeholdersUsed, shellWord, toCurl } from '../../src/report/curl.js';

const run = promisify(execFile);

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('toCurl', () => {
  let base = '';
  const seen: Seen[] = [];
  let close: () => void = () => {};
  beforeAll(async () => {
    const server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('quotes words so the shell hands curl exactly the original text', () => {
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('Cookie: PVEAuthCookie=T0K', [{ value: 'T0K', placeholder: 'HYPERSIM_AUTH' }])).toBe(`'Cookie: PVEAuthCookie='"$HYPERSIM_AUTH"`);
  });

  it('reproduces method, URL, headers and body exactly, with secrets taken from the environment', async () => {
    const ticket = 'PVE:root@pam:6748E2D0::a+b/c=';
    const body = `{"name":"it's \`$(whoami)\` \\"q\\"\\n","x":"$HOME"}`;
    const command = toCurl(
      {
        method: 'POST',
        url: `${base}/api2/json/nodes/pve1/qemu?x=a%20b&y=$z`,
        headers: { 'Content-Type': 'application/json', Cookie: `PVEAuthCookie=${ticket}`, CSRFPreventionToken: 'CSRF1' },
        body,
      },
      { secrets: [{ value: ticket, placeholder: 'HYPERSIM_AUTH' }, { value: 'CSRF1', placeholder: 'HYPERSIM_CSRF' }] },
    );
    expect(command).not.toContain(ticket);
    expect(placeholdersUsed(command)).toEqual(['HYPERSIM_AUTH', 'HYPERSIM_CSRF']);
    await run('bash', ['-c', command], { env: { ...process.env, HYPERSIM_AUTH: ticket, HYPERSIM_CSRF: 'CSRF1' } });
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api2/json/nodes/pve1/qemu?x=a%20b&y=$z');
    expect(request?.headers.cookie).toBe(`PVEAuthCookie=${ticket}`);
    expect(request?.headers.csrfpreventiontoken).toBe('CSRF1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toBe(body);
  });

  it('adds -k for insecure targets and uses -I for HEAD', () => {
    expect(toCurl({ method: 'GET', url: 'https://h/x', headers: {} }, { insecure: true })).toBe(`curl -sS -i -k -X GET 'https://h/x'`);
    expect(toCurl({ method: 'HEAD', url: 'https://h/x', headers: {} })).toBe(`curl -sS -i -I 'https://h/x'`);
  });
});
