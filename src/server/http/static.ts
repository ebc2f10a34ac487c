import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

/**
 * Serves the built PWA. Hashed assets are cached for a year; everything that names them
 * (index.html, the service worker, the manifest) is revalidated on every load so that a new
 * version is found. The app routes with the URL hash, so only real files exist.
 */
export function mountStatic(app: Hono<AppEnv>, staticDir: string | undefined): void {
  const built = staticDir !== undefined && existsSync(join(staticDir, 'index.html'));
  if (!built) {
    app.get('/', (c) => c.html(NOT_BUILT, 503));
    return;
  }
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/') || c.res.status !== 200) return;
    const immutable = c.req.path.startsWith('/assets/') || /^\/workbox-[0-9a-f]+\.js$/.test(c.req.path);
    c.res.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  // The build keeps its source maps for debugging on the build machine (vite.config.ts: 'hidden');
  // the hall's server does not hand out the source they map to.
  app.use('*', async (c, next) => (c.req.path.endsWith('.map') ? c.text('Not found / Tidak ditemukan', 404) : next()));
  app.use('*', serveStatic({ root: staticDir }));
  app.get('*', (c) => c.text('Not found / Tidak ditemukan', 404));
}

const NOT_BUILT = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Rekap</title></head>
<body><h1>Aplikasi belum dibangun / The app is not built</h1>
<p>Jalankan <code>npm run build</code> lalu mulai ulang server (atau gunakan <code>npm start</code>).</p>
<p>Run <code>npm run build</code> and restart the server (or use <code>npm start</code>).</p></body></html>`;
