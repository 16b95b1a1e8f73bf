// What a FastAPI service serves beside its API: the OpenAPI document at /openapi.json and Swagger UI at
// /docs, its assets read from the swagger-ui-dist package (no CDN: these machines may be offline).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { OpenApiDocument } from '../../core/openapi.js';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'oauth2-redirect.js': 'text/javascript; charset=utf-8',
};

let assetDir: string | undefined;
const assetCache = new Map<string, Uint8Array<ArrayBuffer>>();

function asset(name: string): Uint8Array<ArrayBuffer> {
  let content = assetCache.get(name);
  if (!content) {
    assetDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    content = new Uint8Array(readFileSync(join(assetDir, name)));
    assetCache.set(name, content);
  }
  return content;
}

function docsPage(title: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<link type="text/css" rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="shortcut icon" href="/docs/favicon-32x32.png">
<title>${escapeHtml(title)} - Swagger UI</title>
</head>
<body>
<div id="swagger-ui">
</div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>
const ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  layout: 'BaseLayout',
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
})
</script>
</body>
</html>`;
}

export function docsRoutes(document: OpenApiDocument): Hono {
  const app = new Hono();
  const specText = JSON.stringify(document);
  const page = docsPage(String(document.info.title ?? 'API'));
  app.get('/openapi.json', (c) => c.body(specText, 200, { 'content-type': 'application/json' }));
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/oauth2-redirect', (c) => c.body(asset('oauth2-redirect.html'), 200, { 'content-type': 'text/html; charset=utf-8' }));
  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/docs/${name}`, (c) => c.body(asset(name), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' }));
  }
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
