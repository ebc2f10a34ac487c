import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { DesaCode } from '../../domain/codes/codes.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { listTallySummaries } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { buildStatusIndex, type StatusIndex } from './status.ts';

export interface StatusList {
  index: StatusIndex;
  /** Damaged stored forms among those read (shown as empty, counted in a banner). */
  corrupt: number;
}

/**
 * Chips and per-desa counts, live, from the stored per-form summaries (src/db/tallySummary.ts):
 * of every desa, or only of the given desa. A list never reads or checks the forms themselves.
 * Undefined while loading — also while the rows of a previous scope are still at hand, so that
 * they are never shown as this scope's.
 */
export function useStatusIndex(setup: Setup, desa?: readonly DesaCode[]): StatusList | undefined {
  const db = useAppDb();
  // Every desa of the setup (the chair's "all days, all panels"): the whole table in one read.
  const scope = desa === undefined || coversEveryDesa(setup, desa) ? null : desa.join(',');
  const result = useLiveQuery(async () => {
    const only = scope === null ? undefined : (scope.split(',').filter(Boolean) as DesaCode[]);
    return { scope, only, list: await listTallySummaries(db, only === undefined ? {} : { desa: only }) };
  }, [db, scope]);
  return useMemo(() => {
    if (result === undefined || result.scope !== scope) return undefined;
    return { index: buildStatusIndex(setup, result.list.rows, result.only), corrupt: result.list.corrupt.length };
  }, [setup, result, scope]);
}

function coversEveryDesa(setup: Setup, desa: readonly DesaCode[]): boolean {
  if (desa.length === 0) return false;
  const wanted = new Set(desa);
  return setup.desa.every((d) => wanted.has(d.code));
}
