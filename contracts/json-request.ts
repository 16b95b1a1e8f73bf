// The request a JSON API's small client sends: the body, when there is one, as JSON.
import type { SentRequest } from '../harness/src/types.js';

export function jsonRequest(method: string, url: string, body?: unknown): SentRequest {
  return {
    method,
    url,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}
