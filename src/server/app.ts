import { Hono } from 'hono';
import type { ServerKeyResponseSchema } from '../api/index.ts';
import type { z } from 'zod';
import { DEFAULT_CODE_TTL_MS } from './admin.ts';
import type { AppEnv, AppOptions, Deps } from './context.ts';
import { Notifier } from './events/notifier.ts';
import { BODY_LIMIT } from './http/body.ts';
import { requestLog } from './http/log.ts';
import { ApiProblem, problems } from './http/problem.ts';
import { securityHeaders } from './http/security.ts';
import { mountStatic } from './http/static.ts';
import { auditRoutes } from './routes/audit.ts';
import { blobRoutes } from './routes/blobs.ts';
import { deviceRoutes } from './routes/devices.ts';
import { enrolRoutes } from './routes/enrol.ts';
import { kabupatenRoutes, SUMMARY_IMPORT_BODY_LIMIT, SUMMARY_IMPORT_PATH } from './routes/kabupaten.ts';
import { eventRoutes } from './routes/events.ts';
import { syncRoutes } from './routes/sync.ts';

/** 200 ops of the largest form (DPR, ~170 cells) stay well below this. */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;
export { BODY_LIMIT };

/**
 * The sync server as a Hono app: the PWA's static files and /api (src/api/protocol.ts). It holds
 * no state of its own beyond the storage, so tests drive it in-process with app.request() and
 * several processes can share one PostgreSQL.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const deps: Deps = {
    storage: options.storage,
    serverKey: options.serverKey,
    log: options.log,
    now: options.now ?? (() => new Date()),
    notifier: options.notifier ?? new Notifier(),
    codeTtlMs: options.codeTtlMs ?? DEFAULT_CODE_TTL_MS,
    publicUrl: options.publicUrl ?? (() => null),
  };
  const app = new Hono<AppEnv>();
  app.use('*', requestLog(options.log));
  app.use('*', securityHeaders(options.connectSrc ? { connectSrc: options.connectSrc } : {}));

  const api = new Hono<AppEnv>();
  const pushLimit = options.pushBodyLimit ?? PUSH_BODY_LIMIT;
  const limit = options.bodyLimit ?? BODY_LIMIT;
  // A kecamatan's signed summary carries every TPS's figures.
  const importLimit = options.summaryImportBodyLimit ?? SUMMARY_IMPORT_BODY_LIMIT;
  // Only the limit is decided here; the body is read by the route's jsonBody, after
  // authenticate(), so no byte of an unauthenticated body is read (docs/deployment.md, "Memory
  // under unauthenticated load"). Pushes carry up to MAX_OPS_PER_PUSH whole forms and audit
  // segments (up to MAX_AUDIT_PER_PUSH entries with before → after) are as large; every other
  // request is small.
  const limitOf = (method: string, path: string): number =>
    method !== 'POST' ? limit : path === SUMMARY_IMPORT_PATH ? importLimit : path === '/api/push' || path === '/api/audit' ? pushLimit : limit;
  api.use('*', (c, next) => {
    c.set('bodyLimit', limitOf(c.req.method, c.req.path));
    return next();
  });
  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.get('/server-key', (c) => {
    const body: z.infer<typeof ServerKeyResponseSchema> = { publicKey: deps.serverKey.publicJwk, fingerprint: deps.serverKey.fingerprint };
    return c.json(body);
  });
  enrolRoutes(api, deps);
  syncRoutes(api, deps);
  eventRoutes(api, deps, { pollMs: options.eventsPollMs ?? 5000, heartbeatMs: options.eventsHeartbeatMs ?? 20_000 });
  deviceRoutes(api, deps);
  kabupatenRoutes(api, deps);
  auditRoutes(api, deps);
  blobRoutes(api, deps);
  api.all('*', () => {
    throw problems.notFound();
  });
  app.route('/api', api);

  mountStatic(app, options.staticDir);

  app.onError((error, c) => {
    const problem = error instanceof ApiProblem ? error : problems.internal();
    if (!(error instanceof ApiProblem)) {
      options.log({ level: 'error', msg: 'unhandled error', method: c.req.method, path: c.req.path, error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
    }
    return c.json(problem.body(), problem.status);
  });
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json(problems.notFound().body(), 404) : c.text('Not found / Tidak ditemukan', 404)));
  return app;
}
