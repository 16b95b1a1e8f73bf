import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTarget, httpTarget, resolveBaseUrl, TargetError, TransportError } from '../src/target.js';

describe('resolveBaseUrl', () => {
  const server = 'https://localhost:8006/api2/json';
  it.each([
    ['https://pve.staging:8006', 'https://pve.staging:8006/api2/json'],
    ['https://pve.staging:8006/', 'https://pve.staging:8006/api2/json'],
    ['http://10.0.0.5', 'http://10.0.0.5/api2/json'],
    ['https://proxy.example/pve/api2/json/', 'https://proxy.example/pve/api2/json'],
  ])('%s + the spec server -> %s', (given, expected) => {
    expect(resolveBaseUrl(server, given)).toBe(expected);
  });

  it('uses the server as is without --base-url, and handles relative servers', () => {
    expect(resolveBaseUrl(server, undefined)).toBe(server);
    expect(resolveBaseUrl('/api/v1', 'https://h:9')).toBe('https://h:9/api/v1');
    expect(resolveBaseUrl(undefined, 'https://h:9')).toBe('https://h:9');
  });

  it('refuses what cannot work', () => {
    expect(() => resolveBaseUrl(undefined, undefined)).toThrow(TargetError);
    expect(() => resolveBaseUrl('/api', undefined)).toThrow(/not an absolute URL: give --base-url/);
    expect(() => resolveBaseUrl(server, 'pve.staging:8006x')).toThrow(/is not a URL|must use http/);
    expect(() => resolveBaseUrl(server, 'ftp://host')).toThrow(/must use http or https/);
  });
});

describe('fetchTarget', () => {
  it('reads status, reason phrase, lower-cased headers and JSON', async () => {
    const target = fetchTarget('http://x', async () => new Response('{"data":1}', { status: 201, statusText: 'Made', headers: { 'Content-Type': 'application/json;charset=UTF-8' } }), 1000);
    const response = await target.send({ method: 'POST', url: 'http://x/a', headers: {}, body: '{}' });
    expect(response).toMatchObject({ status: 201, statusText: 'Made', json: { data: 1 }, bodyText: '{"data":1}' });
    expect(response.headers['content-type']).toBe('application/json;charset=UTF-8');
  });

  it('turns a hanging endpoint into a TransportError after the timeout', async () => {
    const target = fetchTarget('http://x', () => new Promise<Response>(() => {}), 20);
    await expect(target.send({ method: 'GET', url: 'http://x/a', headers: {} })).rejects.toThrow(TransportError);
  });
});

describe('httpTarget over TLS', () => {
  let url = '';
  let caFile = '';
  let close: () => void = () => {};
  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    } as never);
    const dir = await mkdtemp(join(tmpdir(), 'hypersim-tls-'));
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, pems.cert);
    const server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('rejects a self-signed certificate by default', async () => {
    const target = await httpTarget({ baseUrl: url, timeoutMs: 5000 });
    await expect(target.send({ method: 'GET', url: `${url}/a`, headers: {} })).rejects.toThrow(TransportError);
    await target.close();
  });

  it('accepts it with --insecure, and with --ca', async () => {
    for (const options of [{ insecure: true }, { caFile }]) {
      const target = await httpTarget({ baseUrl: url, timeoutMs: 5000, ...options });
      const response = await target.send({ method: 'GET', url: `${url}/a?b=1`, headers: {} });
      expect(response.json).toEqual({ path: '/a?b=1' });
      await target.close();
    }
  });

  it('names an unreadable --ca file', async () => {
    await expect(httpTarget({ baseUrl: url, timeoutMs: 5000, caFile: '/nonexistent/ca.pem' })).rejects.toThrow(/--ca \/nonexistent\/ca.pem: cannot read/);
  });
});
