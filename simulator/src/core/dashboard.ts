// The pages served under /_sim: the dashboard (/_sim/ui, plain HTML and JS from simulator/ui/) and the
// API's interactive documentation (/_sim/docs, Swagger UI from the swagger-ui-dist package). Nothing is
// loaded from the network: every file comes from this package or its dependencies.
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { packageFile } from './package-files.js';
import { swaggerAsset } from './swagger-assets.js';

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
};

/** URL name -> where the file is; only these are served. */
const DASHBOARD_FILES: Record<string, () => string> = {
  'dashboard.js': () => packageFile('simulator', 'ui', 'dashboard.js'),
  'dashboard.css': () => packageFile('simulator', 'ui', 'dashboard.css'),
};
const DOCS_FILES: Record<string, () => string> = {
  'docs.js': () => packageFile('simulator', 'ui', 'docs.js'),
};

const cache = new Map<string, Buffer>();

function serveFile(path: string): Response {
  let body = cache.get(path);
  if (body === undefined) {
    body = readFileSync(path);
    cache.set(path, body);
  }
  const type = CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
  return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'cache-control': 'no-cache' } });
}

/** Adds GET /ui, /ui/<file>, /docs and /docs/<file> to the control plane's app. */
export function dashboardRoutes(app: Hono): void {
  app.get('/ui', () => serveFile(packageFile('simulator', 'ui', 'dashboard.html')));
  app.get('/ui/', (c) => c.redirect('/_sim/ui'));
  app.get('/ui/:file', (c) => {
    const file = DASHBOARD_FILES[c.req.param('file')];
    return file ? serveFile(file()) : c.json({ error: `no dashboard file ${c.req.param('file')}` }, 404);
  });
  app.get('/docs', () => serveFile(packageFile('simulator', 'ui', 'docs.html')));
  app.get('/docs/', (c) => c.redirect('/_sim/docs'));
  app.get('/docs/:file', (c) => {
    const file = DOCS_FILES[c.req.param('file')];
    if (file) return serveFile(file());
    return swaggerAsset(c.req.param('file')) ?? c.json({ error: `no docs file ${c.req.param('file')}` }, 404);
  });
}
