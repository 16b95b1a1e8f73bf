import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect as connectNet, createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { Hono } from 'hono';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORTS, DEFAULT_TLS } from '../src/config.js';
import { ListenError, startServers, type RunningServers, type ServeConfig } from '../src/serve.js';
import { createSimulator, type ApiName } from '../src/simulator.js';
import { CERT_FILE, KEY_FILE, loadTlsMaterial, type TlsMaterial } from '../src/tls.js';


/** A stand-in for a simulator: each API's app answers a few fixed routes. */
function fakeSimulator() {
  const app = (api: ApiName) => new Hono()
    .get('/api2/json/version', (c) => c.json({ data: { api } }))
    .delete('/api2/json/fail', () => new Response('{"data":null,"message":"VM 100 is running - destroy failed\\n"}', {
      status: 500, statusText: 'VM 100 is running - destroy failed',
    }))
    .get('/multi', () => new Response(null, { status: 400, statusText: 'Parameter verification failed.' }))
    .get('/throws', () => {
      throw new Error('boom');
    });
  return { app };
}

function config(overrides: Partial<ServeConfig> = {}): ServeConfig {
  return {
    apis: ['pve'],
    host: '127.0.0.1',
    ports: { ...DEFAULT_PORTS, pve: 0, vsphere: 0 },
    tls: { ...DEFAULT_TLS, pve: false },
    quiet: false,
    dataDir: ':memory:',
    cert: undefined,
    key: undefined,
    ...overrides,
  };
}

/** Sends a raw request and returns everything the server wrote, to read the status line as sent. */
function rawExchange(port: number, request: string, tls: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls
      ? connectTls({ port, host: '127.0.0.1', rejectUnauthorized: false })
      : connectNet({ port, host: '127.0.0.1' });
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => { received += chunk; });
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
    socket.write(`${request}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

const running: RunningServers[] = [];
async function start(overrides: Partial<ServeConfig> = {}, tlsMaterial?: TlsMaterial) {
  const lines: string[] = [];
  const servers = await startServers(fakeSimulator(), config(overrides), (line) => lines.push(line), { tlsMaterial });
  running.push(servers);
  return { servers, lines };
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((servers) => servers.close()));
});

let material: TlsMaterial;
beforeAll(async () => {
  material = await loadTlsMaterial({ dataDir: ':memory:', host: '127.0.0.1', cert: undefined, key: undefined });
});

describe('listeners', () => {
  it('binds port 0 to a free port, one per API, and prints where each API is', async () => {
    const { servers, lines } = await start({ apis: ['pve', 'vsphere'] }, material);
    const [pve, vsphere] = servers.listeners;
    expect(pve?.port).toBeGreaterThan(0);
    expect(vsphere?.port).toBeGreaterThan(0);
    expect(pve?.port).not.toBe(vsphere?.port);
    const origin = `http://127.0.0.1:${pve?.port}`;
    expect(lines[0]).toBe(`pve      ${origin}/api2/json  spec: ${origin}/_sim/openapi.json  control: ${origin}/_sim  dashboard: ${origin}/_sim/ui  docs: ${origin}/_sim/docs`);
    expect(lines[1]).toMatch(/^vsphere  https:\/\/127\.0\.0\.1:\d+\/api  spec: /);
    const response = await fetch(`${origin}/api2/json/version`);
    expect(await response.json()).toEqual({ data: { api: 'pve' } });
  });

  it('sends the statusText as the reason phrase on the wire (HTTP)', async () => {
    const { servers } = await start();
    const port = servers.listeners[0]?.port ?? 0;
    const reply = await rawExchange(port, 'DELETE /api2/json/fail HTTP/1.1', false);
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 500 VM 100 is running - destroy failed');
    const multi = await rawExchange(port, 'GET /multi HTTP/1.1', false);
    expect(multi.split('\r\n')[0]).toBe('HTTP/1.1 400 Parameter verification failed.');
    const ok = await rawExchange(port, 'GET /api2/json/version HTTP/1.1', false);
    expect(ok.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    const unknown = await rawExchange(port, 'GET /nowhere HTTP/1.1', false);
    expect(unknown.split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
  });

  it('sends the reason phrase over HTTPS too, with the given certificate', async () => {
    const { servers, lines } = await start({ tls: { ...DEFAULT_TLS, pve: true } }, material);
    const listener = servers.listeners[0];
    expect(listener?.tls).toBe(true);
    expect(lines[0]).toContain(`https://127.0.0.1:${listener?.port}/api2/json`);
    expect(lines).toContain(`TLS certificate: in memory (memory)  SHA-256 ${material.fingerprint256}`);
    const reply = await rawExchange(listener?.port ?? 0, 'DELETE /api2/json/fail HTTP/1.1', true);
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 500 VM 100 is running - destroy failed');
  });

  it('logs one line per request: METHOD PATH STATUS MSms', async () => {
    const { servers, lines } = await start();
    const origin = `http://127.0.0.1:${servers.listeners[0]?.port}`;
    await (await fetch(`${origin}/api2/json/version?full=1`)).text();
    await (await fetch(`${origin}/api2/json/fail`, { method: 'DELETE' })).text();
    const requestLines = lines.slice(1);
    expect(requestLines).toHaveLength(2);
    expect(requestLines[0]).toMatch(/^GET \/api2\/json\/version\?full=1 200 \d+ms$/);
    expect(requestLines[1]).toMatch(/^DELETE \/api2\/json\/fail 500 \d+ms$/);
  });

  it('logs no request lines when quiet, but still prints where it listens', async () => {
    const { servers, lines } = await start({ quiet: true });
    await (await fetch(`http://127.0.0.1:${servers.listeners[0]?.port}/api2/json/version`)).text();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pve /);
  });

  it('answers 500 without crashing when the app throws past its own error handler', async () => {
    const broken = { app: () => ({ fetch: () => { throw new Error('kaput'); } }) } as unknown as ReturnType<typeof fakeSimulator>;
    const lines: string[] = [];
    const servers = await startServers(broken, config(), (line) => lines.push(line));
    running.push(servers);
    const response = await fetch(`http://127.0.0.1:${servers.listeners[0]?.port}/x`);
    expect(response.status).toBe(500);
    expect(lines).toContain('hypersim: unhandled error in GET /x: kaput');
  });

  it('reports a port in use in one line, and leaves no listener behind', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const lines: string[] = [];
      const attempt = startServers(fakeSimulator(), config({ apis: ['vsphere', 'pve'], ports: { ...DEFAULT_PORTS, vsphere: 0, pve: taken } }), (line) => lines.push(line));
      await expect(attempt).rejects.toThrow(ListenError);
      await expect(attempt).rejects.toMatchObject({
        message: `hypersim: pve: port ${taken} is already in use (set --port pve=N)`,
        exitCode: 1,
      });
      expect(lines).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('close() frees the ports', async () => {
    const { servers } = await start();
    const port = servers.listeners[0]?.port ?? 0;
    await servers.close();
    const again = await start({ ports: { ...DEFAULT_PORTS, pve: port } });
    expect(again.servers.listeners[0]?.port).toBe(port);
  });
});

describe('TLS material', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hypersim-tls-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a self-signed certificate on first start and reuses it afterwards', async () => {
    const dataDir = join(dir, 'data');
    const first = await loadTlsMaterial({ dataDir, host: 'sim.example.test', cert: undefined, key: undefined });
    expect(first.origin).toBe('generated');
    expect(existsSync(join(dataDir, CERT_FILE))).toBe(true);
    expect(statSync(join(dataDir, KEY_FILE)).mode & 0o077).toBe(0);
    const x509 = new X509Certificate(first.cert);
    expect(x509.subject).toContain('CN=hypersim');
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.subjectAltName).toContain('DNS:sim.example.test');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x509.subjectAltName).toContain('IP Address:0:0:0:0:0:0:0:1');
    expect(x509.checkPrivateKey(createPrivateKey(first.key))).toBe(true);
    expect(first.fingerprint256).toBe(x509.fingerprint256);

    const second = await loadTlsMaterial({ dataDir, host: 'sim.example.test', cert: undefined, key: undefined });
    expect(second.origin).toBe('reused');
    expect(second.fingerprint256).toBe(first.fingerprint256);
  });

  it('puts a configured IP address into the certificate as an IP SAN', async () => {
    const generated = await loadTlsMaterial({ dataDir: ':memory:', host: '10.1.2.3', cert: undefined, key: undefined });
    expect(new X509Certificate(generated.cert).subjectAltName).toContain('IP Address:10.1.2.3');
    expect(generated.certPath).toBeUndefined();
  });

  it('reads a given certificate and key, and rejects a key that does not belong to it', async () => {
    const certPath = join(dir, 'given-cert.pem');
    const keyPath = join(dir, 'given-key.pem');
    writeFileSync(certPath, material.cert);
    writeFileSync(keyPath, material.key);
    const given = await loadTlsMaterial({ dataDir: ':memory:', host: '127.0.0.1', cert: certPath, key: keyPath });
    expect(given).toMatchObject({ origin: 'given', certPath, fingerprint256: material.fingerprint256 });

    const other = await loadTlsMaterial({ dataDir: ':memory:', host: '127.0.0.1', cert: undefined, key: undefined });
    const otherKeyPath = join(dir, 'other-key.pem');
    writeFileSync(otherKeyPath, other.key);
    const mismatch = loadTlsMaterial({ dataDir: ':memory:', host: '127.0.0.1', cert: certPath, key: otherKeyPath });
    await expect(mismatch).rejects.toThrow(ConfigError);
    await expect(mismatch).rejects.toThrow('hypersim: --key: the key does not belong to the certificate');
    const missing = loadTlsMaterial({ dataDir: ':memory:', host: '127.0.0.1', cert: join(dir, 'nope.pem'), key: keyPath, sources: { cert: 'HYPERSIM_CERT' } });
    await expect(missing).rejects.toThrow(`hypersim: HYPERSIM_CERT: cannot read '${join(dir, 'nope.pem')}' (no such file)`);
    expect(readFileSync(certPath, 'utf8')).toBe(material.cert);
  });

  it('startServers generates and keeps the certificate in the data dir when TLS is on', async () => {
    const dataDir = join(dir, 'serve-data');
    const { servers, lines } = await start({ dataDir, tls: { ...DEFAULT_TLS, pve: true } });
    expect(servers.tlsMaterial?.origin).toBe('generated');
    expect(lines.at(-1)).toBe(`TLS certificate: ${join(dataDir, CERT_FILE)} (generated)  SHA-256 ${servers.tlsMaterial?.fingerprint256}`);
    const peer = await new Promise<string>((resolve, reject) => {
      const socket = connectTls({ port: servers.listeners[0]?.port ?? 0, host: '127.0.0.1', rejectUnauthorized: false }, () => {
        resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(peer).toBe(servers.tlsMaterial?.fingerprint256);
  });
});

describe('with the real simulator', () => {
  it('serves PVE over HTTPS: reason phrases on the wire, login, and its spec under /_sim', async () => {
    const simulator = createSimulator({
      dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['pve'], taskDurationScale: 0,
    });
    try {
      const lines: string[] = [];
      const servers = await startServers(simulator, config({ tls: { ...DEFAULT_TLS, pve: true } }), (line) => lines.push(line), { tlsMaterial: material });
      running.push(servers);
      const port = servers.listeners[0]?.port ?? 0;
      const origin = `https://127.0.0.1:${port}`;
      const unauthenticated = await rawExchange(port, 'GET /api2/json/nodes HTTP/1.1', true);
      expect(unauthenticated.split('\r\n')[0]).toBe('HTTP/1.1 401 No ticket');

      const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
      const login = await undiciFetch(`${origin}/api2/json/access/ticket`, {
        method: 'POST',
        body: new URLSearchParams({ username: 'root@pam', password: 'hypersim' }),
        dispatcher,
      });
      expect(login.status).toBe(200);
      const { data } = (await login.json()) as { data: { ticket: string; CSRFPreventionToken: string } };
      expect(data.ticket).toMatch(/^PVE:root@pam:/);

      const spec = await undiciFetch(`${origin}/_sim/openapi.json`, { dispatcher });
      expect(spec.status).toBe(200);
      expect(((await spec.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
      await dispatcher.close();

      expect(lines).toContainEqual(expect.stringMatching(/^GET \/api2\/json\/nodes 401 \d+ms$/));
      expect(lines).toContainEqual(expect.stringMatching(/^POST \/api2\/json\/access\/ticket 200 \d+ms$/));
    } finally {
      await Promise.all(running.splice(0).map((servers) => servers.close()));
      simulator.close();
    }
  });
});
