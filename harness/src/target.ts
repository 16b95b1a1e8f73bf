// Where requests go: a live base URL (with TLS options, through undici) or the simulator in-process
// (its fetch function, no port). Either way the rest of the harness sees one `send` function.
import { readFile } from 'node:fs/promises';
import type { ReceivedResponse, SentRequest } from './types.js';

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/**
 * The spec's first server with the scheme, host and port of `baseUrl`; the server's path is kept unless
 * `baseUrl` has a path of its own. `https://pve.staging:8006` + `https://localhost:8006/api2/json`
 * -> `https://pve.staging:8006/api2/json`. No trailing slash.
 */
export function resolveBaseUrl(specServer: string | undefined, baseUrl: string | undefined): string {
  const server = specServer ?? '';
  if (baseUrl === undefined) {
    if (!/^https?:\/\//i.test(server)) {
      throw new TargetError(
        server ? `the spec's server '${server}' is not an absolute URL: give --base-url` : 'the spec has no servers: give --base-url',
      );
    }
    return trimSlash(server);
  }
  let given: URL;
  try {
    given = new URL(baseUrl);
  } catch {
    throw new TargetError(`--base-url '${baseUrl}' is not a URL (expected e.g. https://pve.example:8006)`);
  }
  if (given.protocol !== 'http:' && given.protocol !== 'https:') {
    throw new TargetError(`--base-url '${baseUrl}' must use http or https`);
  }
  const ownPath = given.pathname !== '/' && given.pathname !== '';
  const serverPath = ownPath ? given.pathname : serverPathOf(server);
  return trimSlash(`${given.protocol}//${given.host}${serverPath}`);
}

function serverPathOf(server: string): string {
  if (/^https?:\/\//i.test(server)) return new URL(server).pathname;
  // relative servers such as "/api2/json" or "api2/json"
  if (!server) return '';
  return server.startsWith('/') ? server : `/${server}`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export type FetchFunction = (request: Request) => Promise<Response>;

export interface Target {
  baseUrl: string;
  insecure: boolean;
  /** send one request and read the whole response; network failures throw TransportError */
  send(request: SentRequest): Promise<ReceivedResponse>;
  close(): Promise<void>;
}

export class TransportError extends Error {
  constructor(readonly request: SentRequest, message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpTargetOptions {
  baseUrl: string;
  insecure?: boolean;
  /** PEM file with extra trusted certificate authorities */
  caFile?: string;
  timeoutMs: number;
}

export async function httpTarget(options: HttpTargetOptions): Promise<Target> {
  let ca: string | undefined;
  if (options.caFile) {
    try {
      ca = await readFile(options.caFile, 'utf8');
    } catch {
      throw new TargetError(`--ca ${options.caFile}: cannot read the file`);
    }
  }
  // undici takes over half a second to load; a dry run or an in-process run never needs it
  const { Agent, fetch: undiciFetch } = await import('undici');
  const agent = new Agent({
    connect: { rejectUnauthorized: !options.insecure, ...(ca ? { ca } : {}) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const fetchFunction: FetchFunction = async (request) => {
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: request.body ? await request.text() : undefined,
      signal: request.signal,
      dispatcher: agent,
      redirect: 'manual',
    });
    return response as unknown as Response;
  };
  return {
    baseUrl: options.baseUrl,
    insecure: options.insecure === true,
    send: (request) => sendThrough(fetchFunction, request, options.timeoutMs),
    close: () => agent.close(),
  };
}

/** A target over any fetch function (the in-process simulator, an msw-backed fetch, a test double). */
export function fetchTarget(baseUrl: string, fetchFunction: FetchFunction, timeoutMs: number, onClose?: () => void): Target {
  return {
    baseUrl,
    insecure: false,
    send: (request) => sendThrough(fetchFunction, request, timeoutMs),
    close: async () => onClose?.(),
  };
}

const BODYLESS = new Set(['GET', 'HEAD']);

export async function sendThrough(fetchFunction: FetchFunction, sent: SentRequest, timeoutMs: number): Promise<ReceivedResponse> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TransportError(sent, `no response within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const started = performance.now();
  try {
    const request = new Request(sent.url, {
      method: sent.method,
      headers: sent.headers,
      body: sent.body !== undefined && !BODYLESS.has(sent.method) ? sent.body : undefined,
      signal: controller.signal,
    });
    const response = await Promise.race([fetchFunction(request), timeout]);
    const bodyText = await Promise.race([response.text(), timeout]);
    return toReceived(response, bodyText, performance.now() - started);
  } catch (error) {
    if (error instanceof TransportError) throw error;
    throw new TransportError(sent, `request failed: ${describeNetworkError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function toReceived(response: Response, bodyText: string, elapsedMs: number): ReceivedResponse {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const received: ReceivedResponse = { status: response.status, statusText: response.statusText, headers, bodyText, elapsedMs };
  const contentType = headers['content-type'] ?? '';
  if (/json/i.test(contentType) && bodyText.length > 0) {
    try {
      received.json = JSON.parse(bodyText);
    } catch {
      // not JSON after all: the content-type check reports it
    }
  }
  return received;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  if (cause?.message) return `${error.message}: ${cause.message}`;
  return error.message;
}
