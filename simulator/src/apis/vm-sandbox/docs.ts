// What a FastAPI service serves beside its API: the OpenAPI document at /openapi.json and Swagger UI at
// /docs, its assets from the swagger-ui-dist package (no CDN: these machines may be offline).
import { Hono } from 'hono';
import type { OpenApiDocument } from '../../core/openapi.js';
import { swaggerAsset } from '../../core/swagger-assets.js';

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
  app.get('/docs/oauth2-redirect', (c) => swaggerAsset('oauth2-redirect.html') ?? c.notFound());
  app.get('/docs/:file', (c) => swaggerAsset(c.req.param('file')) ?? c.notFound());
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
