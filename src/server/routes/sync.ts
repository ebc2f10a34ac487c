import type { Hono } from 'hono';
import { z } from 'zod';
import { MAX_OPS_PER_PUSH, PullQuerySchema, type PushResponse } from '../../api/index.ts';
import { text } from '../../domain/common/text.ts';
import { authenticate, currentDevice } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';
import { jsonBody, parseQuery } from '../http/body.ts';
import { handlePush, requireOpIds } from '../push/handle.ts';
import { pullBody } from './pullBody.ts';
import { pageProofs } from './pullProofs.ts';

/** The envelope only: each op is parsed on its own (see handlePush). */
const PushEnvelopeSchema = z.object({ ops: z.array(z.unknown()).min(1).max(MAX_OPS_PER_PUSH), manifest: z.unknown().optional(), signature: z.unknown().optional() });

/**
 * POST /api/push and GET /api/pull (docs/sync.md). Every enrolled role pushes: witnesses and
 * Panwascam file objections; what each op may change is the workflow's decision, per op.
 */
export function syncRoutes(api: Hono<AppEnv>, deps: Deps): void {
  api.post('/push', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const envelope = await jsonBody(c, PushEnvelopeSchema, text('Permintaan push', 'The push request'));
    requireOpIds(envelope.ops);
    const kecamatan = await deps.storage.kecamatan(device.kecamatan);
    if (!kecamatan) throw new Error(`kecamatan ${device.kecamatan} vanished`);
    const results = await handlePush(deps, device, kecamatan.setup, envelope);
    const counts = new Map<string, number>();
    for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    c.set('summary', [...counts].map(([s, n]) => `${s}=${n}`).join(' '));
    const body: PushResponse = { results };
    return c.json(body);
  });

  api.get('/pull', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const { since, limit } = parseQuery(c, PullQuerySchema, text('Parameter pull', 'The pull parameters'));
    const { changes, more } = await deps.storage.changeTexts(device.kecamatan, since, limit);
    const proven = await pageProofs(deps, device.kecamatan, changes);
    return c.body(pullBody(changes, changes.at(-1)?.seq ?? since, more, proven), 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}
