// Swagger UI's files from the swagger-ui-dist package, read once and served from memory: the control
// plane's /_sim/docs and any API that serves its own docs page (FastAPI's /docs) use the same ones.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'oauth2-redirect.html': 'text/html; charset=utf-8',
  'oauth2-redirect.js': 'text/javascript; charset=utf-8',
};

let swaggerDir: string | undefined;
const cache = new Map<string, Uint8Array<ArrayBuffer>>();

/** The named Swagger UI file as a response, or undefined when it is not one of the files served. */
export function swaggerAsset(name: string): Response | undefined {
  const type = SWAGGER_FILES[name];
  if (type === undefined) return undefined;
  let body = cache.get(name);
  if (body === undefined) {
    swaggerDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    body = new Uint8Array(readFileSync(join(swaggerDir, name)));
    cache.set(name, body);
  }
  return new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } });
}
