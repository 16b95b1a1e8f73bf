// Refuses request bodies over a size, in the vendor's error shape. The Content-Length header decides
// when there is one; only bodies without it (chunked, or in-process Requests) are counted while read,
// because touching the body makes @hono/node-server build a full Request, which costs more than the
// rest of a simple read.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function limitBody(maxBytes: number, tooLarge: () => Response): MiddlewareHandler {
  const counting = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async function limitRequestBody(c, next) {
    // GET and HEAD bodies never reach a handler (the vendor decides how to answer one)
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined) return Number(length) > maxBytes ? tooLarge() : next();
    return counting(c, next);
  };
}
