// The few PVE calls the bench makes, over an undici Pool, with the ticket cookie and CSRF token of one login.
import type { Dispatcher, Pool } from 'undici';
import { BenchFailure } from './types.js';

export const API_BASE = '/api2/json';

export interface PveSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, form: Record<string, string | number>): Promise<T>;
  /** headers a GET needs (the ticket cookie), for callers that drive the pool themselves */
  readonly readHeaders: Record<string, string>;
}

async function dataOf<T>(method: string, path: string, response: Dispatcher.ResponseData): Promise<T> {
  const text = await response.body.text();
  if (response.statusCode !== 200) {
    throw new BenchFailure(`${method} ${path}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
  }
  return (JSON.parse(text) as { data: T }).data;
}

function formBody(form: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(form).map(([key, value]): [string, string] => [key, String(value)])).toString();
}

export async function login(pool: Pool, username = 'root@pam', password = 'hypersim'): Promise<PveSession> {
  const path = `${API_BASE}/access/ticket`;
  const ticket = await dataOf<{ ticket: string; CSRFPreventionToken: string }>('POST', path, await pool.request({
    method: 'POST', path, body: formBody({ username, password }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  }));
  const readHeaders = { cookie: `PVEAuthCookie=${encodeURIComponent(ticket.ticket)}` };
  const writeHeaders = {
    ...readHeaders, CSRFPreventionToken: ticket.CSRFPreventionToken, 'content-type': 'application/x-www-form-urlencoded',
  };
  return {
    readHeaders,
    async get<T>(relative: string): Promise<T> {
      const full = `${API_BASE}${relative}`;
      return dataOf<T>('GET', full, await pool.request({ method: 'GET', path: full, headers: readHeaders }));
    },
    async post<T>(relative: string, form: Record<string, string | number>): Promise<T> {
      const full = `${API_BASE}${relative}`;
      return dataOf<T>('POST', full, await pool.request({ method: 'POST', path: full, headers: writeHeaders, body: formBody(form) }));
    },
  };
}
