// Calls msw handlers as a plain fetch function: no global patching, so test files run in parallel.
import { getResponse, type HttpHandler } from 'msw';

export type FetchFunction = (request: Request) => Promise<Response>;

export function fetchThrough(handlers: HttpHandler[]): FetchFunction {
  return async (request) =>
    (await getResponse(handlers, request)) ?? new Response('no handler', { status: 404, statusText: 'Not Found' });
}
