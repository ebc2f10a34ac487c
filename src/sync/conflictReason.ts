import type { AuditEntry } from '../domain/audit/index.ts';
import type { RecordAudit } from './auditHistory.ts';

/**
 * Why the other side changed the record, from their signed audit entries on the server: their
 * latest change up to their version (an op's time is its last write; a cell is committed a moment
 * later, hence the slack). `none`: that change gave no reason (typing a form is not a correction);
 * `not-yet`: their trail has not reached the server.
 */
export type OtherReason = { kind: 'reason'; reason: string; at: string } | { kind: 'none'; at: string } | { kind: 'not-yet' };

const SLACK_MS = 5 * 60_000;

export function otherSideReason(audit: Pick<RecordAudit, 'entries' | 'deviceIds'>, server: { deviceId: string; at: string }): OtherReason {
  const until = Date.parse(server.at) + SLACK_MS;
  let latest: AuditEntry | null = null;
  for (const entry of audit.entries) {
    if (audit.deviceIds.get(entry.device) !== server.deviceId || Date.parse(entry.at) > until) continue;
    if (!latest || Date.parse(entry.at) >= Date.parse(latest.at)) latest = entry;
  }
  if (!latest) return { kind: 'not-yet' };
  return latest.reason ? { kind: 'reason', reason: latest.reason, at: latest.at } : { kind: 'none', at: latest.at };
}
