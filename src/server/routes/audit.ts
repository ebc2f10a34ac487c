import type { Hono } from 'hono';
import {
  AuditAlarmReportSchema,
  AuditPushRequestSchema,
  auditRefusalStatus,
  auditRefusalText,
  MAX_RECORD_AUDIT,
  RecentAuditQuerySchema,
  RecordAuditQuerySchema,
  type AuditHeadResponse,
  type AuditRefusal,
  type AuditRefused,
  type RecordAuditResponse,
} from '../../api/index.ts';
import { text } from '../../domain/common/text.ts';
import { receiveChain } from '../audit/receive.ts';
import { authenticate, currentDevice } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';
import { jsonBody, parseQuery } from '../http/body.ts';

/**
 * POST /api/audit, GET /api/audit/head, POST /api/audit/alarm, GET /api/audit/recent, GET /api/audit?record=<key>. Every enrolled device keeps
 * an audit chain (witnesses and Panwascam record objections too), so every role may push its own
 * and read everyone's, like the change feed; revoked devices are refused by authenticate().
 */
export function auditRoutes(api: Hono<AppEnv>, deps: Deps): void {
  api.post('/audit', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const { entries } = await jsonBody(c, AuditPushRequestSchema, text('Kiriman rantai audit', 'The audit chain push'));
    const result = await receiveChain(deps, device, entries);
    if (!result.ok) {
      const refusal = result.error;
      // Someone's history failing its checks is an integrity event, not noise: always logged.
      deps.log({ level: 'warn', msg: 'audit chain refused', deviceId: device.id, kecamatan: device.kecamatan, refusal });
      c.set('summary', `audit refused ${refusal.kind}`);
      return c.json(refusalBody(refusal), auditRefusalStatus(refusal));
    }
    const { head, checkpoint } = result.value;
    c.set('summary', `audit head=${head?.seq ?? 0} checkpoint=${checkpoint?.n ?? 0}`);
    const body: AuditHeadResponse = { head, checkpoint, log: await deps.storage.latestCheckpoint(device.kecamatan, null) };
    return c.json(body);
  });

  api.get('/audit/head', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const [head, checkpoint, log] = await Promise.all([
      deps.storage.chainHead(device.kecamatan, device.keyHash),
      deps.storage.latestCheckpoint(device.kecamatan, device.keyHash),
      deps.storage.latestCheckpoint(device.kecamatan, null),
    ]);
    const body: AuditHeadResponse = { head, checkpoint, log };
    return c.json(body);
  });

  // A device's receipt contradicts what the server answers (issue 14): an integrity event, logged.
  api.post('/audit/alarm', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const report = await jsonBody(c, AuditAlarmReportSchema, text('Laporan alarm audit', 'The audit alarm report'));
    deps.log({ level: 'warn', msg: 'audit receipt alarm', deviceId: device.id, kecamatan: device.kecamatan, kind: report.kind, receipt: report.receipt?.n ?? null });
    c.set('summary', `audit alarm ${report.kind}`);
    return c.json({ received: true as const });
  });

  // Newest first across the kecamatan: what witnesses and Panwascam watch during the plenary.
  api.get('/audit/recent', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const query = parseQuery(c, RecentAuditQuerySchema, text('Parameter riwayat terbaru', 'The recent history parameters'));
    const { items, more } = await deps.storage.recentChainEntries(device.kecamatan, query.prefix ?? null, query.limit);
    const body: RecordAuditResponse = { items, more };
    return c.json(body);
  });

  api.get('/audit', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const query = parseQuery(c, RecordAuditQuerySchema, text('Parameter riwayat audit', 'The audit history parameters'));
    const { items, more } = await deps.storage.chainEntriesOf(device.kecamatan, query.record, query.kind, MAX_RECORD_AUDIT);
    const body: RecordAuditResponse = { items, more };
    return c.json(body);
  });
}

function refusalBody(refusal: AuditRefusal): AuditRefused {
  const code = auditRefusalStatus(refusal) === 409 ? 'conflict' : 'unprocessable';
  return { error: { code, message: auditRefusalText(refusal), refusal } };
}
