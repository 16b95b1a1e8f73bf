// What only a real listener shows: bodies judged by their framing, and the reason phrase on the wire.
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, DEFAULT_TLS } from '../../src/config.js';
import { type RunningServers, startServers } from '../../src/serve.js';
import type { Simulator } from '../../src/simulator.js';
import { pveOverHttps, testSimulator } from '../helpers.js';

let sim: Simulator;
let servers: RunningServers;
let port: number;

beforeAll(async () => {
  sim = testSimulator();
  servers = await startServers(
    sim,
    { apis: ['pve'], host: '127.0.0.1', ports: { ...DEFAULT_PORTS, pve: 0 }, tls: { ...DEFAULT_TLS, pve: false }, quiet: true, dataDir: ':memory:', cert: undefined, key: undefined },
    () => {},
  );
  port = servers.listeners[0]!.port;
});
afterAll(async () => {
  await servers.close();
  sim.close();
});

/** Writes raw HTTP and returns the status line. */
function statusLine(head: string, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('\r\n')) {
        resolve(received.split('\r\n')[0]!);
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.write(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n${body}`);
  });
}

describe('PVE over a real listener', () => {
  it('answers a GET that carries a body with 501', async () => {
    expect(await statusLine('GET /api2/json/version HTTP/1.1\r\nContent-Length: 3', 'x=1')).toBe("HTTP/1.1 501 Unexpected content for method 'GET'");
  });

  it('answers 413 from the Content-Length alone, and for chunked bodies that grow too large', async () => {
    expect(await statusLine(`POST /api2/json/access/ticket HTTP/1.1\r\nContent-Length: ${2 * 1024 * 1024}`)).toBe('HTTP/1.1 413 request entity too large');
    const chunk = 'a'.repeat(512 * 1024);
    const chunked = [chunk, chunk, chunk].map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('') + '0\r\n\r\n';
    expect(await statusLine('POST /api2/json/access/ticket HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded', chunked)).toBe(
      'HTTP/1.1 413 request entity too large',
    );
  });

  it('sends PVE error messages as the reason phrase', async () => {
    expect(await statusLine('GET /api2/json/nodes HTTP/1.1')).toBe('HTTP/1.1 401 No ticket');
  });
});

describe('connection faults over a real listener', () => {
  const rules = (connection: string) =>
    sim.fetch('pve')(new Request('http://pve.test/_sim/faults', { method: 'PUT', body: JSON.stringify([{ api: 'pve', operationId: 'getVersion', connection }]) }));
  const token = 'Authorization: PVEAPIToken=root@pam!ci=8d5a7c52-8c4b-4a8e-9f0e-2b7c1d3e4f50';

  /** Sends a request and reports how the connection ended: the bytes received and whether it was reset. */
  function outcome(timeoutMs: number): Promise<{ received: string; reset: boolean; timedOut: boolean }> {
    return new Promise((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      let received = '';
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ received, reset: false, timedOut: true });
      }, timeoutMs);
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ received, reset: error.code === 'ECONNRESET', timedOut: false });
      });
      socket.on('end', () => {
        clearTimeout(timer);
        resolve({ received, reset: false, timedOut: false });
      });
      socket.write(`GET /api2/json/version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${token}\r\n\r\n`);
    });
  }

  it('resets, closes empty, or hangs as the rule says', async () => {
    await rules('reset');
    expect(await outcome(5_000)).toMatchObject({ received: '', reset: true });
    await rules('empty');
    expect(await outcome(5_000)).toMatchObject({ received: '', reset: false, timedOut: false });
    await rules('hang');
    expect(await outcome(300)).toMatchObject({ received: '', timedOut: true });
    await sim.fetch('pve')(new Request('http://pve.test/_sim/faults', { method: 'PUT', body: '[]' }));
    expect((await outcome(5_000)).received).toMatch(/^HTTP\/1.1 200 OK/);
  });
});

describe('connection faults over HTTPS', () => {
  it('resets the TCP connection under TLS too (a TLS socket has no TCP handle of its own to reset)', async () => {
    const pve = await pveOverHttps();
    try {
      await pve.sim.fetch('pve')(new Request('http://pve.test/_sim/faults', { method: 'PUT', body: JSON.stringify([{ api: 'pve', operationId: 'getVersion', connection: 'reset' }]) }));
      const ended = await new Promise<{ code?: string; received: string }>((resolve) => {
        const socket = tlsConnect({ port: pve.port, host: '127.0.0.1', rejectUnauthorized: false }, () => {
          socket.write('GET /api2/json/version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: PVEAPIToken=root@pam!ci=8d5a7c52-8c4b-4a8e-9f0e-2b7c1d3e4f50\r\n\r\n');
        });
        let received = '';
        socket.setEncoding('latin1');
        socket.on('data', (chunk: string) => (received += chunk));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code, received }));
        socket.on('end', () => resolve({ received }));
      });
      expect(ended).toEqual({ code: 'ECONNRESET', received: '' });
    } finally {
      await pve.close();
    }
  });
});
