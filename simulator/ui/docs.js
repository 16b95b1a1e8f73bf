// The listener's own OpenAPI document in Swagger UI, with "try it" sent to this listener (the spec's
// servers name the vendor's usual host and port, which is not where this simulator listens).
(async () => {
  const [spec, where] = await Promise.all([fetch('/_sim/openapi.json').then((r) => r.json()), fetch('/_sim/apis').then((r) => r.json())]);
  spec.servers = [{ url: `${location.origin}${where.basePath}`, description: `this simulator (${where.api})` }];
  window.ui = SwaggerUIBundle({ spec, dom_id: '#docs', deepLinking: true, tryItOutEnabled: false });
})();
