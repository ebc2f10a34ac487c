import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../domain/audit/index.ts';
import { formatNumber, type LocalizedText } from '../../domain/common/text.ts';
import type { TallyKey } from '../../domain/tally/tally.ts';
import type { RekapDb } from '../../db/index.ts';
import { DexieSyncStore, fetchRecordAudit, TransportError, type EnrolledDevice } from '../../sync/index.ts';
import { syncEngineFor } from '../sync/engine.ts';
import { m } from './messages.ts';

export interface ServerAudit {
  /** Other devices' signed entries about this tally (this device's own are already local). */
  entries: readonly AuditEntry[];
  /** Why the list may be incomplete; null when it is what the server holds. */
  note: LocalizedText | null;
  /** Entries of any device (this one's too) whose edit the server refused, by `<device>#<seq>`, with the code. */
  refused: ReadonlyMap<string, string>;
  /** Each signing device as the server enrolled it, by key hash (issue 14: shown as who wrote an entry). */
  devices: ReadonlyMap<string, EnrolledDevice>;
}

const EMPTY: ServerAudit = { entries: [], note: null, refused: new Map(), devices: new Map() };

/**
 * A tally's audit entries from every device, fetched from the server when this device is enrolled:
 * when the form opens and whenever the record's server version moves (a pull brought another
 * device's change, or this device's change was acknowledged) — not on every local keystroke.
 * Offline the history shows what this device knows and says so. `pollMs`: ask again that often
 * too — a device watching the form (a witness) learns why it changed, whose audit entry can reach
 * the server after the change itself (each device sends its chain on its own schedule).
 */
export function useServerAudit(db: RekapDb, key: TallyKey, pollMs: number | null = null): ServerAudit {
  const [state, setState] = useState<ServerAudit>(EMPTY);
  const serverVersion = useLiveQuery(() => new DexieSyncStore(db).serverVersion(key), [db, key]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pollMs === null) return;
    const timer = setInterval(() => setTick((n) => n + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs]);
  useEffect(() => {
    // Wait for the version to be read, so that opening the form asks the server once.
    if (serverVersion === undefined) return;
    let live = true;
    void (async () => {
      const transport = await syncEngineFor(db).transport();
      if (!transport) return;
      try {
        const fetched = await fetchRecordAudit(transport, key);
        const note =
          fetched.rejected > 0
            ? { id: m.remoteRejected.id.replace('{n}', formatNumber(fetched.rejected, 'id')), en: m.remoteRejected.en.replace('{n}', formatNumber(fetched.rejected, 'en')) }
            : fetched.more
              ? m.remoteMore
              : null;
        if (live) setState({ entries: fetched.entries, note, refused: fetched.refused, devices: fetched.devices });
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        if (live) setState((s) => ({ ...s, note: m.remoteUnavailable }));
      }
    })();
    return () => {
      live = false;
    };
  }, [db, key, serverVersion, tick]);
  return state;
}
