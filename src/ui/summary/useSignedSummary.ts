import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { ContestId } from '../../domain/tally/contest.ts';
import { kecamatanFinalisationState } from '../../db/index.ts';
import { checkSignedSummary, loadSignedSummary, summarySource, type SignedSummaryState } from '../../db/summary.ts';
import { useAppDb } from '../common/db.ts';

/**
 * The contest's last signed summary and whether it still matches the data on this device, live:
 * any change to a tally, the setup or a finalisation re-checks it (undefined while checking).
 * Reading is a live query; the comparison hashes with Web Crypto, outside the query.
 */
export function useSignedSummary(contest: ContestId): SignedSummaryState | undefined {
  const db = useAppDb();
  const inputs = useLiveQuery(async () => {
    const record = await loadSignedSummary(db, contest);
    return { contest, record, source: record ? await summarySource(db, [contest]) : null };
  }, [db, contest]);
  const [checked, setChecked] = useState<{ inputs: typeof inputs; state: SignedSummaryState }>();

  useEffect(() => {
    if (!inputs) return;
    let live = true;
    void (async () => {
      let state: SignedSummaryState;
      if (!inputs.record || !inputs.source) state = { kind: 'none' };
      else if (!inputs.source.ok) state = { kind: 'error', message: inputs.source.error.message };
      else state = await checkSignedSummary(inputs.source.value, inputs.record, inputs.contest);
      if (live) setChecked({ inputs, state });
    })();
    return () => {
      live = false;
    };
  }, [inputs]);

  // Never the verdict on older data: while a change is being checked, say "checking".
  return checked && checked.inputs === inputs ? checked.state : undefined;
}

/** Whether the kecamatan × contest is finalised, live (undefined while loading). */
export function useContestFinal(contest: ContestId): boolean | undefined {
  const db = useAppDb();
  return useLiveQuery(async () => {
    const state = await kecamatanFinalisationState(db, contest);
    return state.ok ? state.value.final : false;
  }, [db, contest]);
}
