import { useEffect, useState } from 'react';
import { fetchRecordAudit, otherSideReason, TransportError, type OtherReason } from '../../sync/index.ts';
import { useSyncEngine } from './engine.ts';

export type OtherReasonState = { kind: 'loading' } | { kind: 'offline' } | OtherReason;

/**
 * Why the other person changed the record: their signed audit entries, fetched from the server
 * when the card opens (the server's copy of a record carries no reason of its own).
 */
export function useOtherReason(key: string, server: { deviceId: string; at: string; version: number }): OtherReasonState {
  const engine = useSyncEngine();
  const [state, setState] = useState<OtherReasonState>({ kind: 'loading' });
  const { deviceId, at, version } = server;
  useEffect(() => {
    let live = true;
    void (async () => {
      const transport = await engine.transport();
      if (!transport) {
        if (live) setState({ kind: 'offline' });
        return;
      }
      try {
        const audit = await fetchRecordAudit(transport, key);
        if (live) setState(otherSideReason(audit, { deviceId, at }));
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        if (live) setState({ kind: 'offline' });
      }
    })();
    return () => {
      live = false;
    };
  }, [engine, key, deviceId, at, version]);
  return state;
}
