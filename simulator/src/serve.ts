// One HTTP(S) listener per configured API, each serving that API's Hono app through @hono/node-server.
import { createServer as createHttpsServer } from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type Http2Bindings, type HttpBindings, type ServerType } from '@hono/node-server';
import type { HypersimConfig } from './config.js';
import type { ApiName, Simulator } from './simulator.js';
import { loadTlsMaterial, type TlsMaterial } from './tls.js';

/** Where each API's own routes start, as its vendor puts them. */
export const BASE_PATHS: Readonly<Record<ApiName, string>> = {
  pve: '/api2/json', vsphere: '/api', 'veeam-em': '/api', 'pve-manager': '/api/v1', 'vm-sandbox': '/v1',
};

export type Log = (line: string) => void;

export type ServeConfig = Pick<HypersimConfig, 'apis' | 'host' | 'ports' | 'tls' | 'quiet' | 'dataDir' | 'cert' | 'key'>
  & Partial<Pick<HypersimConfig, 'sources'>>;

/** What startServers needs of a simulator: the Hono app of each API. */
export type AppSource = Pick<Simulator, 'app'>;

export interface Listener {
  api: ApiName;
  /** the port actually bound (differs from the configured one when that was 0) */
  port: number;
  tls: boolean;
  /** scheme://host:port, without a path */
  origin: string;
}

export interface RunningServers {
  listeners: Listener[];
  /** the TLS material in use, when at least one listener speaks HTTPS */
  tlsMaterial: TlsMaterial | undefined;
  close(): Promise<void>;
}

/** A listener could not start; the message is the one line to print. */
export class ListenError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'ListenError';
  }
}

type ListenerEnv = HttpBindings | Http2Bindings;
type AppFetch = (request: Request, env: ListenerEnv) => Response | Promise<Response>;

/** Node refuses control characters in a status line; a reason phrase is one line of Latin-1. */
function toReasonPhrase(statusText: string): string {
  const firstLine = statusText.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.replace(/[^\t\x20-\x7e\xa0-\xff]/g, '?').trim();
}

function setReasonPhrase(env: ListenerEnv, response: Response): void {
  let statusText: string;
  try {
    statusText = response.statusText;
  } catch {
    return; // node-server's lazy Response validates its init only now; the standard phrase will do
  }
  const phrase = toReasonPhrase(statusText);
  if (phrase !== '') (env.outgoing as ServerResponse).statusMessage = phrase;
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start === -1 ? '/' : url.slice(start);
}

/**
 * Wraps an app's fetch for the listener: sends the Response's statusText as the HTTP reason phrase (PVE puts
 * its error message there; node-server would send the standard phrase) and logs one line per request.
 * Only non-2xx responses are inspected: reading statusText makes node-server give up its fast path for the
 * response, and successful answers carry the standard phrase anyway.
 */
export function listenerFetch(appFetch: AppFetch, requestLog: Log | undefined, errorLog: Log) {
  return async function hypersimListener(request: Request, env: ListenerEnv): Promise<Response> {
    const started = performance.now();
    let response: Response;
    try {
      response = await appFetch(request, env);
    } catch (error) {
      errorLog(`hypersim: unhandled error in ${request.method} ${pathOf(request.url)}: ${(error as Error).message}`);
      response = new Response('Internal Server Error', { status: 500 });
    }
    if (response.status >= 300) setReasonPhrase(env, response);
    requestLog?.(`${request.method} ${pathOf(request.url)} ${response.status} ${Math.round(performance.now() - started)}ms`);
    return response;
  };
}

/** Where a setting was given, for messages; a built-in default is named by its flag. */
function sourceOf(config: ServeConfig, setting: 'host' | 'cert' | 'key' | 'data'): string {
  const source = config.sources?.[setting];
  return source === undefined || source === 'default' ? `--${setting}` : source;
}

function listenError(error: NodeJS.ErrnoException, api: ApiName, config: ServeConfig): ListenError {
  const port = config.ports[api];
  const hostSource = sourceOf(config, 'host');
  switch (error.code) {
    case 'EADDRINUSE':
      return new ListenError(`hypersim: ${api}: port ${port} is already in use (set --port ${api}=N)`, 1);
    case 'EACCES':
      return new ListenError(`hypersim: ${api}: no permission to listen on port ${port} (set --port ${api}=N)`, 1);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenError(`hypersim: ${hostSource}: cannot listen on '${config.host}' (not an address of this machine)`, 2);
    default:
      return new ListenError(`hypersim: ${api}: cannot listen on ${config.host}:${port} (${error.code ?? error.message})`, 1);
  }
}

function listen(server: ServerType, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // keep-alive connections would hold close() open until clients hang up
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function bannerLines(listeners: readonly Listener[]): string[] {
  const width = Math.max(9, ...listeners.map((listener) => listener.api.length + 1));
  return listeners.map(({ api, origin }) =>
    `${api.padEnd(width)}${origin}${BASE_PATHS[api]}  spec: ${origin}/_sim/openapi.json  control: ${origin}/_sim  dashboard: ${origin}/_sim/ui  docs: ${origin}/_sim/docs`);
}

function tlsLine(material: TlsMaterial): string {
  const where = material.certPath === undefined ? 'in memory' : material.certPath;
  return `TLS certificate: ${where} (${material.origin})  SHA-256 ${material.fingerprint256}`;
}

/**
 * Starts a listener per API in config.apis and prints where each one is. Rejects with a ListenError (and
 * closes whatever it had started) when a listener cannot start.
 */
export async function startServers(
  simulator: AppSource,
  config: ServeConfig,
  log: Log,
  options: { tlsMaterial?: TlsMaterial } = {},
): Promise<RunningServers> {
  const needsTls = config.apis.some((api) => config.tls[api]);
  const tlsMaterial = needsTls
    ? options.tlsMaterial ?? await loadTlsMaterial({
      ...config,
      sources: { cert: sourceOf(config, 'cert'), key: sourceOf(config, 'key'), data: sourceOf(config, 'data') },
    })
    : undefined;
  const servers: ServerType[] = [];
  const listeners: Listener[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(servers.map(closeServer));
  };
  for (const api of config.apis) {
    const app = simulator.app(api);
    const fetch = listenerFetch((request, env) => app.fetch(request, env), config.quiet ? undefined : log, log);
    const tls = config.tls[api] && tlsMaterial !== undefined;
    const server = tls
      ? createAdaptorServer({ fetch, createServer: createHttpsServer, serverOptions: { key: tlsMaterial.key, cert: tlsMaterial.cert } })
      : createAdaptorServer({ fetch });
    servers.push(server);
    try {
      const port = await listen(server, config.ports[api], config.host);
      listeners.push({ api, port, tls, origin: `${tls ? 'https' : 'http'}://${urlHost(config.host)}:${port}` });
    } catch (error) {
      await close();
      throw listenError(error as NodeJS.ErrnoException, api, config);
    }
    server.on('error', (error: Error) => log(`hypersim: ${api}: ${error.message}`));
  }
  for (const line of bannerLines(listeners)) log(line);
  if (tlsMaterial !== undefined) log(tlsLine(tlsMaterial));
  return { listeners, tlsMaterial, close };
}
