import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { LocalizedText } from '../../domain/common/text.ts';
import type { ConflictRow } from '../../db/index.ts';
import type { SignedCheckpoint } from '../../domain/audit/index.ts';
import { DexieSyncStore, type AuditAlarmState, type AuditRefusedState, type EngineState, type Enrolment, type FailedOp, type RefusedChange, type SyncCounts } from '../../sync/index.ts';
import { useAppDb } from '../common/db.ts';
import { useEngineState } from './engine.ts';

export interface SyncStatus {
  loading: boolean;
  enrolment: Enrolment | null;
  counts: SyncCounts;
  lastSyncAt: string | null;
  /** The engine's latest failure in this tab, else the one stored by whichever tab synced last. */
  lastError: LocalizedText | null;
  failed: FailedOp[];
  /** The last audit entry the server acknowledged (0: none). */
  auditSent: number;
  auditRefused: AuditRefusedState | null;
  /** Pulled changes refused because they are not what their device signed. */
  pullRefused: RefusedChange[];
  /** The server's latest signed checkpoint of this device's audit chain (issue 14). */
  auditReceipt: SignedCheckpoint | null;
  /** The server's answer contradicted that receipt: shown until acknowledged. */
  auditAlarm: AuditAlarmState | null;
  engine: EngineState;
}

/**
 * The sync status for the header and the sync screen: the stored part is shared by every tab (a
 * live query over the app's database), the engine's part is this tab's.
 */
export function useSyncStatus(): SyncStatus {
  const db = useAppDb();
  const engineState = useEngineState();
  const store = useMemo(() => new DexieSyncStore(db), [db]);
  const stored = useLiveQuery(() => store.meta(), [store]);
  const counts = useLiveQuery(() => store.counts(), [store]);
  return {
    loading: stored === undefined || counts === undefined,
    enrolment: stored?.enrolment ?? null,
    counts: counts ?? { pending: 0, conflicts: 0, failed: 0 },
    lastSyncAt: stored?.lastSyncAt ?? null,
    lastError: engineState.lastError ?? stored?.lastError ?? null,
    failed: stored?.failed ?? [],
    auditSent: stored?.auditSent ?? 0,
    auditRefused: stored?.auditRefused ?? null,
    pullRefused: stored?.pullRefused ?? [],
    auditReceipt: stored?.auditReceipt ?? null,
    auditAlarm: stored?.auditAlarm ?? null,
    engine: engineState,
  };
}

/** Open conflicts, live. */
export function useConflicts(): ConflictRow[] | undefined {
  const db = useAppDb();
  const store = useMemo(() => new DexieSyncStore(db), [db]);
  return useLiveQuery(() => store.conflicts(), [store]);
}
