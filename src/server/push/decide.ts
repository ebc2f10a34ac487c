import type { Op, ServerRecord } from '../../api/index.ts';
import { desaOfTps } from '../../domain/codes/codes.ts';
import { mayWriteTallies, tallyLockedFor, type Actor, type Refusal } from '../../domain/workflow/index.ts';

/** What the idempotency log holds about an op decided earlier. */
export interface SeenOp {
  hash: string;
  status: 'applied' | 'conflict' | 'locked';
  version: number | null;
  seq: number | null;
}

export type Decision =
  | { kind: 'replay-applied'; version: number; seq: number }
  | { kind: 'replay-conflict'; server: ServerRecord }
  | { kind: 'replay-locked'; server: ServerRecord | null }
  | { kind: 'reused-op-id' }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'locked'; server: ServerRecord }
  | { kind: 'apply'; version: number }
  | { kind: 'conflict'; server: ServerRecord }
  | { kind: 'unknown-base'; baseVersion: number };

/**
 * The server's rule for one op (docs/sync.md), taken inside the kecamatan's write lock: a known op
 * id repeats its first answer (or is refused when the content differs); a device that may not
 * write the form at all (a reading role, another panel) is refused whatever the versions, so its
 * op is never kept as a conflict; a form the workflow locks
 * for this actor (final, or its desa finalised) is `locked` whatever its base; otherwise the op
 * applies on top of exactly the version it was made from — and then the workflow decides whether
 * the change itself is allowed (src/server/push/workflow.ts) — and anything else is kept as a
 * conflict for a person to resolve.
 */
export function decide(op: Op, actor: Actor, seen: SeenOp | null, current: ServerRecord | null, desaFinal = false): Decision {
  if (seen) {
    if (seen.hash !== op.hash) return { kind: 'reused-op-id' };
    switch (seen.status) {
      case 'applied':
        return { kind: 'replay-applied', version: seen.version ?? 0, seq: seen.seq ?? 0 };
      case 'conflict':
        // Records are never deleted, so the record a conflict was answered with still exists.
        if (current) return { kind: 'replay-conflict', server: current };
        break;
      case 'locked':
        return { kind: 'replay-locked', server: current };
    }
  }
  if (op.kind === 'tally') {
    const scope = mayWriteTallies(actor, desaOfTps(op.record.tps));
    if (scope) return { kind: 'refused', refusal: scope };
  }
  if (current?.kind === 'tally' && op.kind === 'tally' && tallyLockedFor(current.record.status, op.record.status, actor, desaFinal)) return { kind: 'locked', server: current };
  const version = current?.version ?? 0;
  if (op.baseVersion === version) return { kind: 'apply', version: version + 1 };
  if (!current) return { kind: 'unknown-base', baseVersion: op.baseVersion };
  return { kind: 'conflict', server: current };
}
