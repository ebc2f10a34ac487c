import type { ConflictRow } from '../../../src/db/v3Types.ts';
import { tallyKey, type Tally } from '../../../src/domain/tally/tally.ts';

/** A form's open conflict: the server's copy (version 2) against the local record. */
export function conflictRow(server: Tally, local: Tally | null): ConflictRow {
  return {
    kind: 'tally',
    key: tallyKey(server),
    server: { version: 2, record: server, hash: 'a'.repeat(64), deviceId: 'dev-1', actor: 'Ketua', at: '2026-02-15T01:00:00.000Z' },
    local,
    opId: null,
    source: 'pull',
    detectedAt: '2026-02-15T01:00:01.000Z',
  };
}
