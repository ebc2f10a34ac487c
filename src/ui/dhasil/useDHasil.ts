import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useMemo } from 'react';
import { desaOfTps, type DesaCode, type TpsCode } from '../../domain/codes/codes.ts';
import { desaTable, kecamatanTable, type DHasilTable } from '../../domain/export/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { Tally } from '../../domain/tally/tally.ts';
import { computeTotals, type TotalsReport } from '../../domain/totals/index.ts';
import { listTallies } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';

export interface ContestTallies {
  contest: ContestId;
  tallies: Tally[];
  /** Stored rows that fail the schema: left out of the sums and reported on screen. */
  corrupt: number;
  /** When each form last changed on this device (typed here or pulled from the server). */
  updates: readonly { tps: TpsCode; at: string }[];
}

/** The stored tallies of one contest, live (undefined while loading). */
export function useContestTallies(contest: ContestId): ContestTallies | undefined {
  const db = useAppDb();
  // The contest travels with the rows: right after a switch the previous contest's rows may still be
  // the latest result, and they must not be summed as the new contest's.
  const list = useLiveQuery(async () => ({ contest, list: await listTallies(db, { contest }) }), [db, contest]);
  return useMemo(
    () =>
      list
        ? { contest: list.contest, tallies: list.list.rows.map((r) => r.tally), corrupt: list.list.corrupt.length, updates: list.list.rows.map((r) => ({ tps: r.tps, at: r.updatedAt })) }
        : undefined,
    [list],
  );
}

export interface DHasilData {
  report: TotalsReport;
  table: DHasilTable | null;
  tallies: readonly Tally[];
  corrupt: number;
  /** True while a newer set of tallies is being summed (the figures shown are the previous ones). */
  stale: boolean;
  /** The last change of a form in the area shown (ISO time), null when none: "diperbarui" on screen. */
  updatedAt: string | null;
}

/** The newest change among the forms of the area (a desa's TPS, or the whole kecamatan). */
export function lastUpdate(updates: ContestTallies['updates'], desa: DesaCode | undefined): string | null {
  let last: string | null = null;
  for (const u of updates) if ((!desa || desaOfTps(u.tps) === desa) && (last === null || Date.parse(u.at) > Date.parse(last))) last = u.at;
  return last;
}

/**
 * The D.Hasil of a contest for the kecamatan (desa undefined) or one desa, recomputed from the live
 * tallies (never stored). Summing a 1,591-TPS kecamatan takes tens of milliseconds, so the tallies
 * go through useDeferredValue: a change made elsewhere re-sums in a background render while the
 * current table stays on screen and responsive, and the memos skip work when nothing changed.
 */
export function useDHasil(setup: Setup, contest: ContestId, desa: DesaCode | undefined): DHasilData | undefined {
  const live = useContestTallies(contest);
  const deferred = useDeferredValue(live);
  const current = deferred?.contest === contest ? deferred : undefined;
  const report = useMemo(() => (current ? computeTotals(current.tallies, current.contest, setup) : undefined), [current, setup]);
  const table = useMemo(() => {
    if (!report || !current) return null;
    return desa ? desaTable(report, setup, desa, current.tallies) : kecamatanTable(report, setup);
  }, [report, current, setup, desa]);
  const updatedAt = useMemo(() => (current ? lastUpdate(current.updates, desa) : null), [current, desa]);
  if (!report || !current) return undefined;
  return { report, table, tallies: current.tallies, corrupt: current.corrupt, stale: current !== live, updatedAt };
}
