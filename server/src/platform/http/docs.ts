import type Router from '@koa/router';
import fs from 'node:fs';
import path from 'node:path';

const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png'];

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>共治 Gongzhi API 文档</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true });`;

/** A browsable API page served from the locally installed swagger-ui-dist (no CDN: works offline). */
export function docsRoutes(router: Router) {
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = PAGE;
  });
  router.get('/api/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = INIT;
  });
  for (const f of ASSETS) {
    router.get(`/api/docs/${f}`, (ctx) => {
      ctx.type = path.extname(f);
      ctx.set('Cache-Control', 'public, max-age=86400');
      ctx.body = fs.createReadStream(path.join(dist, f));
    });
  }
}
